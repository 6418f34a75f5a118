/**
 * Migration 400 (triage) on a real encrypted database with rows in it: the
 * step applies over the schema before it, residents, staff and audit rows
 * survive, the new tables take observation rows, refuse nonsense, and keep
 * their history (no update, no delete).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { test } from 'node:test';
import { openEncryptedDatabase } from '../../main/services/store/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../main/services/store/migrations';
import { tempDir } from '../support/temp-dir';

test('400: triage tables arrive over a store with residents; earlier rows survive; the history is append-only', () => {
  const file = path.join(tempDir(), 'triage.db');
  const key = randomBytes(32).toString('hex');
  const index = MIGRATIONS.findIndex((m) => m.version === 400);
  assert.ok(index > 0, 'migration 400 is listed');
  const previous = MIGRATIONS[index - 1]!.version;

  let db = openEncryptedDatabase(file, key, { fileMustExist: false });
  migrate(db, MIGRATIONS, previous);
  db.prepare("INSERT INTO care_home (id, name, created_at) VALUES (1, 'Rosewood', '2026-01-01')").run();
  const nurse = Number(
    db
      .prepare(
        "INSERT INTO staff_member (display_name, role, secret_hash, created_at) VALUES ('Ann', 'nurse', 'scrypt$x', '2026-01-01')",
      )
      .run().lastInsertRowid,
  );
  const resident = Number(
    db
      .prepare(
        "INSERT INTO resident (nhs_number, given_name, family_name, date_of_birth, created_at) VALUES ('9434765919', 'Joan', 'Whitaker', '1940-07-21', '2026-01-01')",
      )
      .run().lastInsertRowid,
  );
  db.prepare("INSERT INTO audit_event (at, action, prev_hash, hash) VALUES ('2026-01-01', 'login', 'a', 'b')").run();
  db.close();

  // Reopen as the app does, from the encrypted file, and step up.
  db = openEncryptedDatabase(file, key, { fileMustExist: true });
  migrate(db, MIGRATIONS, 400);
  assert.equal(schemaVersion(db), 400);
  assert.equal(db.prepare('SELECT given_name FROM resident WHERE id = ?').pluck().get(resident), 'Joan');
  assert.equal(db.prepare('SELECT count(*) FROM staff_member').pluck().get(), 1);
  assert.equal(db.prepare('SELECT count(*) FROM audit_event').pluck().get(), 1);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  for (const table of [
    'observation_set',
    'spo2_scale_setting',
    'soft_signs_check',
    'observation_reference',
    'observation_end_of_life',
  ]) {
    assert.ok(tables.includes(table), table);
  }

  const setting = Number(
    db
      .prepare(
        "INSERT INTO spo2_scale_setting (resident_id, scale, decided_by, decided_on, recorded_by, recorded_by_name, recorded_at) VALUES (?, 2, 'Dr A Patel, GP', '2026-01-10', ?, 'Ann', '2026-01-10T10:00:00Z')",
      )
      .run(resident, nurse).lastInsertRowid,
  );
  const insertSet = db.prepare(
    `INSERT INTO observation_set (resident_id, taken_at, recorded_at, recorded_by, recorded_by_name, respiration_rate, spo2,
       spo2_scale, spo2_scale_setting_id, on_oxygen, systolic_bp, pulse, consciousness, temperature_tenths, news2_total)
     VALUES (@resident, '2026-01-10T11:00:00Z', '2026-01-10T11:01:00Z', @nurse, 'Ann', 18, @spo2, @scale, @setting, 1, 120, 80, @consciousness, @temp, 2)`,
  );
  const good = { resident, nurse, spo2: 90, scale: 2, setting, consciousness: 'alert', temp: 381 };
  insertSet.run(good);
  assert.equal(db.prepare('SELECT temperature_tenths FROM observation_set').pluck().get(), 381);
  assert.throws(() => insertSet.run({ ...good, scale: 3 }), /CHECK constraint/);
  assert.throws(() => insertSet.run({ ...good, spo2: 101 }), /CHECK constraint/);
  assert.throws(() => insertSet.run({ ...good, consciousness: 'drowsy' }), /CHECK constraint/);
  assert.throws(() => insertSet.run({ ...good, temp: 460 }), /CHECK constraint/);
  assert.throws(() => insertSet.run({ ...good, resident: 999 }), /FOREIGN KEY/);

  for (const table of ['observation_set', 'spo2_scale_setting']) {
    assert.throws(() => db.prepare(`UPDATE ${table} SET resident_id = resident_id`).run(), /clinical history is kept/);
    assert.throws(() => db.prepare(`DELETE FROM ${table}`).run(), /clinical history is kept/);
  }
  assert.equal(db.prepare('SELECT count(*) FROM observation_set').pluck().get(), 1);
  db.close();
});
