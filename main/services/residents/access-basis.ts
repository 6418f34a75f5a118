/**
 * The recorded basis for reading a resident's GP record: the resident's
 * consent, or a best-interest decision, with who recorded it and when.
 * No basis, no fetch: the GP record refresher asks `hasAccessBasis` first.
 */
import type { AccessBasis, AccessBasisKind } from '../../../common/residents/resident';
import type { ReadableDB, WritableDB } from '../store/database';

interface AccessBasisRow {
  basis: AccessBasisKind;
  note: string;
  recorded_by_staff_id: number;
  recorded_by_name: string;
  recorded_at: string;
}

/** True once a nurse or manager has recorded a basis for access for this resident. */
export function hasAccessBasis(db: ReadableDB, residentId: number): boolean {
  return db.prepare('SELECT 1 FROM resident_access_basis WHERE resident_id = ? LIMIT 1').get(residentId) !== undefined;
}

/** The basis in force: the latest recorded. */
export function currentAccessBasis(db: ReadableDB, residentId: number): AccessBasis | null {
  const row = db
    .prepare('SELECT * FROM resident_access_basis WHERE resident_id = ? ORDER BY id DESC LIMIT 1')
    .get(residentId) as AccessBasisRow | undefined;
  if (!row) return null;
  return {
    basis: row.basis,
    note: row.note,
    recordedBy: { staffId: row.recorded_by_staff_id, displayName: row.recorded_by_name },
    recordedAt: row.recorded_at,
  };
}

export function insertAccessBasis(
  db: WritableDB,
  entry: {
    residentId: number;
    basis: AccessBasisKind;
    note: string;
    recordedBy: { staffId: number; displayName: string };
    recordedAt: string;
  },
): void {
  db.prepare(
    `INSERT INTO resident_access_basis (resident_id, basis, note, recorded_by_staff_id, recorded_by_name, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    entry.residentId,
    entry.basis,
    entry.note,
    entry.recordedBy.staffId,
    entry.recordedBy.displayName,
    entry.recordedAt,
  );
}
