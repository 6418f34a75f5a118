/**
 * Data access for staff members: prepared statements, one function per question.
 */
import type { LoginCandidate, RoleName, StaffMember } from '../../../common/ipc/types';
import type { ReadableDB, WritableDB } from '../store/database';

interface StaffRow {
  id: number;
  display_name: string;
  role: RoleName;
  secret_hash: string;
  active: 0 | 1;
  failed_attempts: number;
  lockouts: number;
  locked_until: string | null;
  created_at: string;
}

export interface StaffRecord {
  readonly staffId: number;
  readonly displayName: string;
  readonly role: RoleName;
  readonly secretHash: string;
  readonly active: boolean;
  readonly failedAttempts: number;
  readonly lockouts: number;
  readonly lockedUntil: string | null;
  readonly createdAt: string;
}

function toRecord(row: StaffRow): StaffRecord {
  return {
    staffId: row.id,
    displayName: row.display_name,
    role: row.role,
    secretHash: row.secret_hash,
    active: row.active === 1,
    failedAttempts: row.failed_attempts,
    lockouts: row.lockouts,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
  };
}

/** What may leave main: everything but the hash and the internal lockout count. */
export function toStaffMember(record: StaffRecord): StaffMember {
  return {
    staffId: record.staffId,
    displayName: record.displayName,
    role: record.role,
    active: record.active,
    failedAttempts: record.failedAttempts,
    lockedUntil: record.lockedUntil,
    createdAt: record.createdAt,
  };
}

export function findStaff(db: ReadableDB, staffId: number): StaffRecord | null {
  const row = db.prepare('SELECT * FROM staff_member WHERE id = ?').get(staffId) as StaffRow | undefined;
  return row ? toRecord(row) : null;
}

export function listStaff(db: ReadableDB): StaffRecord[] {
  return (db.prepare('SELECT * FROM staff_member ORDER BY display_name COLLATE NOCASE, id').all() as StaffRow[]).map(
    toRecord,
  );
}

export function loginCandidates(db: ReadableDB): LoginCandidate[] {
  return listStaff(db)
    .filter((s) => s.active)
    .map((s) => ({ staffId: s.staffId, displayName: s.displayName, role: s.role, lockedUntil: s.lockedUntil }));
}

export function countActiveManagers(db: ReadableDB): number {
  return db.prepare("SELECT count(*) FROM staff_member WHERE role = 'manager' AND active = 1").pluck().get() as number;
}

export function insertStaff(
  db: WritableDB,
  staff: { displayName: string; role: RoleName; secretHash: string; createdAt: string },
): number {
  const result = db
    .prepare('INSERT INTO staff_member (display_name, role, secret_hash, created_at) VALUES (?, ?, ?, ?)')
    .run(staff.displayName, staff.role, staff.secretHash, staff.createdAt);
  return Number(result.lastInsertRowid);
}

export function setActive(db: WritableDB, staffId: number, active: boolean): void {
  db.prepare('UPDATE staff_member SET active = ? WHERE id = ?').run(active ? 1 : 0, staffId);
}

export function setSecretHash(db: WritableDB, staffId: number, secretHash: string): void {
  db.prepare('UPDATE staff_member SET secret_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?').run(
    secretHash,
    staffId,
  );
}

export function recordFailedAttempt(
  db: WritableDB,
  staffId: number,
  failedAttempts: number,
  lockedUntil: string | null,
  lockouts: number,
): void {
  db.prepare('UPDATE staff_member SET failed_attempts = ?, locked_until = ?, lockouts = ? WHERE id = ?').run(
    failedAttempts,
    lockedUntil,
    lockouts,
    staffId,
  );
}

/** After a right PIN, or a manager's unlock: the slate is clean. */
export function clearFailures(db: WritableDB, staffId: number): void {
  db.prepare('UPDATE staff_member SET failed_attempts = 0, lockouts = 0, locked_until = NULL WHERE id = ?').run(
    staffId,
  );
}
