/**
 * The resident page's one request (records.residentPage): the banner details,
 * photo, GP record summary and refresh status together, through the real
 * dispatcher on the demo care home, with exactly one audit row per view.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_STAFF } from '../../main/services/demo/demo-care-home';
import { startTestCore, type TestCore } from '../support/core';

function auditCount(t: TestCore): number {
  if (t.core.store.state !== 'open') throw new Error('store not open');
  return t.core.store.db.prepare('SELECT count(*) FROM audit_event').pluck().get() as number;
}

test('one request opens a resident page: the same details and summary as the separate reads, one audit row', async () => {
  const t = await startTestCore();
  const session = t.core.openSession();
  const demo = await t.ok(session, 'setup.createDemoCareHome');
  const nurse = demo.staff.find((s) => s.role === 'nurse')!;
  await t.ok(session, 'auth.login', { staffId: nurse.staffId, secret: DEMO_STAFF[1]!.demoPin });
  const [someone] = await t.ok(session, 'residents.list', { search: 'Margaret' });
  assert.ok(someone);

  const before = auditCount(t);
  const page = await t.ok(session, 'records.residentPage', { residentId: someone.residentId });
  assert.equal(auditCount(t) - before, 1, 'one view, one audit row');
  if (t.core.store.state !== 'open') throw new Error('store not open');
  const row = t.core.store.db
    .prepare('SELECT staff_id, action, subject, detail FROM audit_event ORDER BY id DESC LIMIT 1')
    .get() as { staff_id: number; action: string; subject: string; detail: string };
  assert.equal(row.staff_id, nurse.staffId, 'who');
  assert.equal(row.action, 'resident.viewed');
  assert.equal(row.subject, `resident:${someone.residentId}`, 'which resident');
  assert.match(row.detail, /^summary/, 'which section');

  // What the page shows is what the separate reads give.
  assert.deepEqual(page.resident, await t.ok(session, 'residents.get', { residentId: someone.residentId }));
  assert.deepEqual(page.photo, await t.ok(session, 'residents.photo', { residentId: someone.residentId }));
  const summary = await t.ok(session, 'records.summary', { residentId: someone.residentId });
  assert.deepEqual({ ...page.summary, age: null }, { ...summary, age: null });
  assert.ok(page.summary.currentMedications.length > 0, 'the medicines are on the first screen');
  assert.ok(page.summary.allergies.length > 0 || page.summary.noKnownAllergies, 'the allergies are on it too');
  assert.equal(page.refreshStatus.configured, false, 'the demo has no NHS connection');
});

test('an unknown resident is refused, and no view is recorded; signed out is refused', async () => {
  const t = await startTestCore();
  const session = t.core.openSession();
  const demo = await t.ok(session, 'setup.createDemoCareHome');
  const nurse = demo.staff.find((s) => s.role === 'nurse')!;
  const signedOut = await t.call(session, 'records.residentPage', { residentId: 1 });
  assert.equal(!signedOut.ok && signedOut.error.code, 'not_signed_in');
  await t.ok(session, 'auth.login', { staffId: nurse.staffId, secret: DEMO_STAFF[1]!.demoPin });
  const before = auditCount(t);
  const missing = await t.call(session, 'records.residentPage', { residentId: 9999 });
  assert.equal(!missing.ok && missing.error.code, 'not_found');
  assert.equal(auditCount(t), before);
});
