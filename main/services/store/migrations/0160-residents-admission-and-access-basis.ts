import type { Migration } from './migration';

/**
 * Residents' admission and leaving, their photo, and the recorded basis on
 * which staff may read their GP record. Former residents are kept (status
 * 'former' with when and why they left), never deleted.
 */
export const residentsAdmissionAndAccessBasis: Migration = {
  version: 160,
  name: 'residents admission, leaving, photo and access basis',
  up(db) {
    db.exec(`
      ALTER TABLE resident ADD COLUMN admitted_at TEXT;
      ALTER TABLE resident ADD COLUMN left_at TEXT;
      ALTER TABLE resident ADD COLUMN left_reason TEXT CHECK (left_reason IN ('discharged', 'died'));
      UPDATE resident SET admitted_at = created_at WHERE status = 'current';
      CREATE INDEX resident_by_room ON resident (room);

      CREATE TABLE resident_photo (
        resident_id INTEGER PRIMARY KEY REFERENCES resident (id),
        content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
        bytes BLOB NOT NULL,
        stored_at TEXT NOT NULL
      ) STRICT;

      -- Every basis recorded is kept; the latest is the one in force.
      CREATE TABLE resident_access_basis (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL REFERENCES resident (id),
        basis TEXT NOT NULL CHECK (basis IN ('consent', 'best_interest')),
        note TEXT NOT NULL,
        recorded_by_staff_id INTEGER NOT NULL REFERENCES staff_member (id),
        recorded_by_name TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX resident_access_basis_by_resident ON resident_access_basis (resident_id, id);
    `);
  },
};
