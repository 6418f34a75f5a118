import type { Migration } from './migration';

export const residents: Migration = {
  version: 30,
  name: 'residents',
  up(db) {
    db.exec(`
      CREATE TABLE resident (
        id INTEGER PRIMARY KEY,
        nhs_number TEXT NOT NULL UNIQUE,
        given_name TEXT NOT NULL,
        family_name TEXT NOT NULL,
        date_of_birth TEXT NOT NULL,
        room TEXT NOT NULL DEFAULT '',
        gp_ods_code TEXT,
        status TEXT NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'prospective', 'former')),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX resident_by_status_name ON resident (status, family_name, given_name);
    `);
  },
};
