/**
 * The GP record feature as OpenServices holds it: the service, its background
 * refresher, and who the background requests go out under.
 */
import { gpConnectSettings } from '../../../common/records/gp-connect-settings';
import type { PolicyStatus } from '../../../common/ipc/types';
import type { AuditLog } from '../audit/audit-log';
import type { ReadableDB, WritableDB } from '../store/database';
import type { Vault } from '../vault/vault';
import { BackgroundRefresher } from './background-refresh';
import type { Requester } from './gp-connect/audit-jwt';
import { RecordsService } from './records-service';

export interface Records {
  readonly service: RecordsService;
  readonly background: BackgroundRefresher;
  /** Called on every records request: the background refresh asks in the name of the last person who used them. */
  noteRequester(requester: Requester): void;
}

/** Residents the background refresh covers: current and prospective, with a recorded basis for access. */
function residentsToRefresh(reader: ReadableDB): () => number[] {
  return () =>
    reader
      .prepare(
        `SELECT r.id FROM resident r WHERE r.status != 'former'
         AND EXISTS (SELECT 1 FROM resident_access_basis b WHERE b.resident_id = r.id) ORDER BY r.id`,
      )
      .pluck()
      .all() as number[];
}

export function createRecords(options: {
  db: WritableDB;
  reader: ReadableDB;
  audit: AuditLog;
  vault: Vault | null;
  now: () => Date;
  policy: PolicyStatus;
  /** Start the background schedule (off in tests that drive it themselves). */
  startBackground?: boolean;
}): Records {
  const settings = gpConnectSettings(options.policy.effective.gpConnect);
  const vault = options.vault ?? {
    get: () => Promise.resolve(null),
    set: () => Promise.reject(new Error('no vault')),
    delete: () => Promise.resolve(false),
  };
  const service = new RecordsService({ ...options, vault, settings });
  let lastRequester: Requester | null = null;
  const background = new BackgroundRefresher({
    service,
    residents: residentsToRefresh(options.reader),
    requester: () => lastRequester,
    now: options.now,
    intervalMs: settings.refreshIntervalMinutes * 60_000,
    batchSize: settings.refreshBatchSize,
    retryMs: 30_000,
  });
  if (options.startBackground !== false && service.configured) background.start(60_000);
  return {
    service,
    background,
    noteRequester: (requester) => {
      lastRequester = requester;
    },
  };
}
