import type { Migration } from './migration';

export const careHomeAndStaff: Migration = {
  version: 10,
  name: 'care home and staff',
  up(db) {
    db.exec(`
      CREATE TABLE care_home (
        id INTEGER PRIMARY KEY CHECK (id = 1),       -- one care home per laptop
        name TEXT NOT NULL,
        ods_code TEXT,
        is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE staff_member (
        id INTEGER PRIMARY KEY,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('care_assistant', 'nurse', 'manager', 'it_admin')),
        secret_hash TEXT NOT NULL,                   -- scrypt, with its own salt and parameters
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        lockouts INTEGER NOT NULL DEFAULT 0,         -- how many times locked: each lock lasts longer
        locked_until TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
