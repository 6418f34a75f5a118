import type { Migration } from './migration';

/**
 * District nursing visits from the shared care record, one row per visit
 * (the normalised visit as JSON, its start time for the timeline and the
 * "today" list), and per resident when the visits were last fetched, from
 * where, and how the last attempt went. A failed refresh only updates the
 * attempt columns: the visits and their fetch time stay.
 */
export const nursing: Migration = {
  version: 180,
  name: 'district nursing visits',
  up(db) {
    db.exec(`
      CREATE TABLE nursing_visit (
        resident_id INTEGER NOT NULL REFERENCES resident (id),
        source_id TEXT NOT NULL,
        started_at TEXT NOT NULL,
        visit_json TEXT NOT NULL CHECK (json_valid(visit_json)),
        PRIMARY KEY (resident_id, source_id)
      ) STRICT;
      CREATE INDEX nursing_visit_by_start ON nursing_visit (started_at);
      CREATE INDEX nursing_visit_by_resident_start ON nursing_visit (resident_id, started_at);

      CREATE TABLE nursing_refresh (
        resident_id INTEGER PRIMARY KEY REFERENCES resident (id),
        source_name TEXT,
        source_address TEXT,
        fetched_at TEXT,
        last_attempt_at TEXT NOT NULL,
        last_attempt_ok INTEGER NOT NULL CHECK (last_attempt_ok IN (0, 1)),
        last_problem TEXT
      ) STRICT;
    `);
  },
};
