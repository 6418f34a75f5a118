/**
 * A resident's timeline through the real dispatcher and encrypted store: the
 * demo home's district nursing visits appear newest first with their source,
 * each view is audited, a part of the app whose rows cannot be read is named
 * rather than hiding the rest, and an unknown resident is refused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTestCore } from '../support/core';
import { AuditLog } from '../../main/services/audit/audit-log';
import { ResidentTimeline } from '../../main/services/residents/timeline';
import { nursingTimelineSource } from '../../main/services/nursing/nursing-timeline';

test('the timeline shows the demo resident’s nursing visits newest first, with their source, and is audited', async () => {
  const t = await startTestCore();
  const demo = await t.ok(t.core.openSession(), 'setup.createDemoCareHome', {});
  const carer = demo.staff.find((s) => s.role === 'care_assistant')!;
  const session = t.core.openSession();
  await t.ok(session, 'auth.login', { staffId: carer.staffId, secret: carer.demoPin });
  const residents = await t.ok(session, 'residents.list', {});
  const withVisits = [];
  for (const r of residents) {
    const visits = await t.ok(session, 'nursing.timeline', { residentId: r.residentId });
    if (visits.visits.length > 0) withVisits.push({ resident: r, visits: visits.visits });
  }
  assert.ok(withVisits.length > 0, 'the demo home has residents with nursing visits');
  const { resident, visits } = withVisits[0]!;

  const page = await t.ok(session, 'residents.timeline', { residentId: resident.residentId });
  const nursing = page.entries.filter((e) => e.kind === 'nursing_visit');
  assert.equal(nursing.length, visits.length);
  assert.deepEqual(
    page.entries.map((e) => e.occurredAt),
    [...page.entries.map((e) => e.occurredAt)].sort().reverse(),
    'newest first',
  );
  assert.ok(nursing.every((e) => e.source.length > 0 && e.title.startsWith('District nurse visit')));
  assert.deepEqual(page.unreadable, []);

  const one = await t.ok(session, 'residents.timeline', { residentId: resident.residentId, limit: 1 });
  assert.equal(one.entries.length, 1);
  assert.equal(one.more, visits.length > 1);

  const audit = await t.ok(
    await (async () => {
      const manager = demo.staff.find((s) => s.role === 'manager')!;
      const m = t.core.openSession();
      await t.ok(m, 'auth.login', { staffId: manager.staffId, secret: manager.demoPin });
      return m;
    })(),
    'audit.recent',
    { limit: 500 },
  );
  const views = audit.filter((r) => r.action === 'resident.viewed' && /^timeline/.test(r.detail ?? ''));
  assert.equal(views.length, 2, 'one audit row per view of the timeline');

  const missing = await t.call(session, 'residents.timeline', { residentId: 99999 });
  assert.equal(missing.ok, false);
  assert.equal(!missing.ok && missing.error.code, 'not_found');
});

test('a part of the app whose rows cannot be read is named; the other parts are still shown', async () => {
  const t = await startTestCore();
  await t.ok(t.core.openSession(), 'setup.createDemoCareHome', {});
  assert.equal(t.core.store.state, 'open');
  if (t.core.store.state !== 'open') return;
  const reader = t.core.store.db;
  const audit = new AuditLog(reader, () => new Date());
  const residentId = (reader.prepare('SELECT resident_id FROM nursing_visit LIMIT 1').pluck().get() as number) ?? 0;
  const warnings: string[] = [];
  const broken = {
    name: 'mail',
    entries: () => {
      throw new Error('no such table: mail_filing');
    },
  };
  const timeline = new ResidentTimeline(reader, audit, [broken, nursingTimelineSource], (w) => warnings.push(w));
  const page = timeline.list({ staffId: 1, displayName: 'Test' }, residentId);
  assert.deepEqual(page.unreadable, ['mail']);
  assert.ok(page.entries.length > 0, 'the nursing visits are still there');
  assert.match(warnings[0] ?? '', /mail entries of resident/);
});
