/**
 * Every MESH failure becomes a sentence an administrator can act on, the
 * mailbox's poll backs off, and it recovers by itself once the cause is gone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testVault } from '../support/test-vault';
import { clientCertificate, makeCa, pkcs12, serverCertificate } from './certificates';
import { HOME, HOSPITAL, inboundRows, mailboxService, openStore, startMeshServer } from './support';

test('wrong password, wrong shared secret, unknown mailbox: the sign-in sentence; fixing it recovers', async () => {
  const server = await startMeshServer();
  for (const wrong of [{ password: 'not-it' }, { sharedKey: 'NotTheKey' }]) {
    const { db } = openStore();
    const home = await mailboxService(testVault(), db, server, HOME, wrong);
    const outcome = await home.poll();
    assert.equal(outcome.ok, false);
    assert.equal(outcome.problem?.kind, 'sign_in_refused');
    assert.match(
      home.status().problem ?? '',
      /MESH refused the sign-in for mailbox X26ABC2: .*password .*shared secret/,
    );
  }
  const { db } = openStore();
  const stranger = await mailboxService(testVault(), db, server, 'X26NOPE9');
  assert.equal((await stranger.poll()).problem?.kind, 'sign_in_refused');
  // The secret is corrected in the keychain: the next poll works and the problem is cleared.
  const vault = testVault();
  const store = openStore();
  const home = await mailboxService(vault, store.db, server, HOME, { password: 'old' });
  assert.equal((await home.poll()).ok, false);
  await mailboxService(vault, store.db, server, HOME);
  const fixed = await home.poll(true);
  assert.equal(fixed.ok, true, fixed.problem?.sentence);
  assert.equal(home.status().problem, null);
});

test('a clock more than 2 hours out is named as the clock, not as a password problem', async () => {
  const server = await startMeshServer();
  const { db } = openStore();
  const skewed = new Date(Date.now() - 3 * 3600_000);
  const home = await mailboxService(testVault(), db, server, HOME, { now: () => skewed });
  const outcome = await home.poll();
  assert.equal(outcome.problem?.kind, 'clock_skew');
  assert.match(outcome.problem!.sentence, /clock is 3\.0 hours behind the MESH server's clock/);
});

test('5xx answers back off (doubling, at most an hour) and the mailbox recovers by itself', async () => {
  const server = await startMeshServer();
  const { db } = openStore();
  const home = await mailboxService(testVault(), db, server, HOME);
  server.faults.failWith = { status: 503, times: 3 };
  const delays: number[] = [];
  for (let i = 0; i < 3; i++) {
    const outcome = await home.poll(true);
    assert.equal(outcome.problem?.kind, 'server_error');
    assert.match(outcome.problem!.sentence, /HTTP 503\)\. Nothing has been lost; the app will try again by itself/);
    delays.push(outcome.nextPollInMs);
  }
  assert.deepEqual(
    delays,
    [5, 10, 20].map((m) => m * 60_000),
  );
  assert.equal(home.nextDelayMs(9), 60 * 60_000);
  const recovered = await home.poll(true);
  assert.equal(recovered.ok, true);
  assert.equal(recovered.nextPollInMs, 5 * 60_000);
  assert.equal(home.status().consecutiveFailures, 0);
  assert.equal(inboundRows(db).length, 1);
});

test('no answer in time, and nobody listening: each has its own sentence', async () => {
  const server = await startMeshServer();
  const { db } = openStore();
  const home = await mailboxService(testVault(), db, server, HOME, { timeoutMs: 300 });
  server.faults.delayMs = 1_000;
  const slow = await home.poll(true);
  assert.equal(slow.problem?.kind, 'timed_out');
  assert.match(slow.problem!.sentence, /MESH did not answer within 1 seconds/);
  server.faults.delayMs = 0;
  await server.stop();
  const gone = await home.poll(true);
  assert.equal(gone.problem?.kind, 'unreachable');
  assert.match(gone.problem!.sentence, /could not reach MESH at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
});

test('the schedule never polls sooner than 5 minutes; a person asking does', async () => {
  const server = await startMeshServer();
  const { db } = openStore();
  const home = await mailboxService(testVault(), db, server, HOME);
  await home.poll();
  const polls = () => server.requests.filter((r) => r.path.endsWith('/inbox')).length;
  const before = polls();
  const skipped = await home.poll();
  assert.equal(polls(), before);
  assert.ok(skipped.nextPollInMs > 4 * 60_000);
  await home.poll(true);
  assert.equal(polls(), before + 1);
});

test('sending to an unknown mailbox or on a workflow not allowed: not sent, and the sender is told why', async () => {
  const server = await startMeshServer();
  const { db } = openStore();
  const hospital = await mailboxService(testVault(), db, server, HOSPITAL);
  await hospital.queue({ recipient: 'X99NOPE', workflowId: 'TEST_WORKFLOW', content: Buffer.from('a') });
  await hospital.queue({ recipient: HOME, workflowId: 'TEST_WORKFLOW_ACK', content: Buffer.from('b') });
  const outcome = await hospital.poll();
  assert.equal(outcome.ok, true, outcome.problem?.sentence);
  const [unknown, workflow] = hospital.outbox.list();
  assert.equal(unknown!.state, 'failed');
  assert.match(unknown!.whatToDo ?? '', /MESH does not know the mailbox X99NOPE/);
  assert.equal(workflow!.state, 'failed');
  assert.match(workflow!.whatToDo ?? '', /X26ABC1 is not registered to send TEST_WORKFLOW_ACK messages to X26ABC2/);
});

test('TLS: the mailbox certificate from the keychain (PKCS#12) is accepted; one from another CA is refused', async () => {
  const ca = makeCa('Test NHS Root CA');
  const serverCert = serverCertificate(ca);
  const server = await startMeshServer({ tls: { key: serverCert.keyPem, cert: serverCert.certPem, ca: ca.certPem } });
  const good = pkcs12(clientCertificate(ca, 'SERVER001.X26.api.mesh-client.nhs.uk'), [ca], 'p12-pass');
  const { db } = openStore();
  const home = await mailboxService(testVault(), db, server, HOME, { pkcs12: good, passphrase: 'p12-pass' });
  const ok = await home.poll();
  assert.equal(ok.ok, true, ok.problem?.sentence);
  assert.equal(inboundRows(db).length, 1);

  const rogueCa = makeCa('Somebody Else CA');
  const rogue = pkcs12(clientCertificate(rogueCa, 'SERVER001.X26.api.mesh-client.nhs.uk'), [ca], 'p12-pass');
  const other = openStore();
  const refused = await mailboxService(testVault(), other.db, server, HOME, { pkcs12: rogue, passphrase: 'p12-pass' });
  const outcome = await refused.poll();
  assert.equal(outcome.problem?.kind, 'certificate_refused', outcome.problem?.sentence);
  assert.match(outcome.problem!.sentence, /MESH refused this computer's certificate for mailbox X26ABC2/);

  const wrongName = pkcs12(clientCertificate(ca, 'laptop.example.org'), [ca], 'p12-pass');
  const third = openStore();
  const named = await mailboxService(testVault(), third.db, server, HOME, {
    pkcs12: wrongName,
    passphrase: 'p12-pass',
  });
  assert.equal((await named.poll()).problem?.kind, 'certificate_refused');

  const badPass = openStore();
  const locked = await mailboxService(testVault(), badPass.db, server, HOME, { pkcs12: good, passphrase: 'wrong' });
  const lockedOutcome = await locked.poll();
  assert.equal(lockedOutcome.problem?.kind, 'no_credentials');
  assert.match(lockedOutcome.problem!.sentence, /could not be opened/);
});
