/**
 * The composition root of everything that is not Electron: it reads the
 * managed policy, opens the encrypted store with its key from the vault,
 * builds the services, and returns the dispatcher. The Electron shell
 * (main/shell) and the browser test host (main/browser-host) both start the
 * app through this one function, so they run exactly the same code; only the
 * transport that carries requests differs.
 */
import path from 'node:path';
import type { PolicyStatus } from '../../common/ipc/types';
import type { Result } from '../../common/ipc/result';
import { StaffSession } from '../services/auth/staff-session';
import type { Vault } from '../services/vault/vault';
import { loadPolicy } from '../services/policy/policy';
import { openCareHomeStore, type StoreOpening } from '../services/store/open-store';
import { createDispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { createAccessCheck } from './access';
import { createServices, type Services } from './services';

export interface CareHomeCoreOptions {
  /** The folder that holds the encrypted database (Electron's userData in the app). */
  readonly dataDir: string;
  readonly vault: Vault;
  readonly policyPath: string;
  /** The clock; tests move it forward to test idle locks and lockouts. */
  readonly now?: () => Date;
  /** Technical log for faults; never given patient data or secrets. */
  readonly log?: (message: string) => void;
  /** What only the desktop window can do; absent in the browser test host. */
  readonly desktop?: DesktopControls;
}

export interface DesktopControls {
  /** Leaves kiosk mode (full screen, no way out) for this run of the app. */
  leaveKiosk(): void;
}

export interface CareHomeCore {
  /** A new, signed-out session for one window or one browser-host connection. */
  openSession(): StaffSession;
  dispatch(session: StaffSession, channel: unknown, request: unknown): Promise<Result<unknown>>;
  readonly policy: PolicyStatus;
  readonly store: StoreOpening;
  close(): void;
}

export const DATABASE_FILE_NAME = 'care-home.db';

export async function startCareHomeCore(options: CareHomeCoreOptions): Promise<CareHomeCore> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message: string) => console.error(message));
  const policy = loadPolicy(options.policyPath);
  const store = await openCareHomeStore(path.join(options.dataDir, DATABASE_FILE_NAME), options.vault);
  const services: Services = createServices({
    store,
    policy,
    now,
    desktop: options.desktop ?? null,
    vault: options.vault,
  });
  const dispatch = createDispatcher({
    handlers: createHandlers(services),
    checkAccess: createAccessCheck(services),
    onFault: (channel, error) =>
      log(`[${channel}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  return {
    openSession: () => new StaffSession(),
    dispatch,
    policy,
    store,
    close: () => services.close(),
  };
}
