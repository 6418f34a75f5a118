/**
 * Migration 180 (district nursing) on a real encrypted database with rows in
 * it: residents, access bases and audit rows written before it survive; the
 * new tables refuse what they should.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { test } from 'node:test';
import { openEncryptedDatabase } from '../../main/services/store/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../main/services/store/migrations';
import { tempDir } from '../support/temp-dir';

test('179 → 180: earlier rows survive; visits are stored per resident, JSON checked, resident must exist', () => {
  const file = path.join(tempDir(), 'nursing.db');
  const key = randomBytes(32).toString('hex');
  const db = openEncryptedDatabase(file, key, { fileMustExist: false });
  const before = MIGRATIONS.filter((m) => m.version < 180).at(-1)!.version;
  migrate(db, MIGRATIONS, before);
  assert.equal(schemaVersion(db), before);
  db.prepare(
    "INSERT INTO staff_member (id, display_name, role, secret_hash, created_at) VALUES (1, 'Ann', 'nurse', 'h', '2026-01-01')",
  ).run();
  db.prepare(
    "INSERT INTO resident (id, nhs_number, given_name, family_name, date_of_birth, created_at) VALUES (1, '9990000018', 'Edna', 'Turner', '1934-05-02', '2026-01-01')",
  ).run();
  db.prepare("INSERT INTO audit_event (at, action, prev_hash, hash) VALUES ('2026-01-01', 'login', 'a', 'b')").run();

  migrate(db, MIGRATIONS, 180);
  assert.equal(schemaVersion(db), 180);
  assert.equal(db.prepare('SELECT given_name FROM resident WHERE id = 1').pluck().get(), 'Edna');
  assert.equal(db.prepare('SELECT count(*) FROM audit_event').pluck().get(), 1);

  const insert = db.prepare(
    'INSERT INTO nursing_visit (resident_id, source_id, started_at, visit_json) VALUES (?, ?, ?, ?)',
  );
  insert.run(1, 'enc-1', '2026-01-02T10:00:00.000Z', '{"sourceId":"enc-1"}');
  assert.throws(() => insert.run(1, 'enc-1', '2026-01-02T10:00:00.000Z', '{}'), /UNIQUE|PRIMARY KEY/);
  assert.throws(() => insert.run(1, 'enc-2', '2026-01-02T10:00:00.000Z', '{not json'), /CHECK/);
  assert.throws(() => insert.run(42, 'enc-3', '2026-01-02T10:00:00.000Z', '{}'), /FOREIGN KEY/);
  db.prepare(
    "INSERT INTO nursing_refresh (resident_id, last_attempt_at, last_attempt_ok, last_problem) VALUES (1, '2026-01-02', 0, 'offline')",
  ).run();
  assert.throws(
    () =>
      db
        .prepare("INSERT INTO nursing_refresh (resident_id, last_attempt_at, last_attempt_ok) VALUES (1, 'x', 2)")
        .run(),
    /CHECK|UNIQUE|PRIMARY KEY/,
  );
  db.close();

  // Reopened with its key, the rows are there: they were written to the encrypted file.
  const again = openEncryptedDatabase(file, key, { fileMustExist: true });
  assert.equal(again.prepare('SELECT count(*) FROM nursing_visit').pluck().get(), 1);
  migrate(again); // and the rest of the steps still apply on top
  assert.equal(again.prepare('SELECT count(*) FROM nursing_visit').pluck().get(), 1);
  again.close();
});
