/**
 * Triage through the real core (encrypted store, keychain, dispatcher, access
 * rules, audit log): soft signs, observation sets and their NEWS2, the
 * clinician's SpO2 scale decision, the reference score, the end-of-life
 * pathway, the escalation step, who may do what, and what is refused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RequestOf } from '../../common/ipc/contract';
import type { StaffSession } from '../../main/services/auth/staff-session';
import type { WritableDB } from '../../main/services/store/database';
import { DEMO_STAFF } from '../../main/services/demo/demo-care-home';
import { startTestCore } from '../support/core';

type Who = 'manager' | 'nurse' | 'care_assistant' | 'it_admin';

async function demoHome(policy?: unknown) {
  const t = await startTestCore(policy === undefined ? {} : { policy });
  const demo = await t.ok(t.core.openSession(), 'setup.createDemoCareHome');
  const sessions = {} as Record<Who, StaffSession>;
  for (const role of ['manager', 'nurse', 'care_assistant', 'it_admin'] as const) {
    const member = demo.staff.find((s) => s.role === role)!;
    const pin = DEMO_STAFF.find((s) => s.displayName === member.displayName)!.demoPin;
    sessions[role] = t.core.openSession();
    await t.ok(sessions[role], 'auth.login', { staffId: member.staffId, secret: pin });
  }
  assert.equal(t.core.store.state, 'open');
  const db = (t.core.store as { db: WritableDB }).db;
  const residentIds = db.prepare('SELECT id FROM resident ORDER BY id').pluck().all() as number[];
  return { t, s: sessions, db, residentId: residentIds[0]!, otherResidentId: residentIds[1]! };
}

const WELL = {
  respirationRate: 16,
  spo2: 97,
  onOxygen: false,
  systolicBp: 130,
  pulse: 72,
  consciousness: 'alert' as const,
  temperature: 36.8,
};

function obs(
  residentId: number,
  values: Partial<typeof WELL> = {},
  extra: Partial<RequestOf<'triage.recordObservations'>> = {},
) {
  return { residentId, values: { ...WELL, ...values }, ...extra };
}

function auditActions(db: WritableDB): string[] {
  return db
    .prepare("SELECT action FROM audit_event WHERE action LIKE 'triage.%' ORDER BY id")
    .pluck()
    .all() as string[];
}

test('a care assistant ticks soft signs; a nurse takes observations; NEWS2 and the escalation step follow', async () => {
  const { t, s, db, residentId } = await demoHome();

  const check = await t.ok(s.care_assistant, 'triage.recordSoftSigns', {
    residentId,
    signs: ['seems_different', 'ate_less'],
    note: 'Quiet at breakfast, left most of it',
  });
  assert.deepEqual(check.signs, ['seems_different', 'ate_less']);
  assert.equal(check.recordedBy.displayName, 'Priya Shah');

  let view = await t.ok(s.care_assistant, 'triage.history', { residentId });
  assert.equal(view.escalation.step, 'senior_review');
  assert.deepEqual(view.escalation.because, ['No observations yet', '2 soft signs ticked']);
  assert.match(view.escalation.ifWorried, /If you are worried, escalate/);
  assert.deepEqual(view.prompt, { state: 'no_observations_yet' });

  const recorded = await t.ok(
    s.nurse,
    'triage.recordObservations',
    obs(residentId, { respirationRate: 22, spo2: 93, pulse: 112, temperature: 38.4 }),
  );
  const set = recorded.observationSet;
  assert.equal(set.spo2Scale, 1);
  assert.deepEqual(set.news2.scores, {
    respirationRate: 2,
    spo2: 2,
    airOrOxygen: 0,
    systolicBp: 0,
    pulse: 2,
    consciousness: 0,
    temperature: 1,
  });
  assert.equal(set.news2.total, 7);
  assert.equal(set.news2.risk, 'high');
  assert.equal(recorded.escalation.step, 'call_999');
  assert.deepEqual(recorded.prompt, { state: 'continuous', monitoring: 'Continuous monitoring of vital signs' });
  assert.equal(set.recordedBy.displayName, 'Tom Hughes');
  assert.equal(set.changeFromReference, null);

  view = await t.ok(s.care_assistant, 'triage.history', { residentId });
  assert.equal(view.observationSets.length, 1);
  assert.equal(view.softSigns.length, 1);
  assert.deepEqual(auditActions(db), [
    'triage.soft_signs_recorded',
    'triage.history_viewed',
    'triage.observations_recorded',
    'triage.history_viewed',
  ]);
  const detail = db
    .prepare("SELECT subject, detail FROM audit_event WHERE action = 'triage.observations_recorded'")
    .get() as { subject: string; detail: string };
  assert.equal(detail.subject, `resident:${residentId}`);
  assert.match(detail.detail, /NEWS2 7/);
});

test('Scale 2 only once a nurse records the clinician’s decision, with who and when; earlier sets keep their scale', async () => {
  const { t, s, residentId, otherResidentId } = await demoHome();
  const copd = { spo2: 89, onOxygen: true };

  const before = await t.ok(s.nurse, 'triage.recordObservations', obs(residentId, copd));
  assert.equal(before.observationSet.spo2Scale, 1);
  assert.equal(before.observationSet.news2.scores.spo2, 3);

  const refused = await t.call(s.care_assistant, 'triage.setSpo2Scale', {
    residentId,
    scale: 2,
    decidedBy: 'Dr A Patel, GP',
    decidedOn: '2026-01-10',
  });
  assert.equal(!refused.ok && refused.error.code, 'forbidden');

  const noClinician = await t.call(s.nurse, 'triage.setSpo2Scale', {
    residentId,
    scale: 2,
    decidedBy: '',
    decidedOn: '2026-01-10',
  });
  assert.ok(!noClinician.ok && /name and role of the clinician/.test(noClinician.error.message));
  const future = await t.call(s.nurse, 'triage.setSpo2Scale', {
    residentId,
    scale: 2,
    decidedBy: 'Dr A Patel, GP',
    decidedOn: '2999-01-01',
  });
  assert.ok(!future.ok && /cannot be in the future/.test(future.error.message));

  const setting = await t.ok(s.nurse, 'triage.setSpo2Scale', {
    residentId,
    scale: 2,
    decidedBy: 'Dr A Patel, GP',
    decidedOn: '2026-01-10',
    reason: 'COPD with type 2 respiratory failure; target 88–92%',
  });
  assert.equal(setting.recordedBy.displayName, 'Tom Hughes');
  assert.equal(setting.decidedBy, 'Dr A Patel, GP');

  const after = await t.ok(s.nurse, 'triage.recordObservations', obs(residentId, copd));
  assert.equal(after.observationSet.spo2Scale, 2);
  assert.equal(after.observationSet.spo2ScaleSettingId, setting.settingId);
  assert.equal(after.observationSet.news2.scores.spo2, 0);
  assert.equal(after.observationSet.news2.total, 2);
  // On oxygen above the Scale 2 target scores 3.
  const high = await t.ok(s.nurse, 'triage.recordObservations', obs(residentId, { spo2: 97, onOxygen: true }));
  assert.equal(high.observationSet.news2.scores.spo2, 3);

  const view = await t.ok(s.nurse, 'triage.history', { residentId });
  assert.equal(view.spo2Scale, 2);
  assert.deepEqual(
    view.observationSets.map((o) => [o.spo2Scale, o.news2.scores.spo2]),
    [
      [2, 3],
      [2, 0],
      [1, 3],
    ],
  );
  // Another resident is untouched.
  assert.equal((await t.ok(s.nurse, 'triage.history', { residentId: otherResidentId })).spo2Scale, 1);
});

test('unusual values wait for confirmation; impossible ones are refused; nothing is stored until right', async () => {
  const { t, s, residentId } = await demoHome();
  const unconfirmed = await t.call(s.nurse, 'triage.recordObservations', obs(residentId, { pulse: 170 }));
  assert.equal(!unconfirmed.ok && unconfirmed.error.code, 'invalid_request');
  assert.ok(!unconfirmed.ok && /pulse of 170 beats a minute is unusual/.test(unconfirmed.error.message));

  const impossible = await t.call(s.nurse, 'triage.recordObservations', obs(residentId, { temperature: 52 }));
  assert.ok(!impossible.ok && /between 25.0 and 45.0/.test(impossible.error.message));
  const tooFine = await t.call(s.nurse, 'triage.recordObservations', obs(residentId, { temperature: 38.05 }));
  assert.ok(!tooFine.ok && /one decimal place/.test(tooFine.error.message));

  assert.equal((await t.ok(s.nurse, 'triage.history', { residentId })).observationSets.length, 0);

  const confirmed = await t.ok(
    s.nurse,
    'triage.recordObservations',
    obs(residentId, { pulse: 170 }, { confirmedUnusual: ['pulse'] }),
  );
  assert.deepEqual(confirmed.observationSet.confirmedUnusual, ['pulse']);
  assert.equal(confirmed.observationSet.news2.scores.pulse, 3);
  assert.equal(confirmed.escalation.step, 'urgent_gp_or_111');
});

test('when the readings were taken: not in the future, not more than a day ago', async () => {
  const { t, s, residentId } = await demoHome();
  const now = Date.now();
  const future = await t.call(
    s.nurse,
    'triage.recordObservations',
    obs(residentId, {}, { takenAt: new Date(now + 3600_000).toISOString() }),
  );
  assert.ok(!future.ok && /cannot be in the future/.test(future.error.message));
  const old = await t.call(
    s.nurse,
    'triage.recordObservations',
    obs(residentId, {}, { takenAt: new Date(now - 25 * 3600_000).toISOString() }),
  );
  assert.ok(!old.ok && /more than 24 hours ago/.test(old.error.message));
  const earlier = new Date(now - 20 * 60_000).toISOString();
  const ok = await t.ok(s.nurse, 'triage.recordObservations', obs(residentId, {}, { takenAt: earlier }));
  assert.equal(ok.observationSet.takenAt, earlier);
  // NEWS2 0: the RCP's minimum 12-hourly monitoring, from when they were taken.
  assert.deepEqual(ok.prompt, {
    state: 'due_by',
    dueBy: new Date(Date.parse(earlier) + 12 * 3600_000).toISOString(),
    monitoring: 'Minimum 12 hourly',
  });
});

test('the trend comes newest first, with the change from the resident’s reference score', async () => {
  const { t, s, residentId } = await demoHome();
  const now = Date.now();
  const sets = [
    { minutesAgo: 300, values: {} }, // 0
    { minutesAgo: 200, values: { pulse: 95 } }, // 1
    { minutesAgo: 100, values: { pulse: 115, temperature: 38.4 } }, // 3
  ];
  for (const { minutesAgo, values } of sets) {
    await t.ok(
      s.nurse,
      'triage.recordObservations',
      obs(residentId, values, { takenAt: new Date(now - minutesAgo * 60_000).toISOString() }),
    );
  }
  const refused = await t.call(s.care_assistant, 'triage.setReferenceScore', { residentId, score: 1 });
  assert.equal(!refused.ok && refused.error.code, 'forbidden');
  const reference = await t.ok(s.nurse, 'triage.setReferenceScore', { residentId, score: 1, note: 'Usual when well' });
  assert.equal(reference.score, 1);

  const view = await t.ok(s.care_assistant, 'triage.history', { residentId });
  assert.deepEqual(
    view.observationSets.map((o) => [o.news2.total, o.changeFromReference]),
    [
      [3, 2],
      [1, 0],
      [0, -1],
    ],
  );
  assert.equal(view.reference?.setBy.displayName, 'Tom Hughes');
  assert.equal((await t.ok(s.nurse, 'triage.history', { residentId, limit: 2 })).observationSets.length, 2);
});

test('on an end-of-life pathway observations are no longer prompted, but can still be recorded', async () => {
  const { t, s, residentId } = await demoHome();
  await t.ok(s.nurse, 'triage.recordObservations', obs(residentId, { pulse: 95 }));
  assert.equal((await t.ok(s.nurse, 'triage.history', { residentId })).prompt.state, 'due_by');

  const refused = await t.call(s.care_assistant, 'triage.setEndOfLifePathway', { residentId, onPathway: true });
  assert.equal(!refused.ok && refused.error.code, 'forbidden');
  const eol = await t.ok(s.nurse, 'triage.setEndOfLifePathway', {
    residentId,
    onPathway: true,
    note: 'Agreed with GP and family',
  });
  assert.equal(eol.onPathway, true);

  const view = await t.ok(s.care_assistant, 'triage.history', { residentId });
  assert.deepEqual(view.prompt, { state: 'not_prompted_end_of_life' });
  assert.equal(view.endOfLife?.note, 'Agreed with GP and family');
  const recorded = await t.ok(s.nurse, 'triage.recordObservations', obs(residentId));
  assert.deepEqual(recorded.prompt, { state: 'not_prompted_end_of_life' });

  await t.ok(s.manager, 'triage.setEndOfLifePathway', { residentId, onPathway: false });
  assert.equal((await t.ok(s.nurse, 'triage.history', { residentId })).prompt.state, 'due_by');
});

test('who may do what: the IT administrator has no clinical role; unknown residents are not found', async () => {
  const { t, s, db, residentId } = await demoHome();
  for (const [channel, request] of [
    ['triage.recordObservations', obs(residentId)],
    ['triage.history', { residentId }],
    ['triage.recordSoftSigns', { residentId, signs: ['ate_less'] }],
  ] as const) {
    const result = await t.call(s.it_admin, channel, request as never);
    assert.equal(!result.ok && result.error.code, 'forbidden', channel);
  }
  const anonymous = await t.call(t.core.openSession(), 'triage.history', { residentId });
  assert.equal(!anonymous.ok && anonymous.error.code, 'not_signed_in');
  const missing = await t.call(s.nurse, 'triage.recordObservations', obs(99999));
  assert.ok(!missing.ok && missing.error.code === 'not_found');
  assert.equal((await t.call(s.nurse, 'triage.history', { residentId: 99999 })).ok, false);
  assert.equal(db.prepare('SELECT count(*) FROM observation_set').pluck().get(), 0);
});

test('a care assistant records observations unless the home’s policy says only nurses do', async () => {
  const open = await demoHome();
  const byCarer = await open.t.ok(open.s.care_assistant, 'triage.recordObservations', obs(open.residentId));
  assert.equal(byCarer.observationSet.recordedBy.displayName, 'Priya Shah');

  const closed = await demoHome({ escalation: { careAssistantsRecordObservations: false } });
  const refused = await closed.t.call(closed.s.care_assistant, 'triage.recordObservations', obs(closed.residentId));
  assert.ok(!refused.ok && refused.error.code === 'forbidden' && /taken by nurses/.test(refused.error.message));
  await closed.t.ok(closed.s.nurse, 'triage.recordObservations', obs(closed.residentId));
  // Soft signs stay open to care assistants whatever the policy.
  await closed.t.ok(closed.s.care_assistant, 'triage.recordSoftSigns', {
    residentId: closed.residentId,
    signs: ['drank_less'],
  });
});

test('the home’s ladder from policy decides the step; the clinical history cannot be edited', async () => {
  const { t, s, db, residentId } = await demoHome({
    escalation: { fromTotal: { call_999: 6 }, steps: { call_999: { label: 'Emergency: call 999' } } },
  });
  const six = await t.ok(
    s.nurse,
    'triage.recordObservations',
    obs(residentId, { respirationRate: 22, pulse: 115, temperature: 39.5 }),
  );
  assert.equal(six.observationSet.news2.total, 6);
  assert.equal(six.escalation.step, 'call_999');
  assert.equal(six.escalation.label, 'Emergency: call 999');
  assert.throws(() => db.prepare('UPDATE observation_set SET pulse = 70').run(), /clinical history is kept/);
  assert.throws(() => db.prepare('DELETE FROM observation_set').run(), /clinical history is kept/);
});
