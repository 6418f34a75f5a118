/**
 * Mail through the real core and dispatcher (what the renderer will call),
 * against the real servers: sync, folders, list, open (audited), search,
 * the [secure] check, and send through the outbox.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setUpCareHome, startTestCore } from '../support/core';
import { startMailServers, type MailServers } from './servers/mail-servers';
import { deliver, otherClient, testPolicy, waitFor } from './support/mail-fixture';

let servers: MailServers;
before(async () => {
  servers = await startMailServers({ home: 'homepw', gp: 'gppw' });
});
after(() => servers.wipe());

test('read, search and send the home mailbox through the IPC contract', async () => {
  await deliver(servers, 'home@example.test', 'Discharge summary for Edith Jones', 'Edith returns on Tuesday.', {
    attachments: [{ filename: 'discharge.pdf', content: Buffer.from('%PDF-1.4 test') }],
  });
  const t = await startTestCore({
    policy: {
      mail: {
        ...testPolicy(servers),
        accounts: [{ id: 'home', address: 'home@example.test', kind: 'home', signIn: 'password' }],
      },
    },
  });
  await t.vault.set('nhsmail-token:home', JSON.stringify({ kind: 'password', password: 'homepw' }));
  const { manager } = await setUpCareHome(t);

  const accounts = await t.ok(manager, 'mail.accounts');
  assert.deepEqual(
    accounts.map((a) => a.address),
    ['home@example.test'],
  );
  await waitFor('delivery', async () => {
    await t.ok(manager, 'mail.syncNow', { accountId: 'home' });
    const inbox = (await t.ok(manager, 'mail.folders', { accountId: 'home' })).find((f) => f.specialUse === '\\Inbox')!;
    return (await t.ok(manager, 'mail.messages', { folderId: inbox.id })).length > 0;
  });
  const folders = await t.ok(manager, 'mail.folders', { accountId: 'home' });
  const inbox = folders.find((f) => f.specialUse === '\\Inbox')!;
  assert.equal(inbox.unread, 1);
  const [item] = await t.ok(manager, 'mail.messages', { folderId: inbox.id });
  assert.equal(item!.subject, 'Discharge summary for Edith Jones');
  assert.equal(item!.hasAttachments, true);

  const message = await t.ok(manager, 'mail.message', { messageId: item!.id });
  assert.match(message.text, /returns on Tuesday/);
  assert.deepEqual(
    message.attachments.map((a) => [a.filename, a.downloaded]),
    [['discharge.pdf', true]],
  );
  const audit = await t.ok(manager, 'audit.recent', { limit: 20 });
  assert.ok(audit.some((e) => e.action === 'mail.viewed' && e.subject === `mail:${item!.id}`));

  const hits = await t.ok(manager, 'mail.search', { accountId: 'home', query: 'tuesday' });
  assert.deepEqual(
    hits.map((h) => h.id),
    [item!.id],
  );

  await t.ok(manager, 'mail.setFlag', { messageId: item!.id, flag: 'seen', on: true });
  assert.equal((await t.ok(manager, 'mail.folders', { accountId: 'home' })).find((f) => f.id === inbox.id)!.unread, 0);

  const check = await t.ok(manager, 'mail.checkSecure', {
    recipients: ['daughter@gmail.com'],
    subject: 'Mum',
    body: 'Her NHS number is 943 476 5919',
    attachmentNames: [],
    declineSecure: true,
  });
  assert.equal(check.warn, true, 'patient information, unencrypted, to a non-secure address');
  assert.equal(check.subject, 'Mum');

  const sent = await t.ok(manager, 'mail.send', {
    accountId: 'home',
    to: ['gp@example.test'],
    subject: 'Re: Discharge summary',
    text: 'Thank you, received.',
  });
  assert.equal(sent.subject, '[secure] Re: Discharge summary');
  await waitFor('sent', async () => (await t.ok(manager, 'mail.outbox', { accountId: 'home' }))[0]!.state === 'sent');
  const gp = await otherClient(servers, 'gp');
  after(() => gp.logout());
  await waitFor('arrival', async () => {
    const s = await gp.status('INBOX', { messages: true });
    return s && s.messages === 1;
  });

  const bad = await t.call(manager, 'mail.message', { messageId: 999_999 });
  assert.equal(bad.ok ? 'ok' : bad.error.code, 'not_found');
});
