/**
 * Migration 200 (mail) on a real encrypted database with rows: earlier rows
 * survive, the tables arrive, and the search index follows inserts, edits and
 * deletes through its triggers.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { test } from 'node:test';
import { openEncryptedDatabase } from '../../main/services/store/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../main/services/store/migrations';
import { searchMail } from '../../main/services/mail/mail-repository';
import { tempDir } from '../support/temp-dir';

const dir = tempDir();

test('→ 200: residents and staff stay; mail tables and the FTS5 index arrive and stay in step', () => {
  const db = openEncryptedDatabase(path.join(dir, 'm200.db'), randomBytes(32).toString('hex'), {
    fileMustExist: false,
  });
  const before = MIGRATIONS.filter((m) => m.version < 200).at(-1)!.version;
  migrate(db, MIGRATIONS, before);
  db.prepare(
    "INSERT INTO staff_member (display_name, role, secret_hash, created_at) VALUES ('Ann', 'nurse', 'h', '2026-01-01')",
  ).run();
  db.prepare(
    "INSERT INTO resident (nhs_number, given_name, family_name, date_of_birth, created_at) VALUES ('9434765919', 'Edith', 'Jones', '1930-01-01', '2026-01-01')",
  ).run();
  migrate(db, MIGRATIONS, 200);
  assert.equal(schemaVersion(db), 200);
  assert.equal(db.prepare('SELECT count(*) FROM staff_member').pluck().get(), 1);
  assert.equal(db.prepare('SELECT count(*) FROM resident').pluck().get(), 1);

  db.prepare(
    "INSERT INTO mail_account (id, address, kind, created_at) VALUES ('home', 'home@nhs.net', 'home', 'now')",
  ).run();
  const folder = db
    .prepare("INSERT INTO mail_folder (account_id, path, name) VALUES ('home', 'INBOX', 'INBOX')")
    .run().lastInsertRowid;
  const insert = db.prepare(
    'INSERT INTO mail_message (folder_id, uidvalidity, uid, subject, sender, text_body) VALUES (?, 1, ?, ?, ?, ?)',
  );
  const id = insert.run(
    folder,
    1,
    'Discharge summary',
    'Ward 7 <ward7@nhs.net>',
    'Mrs Jones returns Tuesday',
  ).lastInsertRowid;
  insert.run(folder, 2, 'Rota', 'Manager <m@nhs.net>', 'Weekend shifts');
  const find = (q: string) => searchMail(db, 'home', q).map((h) => h.subject);
  assert.deepEqual(find('discharge'), ['Discharge summary']);
  assert.deepEqual(find('ward7'), ['Discharge summary']);
  assert.deepEqual(find('tuesday'), ['Discharge summary']);
  db.prepare("UPDATE mail_message SET subject = 'Changed' WHERE id = ?").run(id);
  assert.deepEqual(find('discharge'), []);
  assert.deepEqual(find('changed'), ['Changed']);
  // Same (folder, UIDVALIDITY, UID) twice is refused: the store cannot hold a duplicate.
  assert.throws(() => insert.run(folder, 2, 'Dup', '', ''), /UNIQUE/);
  db.prepare('DELETE FROM mail_folder').run();
  assert.equal(db.prepare('SELECT count(*) FROM mail_message').pluck().get(), 0, 'messages go with their folder');
  assert.deepEqual(find('rota'), [], 'and leave the index');
  // The outbox refuses a state the state machine does not have.
  assert.throws(
    () =>
      db
        .prepare(
          "INSERT INTO mail_outbox (account_id, kind, payload, state, created_at, updated_at) VALUES ('home', 'send', '{}', 'lost', 'n', 'n')",
        )
        .run(),
    /CHECK/,
  );
  db.close();
});
