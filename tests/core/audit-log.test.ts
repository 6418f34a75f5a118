/**
 * The audit log records who did what, cannot be edited through SQL, and a
 * change made around its guards is found by the verifier at the exact row.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuditLog, verifyAuditLog } from '../../main/services/audit/audit-log';
import { openEncryptedDatabase } from '../../main/services/store/database';
import { migrate } from '../../main/services/store/migrations';
import { setUpCareHome, startTestCore } from '../support/core';
import { tempDir } from '../support/temp-dir';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

test('sign-ins, failures, locks and staff changes are in the log with who and when', async () => {
  const t = await startTestCore();
  const { manager, managerId } = await setUpCareHome(t);
  const nurse = await t.ok(manager, 'staff.add', { displayName: 'Nia Nurse', role: 'nurse', secret: '271828' });
  await t.call(t.core.openSession(), 'auth.login', { staffId: nurse.staffId, secret: '000000' });
  await t.ok(manager, 'session.lock');
  await t.ok(manager, 'session.unlock', { staffId: managerId, secret: '482915' });
  await t.ok(manager, 'residents.list');
  const actions = (await t.ok(manager, 'audit.recent', { limit: 50 })).map((e) => e.action).reverse();
  assert.deepEqual(actions, [
    'care_home.created',
    'staff.added',
    'login',
    'staff.added',
    'login.failed',
    'session.locked',
    'session.unlocked',
    'residents.list_viewed',
  ]);
  const verification = await t.ok(manager, 'audit.verify');
  assert.deepEqual(verification, { ok: true, checked: 8, firstBrokenId: null });
});

test('a row altered by someone with the key is found at the exact row', () => {
  const file = path.join(tempDir(), 'audit.db');
  const db = openEncryptedDatabase(file, randomBytes(32).toString('hex'), { fileMustExist: false });
  migrate(db);
  const log = new AuditLog(db, () => new Date('2026-11-30T10:00:00Z'));
  for (const action of ['login', 'resident.viewed', 'resident.viewed', 'logout'])
    log.append({ actor: { staffId: 1, displayName: 'A' }, action });
  assert.deepEqual(verifyAuditLog(db), { ok: true, checked: 4, firstBrokenId: null });

  // Going around the append-only trigger, as an attacker holding the key could.
  db.exec('DROP TRIGGER audit_event_no_update');
  db.prepare("UPDATE audit_event SET action = 'nothing to see' WHERE id = 3").run();
  assert.deepEqual(verifyAuditLog(db), { ok: false, checked: 2, firstBrokenId: 3 });

  db.exec('DROP TRIGGER audit_event_no_delete');
  db.prepare('DELETE FROM audit_event WHERE id = 2').run();
  assert.deepEqual(verifyAuditLog(db), { ok: false, checked: 1, firstBrokenId: 3 });
  db.close();
});
