import type { Resident } from '../../../common/ipc/types';
import type { ReadableDB, WritableDB } from '../store/database';

interface ResidentRow {
  id: number;
  nhs_number: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  room: string;
  status: Resident['status'];
}

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

export function listCurrentResidents(db: ReadableDB): Resident[] {
  return (
    db
      .prepare(
        "SELECT * FROM resident WHERE status = 'current' ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE",
      )
      .all() as ResidentRow[]
  ).map(toResident);
}

export function findResident(db: ReadableDB, residentId: number): Resident | null {
  const row = db.prepare('SELECT * FROM resident WHERE id = ?').get(residentId) as ResidentRow | undefined;
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

export function insertResident(db: WritableDB, resident: NewResident, createdAt: string): number {
  const result = db
    .prepare(
      'INSERT INTO resident (nhs_number, given_name, family_name, date_of_birth, room, gp_ods_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      resident.nhsNumber,
      resident.givenName,
      resident.familyName,
      resident.dateOfBirth,
      resident.room,
      resident.gpOdsCode,
      createdAt,
    );
  return Number(result.lastInsertRowid);
}
