/**
 * Nothing lost, nothing twice: offline compose sent exactly once when the
 * server returns; a send cut short by a crash settled from the Sent folder, or
 * held for a person, never resent blindly; the server dropping the connection
 * mid-sync, and SIGKILL of the syncing process mid-sync.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { connectImap, type MailConnectionError } from '../../main/services/mail/imap-connection';
import { createKeytarVault } from '../../main/services/vault/keytar-vault';
import { tempDir } from '../support/temp-dir';
import { startCuttingProxy } from './servers/cutting-proxy';
import { startMailServers, type MailServers } from './servers/mail-servers';
import { appendMany, deliver, mailAccount, openStore, otherClient, waitFor } from './support/mail-fixture';

let servers: MailServers;
const dir = tempDir();
before(async () => {
  servers = await startMailServers({ fay: 'faypw', gus: 'guspw', hal: 'halpw', ivy: 'ivypw' });
});
after(() => servers.wipe());

async function countOnServer(user: string, folder: string, messageId?: string): Promise<number> {
  const c = await otherClient(servers, user);
  try {
    const lock = await c.getMailboxLock(folder);
    try {
      const found = await c.search(messageId ? { header: { 'message-id': messageId } } : { all: true }, { uid: true });
      return Array.isArray(found) ? found.length : 0;
    } finally {
      lock.release();
    }
  } finally {
    await c.logout();
  }
}

test('written offline, sent exactly once when the server returns', async () => {
  const fay = await mailAccount(servers, openStore(dir, 'fay-offline'), 'fay');
  after(() => fay.account.stop());
  await servers.stop();
  try {
    const id = await fay.account.queueSend({
      from: 'fay@example.test',
      to: ['gus@example.test'],
      subject: 'Written offline',
      text: 'x',
    });
    const offline = await fay.account.replayOutbox();
    assert.equal(offline.stoppedEarly, true);
    assert.equal(fay.outbox.row(id)!.state, 'queued', 'still waiting, not failed');
  } finally {
    await servers.start();
  }
  // Two replays at once (a reconnect and a button press) still send it once.
  const [a, b] = await Promise.all([fay.account.replayOutbox(), fay.account.replayOutbox()]);
  assert.equal(a.sent + (a === b ? 0 : b.sent), 1);
  await fay.account.replayOutbox();
  const row = fay.outbox.all('fay').find((r) => r.kind === 'send')!;
  assert.equal(row.state, 'sent');
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await countOnServer('gus', 'INBOX', row.message_id_header!), 1);
});

test('a send cut short by a crash: found in Sent → sent, not resent; not found → held for a person', async () => {
  const fay = await mailAccount(servers, openStore(dir, 'fay-crash'), 'fay');
  after(() => fay.account.stop());
  await fay.account.syncAll();
  // Crashed after the server took it and it was filed in Sent, before the row said "sent".
  const filed = await fay.account.queueSend({
    from: 'fay@example.test',
    to: ['hal@example.test'],
    subject: 'Crashed after',
    text: 'x',
  });
  const filedRow = fay.outbox.row(filed)!;
  const c = await otherClient(servers, 'fay');
  await c.append('Sent', filedRow.raw!, ['\\Seen']);
  await c.logout();
  fay.outbox.setState(filed, 'sending');
  // Crashed with the message maybe at the server but nowhere to be seen.
  const lost = await fay.account.queueSend({
    from: 'fay@example.test',
    to: ['hal@example.test'],
    subject: 'Crashed during',
    text: 'x',
  });
  fay.outbox.setState(lost, 'sending');

  await fay.account.replayOutbox();
  assert.equal(fay.outbox.row(filed)!.state, 'sent');
  assert.equal(fay.outbox.row(lost)!.state, 'unconfirmed');
  assert.match(fay.outbox.row(lost)!.outcome ?? '', /Check with the recipient before sending it again/);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await countOnServer('hal', 'INBOX', filedRow.message_id_header!), 0, 'not sent again');
  assert.equal(await countOnServer('hal', 'INBOX', fay.outbox.row(lost)!.message_id_header!), 0, 'not sent blindly');
});

test('the server dropping the connection mid-sync loses nothing and duplicates nothing', async () => {
  await appendMany(servers, 'gus', 'INBOX', 240, 6000);
  const proxy = await startCuttingProxy(servers.imapPort);
  after(() => proxy.close());
  const gus = await mailAccount(servers, openStore(dir, 'gus-drop'), 'gus', { imapPort: proxy.port });
  after(() => gus.account.stop());
  proxy.cutAfter(1_000_000); // in the second batch: the first is committed, the second is not
  await assert.rejects(gus.account.syncAll());
  assert.equal(proxy.cuts, 1);
  const partial = gus.repo.db.prepare('SELECT count(*) FROM mail_message').pluck().get() as number;
  assert.ok(partial > 0 && partial < 240, `stored ${partial} before the cut`);
  await gus.account.syncAll();
  const expected = await countOnServer('gus', 'INBOX');
  const inbox = gus.repo.folder('gus', 'INBOX')!;
  assert.equal(
    gus.repo.db.prepare('SELECT count(*) FROM mail_message WHERE folder_id = ?').pluck().get(inbox.id),
    expected,
  );
  assert.equal(
    gus.repo.db
      .prepare('SELECT count(DISTINCT message_id) FROM mail_message WHERE folder_id = ?')
      .pluck()
      .get(inbox.id),
    expected,
  );
});

test('killing the syncing process mid-sync loses nothing and duplicates nothing', async () => {
  await appendMany(servers, 'ivy', 'INBOX', 300, 6000);
  const store = openStore(dir, 'ivy-kill');
  store.db.close();
  const vaultService = `uk.nhs.care-home-desktop.test.${randomUUID()}`;
  const vault = createKeytarVault(vaultService);
  after(() => vault.delete('nhsmail-token:ivy'));
  await vault.set('nhsmail-token:ivy', JSON.stringify({ kind: 'password', password: 'ivypw' }));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support', 'sync-child.ts')], {
    env: {
      ...process.env,
      MAIL_CHILD: JSON.stringify({
        file: store.file,
        key: store.key,
        vaultService,
        user: 'ivy',
        imapPort: servers.imapPort,
        smtpPort: servers.submissionPort,
      }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let killedAt = 0;
  await new Promise<void>((resolve) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (line: string) => {
      const m = /stored (\d+)/.exec(line);
      if (m && Number(m[1]) >= 60 && !killedAt) {
        killedAt = Number(m[1]);
        child.kill('SIGKILL');
      }
    });
    child.on('exit', () => resolve());
  });
  assert.ok(killedAt > 0 && killedAt < 300, `killed after ${killedAt} of 300`);
  const reopened = openStore(dir, 'ivy-kill', store.key);
  const ivy = await mailAccount(servers, reopened, 'ivy');
  after(() => ivy.account.stop());
  await ivy.account.syncAll();
  const inbox = ivy.repo.folder('ivy', 'INBOX')!;
  assert.equal(ivy.repo.db.prepare('SELECT count(*) FROM mail_message WHERE folder_id = ?').pluck().get(inbox.id), 300);
  assert.equal(
    ivy.repo.db
      .prepare('SELECT count(DISTINCT message_id) FROM mail_message WHERE folder_id = ?')
      .pluck()
      .get(inbox.id),
    300,
  );
});

test('a server that accepts the connection and then says nothing is given up on at the deadline, plainly', async () => {
  const silent = net.createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  after(() => new Promise<void>((resolve) => silent.close(() => resolve())));
  const port = (silent.address() as net.AddressInfo).port;
  const started = Date.now();
  await assert.rejects(
    connectImap({ host: '127.0.0.1', port, security: 'none' }, { user: 'x@example.test', pass: 'x' }, 1_500),
    (e: MailConnectionError) => e.problem === 'timeout' && /did not answer in time/.test(e.message),
  );
  assert.ok(Date.now() - started < 4_000, `gave up after ${Date.now() - started} ms`);
});

test('after the server goes away, the account reconnects by itself with backoff and new mail still arrives', async () => {
  const hal = await mailAccount(servers, openStore(dir, 'hal-reconnect'), 'hal');
  after(() => hal.account.stop());
  hal.account.start();
  await waitFor('watching', () => hal.account.status.state === 'watching');
  await servers.stop();
  await waitFor('noticed the loss', () => hal.account.status.state !== 'watching', 15_000);
  await servers.start();
  await deliver(servers, 'hal@example.test', 'After the outage', 'x');
  await waitFor(
    'the message after reconnecting',
    () => hal.repo.db.prepare("SELECT id FROM mail_message WHERE subject = 'After the outage'").get(),
    20_000,
  );
});

test('a message too large to hold in memory keeps its headers; its attachment downloads on open, byte for byte', async () => {
  const huge = randomBytes(27 * 1024 * 1024);
  await deliver(servers, 'fay@example.test', 'Scanned notes (large)', 'see attached', {
    attachments: [{ filename: 'notes.tif', contentType: 'image/tiff', content: huge }],
  });
  const fay = await mailAccount(servers, openStore(dir, 'fay-large'), 'fay');
  after(() => fay.account.stop());
  const id = await waitFor(
    'the large message',
    async () => {
      await fay.account.syncAll();
      return fay.repo.db
        .prepare("SELECT id FROM mail_message WHERE subject = 'Scanned notes (large)'")
        .pluck()
        .get() as number;
    },
    30_000,
  );
  const [attachment] = fay.repo.attachments(id);
  assert.equal(attachment!.filename, 'notes.tif');
  assert.equal(attachment!.content, null);
  const opened = await fay.account.openAttachment(attachment!.id);
  assert.equal(
    createHash('sha256').update(opened.content).digest('hex'),
    createHash('sha256').update(huge).digest('hex'),
  );
});
