/**
 * Migration 440 on a real encrypted database with rows: residents and MESH
 * messages written before it survive; the assessment tables appear; the
 * history is append-only; one assessment per MESH message id.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { test } from 'node:test';
import { openEncryptedDatabase } from '../../main/services/store/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../main/services/store/migrations';
import { tempDir } from '../support/temp-dir';

test('439 → 440: earlier rows survive, the assessment tables work, history cannot be changed', () => {
  const file = path.join(tempDir(), 'm440.db');
  const key = randomBytes(32).toString('hex');
  const db = openEncryptedDatabase(file, key, { fileMustExist: false });
  const before = MIGRATIONS.filter((m) => m.version < 440).at(-1)!.version;
  migrate(db, MIGRATIONS, before);
  db.prepare(
    `INSERT INTO resident (nhs_number, given_name, family_name, date_of_birth, room, gp_ods_code, status, created_at)
     VALUES ('9434765919', 'Margaret', 'Ellis', '1936-03-14', '12', 'Y90001', 'prospective', '2026-11-01')`,
  ).run();
  db.prepare(
    "INSERT INTO staff_member (display_name, role, secret_hash, created_at) VALUES ('Ann', 'nurse', 'scrypt$x', '2026-01-01')",
  ).run();
  migrate(db, MIGRATIONS, 440);
  assert.equal(schemaVersion(db), 440);
  assert.equal(db.prepare('SELECT family_name FROM resident').pluck().get(), 'Ellis');

  const insert = db.prepare(
    `INSERT INTO assessment (source, mesh_message_id, state, received_at, state_changed_at, patient_given_name,
       patient_family_name, header_json, document_json, message_json)
     VALUES ('mesh', ?, 'new', '2026-11-30T09:00:00Z', '2026-11-30T09:00:00Z', 'Edith', 'Marsh', '{}', '{}', '{}')`,
  );
  const id = Number(insert.run('MSG-1').lastInsertRowid);
  assert.throws(() => insert.run('MSG-1'), /UNIQUE/, 'one assessment per MESH message');
  assert.throws(
    () => db.prepare("UPDATE assessment SET state = 'filed' WHERE id = ?").run(id),
    /CHECK/,
    'only the inbox states',
  );
  db.prepare(
    "INSERT INTO assessment_event (assessment_id, kind, at, staff_id, staff_name, note) VALUES (?, 'queried', 'x', 1, 'Ann', 'Is the heel healing?')",
  ).run(id);
  assert.throws(() => db.prepare("UPDATE assessment_event SET note = 'changed'").run(), /append-only/);
  assert.throws(() => db.prepare('DELETE FROM assessment_event').run(), /append-only/);
  db.close();

  const reopened = openEncryptedDatabase(file, key, { fileMustExist: true });
  assert.equal(reopened.prepare('SELECT note FROM assessment_event').pluck().get(), 'Is the heel healing?');
  reopened.close();
});
