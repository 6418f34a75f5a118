/**
 * Every migration, run on a real encrypted database with rows in it (as
 * Signal-Desktop tests its migrations): the step applies, earlier rows
 * survive, and the version is recorded. A database from a newer app is
 * refused and left byte for byte as it was.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { openEncryptedDatabase, type WritableDB } from '../../main/services/store/database';
import {
  DatabaseFromNewerVersionError,
  LATEST_VERSION,
  MIGRATIONS,
  migrate,
  schemaVersion,
} from '../../main/services/store/migrations';
import { tempDir } from '../support/temp-dir';

const dir = tempDir();
const key = () => randomBytes(32).toString('hex');

function freshDb(name: string): { db: WritableDB; file: string; k: string } {
  const file = path.join(dir, `${name}.db`);
  const k = key();
  return { db: openEncryptedDatabase(file, k, { fileMustExist: false }), file, k };
}

const tables = (db: WritableDB) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];

test('versions go up, and the latest is what a new database reaches', () => {
  const versions = MIGRATIONS.map((m) => m.version);
  assert.deepEqual(
    versions,
    [...versions].sort((a, b) => a - b),
  );
  assert.equal(new Set(versions).size, versions.length);
  const { db } = freshDb('latest');
  assert.equal(migrate(db), LATEST_VERSION);
  assert.equal(schemaVersion(db), LATEST_VERSION);
  db.close();
});

test('10 → 20: staff rows written at 10 survive the audit log step', () => {
  const { db } = freshDb('m20');
  migrate(db, MIGRATIONS, 10);
  assert.deepEqual(tables(db), ['care_home', 'staff_member']);
  db.prepare("INSERT INTO care_home (id, name, created_at) VALUES (1, 'Rosewood', '2026-01-01')").run();
  db.prepare(
    "INSERT INTO staff_member (display_name, role, secret_hash, created_at) VALUES ('Ann', 'nurse', 'scrypt$x', '2026-01-01')",
  ).run();
  migrate(db, MIGRATIONS, 20);
  assert.equal(schemaVersion(db), 20);
  assert.deepEqual(tables(db), ['audit_event', 'care_home', 'staff_member']);
  assert.equal(db.prepare('SELECT display_name FROM staff_member').pluck().get(), 'Ann');
  db.close();
});

test('the audit table refuses updates and deletes from the moment it exists', () => {
  const { db } = freshDb('m20-append-only');
  migrate(db, MIGRATIONS, 20);
  db.prepare("INSERT INTO audit_event (at, action, prev_hash, hash) VALUES ('2026-01-01', 'login', 'a', 'b')").run();
  assert.throws(() => db.prepare("UPDATE audit_event SET action = 'x'").run(), /append-only/);
  assert.throws(() => db.prepare('DELETE FROM audit_event').run(), /append-only/);
  assert.equal(db.prepare('SELECT count(*) FROM audit_event').pluck().get(), 1);
  db.close();
});

test('20 → 30: residents arrive; staff and audit rows stay; NHS numbers are unique', () => {
  const { db } = freshDb('m30');
  migrate(db, MIGRATIONS, 20);
  db.prepare(
    "INSERT INTO staff_member (display_name, role, secret_hash, created_at) VALUES ('Ann', 'nurse', 'h', '2026-01-01')",
  ).run();
  db.prepare("INSERT INTO audit_event (at, action, prev_hash, hash) VALUES ('2026-01-01', 'login', 'a', 'b')").run();
  migrate(db, MIGRATIONS, 30);
  assert.equal(db.prepare('SELECT count(*) FROM staff_member').pluck().get(), 1);
  assert.equal(db.prepare('SELECT count(*) FROM audit_event').pluck().get(), 1);
  const insert = db.prepare(
    "INSERT INTO resident (nhs_number, given_name, family_name, date_of_birth, created_at) VALUES ('9990000018', 'A', 'B', '1940-01-01', '2026')",
  );
  insert.run();
  assert.throws(() => insert.run(), /UNIQUE/);
  db.close();
});

test('tables are STRICT: a wrong type is refused, not coerced', () => {
  const { db } = freshDb('strict');
  migrate(db);
  assert.throws(
    () =>
      db
        .prepare(
          "INSERT INTO staff_member (display_name, role, secret_hash, failed_attempts, created_at) VALUES ('A', 'nurse', 'h', 'lots', '2026')",
        )
        .run(),
    /cannot store TEXT value in INTEGER column/,
  );
  db.close();
});

test('a failing step leaves the database at its old version with nothing half-done', () => {
  const { db } = freshDb('atomic');
  migrate(db, MIGRATIONS, 10);
  const broken = [
    ...MIGRATIONS,
    {
      version: LATEST_VERSION + 10,
      name: 'broken',
      up: (d: WritableDB) => d.exec('CREATE TABLE x (a INT) STRICT; SELECT * FROM nope'),
    },
  ];
  assert.throws(() => migrate(db, broken));
  assert.equal(schemaVersion(db), 10);
  assert.deepEqual(tables(db), ['care_home', 'staff_member']);
  db.close();
});

test('a database from a newer version of the app is refused and not altered', () => {
  const { db, file } = freshDb('future');
  migrate(db);
  db.pragma(`user_version = ${LATEST_VERSION + 10}`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const before = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  assert.throws(() => migrate(db), DatabaseFromNewerVersionError);
  db.close();
  assert.equal(createHash('sha256').update(fs.readFileSync(file)).digest('hex'), before);
});

test('migrations out of order are caught before anything runs', () => {
  const { db } = freshDb('order');
  const [a, b] = MIGRATIONS;
  assert.throws(() => migrate(db, [b!, a!]), /is not after/);
  assert.equal(schemaVersion(db), 0);
  db.close();
});
