import type { Resident } from '../../../common/ipc/types';
import type { LeavingReason, ResidentStatus } from '../../../common/residents/resident';
import type { ReadableDB, WritableDB } from '../store/database';

export interface ResidentRow {
  id: number;
  nhs_number: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  room: string;
  gp_ods_code: string | null;
  status: ResidentStatus;
  created_at: string;
  admitted_at: string | null;
  left_at: string | null;
  left_reason: LeavingReason | null;
  has_photo: 0 | 1;
  has_access_basis: 0 | 1;
}

const SELECT_RESIDENT = `
  SELECT r.*,
    EXISTS (SELECT 1 FROM resident_photo p WHERE p.resident_id = r.id) AS has_photo,
    EXISTS (SELECT 1 FROM resident_access_basis b WHERE b.resident_id = r.id) AS has_access_basis
  FROM resident r`;

function toResident(row: ResidentRow): Resident {
  return {
    residentId: row.id,
    displayName: `${row.given_name} ${row.family_name}`,
    nhsNumber: row.nhs_number,
    dateOfBirth: row.date_of_birth,
    room: row.room,
    status: row.status,
  };
}

/** Every resident, current, prospective and former, by family name. */
export function listResidentRows(db: ReadableDB): ResidentRow[] {
  return db
    .prepare(`${SELECT_RESIDENT} ORDER BY r.family_name COLLATE NOCASE, r.given_name COLLATE NOCASE, r.id`)
    .all() as ResidentRow[];
}

export function findResidentRow(db: ReadableDB, residentId: number): ResidentRow | null {
  return (db.prepare(`${SELECT_RESIDENT} WHERE r.id = ?`).get(residentId) as ResidentRow | undefined) ?? null;
}

export function findResidentByNhsNumber(db: ReadableDB, nhsNumber: string): ResidentRow | null {
  return (db.prepare(`${SELECT_RESIDENT} WHERE r.nhs_number = ?`).get(nhsNumber) as ResidentRow | undefined) ?? null;
}

export function listCurrentResidents(db: ReadableDB): Resident[] {
  return listResidentRows(db)
    .filter((row) => row.status === 'current')
    .map(toResident);
}

export function findResident(db: ReadableDB, residentId: number): Resident | null {
  const row = findResidentRow(db, residentId);
  return row ? toResident(row) : null;
}

export interface NewResident {
  readonly nhsNumber: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly dateOfBirth: string;
  readonly room: string;
  readonly gpOdsCode: string | null;
}

/** Inserts a resident; current residents count as admitted when created. */
export function insertResident(
  db: WritableDB,
  resident: NewResident,
  createdAt: string,
  status: 'current' | 'prospective' = 'current',
): number {
  const result = db
    .prepare(
      `INSERT INTO resident (nhs_number, given_name, family_name, date_of_birth, room, gp_ods_code, status, created_at, admitted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      resident.nhsNumber,
      resident.givenName,
      resident.familyName,
      resident.dateOfBirth,
      resident.room,
      resident.gpOdsCode,
      status,
      createdAt,
      status === 'current' ? createdAt : null,
    );
  return Number(result.lastInsertRowid);
}

/** A prospective resident moves in: the same row becomes a current resident. */
export function markAdmitted(db: WritableDB, residentId: number, room: string, at: string): void {
  db.prepare(
    "UPDATE resident SET status = 'current', room = ?, admitted_at = ? WHERE id = ? AND status = 'prospective'",
  ).run(room, at, residentId);
}

export function markLeft(db: WritableDB, residentId: number, reason: LeavingReason, leftAt: string): void {
  db.prepare(
    "UPDATE resident SET status = 'former', left_at = ?, left_reason = ? WHERE id = ? AND status != 'former'",
  ).run(leftAt, reason, residentId);
}

export function storePhoto(
  db: WritableDB,
  residentId: number,
  photo: { contentType: string; bytes: Buffer },
  at: string,
): void {
  db.prepare(
    `INSERT INTO resident_photo (resident_id, content_type, bytes, stored_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (resident_id) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes, stored_at = excluded.stored_at`,
  ).run(residentId, photo.contentType, photo.bytes, at);
}

export function findPhoto(db: ReadableDB, residentId: number): { contentType: string; bytes: Buffer } | null {
  const row = db.prepare('SELECT content_type, bytes FROM resident_photo WHERE resident_id = ?').get(residentId) as
    { content_type: string; bytes: Buffer } | undefined;
  return row ? { contentType: row.content_type, bytes: row.bytes } : null;
}
