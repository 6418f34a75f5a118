/**
 * The MESH client against the test server, between two mailboxes: handshake,
 * small and chunked (gzip) messages both ways, acknowledgement only after the
 * store commit, tracking, and error reports shown to the sender.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { testVault } from '../support/test-vault';
import {
  ackCount,
  HOME,
  HOSPITAL,
  inboundRows,
  mailboxService,
  openStore,
  SANDBOX_STORE,
  startMeshServer,
  storedContent,
} from './support';

test('handshake once a day, with the client headers', async () => {
  const server = await startMeshServer();
  const { db } = openStore();
  const home = await mailboxService(testVault(), db, server, HOME);
  const first = await home.poll();
  assert.equal(first.ok, true, first.problem?.sentence);
  assert.equal(server.handshakes.length, 1);
  assert.match(server.handshakes[0]!.clientVersion, /^CareHomeDesktop==/);
  await home.poll(true);
  assert.equal(server.handshakes.length, 1, 'not again within 24 hours');
  assert.ok(home.status().lastHandshakeAt);
});

test('the sandbox store chunked gzip message is stored decoded, once, then acknowledged', async () => {
  const server = await startMeshServer();
  const { db } = openStore();
  const home = await mailboxService(testVault(), db, server, HOME);
  const outcome = await home.poll();
  assert.equal(outcome.ok, true, outcome.problem?.sentence);
  assert.deepEqual(
    outcome.received?.stored.map((m) => m.messageId),
    ['CHUNKED_MESSAGE_GZ'],
  );
  const dir = path.join(SANDBOX_STORE, 'mailboxes', HOME, 'in', 'CHUNKED_MESSAGE_GZ');
  const expected = Buffer.concat([1, 2].map((n) => zlib.gunzipSync(fs.readFileSync(path.join(dir, String(n))))));
  assert.deepEqual(storedContent(db, 'CHUNKED_MESSAGE_GZ'), expected);
  assert.equal(inboundRows(db)[0]!.state, 'acknowledged');
  assert.equal(server.store.messages.get('CHUNKED_MESSAGE_GZ')!.status, 'acknowledged');
  assert.equal(ackCount(server, 'CHUNKED_MESSAGE_GZ'), 1);
});

test('hospital → home: a small message and a chunked gzip message arrive whole; tracking shows them acknowledged', async () => {
  const server = await startMeshServer();
  const vault = testVault();
  const hospitalStore = openStore();
  const homeStore = openStore();
  const hospital = await mailboxService(vault, hospitalStore.db, server, HOSPITAL);
  const home = await mailboxService(vault, homeStore.db, server, HOME);
  const small = Buffer.from('{"resourceType":"Bundle","type":"message"}');
  const large = randomBytes(300_000);
  const smallId = await hospital.queue({
    recipient: HOME,
    workflowId: 'TEST_WORKFLOW',
    content: small,
    subject: 'Trusted assessment',
  });
  const largeId = await hospital.queue({
    recipient: HOME,
    workflowId: 'TEST_WORKFLOW',
    content: large,
    chunkBytes: 100_000,
    compress: true,
  });
  const sent = await hospital.poll();
  assert.equal(sent.ok, true, sent.problem?.sentence);
  const views = hospital.outbox.list();
  assert.deepEqual(
    views.map((v) => v.state),
    ['sent', 'sent'],
  );
  assert.equal(views[1]!.totalChunks, 3);
  const serverCopy = server.store.messages.get(views[1]!.messageId!)!;
  assert.equal(serverCopy.content_encoding, 'gzip');
  assert.equal(serverCopy.local_id, largeId);
  assert.ok(
    serverCopy.chunks.every((c) => c && c[0] === 0x1f && c[1] === 0x8b),
    'each chunk gzip on its own',
  );

  const received = await home.poll();
  assert.equal(received.ok, true, received.problem?.sentence);
  const byLocal = (localId: string) =>
    homeStore.db
      .prepare('SELECT message_id, checksum_ok, byte_count FROM mesh_inbound_message WHERE local_id = ?')
      .get(localId) as {
      message_id: string;
      checksum_ok: number;
      byte_count: number;
    };
  assert.deepEqual(storedContent(homeStore.db, byLocal(smallId).message_id), small);
  assert.deepEqual(storedContent(homeStore.db, byLocal(largeId).message_id), large);
  assert.equal(byLocal(largeId).checksum_ok, 1, 'the sender checksum (MD5 of the content) matches');
  assert.equal(
    createHash('md5')
      .update(storedContent(homeStore.db, byLocal(largeId).message_id))
      .digest('hex'),
    createHash('md5').update(large).digest('hex'),
  );

  // Tracking is asked at most hourly per message: a fresh poll an hour on sees the acknowledgements.
  const later = new Date(Date.now() + 61 * 60_000);
  const hospitalLater = await mailboxService(vault, hospitalStore.db, server, HOSPITAL, { now: () => later });
  assert.equal((await hospitalLater.poll()).ok, true);
  assert.deepEqual(
    hospitalLater.outbox.list().map((v) => v.state),
    ['acknowledged', 'acknowledged'],
  );
});

test('acknowledgement only after the commit: a store that cannot commit leaves the message in the MESH inbox', async () => {
  const server = await startMeshServer();
  const { db } = openStore();
  const home = await mailboxService(testVault(), db, server, HOME, {
    onStored: () => {
      throw new Error('the parser fell over');
    },
  });
  const outcome = await home.poll();
  assert.equal(outcome.ok, false);
  assert.equal(ackCount(server, 'CHUNKED_MESSAGE_GZ'), 0);
  // Committed before the hook ran, so the next cycle acknowledges it without storing it again.
  assert.equal(inboundRows(db)[0]!.state, 'stored');
});

test('an undelivered message: the error report reaches the hospital, which is told what to do', async () => {
  let now = new Date();
  const server = await startMeshServer({ now: () => now });
  const vault = testVault();
  const { db } = openStore();
  const hospital = await mailboxService(vault, db, server, HOSPITAL, { now: () => now });
  const localId = await hospital.queue({
    recipient: HOME,
    workflowId: 'TEST_WORKFLOW',
    content: Buffer.from('assessment'),
  });
  assert.equal((await hospital.poll()).ok, true);
  now = new Date(now.getTime() + 6 * 86_400_000);
  server.expireUndelivered();
  const outcome = await hospital.poll(true);
  assert.equal(outcome.ok, true, outcome.problem?.sentence);
  // Two reports: this message's, and one for the sandbox store's message the home never collected.
  const reports = inboundRows(db).filter((r) => r.message_type === 'REPORT');
  assert.equal(reports.length, 2);
  assert.ok(reports.every((r) => r.state === 'acknowledged'));
  const view = hospital.outbox.list().find((v) => v.localId === localId)!;
  assert.equal(view.state, 'undeliverable');
  assert.match(view.whatToDo ?? '', /did not collect this message within 5 days/);
  assert.match(view.whatToDo ?? '', /send it again/);
});
