import type { Migration } from './migration';

export const auditLog: Migration = {
  version: 20,
  name: 'audit log',
  up(db) {
    // Append-only: the triggers refuse UPDATE and DELETE, and each row carries
    // the hash of the row before it, so a change made around the triggers
    // (editing the file with the key) breaks the chain and is found by the verifier.
    db.exec(`
      CREATE TABLE audit_event (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        staff_id INTEGER,
        staff_name TEXT,
        action TEXT NOT NULL,
        subject TEXT,
        detail TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;

      CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

      CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
  },
};
