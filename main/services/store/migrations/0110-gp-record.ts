import type { Migration } from './migration';

/**
 * The GP record kept on the laptop (GP Connect). One header row per resident
 * says when and from where it was fetched and keeps the raw bundle; the
 * normalised items are rows by section, so that a screen reads only what it
 * shows. The last failed refresh is kept apart, so a failure never touches the
 * stored record. Opened documents and HTML sections are cached for offline use.
 */
export const gpRecord: Migration = {
  version: 110,
  name: 'gp record',
  up(db) {
    db.exec(`
      CREATE TABLE gp_record (
        resident_id INTEGER PRIMARY KEY REFERENCES resident (id),
        nhs_number TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        practice_name TEXT,
        practice_ods_code TEXT,
        fetched_by_staff_id INTEGER,
        -- what the record as a whole says (no known allergies, warnings, unknown-content counts), as JSON
        header_json TEXT NOT NULL,
        -- the bundle exactly as received, so nothing the app does not understand yet is lost
        raw_bundle TEXT NOT NULL
      ) STRICT;

      CREATE TABLE gp_record_item (
        resident_id INTEGER NOT NULL REFERENCES gp_record (resident_id),
        section TEXT NOT NULL,
        position INTEGER NOT NULL,
        item_id TEXT NOT NULL,
        -- a sortable date (may be partial, e.g. 2019 or 2019-04), for "recent results" and ordering
        item_date TEXT,
        -- active allergies, current medications, active problems: what the summary banner shows
        is_current INTEGER NOT NULL CHECK (is_current IN (0, 1)),
        item_json TEXT NOT NULL,
        PRIMARY KEY (resident_id, section, position)
      ) STRICT;

      CREATE TABLE gp_record_error (
        resident_id INTEGER PRIMARY KEY REFERENCES resident (id),
        kind TEXT NOT NULL,
        message TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE gp_record_document_binary (
        resident_id INTEGER NOT NULL REFERENCES resident (id),
        document_id TEXT NOT NULL,
        content_type TEXT NOT NULL,
        content BLOB NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (resident_id, document_id)
      ) STRICT;

      CREATE TABLE gp_record_html (
        resident_id INTEGER NOT NULL REFERENCES resident (id),
        section TEXT NOT NULL,
        html TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        PRIMARY KEY (resident_id, section)
      ) STRICT;
    `);
  },
};
