/**
 * Fuzzes every IPC channel through the real dispatcher of a real core (real
 * encrypted store, real keychain), as three callers: a signed-in manager, a
 * signed-out window, and a care assistant. Then fuzzes the browser host's
 * WebSocket with raw frames.
 *
 * The oracle is the contract itself: for a given session, the dispatcher must
 * answer exactly `unknown_channel`, the access refusal, or `invalid_request`
 * (whenever the channel's own zod schema rejects the payload); only a payload
 * the schema accepts may reach a handler. Every answer must be a well-formed
 * Result with a readable message and no stack trace or server path in it.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import WebSocket from 'ws';
import { channelNames, channels, isChannelName, type ChannelName } from '../../common/ipc/contract';
import { HOST_SOCKET_PATH } from '../../common/ipc/host-protocol';
import { HostRequest } from '../../main/browser-host/browser-host';
import { ErrorCode, WireResult } from '../../common/ipc/result';
import type { RoleName } from '../../common/ipc/types';
import type { SignedInStaff, StaffSession } from '../../main/services/auth/staff-session';
import { startBrowserHost } from '../../main/browser-host/browser-host';
import { MANAGER_PIN, setUpCareHome, startTestCore, type TestCore } from '../support/core';
import { tempDir } from '../support/temp-dir';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

// ---------------------------------------------------------------- generators

/** Deeply nested `{ a: { a: … } }`, built iteratively (no recursion in the generator itself). */
function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
}

/** What JSON.parse or a structured clone would produce: `__proto__` & co. as *own* keys. */
function withOwnKey(base: object, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const POLLUTING_JSON = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '[{"__proto__":{"polluted":"yes"}}]',
  '{"__proto__":{"__proto__":{"polluted":"yes"}}}',
];

const ANYTHING = fc.anything({
  maxDepth: 3,
  maxKeys: 6,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  stringUnit: 'binary',
});

// Control, bidi and invisible characters (and a lone surrogate).
const CONTROL_CHARS = [...'\u0000\u0007\b\t\n\r\u001b\u007f\u0085\u2028\u202e\ufeff', '\ud800'];
const ODD_STRINGS = [
  '__proto__',
  'constructor',
  'prototype',
  '',
  ' ',
  'NaN',
  "1'; DROP TABLE staff_member; --",
  '../x',
];
const ODD_NUMBERS = [NaN, Infinity, -Infinity, -0, 0, -1, 1.5, 2 ** 31, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE];

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...CONTROL_CHARS), minLength: 1, maxLength: 20 }),
  fc.constantFrom(...ODD_STRINGS, '\u0000482915', '482915\n'),
  // very long PINs (all digits, past the 128 limit) and huge strings (past 1 MB)
  fc.integer({ min: 129, max: 200_000 }).map((n) => '4'.repeat(n)),
  fc.integer({ min: 81, max: 1_100_000 }).map((n) => 'x'.repeat(n)),
);

const hostileValue = fc.oneof(
  fc.constantFrom(...ODD_NUMBERS, null, undefined, true, false),
  hostileString,
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  fc.integer({ min: 50, max: 5000 }).map(nested),
  fc.constantFrom(...POLLUTING_JSON).map((json) => JSON.parse(json) as unknown),
  fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 5 }),
  ANYTHING,
);

/** A well-formed value for each request field name used in the contract. */
const FIELD_SAMPLES: Record<string, unknown> = {
  staffId: 1,
  residentId: 1,
  limit: 10,
  secret: '135790', // never the right PIN: a payload that slipped through would cost one wrong attempt, not a sign-in
  managerSecret: '135790',
  displayName: 'Fuzz Person',
  careHomeName: 'Fuzz Home',
  managerName: 'Fuzz Manager',
  role: 'care_assistant',
  odsCode: 'AB1',
  // records
  section: 'allergies',
  documentId: 'doc-1',
  // residents
  nhsNumber: '9434765919',
  givenName: 'Fuzz',
  familyName: 'Resident',
  dateOfBirth: '1940-01-01',
  room: '1',
  gpOdsCode: 'Y90001',
  reason: 'discharged',
  leftOn: '2026-01-01',
  basis: 'consent',
  note: 'Fuzz note',
  // triage
  values: {
    respirationRate: 16,
    spo2: 97,
    onOxygen: false,
    systolicBp: 120,
    pulse: 70,
    consciousness: 'alert',
    temperature: 37,
  },
  confirmedUnusual: [],
  scale: 1,
  decidedBy: 'Dr Fuzz',
  decidedOn: '2026-01-01',
  score: 0,
  onPathway: false,
  signs: [],
  // mail
  accountId: 'home',
  folderId: 1,
  offset: 0,
  messageId: 1,
  toFolderId: 2,
  query: 'fuzz',
  flag: 'seen',
  on: true,
  recipients: ['someone@nhs.net'],
  subject: 'Fuzz',
  body: 'Fuzz',
  attachmentNames: [],
  aboutResident: false,
  declineSecure: false,
  to: ['someone@nhs.net'],
  cc: [],
  text: 'Fuzz',
  attachments: [],
  attachmentId: 1,
};

/** Where one field name means different things on different channels. */
const CHANNEL_SAMPLES: Partial<Record<ChannelName, Record<string, unknown>>> = {
  'records.htmlSection': { section: 'SUM' },
  'mail.messages': { limit: 10 },
  'assessments.get': { assessmentId: 1 },
  'assessments.decide': { decision: 'query', assessmentId: 1, question: 'Fuzz?' },
};

function fieldsOf(channel: ChannelName): string[] {
  const shape = (channels[channel].request as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** A request the schema accepts; the mutants below are built from it. */
function validBase(channel: ChannelName): Record<string, unknown> {
  return { ...Object.fromEntries(fieldsOf(channel).map((f) => [f, FIELD_SAMPLES[f]])), ...CHANNEL_SAMPLES[channel] };
}

/**
 * Payloads for one channel: fc.anything(), hostile values, and "nearly right"
 * requests (one field hostile, an extra or polluting own key, a field missing,
 * the request wrapped or stringified). The nearly-right ones are filtered to
 * those the schema rejects, so that none can change data or cost a PIN hash.
 */
function payloads(channel: ChannelName): fc.Arbitrary<unknown> {
  const schema = channels[channel].request;
  const base = validBase(channel);
  const fields = fieldsOf(channel);
  const extraKey = fc.oneof(
    fc.constantFrom(...ODD_STRINGS, 'isAdmin', 'role', 'staffId', 'then'),
    fc.string({ unit: 'binary', maxLength: 12 }),
  );
  const mutants: fc.Arbitrary<unknown>[] = [
    fc.tuple(extraKey, hostileValue).map(([key, value]) => withOwnKey(base, key, value)),
    fc.constantFrom([base], JSON.stringify(base), new Map(Object.entries(base)), Object.values(base)),
  ];
  if (fields.length > 0) {
    const field = fc.constantFrom(...fields);
    mutants.push(
      fc.tuple(field, hostileValue).map(([key, value]) => ({ ...base, [key]: value })),
      field.map((key) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key))),
    );
  }
  const nearlyRight = fc.oneof(...mutants).filter((p) => !schema.safeParse(p).success);
  return fc.oneof(
    { arbitrary: ANYTHING, weight: 3 },
    { arbitrary: hostileValue, weight: 2 },
    { arbitrary: nearlyRight, weight: 5 },
  );
}

const NOT_CHANNELS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'App.Status', 'app.status '];
const unknownChannel = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => !isChannelName(s)),
  fc.constantFrom(...NOT_CHANNELS, 'x'.repeat(100_000)),
  fc.constantFrom(...channelNames).map((name) => name.toUpperCase()),
  fc.constantFrom(...channelNames).map((name) => Object(name) as unknown), // a boxed String is not a string
  fc.constantFrom(...channelNames).map((name) => [name]),
  ANYTHING.filter((value) => typeof value !== 'string'),
);

// ---------------------------------------------------------------- oracle

/** Who is calling: the role the access rule sees (null: signed out), and who to sign back in if a valid payload signed them out. */
type Kind = { name: string; role: RoleName | null; staff?: SignedInStaff };

/** The refusal the access rule owes this caller before the payload is even looked at. */
function accessRefusal(kind: Kind, channel: ChannelName): ErrorCode | null {
  const access = channels[channel].access;
  if (access === 'anyone') return null;
  if (kind.role === null) return 'not_signed_in';
  if (access === 'signedIn') return null;
  return access.includes(kind.role) ? null : 'forbidden';
}

/** Drops `"key"` echoes of the caller's own top-level keys (zod names unrecognised keys) before looking for leaks. */
function withoutEchoedKeys(message: string, payload: unknown): string {
  if (payload === null || typeof payload !== 'object') return message;
  return Reflect.ownKeys(payload)
    .filter((k): k is string => typeof k === 'string')
    .reduce((m, k) => m.split(`"${k}"`).join('""'), message);
}

const LEAKS = [
  /\n\s*at\s/,
  /^\s*at\s+\S+\s+\(/m,
  /\bat\s+\S+\s+\(.*:\d+:\d+\)/,
  /\.(ts|tsx|js|mjs|cjs):\d+/,
  /node_modules/,
  /\b(TypeError|RangeError|ReferenceError|SqliteError|ZodError)\b/,
];

/** Every answer: a strict Result; an error has a known code, a readable message, no stack frames or server paths. */
function assertCleanAnswer(
  answer: unknown,
  payload: unknown,
  where: string,
): asserts answer is { ok: boolean; error?: { code: string; message: string } } {
  assert.ok(
    WireResult.safeParse(answer).success,
    `${where}: not a Result: ${String(JSON.stringify(answer))?.slice(0, 200)}`,
  );
  const result = answer as { ok: boolean; error?: { code: string; message: string } };
  if (!result.ok) {
    const { code, message } = result.error!;
    assert.ok(ErrorCode.safeParse(code).success, `${where}: unknown code ${code}`);
    assert.notEqual(code, 'internal', `${where}: a fault inside the app (internal)`);
    assert.ok(message.trim().length > 0, `${where}: empty message`);
    const own = withoutEchoedKeys(message, payload);
    for (const leak of [...LEAKS, REPO_ROOT]) {
      assert.ok(
        typeof leak === 'string' ? !own.includes(leak) : !leak.test(own),
        `${where}: message leaks ${String(leak)}: ${own.slice(0, 300)}`,
      );
    }
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined, `${where}: Object.prototype polluted`);
}

// ---------------------------------------------------------------- the core

interface Counters {
  calls: number;
  forbidden: number;
  acceptedPayloads: number;
}

/** Fuzzes every channel as one caller; the session is put back if a (valid) payload signed it out or locked it. */
async function fuzzAs(t: TestCore, kind: Kind, session: StaffSession, runs: number, counters: Counters): Promise<void> {
  // `auth.logout {}` or `session.lock {}` is valid: put the session back so the next payload meets the same caller.
  const restore = () => {
    const { staff } = kind;
    if (staff && (session.staff?.staffId !== staff.staffId || session.locked)) session.signIn(staff, Date.now());
  };
  for (const channel of channelNames) {
    const refusal = accessRefusal(kind, channel);
    await fc.assert(
      fc.asyncProperty(payloads(channel), async (payload) => {
        const valid = channels[channel].request.safeParse(payload).success;
        const answer = await t.core.dispatch(session, channel, payload);
        counters.calls += 1;
        restore();
        const where = `${kind.name} ${channel}`;
        assertCleanAnswer(answer, payload, where);
        if (refusal) {
          assert.equal(
            answer.ok ? 'ok' : answer.error!.code,
            refusal,
            `${where}: access must be refused before the payload is read`,
          );
          if (refusal === 'forbidden') counters.forbidden += 1;
        } else if (!valid) {
          assert.equal(
            answer.ok ? 'ok' : answer.error!.code,
            'invalid_request',
            `${where}: a payload the schema rejects reached past validation`,
          );
        } else {
          counters.acceptedPayloads += 1; // may succeed or fail for a business reason; assertCleanAnswer has checked it
        }
      }),
      { numRuns: runs },
    );
  }
}

/** Audit rows with this action, read straight from the core's store. */
function auditCount(t: TestCore, action: string): number {
  if (t.core.store.state !== 'open') throw new Error('store not open');
  return t.core.store.db.prepare('SELECT count(*) FROM audit_event WHERE action = ?').pluck().get(action) as number;
}

test(
  'every channel answers hostile payloads with a clean, typed refusal, and nothing stored changes',
  { timeout: 60_000 },
  async () => {
    const t = await startTestCore();
    const { manager, managerId } = await setUpCareHome(t);
    const assistantInfo = await t.ok(manager, 'staff.add', {
      displayName: 'Carol Assistant',
      role: 'care_assistant',
      secret: '918273',
    });
    const assistant = t.core.openSession();
    await t.ok(assistant, 'auth.login', { staffId: assistantInfo.staffId, secret: '918273' });
    const signedOut = t.core.openSession();

    const staffBefore = await t.ok(manager, 'staff.list');
    const refusedBefore = auditCount(t, 'access.refused');
    const counters: Counters = { calls: 0, forbidden: 0, acceptedPayloads: 0 };
    const started = Date.now();

    // Every channel's sample request is valid, so the "nearly right" mutants really are one step from valid.
    for (const c of channelNames) assert.ok(channels[c].request.safeParse(validBase(c)).success, `sample for ${c}`);

    const managerStaff: SignedInStaff = { staffId: managerId, displayName: 'Alice Manager', role: 'manager' };
    const assistantStaff: SignedInStaff = {
      staffId: assistantInfo.staffId,
      displayName: 'Carol Assistant',
      role: 'care_assistant',
    };
    await fuzzAs(t, { name: 'manager', role: 'manager', staff: managerStaff }, manager, 150, counters);
    await fuzzAs(t, { name: 'signed-out', role: null }, signedOut, 60, counters);
    await fuzzAs(t, { name: 'care assistant', role: 'care_assistant', staff: assistantStaff }, assistant, 60, counters);

    // Unknown channels and non-string channel values, with any payload.
    await fc.assert(
      fc.asyncProperty(unknownChannel, fc.oneof(ANYTHING, fc.constant({})), async (channel, payload) => {
        const answer = await t.core.dispatch(manager, channel, payload);
        counters.calls += 1;
        assertCleanAnswer(
          answer,
          payload,
          `channel ${typeof channel === 'string' ? channel.slice(0, 40) : typeof channel}`,
        );
        assert.equal(answer.ok ? 'ok' : answer.error!.code, 'unknown_channel');
      }),
      { numRuns: 500 },
    );
    console.log(
      `ipc fuzz: ${counters.calls} calls (${counters.acceptedPayloads} accepted by their schema) in ${Date.now() - started} ms`,
    );
    assert.ok(counters.calls >= 3000, 'thousands of payloads were tried');

    // The core still answers normally.
    const status = await t.ok(t.core.openSession(), 'app.status');
    assert.equal(status.state, 'ready');
    const fresh = t.core.openSession();
    assert.equal((await t.ok(fresh, 'auth.login', { staffId: managerId, secret: MANAGER_PIN })).role, 'manager');

    // Nothing already stored changed: same staff (no new rows, no failed-attempt counts), an intact audit
    // chain, and exactly one refusal row for each call the care assistant was forbidden.
    assert.deepEqual(await t.ok(fresh, 'staff.list'), staffBefore);
    const verification = await t.ok(fresh, 'audit.verify');
    assert.equal(verification.ok, true);
    assert.equal(auditCount(t, 'access.refused') - refusedBefore, counters.forbidden);
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), PROTOTYPE_NAMES);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  },
);

// ---------------------------------------------------------------- the browser host's WebSocket

type Frame = { data: string | Buffer; binary: boolean; label: string };
const MAX_FRAME = 1024 * 1024; // the host's maxPayload

/** Opens a socket; resolves with it once open, or with the HTTP status the host refused the upgrade with. */
function connect(url: string, origin: string | undefined): Promise<WebSocket | { refused: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, origin === undefined ? {} : { origin });
    const timer = setTimeout(() => reject(new Error(`no answer to the upgrade of ${url}`)), 5000);
    socket.once('open', () => (clearTimeout(timer), resolve(socket)));
    socket.once('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      resolve({ refused: res.statusCode ?? 0 });
      socket.terminate();
    });
    socket.on('error', (error) => (clearTimeout(timer), reject(error)));
  });
}

/** Sends one frame; resolves with the host's reply, or with the code it closed the socket with. */
function exchange(socket: WebSocket, frame: Frame): Promise<{ reply: unknown } | { closed: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reply or close for a ${frame.label} frame`)), 5000);
    socket.once('message', (data) => {
      clearTimeout(timer);
      resolve({ reply: JSON.parse(String(data)) });
      socket.close();
    });
    socket.once('close', (code) => {
      clearTimeout(timer);
      resolve({ closed: code });
    });
    socket.send(frame.data, { binary: frame.binary });
  });
}

/** A real core with a care home, a browser host over it, and a "good" client signed in as the manager. */
async function startHost() {
  const t = await startTestCore();
  const { managerId } = await setUpCareHome(t);
  const rendererDir = tempDir();
  fs.writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><title>x</title><script src="./a.js"></script>',
  );
  const bridge = path.join(rendererDir, 'bridge.js');
  fs.writeFileSync(bridge, '');
  const host = await startBrowserHost({ core: t.core, rendererDir, bridgeScript: bridge });
  const wsBase = `ws://127.0.0.1:${new URL(host.origin).port}${HOST_SOCKET_PATH}`;
  const goodUrl = `${wsBase}?token=${encodeURIComponent(host.token)}`;
  const good = await connect(goodUrl, host.origin);
  assert.ok(good instanceof WebSocket);
  let nextId = 100;
  const ask = (channel: string, request: unknown) =>
    new Promise<{ ok: boolean; value?: unknown }>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error(`the good client got no answer to ${channel}`)), 5000);
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data)) as { id: number; result: { ok: boolean; value?: unknown } };
        if (message.id !== id) return;
        clearTimeout(timer);
        good.off('message', onMessage);
        resolve(message.result);
      };
      good.on('message', onMessage);
      good.send(JSON.stringify({ id, channel, request }));
    });
  assert.equal((await ask('auth.login', { staffId: managerId, secret: MANAGER_PIN })).ok, true);

  /** The good client is still connected, still signed in (staff.list is for managers), and the pages still load. */
  const assertStillServing = async () => {
    assert.equal(good.readyState, WebSocket.OPEN, 'the good client was disconnected');
    assert.equal((await ask('staff.list', {})).ok, true);
    assert.equal((await ask('app.status', {})).ok, true);
    assert.equal((await fetch(host.origin + '/')).status, 200);
  };
  return { host, wsBase, goodUrl, good, assertStillServing };
}

const frames: fc.Arbitrary<Frame> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }).map((s) => ({ data: s, binary: false, label: 'text' })),
  fc.jsonValue().map((v) => ({ data: JSON.stringify(v) ?? 'null', binary: false, label: 'json' })),
  fc
    .record(
      {
        id: fc.oneof(fc.nat(), fc.constantFrom(-1, 1.5, 1e300, NaN, null, '1', true, [1], {})),
        channel: fc.oneof(fc.constantFrom(...channelNames), fc.string({ maxLength: 120 })),
        request: fc.oneof(fc.jsonValue(), fc.constant({})),
      },
      { requiredKeys: [] },
    )
    .map((envelope) => ({ data: JSON.stringify(envelope) ?? 'null', binary: false, label: 'envelope' })),
  fc
    .constantFrom(
      '{"id":1,"channel":"app.status","request":{},"extra":1}',
      '{"id":-1,"channel":"app.status","request":{}}',
      '{"id":1.5,"channel":"app.status","request":{}}',
      `{"id":1,"channel":"${'a'.repeat(101)}","request":{}}`,
      '{"__proto__":{"polluted":"yes"},"id":1,"channel":"app.status","request":{}}',
      '{"id":2,"channel":"staff.list","request":{"__proto__":{"polluted":"yes"}}}',
      `{"id":3,"channel":"auth.login","request":{"staffId":1,"secret":"${'4'.repeat(500)}"}}`,
      `{"id":4,"channel":"app.status","request":"${'x'.repeat(MAX_FRAME - 100)}"}`, // just under the limit
    )
    .map((data) => ({ data, binary: false, label: 'crafted' })),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ data: Buffer.from(bytes), binary: true, label: 'binary' })),
);

test(
  'the browser host refuses bad connections and bad frames, and keeps serving a good client',
  { timeout: 60_000 },
  async () => {
    const { host, wsBase, goodUrl, good, assertStillServing } = await startHost();
    try {
      // Connections without this run's token, or from another origin, are refused at the upgrade.
      const flip = host.token[0] === 'A' ? 'B' : 'A';
      const badConnections: Array<[string, string | undefined]> = [
        [wsBase, host.origin],
        [`${wsBase}?token=`, host.origin],
        [`${wsBase}?token=wrong`, host.origin],
        [`${wsBase}?token=${flip}${host.token.slice(1)}`, host.origin], // same length, one character off
        [`${goodUrl}x`, host.origin],
        [`${wsBase}?Token=${host.token}`, host.origin],
        [goodUrl, undefined],
        [goodUrl, 'http://evil.example'],
        [goodUrl, 'null'],
        [goodUrl, host.origin.replace('127.0.0.1', 'localhost')],
        [goodUrl, `${host.origin}.evil.example`],
        [goodUrl.replace(HOST_SOCKET_PATH, `${HOST_SOCKET_PATH}x`), host.origin],
      ];
      for (const [url, origin] of badConnections) {
        const outcome = await connect(url, origin);
        assert.ok(!(outcome instanceof WebSocket), `connection accepted: ${url} from ${origin}`);
        assert.ok(outcome.refused >= 400 && outcome.refused < 500, `refused with ${outcome.refused}`);
      }

      // Raw frames, each on a fresh authorised (signed-out) socket: a frame that is not a HostRequest closes
      // that socket (1003 binary, 1007 not a request); a HostRequest gets a clean Result under its own id.
      let closedCount = 0;
      await fc.assert(
        fc.asyncProperty(frames, async (frame) => {
          const socket = await connect(goodUrl, host.origin);
          assert.ok(socket instanceof WebSocket);
          const outcome = await exchange(socket, frame);
          let envelope: ReturnType<typeof HostRequest.safeParse> | null = null;
          if (!frame.binary) {
            try {
              envelope = HostRequest.safeParse(JSON.parse(String(frame.data)));
            } catch {
              envelope = null;
            }
          }
          if (envelope?.success) {
            assert.ok('reply' in outcome, `${frame.label}: a valid envelope was not answered`);
            const { id, result } = outcome.reply as { id: unknown; result: unknown };
            assert.equal(id, envelope.data.id);
            const channel = envelope.data.channel;
            assertCleanAnswer(result, envelope.data.request, `host ${channel.slice(0, 40)}`);
            const code = (result as { ok: boolean; error?: { code: string } }).error?.code ?? 'ok';
            if (!isChannelName(channel)) assert.equal(code, 'unknown_channel');
            else if (accessRefusal({ name: 'signed-out', role: null }, channel)) assert.equal(code, 'not_signed_in');
            else if (!channels[channel].request.safeParse(envelope.data.request).success)
              assert.equal(code, 'invalid_request');
          } else {
            assert.ok('closed' in outcome, `${frame.label}: a bad frame was answered instead of closing the socket`);
            assert.equal(outcome.closed, frame.binary ? 1003 : 1007, `${frame.label}: close code`);
            closedCount += 1;
          }
        }),
        { numRuns: 200 },
      );
      assert.ok(closedCount > 50, 'most raw frames were bad ones');
      await assertStillServing();
      good.close();
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    } finally {
      await host.close();
    }
  },
);

/*
 * Frames that ws itself rejects before the host's message handler runs: too big (> maxPayload) and a
 * text frame that is not UTF-8. ws then emits 'error' on the server-side socket; the host must close
 * only that socket (without a listener, the error would end the whole host process).
 */
test('an oversized or non-UTF-8 frame closes only its own socket', { timeout: 30_000 }, async () => {
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);
  process.on('uncaughtException', onCrash);
  const { host, goodUrl, assertStillServing } = await startHost();
  try {
    const bad: Array<[Frame, number]> = [
      [
        {
          data: `{"id":1,"channel":"app.status","request":"${'x'.repeat(MAX_FRAME)}"}`,
          binary: false,
          label: 'oversized',
        },
        1009,
      ],
      [{ data: Buffer.alloc(MAX_FRAME + 1, 0x20), binary: true, label: 'oversized binary' }, 1009],
      [{ data: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), binary: false, label: 'invalid UTF-8' }, 1007],
    ];
    for (const [frame, code] of bad) {
      const socket = await connect(goodUrl, host.origin);
      assert.ok(socket instanceof WebSocket);
      socket.on('error', () => {}); // the client side may see the reset
      const outcome = await exchange(socket, frame).catch((error: Error) => ({ closed: -1, error }));
      assert.deepEqual(crashes.map(String), [], `${frame.label}: the host threw an uncaught exception`);
      assert.ok(
        'closed' in outcome && outcome.closed === code,
        `${frame.label}: expected close ${code}, got ${JSON.stringify(outcome)}`,
      );
    }
    await assertStillServing();
  } finally {
    process.off('uncaughtException', onCrash);
    await host.close();
  }
});
