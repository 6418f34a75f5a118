/**
 * The mail engine against real Dovecot and Postfix on 127.0.0.1 (started by
 * this file): send and receive with attachments byte for byte, flags and moves
 * both ways, IDLE, OAuth and password sign-in, UIDVALIDITY, search, and a
 * recipient refused.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { connectImap, type MailConnectionError } from '../../main/services/mail/imap-connection';
import { searchMail } from '../../main/services/mail/mail-repository';
import { tempDir } from '../support/temp-dir';
import { startMailServers, type MailServers } from './servers/mail-servers';
import { certificate, deliver, mailAccount, openStore, otherClient, waitFor } from './support/mail-fixture';

let servers: MailServers;
const dir = tempDir();
before(async () => {
  servers = await startMailServers({ carol: 'carolpw', dan: 'danpw', erin: 'erinpw' });
});
after(() => servers.wipe());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('a message with attachments goes out once and arrives byte for byte; big ones download on first open', async () => {
  const carol = await mailAccount(servers, openStore(dir, 'carol-send'), 'carol');
  const dan = await mailAccount(servers, openStore(dir, 'dan-receive'), 'dan');
  after(() => Promise.all([carol.account.stop(), dan.account.stop()]));
  const small = randomBytes(20_000); // under the 64 KB eager limit: stored with the message
  const big = randomBytes(300_000); // over it: fetched from the server when first opened
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(5000)]);
  const id = await carol.account.queueSend({
    from: 'carol@example.test',
    to: ['dan@example.test'],
    subject: 'ECG for Mrs Patel',
    text: 'Please find the ECG attached.',
    attachments: [
      { filename: 'ecg.png', contentType: 'image/png', content: small },
      { filename: 'Referral letter – Mrs Patel.pdf', contentType: 'application/pdf', content: pdf },
      { filename: 'scan.bin', contentType: 'application/octet-stream', content: big },
    ],
  });
  const report = await carol.account.replayOutbox();
  assert.equal(report.sent, 1);
  assert.equal(carol.outbox.row(id)!.state, 'sent');
  // A second replay finds nothing to do: nothing is sent twice.
  assert.equal((await carol.account.replayOutbox()).sent, 0);

  // dan@example.test is not secure NHSmail, so the [secure] rule put the marker in.
  const subject = '[secure] ECG for Mrs Patel';
  const rowId = await waitFor('delivery', async () => {
    await dan.account.syncAll();
    return dan.repo.db.prepare('SELECT id FROM mail_message WHERE subject = ?').pluck().get(subject) as number;
  });
  assert.equal(dan.repo.db.prepare('SELECT count(*) FROM mail_message WHERE subject = ?').pluck().get(subject), 1);
  assert.match(dan.repo.message(rowId)!.text_body, /ECG attached/);
  const atts = dan.repo.attachments(rowId);
  assert.deepEqual(
    atts.map((a) => a.filename),
    ['ecg.png', 'Referral letter – Mrs Patel.pdf', 'scan.bin'],
  );
  assert.equal(sha(atts[0]!.content!), sha(small));
  assert.equal(sha(atts[1]!.content!), sha(pdf));
  assert.equal(atts[2]!.content, null, 'over the eager limit: not downloaded yet');
  const opened = await dan.account.openAttachment(atts[2]!.id);
  assert.equal(sha(opened.content), sha(big));
  assert.equal(sha(dan.repo.attachments(rowId)[2]!.content!), sha(big), 'kept in the store for next time');

  // Carol's copy is in Sent (the app files it; NHSmail's server does that itself).
  await carol.account.syncAll();
  const sent = carol.repo.folderBySpecialUse('carol', '\\Sent')!;
  assert.equal(carol.repo.db.prepare('SELECT count(*) FROM mail_message WHERE folder_id = ?').pluck().get(sent.id), 1);
});

test('one refused recipient is reported plainly; the others still get the message', async () => {
  const carol = await mailAccount(servers, openStore(dir, 'carol-partial'), 'carol');
  after(() => carol.account.stop());
  const id = await carol.account.queueSend({
    from: 'carol@example.test',
    to: ['dan@example.test', 'nobody@example.test'],
    subject: 'Partial',
    text: 'x',
  });
  await carol.account.replayOutbox();
  const row = carol.outbox.row(id)!;
  assert.equal(row.state, 'sent');
  assert.match(row.outcome ?? '', /not delivered to nobody@example\.test/);
  const allRefused = await carol.account.queueSend({
    from: 'carol@example.test',
    to: ['nobody@example.test'],
    subject: 'No',
    text: 'x',
  });
  await carol.account.replayOutbox();
  assert.equal(carol.outbox.row(allRefused)!.state, 'failed');
  assert.match(carol.outbox.row(allRefused)!.outcome ?? '', /No recipient was accepted/);
});

test('flags and moves go both ways', async () => {
  await deliver(servers, 'erin@example.test', 'Flag me', 'body one');
  await deliver(servers, 'erin@example.test', 'Move me', 'body two');
  const erin = await mailAccount(servers, openStore(dir, 'erin-flags'), 'erin');
  after(() => erin.account.stop());
  await erin.account.syncAll();
  const idOf = (subject: string) =>
    erin.repo.db.prepare('SELECT id FROM mail_message WHERE subject = ?').pluck().get(subject) as number;
  const other = await otherClient(servers, 'erin');
  after(() => other.logout());

  // App → server: flagged and read, moved to Archive.
  erin.account.setFlag(idOf('Flag me'), '\\Flagged', true);
  erin.account.setFlag(idOf('Flag me'), '\\Seen', true);
  assert.equal(erin.repo.message(idOf('Flag me'))!.flagged, 1, 'shown at once, before the server knows');
  erin.account.move(idOf('Move me'), 'Archive');
  const report = await erin.account.replayOutbox();
  assert.equal(report.done, 3);
  await other.mailboxOpen('INBOX');
  const onServer = await other.fetchAll('1:*', { envelope: true, flags: true });
  assert.deepEqual(
    onServer.map((m) => m.envelope?.subject),
    ['Flag me'],
  );
  assert.ok(onServer[0]!.flags!.has('\\Flagged') && onServer[0]!.flags!.has('\\Seen'));
  const archived = await other.status('Archive', { messages: true });
  assert.equal(archived && archived.messages, 1);
  await erin.account.syncAll();
  assert.equal(
    erin.repo.db.prepare("SELECT count(*) FROM mail_message WHERE subject = 'Move me'").pluck().get(),
    1,
    'no duplicate',
  );

  // Server → app: another device unflags and moves the first message into Trash.
  await other.mailboxOpen('INBOX');
  await other.messageFlagsRemove('1:*', ['\\Flagged']);
  await erin.account.syncAll();
  assert.equal(erin.repo.message(idOf('Flag me'))!.flagged, 0);
  await other.messageMove('1:*', 'Trash');
  await erin.account.syncAll();
  const trash = erin.repo.folderBySpecialUse('erin', '\\Trash')!;
  const row = erin.repo.db.prepare("SELECT folder_id FROM mail_message WHERE subject = 'Flag me'").all() as Array<{
    folder_id: number;
  }>;
  assert.deepEqual(row, [{ folder_id: trash.id }]);
});

test('IDLE: new mail is in the store within seconds of the server accepting it', async () => {
  const dan = await mailAccount(servers, openStore(dir, 'dan-idle'), 'dan');
  after(() => dan.account.stop());
  await dan.account.syncAll();
  dan.account.start();
  await waitFor('idle', () => dan.account.status.state === 'watching');
  const accepted = Date.now();
  await deliver(servers, 'dan@example.test', 'Pushed by IDLE', 'hello');
  await waitFor(
    'the IDLE push',
    () => dan.repo.db.prepare("SELECT id FROM mail_message WHERE subject = 'Pushed by IDLE'").get(),
    5_000,
  );
  assert.ok(Date.now() - accepted < 2_000, `arrived in ${Date.now() - accepted} ms`);
});

test('OAuth: a good token logs in over IMAP and SMTP; a bad one asks to sign in again; a wrong password says so', async () => {
  const token = servers.idp.mintAccessToken('carol@example.test');
  const c = await connectImap(
    { host: '127.0.0.1', port: servers.imapPort, security: 'none' },
    { user: 'carol@example.test', accessToken: token },
  );
  assert.ok(c.authenticated);
  await c.logout();

  // Over IMAPS with the server's certificate trusted explicitly (no "ignore certificate errors").
  const tls = await connectImap(
    { host: '127.0.0.1', port: servers.imapsPort, security: 'tls', ca: certificate(servers) },
    { user: 'carol@example.test', accessToken: token },
  );
  assert.ok(tls.secureConnection);
  await tls.logout();

  await assert.rejects(
    connectImap(
      { host: '127.0.0.1', port: servers.imapPort, security: 'none' },
      { user: 'carol@example.test', accessToken: 'forged' },
    ),
    (e: MailConnectionError) => e.problem === 'sign_in_again' && /sign in again/.test(e.message),
  );
  await assert.rejects(
    connectImap(
      { host: '127.0.0.1', port: servers.imapPort, security: 'none' },
      { user: 'carol@example.test', pass: 'wrong' },
    ),
    (e: MailConnectionError) => e.problem === 'wrong_password' && /username or password/.test(e.message),
  );

  // The engine with OAuth tokens from the vault sends over SMTP with XOAUTH2.
  const carol = await mailAccount(servers, openStore(dir, 'carol-oauth'), 'carol', { password: null });
  after(() => carol.account.stop());
  await carol.credentials.saveTokens('carol', {
    accessToken: token,
    refreshToken: null,
    expiresAt: Date.now() + 3600_000,
  });
  const id = await carol.account.queueSend({
    from: 'carol@example.test',
    to: ['dan@example.test'],
    subject: 'Via OAuth',
    text: 'x',
  });
  assert.equal((await carol.account.replayOutbox()).sent, 1);
  assert.equal(carol.outbox.row(id)!.state, 'sent');

  // Token revoked: the account asks for sign-in again, and the queued message waits, not lost.
  servers.idp.revoke(token);
  const stuck = await mailAccount(servers, openStore(dir, 'carol-revoked'), 'carol', {
    password: null,
    vault: carol.vault,
  });
  after(() => stuck.account.stop());
  const queued = await stuck.account.queueSend({
    from: 'carol@example.test',
    to: ['dan@example.test'],
    subject: 'Waiting',
    text: 'x',
  });
  await assert.rejects(stuck.account.syncAll(), /sign in again/);
  assert.equal(stuck.outbox.row(queued)!.state, 'queued');
});

test('a UIDVALIDITY change resyncs without duplicates and keeps downloaded attachments', async () => {
  await deliver(servers, 'erin@example.test', 'Renumbered A', 'alpha', {
    attachments: [{ filename: 'a.txt', content: 'attached text' }],
  });
  await deliver(servers, 'erin@example.test', 'Renumbered B', 'beta');
  const erin = await mailAccount(servers, openStore(dir, 'erin-uidvalidity'), 'erin');
  after(() => erin.account.stop());
  await erin.account.syncAll();
  const before = erin.repo.db
    .prepare("SELECT id, subject FROM mail_message WHERE subject LIKE 'Renumbered%' ORDER BY id")
    .all();
  const inbox = erin.repo.folder('erin', 'INBOX')!;
  await servers.doveadm(
    'mailbox',
    'update',
    '-u',
    'erin@example.test',
    '--uid-validity',
    String(inbox.uidvalidity! + 1000),
    'INBOX',
  );
  const results = await erin.account.syncAll();
  assert.ok(results.find((r) => r.path === 'INBOX')!.uidValidityChanged);
  const afterRows = erin.repo.db
    .prepare("SELECT id, subject FROM mail_message WHERE subject LIKE 'Renumbered%' ORDER BY id")
    .all();
  assert.deepEqual(afterRows, before, 'same rows, no duplicates');
  assert.equal(erin.repo.folder('erin', 'INBOX')!.uidvalidity, inbox.uidvalidity! + 1000);
  const total = erin.repo.db.prepare('SELECT count(*) FROM mail_message WHERE folder_id = ?').pluck().get(inbox.id);
  const other = await otherClient(servers, 'erin');
  const status = await other.status('INBOX', { messages: true });
  await other.logout();
  assert.equal(total, status && status.messages);
});

test('search finds mail by subject, sender and body; FTS syntax is searched as text', async () => {
  await deliver(servers, 'dan@example.test', 'Pressure ulcer review', 'Reviewed the sacral wound dressing today', {
    from: 'District Nurse Team <dn.team@nhs.net>',
  });
  const dan = await mailAccount(servers, openStore(dir, 'dan-search'), 'dan');
  after(() => dan.account.stop());
  await dan.account.syncAll();
  const subjects = (q: string) => searchMail(dan.repo.db, 'dan', q).map((h) => h.subject);
  assert.deepEqual(subjects('pressure'), ['Pressure ulcer review']);
  assert.deepEqual(subjects('dn.team'), ['Pressure ulcer review']);
  assert.deepEqual(subjects('District nurse'), ['Pressure ulcer review']);
  assert.deepEqual(subjects('sacral dressing'), ['Pressure ulcer review']);
  assert.deepEqual(subjects('dress'), ['Pressure ulcer review'], 'prefixes match as people type');
  assert.deepEqual(subjects('chiropody'), []);
  assert.deepEqual(subjects('"unbalanced NEAR( subject:'), []);
});
