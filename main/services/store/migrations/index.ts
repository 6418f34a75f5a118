/**
 * The schema as an ordered list of steps (Signal-Desktop's shape): versions go
 * up in tens, so that a fix can slot in between. Run in one transaction at
 * start; the version reached is kept in PRAGMA user_version.
 */
import type { WritableDB } from '../database';
import type { Migration } from './migration';
import { careHomeAndStaff } from './0010-care-home-and-staff';
import { auditLog } from './0020-audit-log';
import { residents } from './0030-residents';
import { gpRecord } from './0110-gp-record';
import { residentsAdmissionAndAccessBasis } from './0160-residents-admission-and-access-basis';
import { nursing } from './0180-nursing';
import { mail } from './0200-mail';
import { mesh } from './0300-mesh';
import { triageObservations } from './0400-triage-observations';
import { mailMailboxOwner } from './0430-mail-mailbox-owner';
import { assessments } from './0440-assessments';

export const MIGRATIONS: readonly Migration[] = [
  careHomeAndStaff,
  auditLog,
  residents,
  gpRecord,
  residentsAdmissionAndAccessBasis,
  nursing,
  mail,
  mesh,
  triageObservations,
  mailMailboxOwner,
  assessments,
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** The database was written by a newer version of the app: it is refused, never altered. */
export class DatabaseFromNewerVersionError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `The database is from a newer version of Care Home Desktop (schema ${found}; this version knows up to ${known}).`,
    );
    this.name = 'DatabaseFromNewerVersionError';
  }
}

export function schemaVersion(db: WritableDB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every step above the database's version, up to `target` (default: the last step); all or nothing. */
export function migrate(db: WritableDB, migrations: readonly Migration[] = MIGRATIONS, target?: number): number {
  assertAscending(migrations);
  const known = migrations[migrations.length - 1]?.version ?? 0;
  target ??= known;
  const current = schemaVersion(db);
  if (current > known) throw new DatabaseFromNewerVersionError(current, known);
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const migration of pending) migration.up(db);
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  })();
  return schemaVersion(db);
}

function assertAscending(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = migrations[i - 1];
    if (previous && m.version <= previous.version) {
      throw new Error(`Migration ${m.version} (${m.name}) is not after ${previous.version}.`);
    }
  });
}
