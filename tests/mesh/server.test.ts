/**
 * The MESH test server against the spec (mesh-api.yaml), with raw HTTP: so
 * that the client's tests run against a server that refuses what MESH
 * refuses, not one shaped to the client.
 */
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { HOME, HOSPITAL, SHARED_KEY, startMeshServer } from './support';

const V2 = 'application/vnd.mesh.v2+json';

function token(
  mailbox: string,
  o: { password?: string; key?: string; at?: Date; nonce?: string; asMailbox?: string } = {},
): string {
  const at = o.at ?? new Date();
  const stamp = at.toISOString().replace(/[-:T]/g, '').slice(0, 12);
  const nonce = o.nonce ?? randomUUID();
  const who = o.asMailbox ?? mailbox;
  const hash = createHmac('sha256', o.key ?? SHARED_KEY)
    .update(`${who}:${nonce}:0:${o.password ?? 'password'}:${stamp}`)
    .digest('hex');
  return `NHSMESH ${who}:${nonce}:0:${stamp}:${hash}`;
}

async function call(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): Promise<{ status: number; headers: Headers; json: unknown; bytes: Buffer }> {
  const res = await fetch(base + path, {
    method,
    headers,
    ...(body !== undefined ? { body: new Uint8Array(Buffer.from(body)) } : {}),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  let json: unknown = null;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, json, bytes };
}

test('each authentication failure is refused with 403 and the sandbox wording; a good token once only', async () => {
  const server = await startMeshServer();
  const inbox = `/messageexchange/${HOME}/inbox`;
  const refused = async (auth: string) => {
    const r = await call(server.url, 'GET', inbox, { authorization: auth, accept: V2 });
    assert.equal(r.status, 403);
    return (r.json as { detail: { msg: string }[] }).detail[0]!.msg;
  };
  assert.equal(await refused(token(HOME, { password: 'wrong' })), 'Invalid Authentication Token');
  assert.equal(await refused(token(HOME, { key: 'WrongKey' })), 'Invalid Authentication Token');
  assert.equal(await refused(token(HOME, { asMailbox: HOSPITAL })), 'Mailbox id does not match token');
  assert.equal(
    await refused(token(HOME, { at: new Date(Date.now() - 2 * 3600_000 - 120_000) })),
    'Invalid Authentication Token',
  );
  assert.equal(await refused('Bearer abc'), 'Error reading from Authorization header');
  const nonce = randomUUID();
  const once = token(HOME, { nonce });
  assert.equal((await call(server.url, 'GET', inbox, { authorization: once, accept: V2 })).status, 200);
  assert.equal(await refused(once), 'Error Duplicated Authentication Token');
});

test('Accept chooses the v1 or v2 body; v2 pages the inbox with links.next and continue_from', async () => {
  const server = await startMeshServer();
  for (let i = 0; i < 25; i++) {
    const r = await call(
      server.url,
      'POST',
      `/messageexchange/${HOSPITAL}/outbox`,
      {
        authorization: token(HOSPITAL),
        accept: V2,
        'mex-from': HOSPITAL,
        'mex-to': HOME,
        'mex-workflowid': 'TEST_WORKFLOW',
      },
      `message ${i}`,
    );
    assert.equal(r.status, 202);
    assert.match((r.json as { message_id: string }).message_id, /^\d{20}_[0-9A-F]{6}$/);
  }
  const v1 = await call(server.url, 'GET', `/messageexchange/${HOME}/inbox`, { authorization: token(HOME) });
  assert.deepEqual(Object.keys(v1.json as object), ['messages']);
  assert.equal(v1.headers.get('content-type'), 'application/json');
  const seen: string[] = [];
  let path: string | undefined = `/messageexchange/${HOME}/inbox?max_results=10`;
  while (path) {
    const page = await call(server.url, 'GET', path, { authorization: token(HOME), accept: V2 });
    assert.equal(page.headers.get('content-type'), V2);
    const body = page.json as { messages: string[]; links: { next?: string } };
    seen.push(...body.messages);
    path = body.links.next;
  }
  // 25 sent + the sandbox store's chunked message waiting for the home.
  assert.equal(seen.length, 26);
  assert.equal(new Set(seen).size, 26);
  const tooSmall = await call(server.url, 'GET', `/messageexchange/${HOME}/inbox?max_results=5`, {
    authorization: token(HOME),
    accept: V2,
  });
  assert.equal(tooSmall.status, 400);
});

test('the sandbox chunked gzip message downloads as 206 then 200, gzip per chunk; acknowledgement removes it', async () => {
  const server = await startMeshServer();
  const base = `/messageexchange/${HOME}/inbox/CHUNKED_MESSAGE_GZ`;
  const one = await call(server.url, 'GET', base, {
    authorization: token(HOME),
    accept: V2,
    'accept-encoding': 'gzip',
  });
  assert.equal(one.status, 206);
  assert.equal(one.headers.get('mex-chunk-range'), '1:2');
  assert.equal(one.headers.get('mex-messagetype'), 'DATA');
  // fetch decodes gzip itself; the server said it was gzip.
  assert.ok(one.bytes.length > 0);
  const two = await call(server.url, 'GET', `${base}/2`, { authorization: token(HOME), accept: V2 });
  assert.equal(two.status, 200);
  assert.equal(two.headers.get('mex-chunk-range'), '2:2');
  const ack = await call(server.url, 'PUT', `${base}/status/acknowledged`, { authorization: token(HOME), accept: V2 });
  assert.equal(ack.status, 200);
  assert.equal(ack.bytes.length, 0, 'v2 acknowledgement has no body');
  const again = await call(server.url, 'GET', base, { authorization: token(HOME), accept: V2 });
  assert.equal(again.status, 410);
  assert.ok(zlib.gzipSync('x'));
});

test('workflow, recipient, headers and chunk ranges are checked as the spec says', async () => {
  const server = await startMeshServer();
  const send = (headers: Record<string, string>, body = 'x') =>
    call(
      server.url,
      'POST',
      `/messageexchange/${HOSPITAL}/outbox`,
      { authorization: token(HOSPITAL), accept: V2, ...headers },
      body,
    );
  const wrongWay = await send({ 'mex-to': HOSPITAL, 'mex-workflowid': 'TEST_WORKFLOW' });
  assert.equal(wrongWay.status, 417);
  assert.deepEqual((wrongWay.json as { detail: unknown[] }).detail, [
    { event: 'SEND', code: '17', msg: 'Workflow ID not registered for mailbox' },
  ]);
  const unknown = await send({ 'mex-to': 'X99NOPE', 'mex-workflowid': 'TEST_WORKFLOW' });
  assert.equal((unknown.json as { detail: { code: string }[] }).detail[0]!.code, '12');
  const missing = await send({ 'mex-workflowid': 'TEST_WORKFLOW' });
  assert.equal(missing.status, 400);
  const v1Error = await call(
    server.url,
    'POST',
    `/messageexchange/${HOSPITAL}/outbox`,
    { authorization: token(HOSPITAL), 'mex-to': 'X99NOPE', 'mex-workflowid': 'TEST_WORKFLOW' },
    'x',
  );
  assert.deepEqual(v1Error.json, { errorEvent: 'SEND', errorCode: '12', errorDescription: 'Unregistered to address' });
  const badRange = await send({ 'mex-to': HOME, 'mex-workflowid': 'TEST_WORKFLOW', 'mex-chunk-range': '2:1' });
  assert.equal(badRange.status, 417);
  const first = await send({
    'mex-to': HOME,
    'mex-workflowid': 'TEST_WORKFLOW',
    'mex-chunk-range': '1:2',
    'mex-localid': 'loc-1',
  });
  const id = (first.json as { message_id: string }).message_id;
  const chunk = (n: number) =>
    call(
      server.url,
      'POST',
      `/messageexchange/${HOSPITAL}/outbox/${id}/${n}`,
      { authorization: token(HOSPITAL), accept: V2, 'mex-chunk-range': `${n}:2` },
      'y',
    );
  const tracking = await call(server.url, 'GET', `/messageexchange/${HOSPITAL}/outbox/tracking?messageID=${id}`, {
    authorization: token(HOSPITAL),
    accept: V2,
  });
  assert.equal((tracking.json as { status: string }).status, 'uploading');
  assert.equal((await chunk(2)).status, 202);
  assert.equal((await chunk(2)).status, 423, 'a finalised message takes no more chunks');
  const done = await call(server.url, 'GET', `/messageexchange/${HOSPITAL}/outbox/tracking?messageID=${id}`, {
    authorization: token(HOSPITAL),
    accept: V2,
  });
  assert.equal((done.json as { status: string; local_id: string }).status, 'accepted');
  const byLocal = await call(server.url, 'GET', `/messageexchange/${HOSPITAL}/outbox/tracking/loc-1`, {
    authorization: token(HOSPITAL),
  });
  assert.equal((byLocal.json as { messageId: string }).messageId, id);
});

test('an unacknowledged message expires after 5 days and its sender gets an error report with an empty body', async () => {
  let now = new Date();
  const server = await startMeshServer({ now: () => now });
  const sent = await call(
    server.url,
    'POST',
    `/messageexchange/${HOSPITAL}/outbox`,
    {
      authorization: token(HOSPITAL, { at: now }),
      accept: V2,
      'mex-to': HOME,
      'mex-workflowid': 'TEST_WORKFLOW',
      'mex-localid': 'l-9',
      'mex-subject': 'Assessment',
    },
    'hello',
  );
  const id = (sent.json as { message_id: string }).message_id;
  now = new Date(now.getTime() + 6 * 86_400_000);
  const [reportId] = server
    .expireUndelivered()
    .filter((r) => server.store.messages.get(r)?.report?.linked_message_id === id);
  assert.ok(reportId);
  const report = await call(server.url, 'GET', `/messageexchange/${HOSPITAL}/inbox/${reportId}`, {
    authorization: token(HOSPITAL, { at: now }),
    accept: V2,
  });
  assert.equal(report.status, 200);
  assert.equal(report.bytes.length, 0);
  assert.equal(report.headers.get('mex-messagetype'), 'REPORT');
  assert.equal(report.headers.get('mex-linkedmsgid'), id);
  assert.equal(report.headers.get('mex-statuscode'), '14');
  assert.equal(report.headers.get('mex-statussuccess'), 'ERROR');
  assert.equal(report.headers.get('mex-localid'), 'l-9');
  assert.equal(report.headers.get('mex-subject'), 'NDR: Assessment');
});

test('the handshake needs the client headers the spec requires', async () => {
  const server = await startMeshServer();
  const bad = await call(server.url, 'POST', `/messageexchange/${HOME}`, { authorization: token(HOME), accept: V2 });
  assert.equal(bad.status, 400);
  const good = await call(server.url, 'POST', `/messageexchange/${HOME}`, {
    authorization: token(HOME),
    accept: V2,
    'mex-clientversion': 'Test==1',
    'mex-osname': 'Linux',
    'mex-osversion': '6',
  });
  assert.equal(good.status, 200);
  assert.equal(server.handshakes.length, 1);
});
