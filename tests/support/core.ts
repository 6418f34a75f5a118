/**
 * Starts the real core (real encrypted store, real keychain) on a temporary
 * folder, with a clock the test can move, and a typed `call` helper that goes
 * through the dispatcher exactly as a renderer request does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { after } from 'node:test';
import type { ChannelName, RequestOf, ResponseOf } from '../../common/ipc/contract';
import type { Result } from '../../common/ipc/result';
import { startCareHomeCore, type CareHomeCore, type DesktopControls } from '../../main/core/care-home-core';
import type { StaffSession } from '../../main/services/auth/staff-session';
import type { Vault } from '../../main/services/vault/vault';
import { tempDir } from './temp-dir';
import { testVault } from './test-vault';

export interface TestCore {
  readonly core: CareHomeCore;
  readonly dataDir: string;
  readonly vault: Vault;
  /** Moves the core's clock forward. */
  advance(ms: number): void;
  call<C extends ChannelName>(
    session: StaffSession,
    channel: C,
    request?: RequestOf<C>,
  ): Promise<Result<ResponseOf<C>>>;
  /** Like call, but fails the test unless the call succeeds. */
  ok<C extends ChannelName>(session: StaffSession, channel: C, request?: RequestOf<C>): Promise<ResponseOf<C>>;
}

export async function startTestCore(
  options: { policy?: unknown; dataDir?: string; vault?: Vault; desktop?: DesktopControls } = {},
): Promise<TestCore> {
  const dataDir = options.dataDir ?? tempDir();
  const policyPath = path.join(dataDir, 'policy.json');
  if (options.policy !== undefined) {
    fs.writeFileSync(policyPath, typeof options.policy === 'string' ? options.policy : JSON.stringify(options.policy));
  }
  let offset = 0;
  const vault = options.vault ?? testVault();
  const core = await startCareHomeCore({
    dataDir,
    vault,
    policyPath,
    now: () => new Date(Date.now() + offset),
    log: () => {},
    ...(options.desktop ? { desktop: options.desktop } : {}),
  });
  after(() => core.close());
  const call = <C extends ChannelName>(session: StaffSession, channel: C, request?: RequestOf<C>) =>
    core.dispatch(session, channel, request ?? {}) as Promise<Result<ResponseOf<C>>>;
  return {
    core,
    dataDir,
    vault,
    advance: (ms) => {
      offset += ms;
    },
    call,
    ok: async (session, channel, request) => {
      const result = await call(session, channel, request);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
      return result.value;
    },
  };
}

export const MANAGER_PIN = '482915';

/** A care home with its first manager signed in on the returned session. */
export async function setUpCareHome(t: TestCore): Promise<{ manager: StaffSession; managerId: number }> {
  const manager = t.core.openSession();
  const info = await t.ok(manager, 'setup.createCareHome', {
    careHomeName: 'Rosewood House',
    odsCode: 'vm123',
    managerName: 'Alice Manager',
    managerSecret: MANAGER_PIN,
  });
  return { manager, managerId: info.staffId };
}
