/**
 * Who may read which mailbox, through the real dispatcher against the real
 * servers: the home's mailbox is for every signed-in staff member; a personal
 * mailbox is for its owner alone, once a manager has linked it to them, and
 * every other call about it (folders, list, message, attachment, flags,
 * search, send) is refused and audited. Also migration 430 on a real
 * encrypted database with rows.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openEncryptedDatabase } from '../../main/services/store/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../main/services/store/migrations';
import { setUpCareHome, startTestCore, type TestCore } from '../support/core';
import { tempDir } from '../support/temp-dir';
import type { StaffSession } from '../../main/services/auth/staff-session';
import { startMailServers, type MailServers } from './servers/mail-servers';
import { deliver, testPolicy, waitFor } from './support/mail-fixture';

let servers: MailServers;
before(async () => {
  servers = await startMailServers({ home: 'homepw', nia: 'niapw' });
});
after(() => servers.wipe());

async function signIn(t: TestCore, manager: StaffSession, name: string, role: 'nurse' | 'care_assistant') {
  const secret = role === 'nurse' ? '271828' : '314159';
  const member = await t.ok(manager, 'staff.add', { displayName: name, role, secret });
  const session = t.core.openSession();
  await t.ok(session, 'auth.login', { staffId: member.staffId, secret });
  return { session, staffId: member.staffId };
}

async function inboxOf(t: TestCore, session: StaffSession, accountId: string) {
  await waitFor(`mail in ${accountId}`, async () => {
    await t.ok(session, 'mail.syncNow', { accountId });
    const inbox = (await t.ok(session, 'mail.folders', { accountId })).find((f) => f.specialUse === '\\Inbox')!;
    return (await t.ok(session, 'mail.messages', { folderId: inbox.id })).length > 0;
  });
  const inbox = (await t.ok(session, 'mail.folders', { accountId })).find((f) => f.specialUse === '\\Inbox')!;
  const [message] = await t.ok(session, 'mail.messages', { folderId: inbox.id });
  return { folderId: inbox.id, messageId: message!.id };
}

test('the home mailbox is for all staff; a personal mailbox only for the owner a manager names', async () => {
  await deliver(servers, 'home@example.test', 'Rota for December', 'Shifts attached.');
  await deliver(servers, 'nia@example.test', 'Your appraisal', 'Private to Nia.', {
    attachments: [{ filename: 'appraisal.pdf', content: Buffer.from('%PDF-1.4 appraisal') }],
  });
  const t = await startTestCore({
    policy: {
      mail: {
        ...testPolicy(servers),
        accounts: [
          { id: 'home', address: 'home@example.test', kind: 'home', signIn: 'password' },
          { id: 'nia', address: 'nia@example.test', kind: 'personal', signIn: 'password' },
        ],
      },
    },
  });
  await t.vault.set('nhsmail-token:home', JSON.stringify({ kind: 'password', password: 'homepw' }));
  await t.vault.set('nhsmail-token:nia', JSON.stringify({ kind: 'password', password: 'niapw' }));
  const { manager } = await setUpCareHome(t);
  const nia = await signIn(t, manager, 'Nia Nurse', 'nurse');
  const cara = await signIn(t, manager, 'Cara Carer', 'care_assistant');
  const ids = async (s: StaffSession) => (await t.ok(s, 'mail.accounts')).map((a) => a.id);
  const refused = async (s: StaffSession, call: Promise<{ ok: boolean; error?: { code: string } }>) =>
    assert.equal(((await call) as { ok: false; error: { code: string } }).error?.code ?? 'ok', 'forbidden', String(s));

  // Nobody owns Nia's mailbox yet: nobody sees it, not even Nia or the manager.
  assert.deepEqual(await ids(nia.session), ['home']);
  assert.deepEqual(await ids(manager), ['home']);
  await refused(nia.session, t.call(nia.session, 'mail.folders', { accountId: 'nia' }));

  // Only a manager names the owner, and the home mailbox has none.
  await refused(cara.session, t.call(cara.session, 'mail.setOwner', { accountId: 'nia', staffId: cara.staffId }));
  const home = await t.call(manager, 'mail.setOwner', { accountId: 'home', staffId: nia.staffId });
  assert.equal(home.ok ? 'ok' : home.error.code, 'conflict');
  await refused(cara.session, t.call(cara.session, 'mail.personalMailboxes'));
  assert.deepEqual(await t.ok(manager, 'mail.personalMailboxes'), [
    { id: 'nia', address: 'nia@example.test', ownerStaffId: null, ownerName: null },
  ]);
  await t.ok(manager, 'mail.setOwner', { accountId: 'nia', staffId: nia.staffId });
  assert.deepEqual(await t.ok(manager, 'mail.personalMailboxes'), [
    { id: 'nia', address: 'nia@example.test', ownerStaffId: nia.staffId, ownerName: 'Nia Nurse' },
  ]);

  // Everyone reads the home's mailbox.
  for (const s of [manager, nia.session, cara.session]) {
    const { messageId } = await inboxOf(t, s, 'home');
    assert.equal((await t.ok(s, 'mail.message', { messageId })).subject, 'Rota for December');
  }

  // Nia reads her own, attachment and all.
  const accounts = await t.ok(nia.session, 'mail.accounts');
  assert.deepEqual(
    accounts.map((a) => [a.id, a.ownerName]),
    [
      ['home', null],
      ['nia', 'Nia Nurse'],
    ],
  );
  const own = await inboxOf(t, nia.session, 'nia');
  const message = await t.ok(nia.session, 'mail.message', { messageId: own.messageId });
  assert.equal(message.subject, 'Your appraisal');
  const file = await t.ok(nia.session, 'mail.attachment', { attachmentId: message.attachments[0]!.id });
  assert.equal(Buffer.from(file.base64, 'base64').toString(), '%PDF-1.4 appraisal');

  // Anyone else, manager included, is refused at every door, however they learnt the ids.
  for (const s of [manager, cara.session]) {
    assert.deepEqual(await ids(s), ['home']);
    await refused(s, t.call(s, 'mail.syncNow', { accountId: 'nia' }));
    await refused(s, t.call(s, 'mail.folders', { accountId: 'nia' }));
    await refused(s, t.call(s, 'mail.messages', { folderId: own.folderId }));
    await refused(s, t.call(s, 'mail.message', { messageId: own.messageId }));
    await refused(s, t.call(s, 'mail.attachment', { attachmentId: message.attachments[0]!.id }));
    await refused(s, t.call(s, 'mail.search', { accountId: 'nia', query: 'appraisal' }));
    await refused(s, t.call(s, 'mail.setFlag', { messageId: own.messageId, flag: 'seen', on: true }));
    await refused(s, t.call(s, 'mail.delete', { messageId: own.messageId }));
    await refused(s, t.call(s, 'mail.outbox', { accountId: 'nia' }));
    await refused(s, t.call(s, 'mail.send', { accountId: 'nia', to: ['x@nhs.net'], subject: 'Hi', text: 'Hi' }));
  }
  // Nothing was changed by the refused calls: the message is still there and unread.
  const list = await t.ok(nia.session, 'mail.messages', { folderId: own.folderId });
  assert.deepEqual(
    list.map((m) => [m.id, m.seen]),
    [[own.messageId, false]],
  );
  const audit = await t.ok(manager, 'audit.recent', { limit: 200 });
  assert.ok(audit.filter((e) => e.action === 'mail.refused' && e.subject === 'mailbox:nia').length >= 20);
  assert.ok(audit.some((e) => e.action === 'mail.owner.set' && e.subject === 'mailbox:nia'));

  // Taking the mailbox away from Nia closes it to her at once.
  await t.ok(manager, 'mail.setOwner', { accountId: 'nia', staffId: null });
  await refused(nia.session, t.call(nia.session, 'mail.message', { messageId: own.messageId }));
});

test('→ 430: staff and mail stay; personal mailbox owners can be recorded', () => {
  const db = openEncryptedDatabase(path.join(tempDir(), 'm430.db'), randomBytes(32).toString('hex'), {
    fileMustExist: false,
  });
  migrate(db, MIGRATIONS, 400);
  db.prepare(
    "INSERT INTO staff_member (display_name, role, secret_hash, created_at) VALUES ('Ann', 'nurse', 'h', '2026-01-01')",
  ).run();
  db.prepare(
    "INSERT INTO mail_account (id, address, kind, created_at) VALUES ('ann', 'ann@nhs.net', 'personal', 'now')",
  ).run();
  migrate(db, MIGRATIONS, 430);
  assert.equal(schemaVersion(db), 430);
  assert.equal(db.prepare('SELECT count(*) FROM staff_member').pluck().get(), 1);
  assert.equal(db.prepare('SELECT count(*) FROM mail_account').pluck().get(), 1);
  db.prepare("INSERT INTO mail_mailbox_owner VALUES ('ann', 1, 1, 'now')").run();
  assert.throws(
    () => db.prepare("INSERT INTO mail_mailbox_owner VALUES ('bob', 99, 1, 'now')").run(),
    /FOREIGN KEY/,
    'an owner must be a real staff member',
  );
  db.close();
});
