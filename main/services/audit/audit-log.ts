/**
 * The audit log: who did what, and when. Append-only (the database refuses
 * UPDATE and DELETE), and hash-chained: each row carries the SHA-256 of the
 * row before it, so that a row changed or removed by someone holding the key
 * breaks the chain, and `verify` names the first broken link.
 */
import { createHash } from 'node:crypto';
import type { AuditEntry, AuditVerification } from '../../../common/ipc/types';
import type { ReadableDB, WritableDB } from '../store/database';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditActor {
  readonly staffId: number;
  readonly displayName: string;
}

export interface AuditEvent {
  readonly actor: AuditActor | null;
  /** What happened, as a dotted name: `login`, `login.failed`, `staff.added`, `resident.viewed`, … */
  readonly action: string;
  /** What it happened to, e.g. `staff:4` or `resident:12`. */
  readonly subject?: string | null;
  /** A short description; never a PIN, key or token. */
  readonly detail?: string | null;
}

interface AuditRow {
  id: number;
  at: string;
  staff_id: number | null;
  staff_name: string | null;
  action: string;
  subject: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export function hashAuditRow(prevHash: string, row: Omit<AuditRow, 'id' | 'prev_hash' | 'hash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, row.at, row.staff_id, row.staff_name, row.action, row.subject, row.detail]))
    .digest('hex');
}

export class AuditLog {
  private readonly insert;
  private readonly lastHash;

  constructor(
    private readonly db: WritableDB,
    private readonly now: () => Date,
  ) {
    this.insert = db.prepare(
      `INSERT INTO audit_event (at, staff_id, staff_name, action, subject, detail, prev_hash, hash)
       VALUES (@at, @staff_id, @staff_name, @action, @subject, @detail, @prev_hash, @hash)`,
    );
    this.lastHash = db.prepare('SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1').pluck();
  }

  /** Appends one event; runs inside the caller's transaction when there is one. */
  append(event: AuditEvent): void {
    const row = {
      at: this.now().toISOString(),
      staff_id: event.actor?.staffId ?? null,
      staff_name: event.actor?.displayName ?? null,
      action: event.action,
      subject: event.subject ?? null,
      detail: event.detail ?? null,
    };
    const write = this.db.transaction(() => {
      const prev_hash = (this.lastHash.get() as string | undefined) ?? GENESIS_HASH;
      this.insert.run({ ...row, prev_hash, hash: hashAuditRow(prev_hash, row) });
    });
    write.immediate();
  }
}

export function recentAuditEntries(db: ReadableDB, limit: number): AuditEntry[] {
  const rows = db
    .prepare('SELECT id, at, staff_id, staff_name, action, subject, detail FROM audit_event ORDER BY id DESC LIMIT ?')
    .all(limit) as AuditRow[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    staffId: r.staff_id,
    staffName: r.staff_name,
    action: r.action,
    subject: r.subject,
    detail: r.detail,
  }));
}

/** Walks the whole chain in id order and reports the first row whose links do not hold. */
export function verifyAuditLog(db: ReadableDB): AuditVerification {
  let prev = GENESIS_HASH;
  let checked = 0;
  for (const row of db.prepare('SELECT * FROM audit_event ORDER BY id').iterate() as Iterable<AuditRow>) {
    if (row.prev_hash !== prev || hashAuditRow(prev, row) !== row.hash) {
      return { ok: false, checked, firstBrokenId: row.id };
    }
    prev = row.hash;
    checked += 1;
  }
  return { ok: true, checked, firstBrokenId: null };
}
