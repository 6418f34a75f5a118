/**
 * The assessment inbox through the real dispatcher on a real encrypted store:
 * an assessment filed once, listed and shown in plain words; a nurse opening it
 * starts its review; query, decline and accept (which makes a prospective
 * resident); care assistants read but cannot decide; every view and decision
 * in the audit log; the history kept.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AssessmentsService } from '../../main/services/assessments/assessments-service';
import { exampleTrustedAssessmentMessage } from '../../main/services/assessments/itk3/example-message';
import { AuditLog } from '../../main/services/audit/audit-log';
import { ResidentsService } from '../../main/services/residents/residents-service';
import { setUpCareHome, startTestCore, type TestCore } from '../support/core';

async function signInAs(t: TestCore, manager: Parameters<TestCore['ok']>[0], role: 'nurse' | 'care_assistant') {
  const member = await t.ok(manager, 'staff.add', { displayName: `A ${role}`, role, secret: '314159' });
  const session = t.core.openSession();
  await t.ok(session, 'auth.login', { staffId: member.staffId, secret: '314159' });
  return session;
}

/** What the MESH receive path does, on the core's own store. */
function filer(t: TestCore): AssessmentsService {
  const store = t.core.store;
  if (store.state !== 'open') throw new Error('store not open');
  const audit = new AuditLog(store.db, () => new Date());
  const residents = new ResidentsService(store.db, store.db, audit, () => new Date());
  return new AssessmentsService({
    db: store.db,
    reader: store.db,
    audit,
    now: () => new Date(),
    residents: () => residents,
  });
}

const message = (options: Parameters<typeof exampleTrustedAssessmentMessage>[0] = {}) =>
  Buffer.from(JSON.stringify(exampleTrustedAssessmentMessage(options)));

test('filed once per MESH message id; listed with the sender and planned date; opening starts the review', async () => {
  const t = await startTestCore();
  const { manager } = await setUpCareHome(t);
  const nurse = await signInAs(t, manager, 'nurse');
  const carer = await signInAs(t, manager, 'care_assistant');
  const inbox = filer(t);
  const first = inbox.fileMessage(message(), { source: 'mesh', meshMessageId: 'MSG-1', senderMailbox: 'X26ABC1' });
  assert.equal(first.kind, 'filed');
  const again = inbox.fileMessage(message(), { source: 'mesh', meshMessageId: 'MSG-1', senderMailbox: 'X26ABC1' });
  assert.equal(again.kind, 'already_filed');

  const { assessments: list, waiting } = await t.ok(carer, 'assessments.list', {});
  assert.deepEqual(waiting, { amberHours: 4, redHours: 24 });
  assert.equal(list.length, 1);
  assert.deepEqual(
    { ...list[0]!, receivedAt: '', stateChangedAt: '' },
    {
      id: list[0]!.id,
      state: 'new',
      source: 'mesh',
      receivedAt: '',
      stateChangedAt: '',
      patientName: 'Edith Marsh',
      nhsNumber: '9990000026',
      dateOfBirth: '1938-05-14',
      hospital: 'Riverside General Hospital',
      ward: 'Ward 7 (Elderly Care)',
      assessor: 'Sam Okafor',
      plannedDischargeDate: '2026-12-04',
    },
  );
  const id = list[0]!.id;
  const readByCarer = await t.ok(carer, 'assessments.get', { assessmentId: id });
  assert.equal(readByCarer.state, 'new', 'a care assistant reading does not start the review');
  assert.equal(readByCarer.assessment?.fallsRisk, 'high');
  assert.match(readByCarer.assessment?.needs.skinAndPressureAreas ?? '', /pressure ulcer on left heel/);
  assert.equal(readByCarer.header.handling.busAckRequested, true);
  const decideByCarer = await t.call(carer, 'assessments.decide', {
    decision: 'query',
    assessmentId: id,
    question: 'Is the heel healing?',
  });
  assert.equal(!decideByCarer.ok && decideByCarer.error.code, 'forbidden');

  const opened = await t.ok(nurse, 'assessments.get', { assessmentId: id });
  assert.equal(opened.state, 'in_review');
  assert.deepEqual(
    opened.history.map((h) => [h.kind, h.staffName]),
    [
      ['received', null],
      ['review_started', 'A nurse'],
    ],
  );
  const missing = await t.call(nurse, 'assessments.get', { assessmentId: 999 });
  assert.equal(!missing.ok && missing.error.code, 'not_found');
});

test('query, then accept: a prospective resident is made; answering twice is refused; all audited', async () => {
  const t = await startTestCore();
  const { manager } = await setUpCareHome(t);
  const nurse = await signInAs(t, manager, 'nurse');
  const filed = filer(t).fileMessage(message(), { source: 'mesh', meshMessageId: 'MSG-2', senderMailbox: 'X26ABC1' });
  assert.equal(filed.kind, 'filed');
  const id = filed.kind === 'filed' ? filed.assessmentId : 0;

  assert.equal((await t.ok(nurse, 'assessments.get', { assessmentId: id })).state, 'in_review');
  const emptyQuestion = await t.call(nurse, 'assessments.decide', {
    decision: 'query',
    assessmentId: id,
    question: ' ',
  });
  assert.equal(!emptyQuestion.ok && emptyQuestion.error.code, 'invalid_request');
  const queried = await t.ok(nurse, 'assessments.decide', {
    decision: 'query',
    assessmentId: id,
    question: 'Will the heel dressing supplies come with her?',
  });
  assert.equal(queried.state, 'queried');
  assert.equal(queried.history.at(-1)?.note, 'Will the heel dressing supplies come with her?');

  const accepted = await t.ok(nurse, 'assessments.decide', {
    decision: 'accept',
    assessmentId: id,
    admissionDate: '2026-12-05',
    gpOdsCode: 'y90001',
  });
  assert.equal(accepted.state, 'accepted');
  assert.equal(accepted.history.at(-1)?.admissionDate, '2026-12-05');
  assert.ok(accepted.residentId);
  const resident = await t.ok(nurse, 'residents.get', { residentId: accepted.residentId! });
  assert.equal(resident.status, 'prospective');
  assert.equal(resident.nhsNumber, '9990000026');
  assert.equal(resident.familyName, 'Marsh');

  const twice = await t.call(nurse, 'assessments.decide', {
    decision: 'decline',
    assessmentId: id,
    reason: 'no_bed',
    note: '',
  });
  assert.equal(!twice.ok && twice.error.code, 'conflict');
  assert.match(!twice.ok ? twice.error.message : '', /already accepted/);

  const audit = await t.ok(manager, 'audit.recent', { limit: 100 });
  const actions = audit.map((e) => e.action);
  for (const action of ['assessment.received', 'assessment.viewed', 'assessment.queried', 'assessment.accepted']) {
    assert.ok(actions.includes(action), `${action} is audited`);
  }
  assert.ok(actions.includes('resident.prospective_added'));
});

test('decline needs a reason, and words when the reason is "other"; a returning resident is not added twice', async () => {
  const t = await startTestCore();
  const { manager } = await setUpCareHome(t);
  const inbox = filer(t);
  const a = inbox.fileMessage(message(), { source: 'mesh', meshMessageId: 'MSG-3', senderMailbox: 'X26ABC1' });
  const b = inbox.fileMessage(message(), { source: 'mesh', meshMessageId: 'MSG-4', senderMailbox: 'X26ABC1' });
  const idA = a.kind === 'filed' ? a.assessmentId : 0;
  const idB = b.kind === 'filed' ? b.assessmentId : 0;
  const noWords = await t.call(manager, 'assessments.decide', {
    decision: 'decline',
    assessmentId: idA,
    reason: 'other',
    note: '',
  });
  assert.equal(!noWords.ok && noWords.error.code, 'invalid_request');
  const declined = await t.ok(manager, 'assessments.decide', {
    decision: 'decline',
    assessmentId: idA,
    reason: 'equipment_not_ready',
    note: 'The bariatric bed arrives next week.',
  });
  assert.equal(declined.state, 'declined');
  assert.equal(declined.history.at(-1)?.reason, 'equipment_not_ready');

  await t.ok(manager, 'residents.addProspective', {
    nhsNumber: '9990000026',
    givenName: 'Edith',
    familyName: 'Marsh',
    dateOfBirth: '1938-05-14',
    room: '3',
    gpOdsCode: 'Y90001',
  });
  const accepted = await t.ok(manager, 'assessments.decide', {
    decision: 'accept',
    assessmentId: idB,
    admissionDate: '2026-12-06',
    gpOdsCode: 'Y90001',
  });
  const residents = await t.ok(manager, 'residents.list', {});
  assert.equal(residents.length, 1, 'the person already known is linked, not added again');
  assert.equal(accepted.residentId, residents[0]!.residentId);
});

test('an assessment without a valid NHS number cannot be accepted, and says what to ask for; nothing changes', async () => {
  const t = await startTestCore();
  const { manager } = await setUpCareHome(t);
  const filed = filer(t).fileMessage(message({ nhsNumber: '1234567890' }), {
    source: 'mesh',
    meshMessageId: 'MSG-5',
    senderMailbox: 'X26ABC1',
  });
  const id = filed.kind === 'filed' ? filed.assessmentId : 0;
  const refused = await t.call(manager, 'assessments.decide', {
    decision: 'accept',
    assessmentId: id,
    admissionDate: '2026-12-05',
    gpOdsCode: 'Y90001',
  });
  assert.equal(!refused.ok && refused.error.code, 'invalid_request');
  assert.match(!refused.ok ? refused.error.message : '', /not a valid NHS number.*Ask the assessor/);
  assert.equal((await t.ok(manager, 'assessments.get', { assessmentId: id })).state, 'in_review');
  assert.deepEqual(await t.ok(manager, 'residents.list', {}), []);
});
