/**
 * District nursing through the real dispatcher, encrypted store and keychain,
 * with the sandbox as the shared care record: no basis for access, no fetch;
 * a refresh stores visits with their source and time; every failure keeps
 * what was stored and says why; every view is in the audit log.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StaffSession } from '../../main/services/auth/staff-session';
import { setUpCareHome, startTestCore, type TestCore } from '../support/core';
import { startDistrictNursingSandbox, type DistrictNursingSandbox } from '../sandboxes/district-nursing/server';

const NHS = '9990000018';
let sandbox: DistrictNursingSandbox;
let t: TestCore;
let manager: StaffSession;
let residentId: number;

const STEPS: Array<[string, () => Promise<void>]> = [];
function step(name: string, body: () => Promise<void>): void {
  STEPS.push([name, body]);
}

async function auditRows(action: string) {
  const rows = await t.ok(manager, 'audit.recent', { limit: 500 });
  return rows.filter((r) => r.action === action);
}

step('with no basis for access recorded, nothing is fetched and the screen can say why', async () => {
  const before = sandbox.requests.length;
  const { results } = await t.ok(manager, 'nursing.refresh', { residentId });
  assert.equal(results[0]?.outcome, 'failed');
  assert.equal(results[0]?.problem, 'no_access_basis');
  assert.match(results[0]!.message, /No basis for access has been recorded/);
  assert.equal(sandbox.requests.length, before, 'the shared care record was not asked');
  const timeline = await t.ok(manager, 'nursing.timeline', { residentId });
  assert.equal(timeline.source, null);
  assert.equal(timeline.lastAttempt?.ok, false);
  assert.deepEqual(timeline.visits, []);
  assert.equal((await auditRows('nursing.refresh_refused')).length, 1);
});

step(
  'once the basis is recorded, a refresh stores the visits with their source and when they were fetched',
  async () => {
    await t.ok(manager, 'residents.recordAccessBasis', {
      residentId,
      basis: 'consent',
      note: 'Edna agreed on admission.',
    });
    const { results } = await t.ok(manager, 'nursing.refresh', { residentId });
    assert.equal(results[0]?.outcome, 'updated', results[0]?.message);
    assert.equal(results[0]?.visitCount, 4);

    const timeline = await t.ok(manager, 'nursing.timeline', { residentId });
    assert.equal(timeline.visits.length, 4);
    assert.equal(timeline.source?.name, 'Shared care record (community nursing)');
    assert.equal(timeline.source?.address, `${sandbox.url}/`);
    assert.ok(Date.now() - Date.parse(timeline.source!.fetchedAt) < 60_000, 'fetched just now');
    assert.equal(timeline.lastAttempt?.ok, true);
    assert.equal(timeline.visits[0]?.actions[0]?.description, 'Checked blood pressure and pulse');

    const today = await t.ok(manager, 'nursing.today');
    const mine = today.entries.filter((e) => e.resident.residentId === residentId);
    assert.equal(mine.length, 1, 'seed 1 had one visit today');
    assert.equal(mine[0]?.resident.displayName, 'Edna Turner');
  },
);

step('every kind of failure keeps the stored visits, and the timeline says the last attempt failed', async () => {
  const failures = [
    { kind: 'outcome', status: 404, code: 'not-found', text: 'Unknown endpoint' },
    { kind: 'outcome', status: 500, code: 'exception', text: 'Database unavailable' },
    { kind: 'server-error' },
    { kind: 'malformed' },
    { kind: 'not-a-bundle' },
  ] as const;
  for (const failure of failures) {
    const stored = await t.ok(manager, 'nursing.timeline', { residentId });
    sandbox.failNext(failure);
    const { results } = await t.ok(manager, 'nursing.refresh', { residentId });
    assert.equal(results[0]?.outcome, 'failed', failure.kind);
    assert.equal(results[0]?.visitCount, 4, `${failure.kind}: nothing removed`);
    const after = await t.ok(manager, 'nursing.timeline', { residentId });
    assert.deepEqual(after.visits, stored.visits, `${failure.kind}: the visits are exactly as they were`);
    assert.deepEqual(after.source, stored.source, `${failure.kind}: still says when they were really fetched`);
    assert.equal(after.lastAttempt?.ok, false);
    assert.equal(after.lastAttempt?.problem, results[0]?.message);
  }
  assert.equal((await auditRows('nursing.refresh_failed')).length, failures.length);

  const today = await t.ok(manager, 'nursing.today');
  assert.deepEqual(
    today.notUpToDate.map((n) => n.resident.residentId),
    [residentId],
    'the today list names the resident whose update failed',
  );
});

step('an offline shared care record keeps the visits too', async () => {
  const down = await startTestCore({ policy: { endpoints: { districtNursing: 'http://127.0.0.1:9/fhir/R4' } } });
  const { manager: m } = await setUpCareHome(down);
  const { residentId: id } = await down.ok(m, 'residents.admit', {
    nhsNumber: NHS,
    givenName: 'Edna',
    familyName: 'Turner',
    dateOfBirth: '1934-05-02',
    room: '7',
    gpOdsCode: 'A12345',
  });
  await down.ok(m, 'residents.recordAccessBasis', { residentId: id, basis: 'consent', note: 'Agreed.' });
  const { results } = await down.ok(m, 'nursing.refresh', { residentId: id });
  assert.equal(results[0]?.problem, 'offline');
  assert.match(results[0]!.message, /may be offline/);
});

step('each view is in the audit log: who, which resident, what, when', async () => {
  const before = (await auditRows('nursing.timeline_viewed')).length;
  await t.ok(manager, 'nursing.timeline', { residentId });
  const rows = await auditRows('nursing.timeline_viewed');
  assert.equal(rows.length, before + 1);
  const row = rows[0]!;
  assert.equal(row.staffName, 'Alice Manager');
  assert.equal(row.subject, `resident:${residentId}`);
  assert.match(row.detail ?? '', /4 district nursing visits/);
  assert.ok(Date.now() - Date.parse(row.at) < 60_000);

  await t.ok(manager, 'nursing.today');
  const today = await auditRows('nursing.today_viewed');
  assert.equal(today[0]?.subject, `resident:${residentId}`);
  assert.equal(today[0]?.staffName, 'Alice Manager');
  assert.equal((await t.ok(manager, 'audit.verify')).ok, true, 'the chain still holds');
});

step('views need a signed-in staff member, and an unknown resident is "not found"', async () => {
  const stranger = t.core.openSession();
  const refused = await t.call(stranger, 'nursing.today');
  assert.equal(refused.ok, false);
  assert.equal(!refused.ok && refused.error.code, 'not_signed_in');
  const missing = await t.call(manager, 'nursing.timeline', { residentId: 9999 });
  assert.equal(!missing.ok && missing.error.code, 'not_found');
});

// One outer test, so that the core and sandbox live until every step has run (node:test's `after`
// inside a hook would close them as soon as the hook ends).
test('district nursing through the dispatcher, the store and the sandbox', async (outer) => {
  sandbox = await startDistrictNursingSandbox();
  outer.after(() => sandbox.close());
  sandbox.addPatient(NHS, { seed: 1 });
  t = await startTestCore({ policy: { endpoints: { districtNursing: sandbox.url } } });
  ({ manager } = await setUpCareHome(t));
  const admitted = await t.ok(manager, 'residents.admit', {
    nhsNumber: NHS,
    givenName: 'Edna',
    familyName: 'Turner',
    dateOfBirth: '1934-05-02',
    room: '7',
    gpOdsCode: 'A12345',
  });
  residentId = admitted.residentId;
  for (const [name, step] of STEPS) await outer.test(name, step);
});
