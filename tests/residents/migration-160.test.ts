/** Migration 160 on a real encrypted database with residents in it: rows survive, current residents count as admitted. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { test } from 'node:test';
import { openEncryptedDatabase } from '../../main/services/store/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../main/services/store/migrations';
import { tempDir } from '../support/temp-dir';

test('30 → 160: residents written before keep their details; new tables accept rows', () => {
  const db = openEncryptedDatabase(path.join(tempDir(), 'm160.db'), randomBytes(32).toString('hex'), {
    fileMustExist: false,
  });
  migrate(db, MIGRATIONS, 30);
  db.prepare(
    "INSERT INTO staff_member (display_name, role, secret_hash, created_at) VALUES ('Ann', 'nurse', 'scrypt$x', '2026-01-01')",
  ).run();
  const insert = db.prepare(
    'INSERT INTO resident (nhs_number, given_name, family_name, date_of_birth, room, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  insert.run('9434765919', 'Margaret', 'Ellis', '1936-03-14', '12', 'current', '2025-05-01T10:00:00.000Z');
  insert.run('9990000018', 'Arthur', 'Bennett', '1931-11-02', '', 'prospective', '2025-06-01T10:00:00.000Z');
  migrate(db, MIGRATIONS, 160);
  assert.equal(schemaVersion(db), 160);
  const rows = db.prepare('SELECT given_name, room, status, admitted_at, left_at FROM resident ORDER BY id').all();
  assert.deepEqual(rows, [
    { given_name: 'Margaret', room: '12', status: 'current', admitted_at: '2025-05-01T10:00:00.000Z', left_at: null },
    { given_name: 'Arthur', room: '', status: 'prospective', admitted_at: null, left_at: null },
  ]);
  db.prepare(
    "INSERT INTO resident_access_basis (resident_id, basis, note, recorded_by_staff_id, recorded_by_name, recorded_at) VALUES (1, 'consent', 'agreed', 1, 'Ann', '2026-01-01')",
  ).run();
  assert.throws(
    () =>
      db
        .prepare(
          "INSERT INTO resident_access_basis (resident_id, basis, note, recorded_by_staff_id, recorded_by_name, recorded_at) VALUES (1, 'because', 'x', 1, 'Ann', '2026-01-01')",
        )
        .run(),
    /CHECK constraint failed/,
  );
  assert.throws(() => db.prepare("UPDATE resident SET left_reason = 'moved' WHERE id = 1").run(), /CHECK constraint/);
  db.close();
});
