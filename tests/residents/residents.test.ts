/**
 * Residents through the real dispatcher, on a real encrypted store: admitting
 * (a bad NHS number refused with a clear message), prospective residents,
 * leaving, the photo, search, the basis for access, roles and the audit log.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasAccessBasis } from '../../main/services/residents/access-basis';
import type { ReadableDB } from '../../main/services/store/database';
import { setUpCareHome, startTestCore, type TestCore } from '../support/core';

const MARGARET = {
  nhsNumber: '943 476 5919',
  givenName: 'Margaret',
  familyName: 'Ellis',
  dateOfBirth: '1936-03-14',
  room: '12',
  gpOdsCode: 'y90001',
};
// The smallest valid PNG (1x1), and the same bytes claimed to be a JPEG.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

async function signInAs(t: TestCore, manager: Parameters<TestCore['ok']>[0], role: 'nurse' | 'care_assistant') {
  const member = await t.ok(manager, 'staff.add', { displayName: `A ${role}`, role, secret: '314159' });
  const session = t.core.openSession();
  await t.ok(session, 'auth.login', { staffId: member.staffId, secret: '314159' });
  return session;
}

test('a nurse admits a resident; the NHS number is checked with its Modulus 11 check digit', async () => {
  const t = await startTestCore();
  const { manager } = await setUpCareHome(t);
  const nurse = await signInAs(t, manager, 'nurse');

  const bad = await t.call(nurse, 'residents.admit', { ...MARGARET, nhsNumber: '943 476 5918' });
  assert.equal(!bad.ok && bad.error.code, 'invalid_request');
  assert.match(!bad.ok ? bad.error.message : '', /943 476 5918 is not a valid NHS number/);
  const short = await t.call(nurse, 'residents.admit', { ...MARGARET, nhsNumber: '94347659' });
  assert.match(!short.ok ? short.error.message : '', /10 numbers; you entered 8/);
  assert.deepEqual(await t.ok(nurse, 'residents.list', {}), [], 'nothing was stored');

  const admitted = await t.ok(nurse, 'residents.admit', {
    ...MARGARET,
    photo: { contentType: 'image/png', base64: PNG_BASE64 },
  });
  assert.equal(admitted.nhsNumber, '9434765919', 'stored as 10 digits');
  assert.equal(admitted.gpOdsCode, 'Y90001');
  assert.equal(admitted.status, 'current');
  assert.equal(admitted.hasPhoto, true);
  assert.equal(admitted.hasAccessBasis, false);
  assert.ok(admitted.admittedAt);
  const photo = await t.ok(nurse, 'residents.photo', { residentId: admitted.residentId });
  assert.equal(photo?.base64, PNG_BASE64);

  const again = await t.call(nurse, 'residents.admit', { ...MARGARET, givenName: 'Maggie' });
  assert.equal(!again.ok && again.error.code, 'conflict');
  assert.match(
    !again.ok ? again.error.message : '',
    /Margaret Ellis is already recorded as a resident with NHS number 943 476 5919/,
  );
});

test('a photo must be the small JPEG or PNG it claims to be', async () => {
  const t = await startTestCore();
  const { manager } = await setUpCareHome(t);
  const liar = await t.call(manager, 'residents.admit', {
    ...MARGARET,
    photo: { contentType: 'image/jpeg', base64: PNG_BASE64 },
  });
  assert.match(!liar.ok ? liar.error.message : '', /could not be read/);
  const huge = await t.call(manager, 'residents.admit', {
    ...MARGARET,
    photo: { contentType: 'image/png', base64: Buffer.alloc(600 * 1024).toString('base64') },
  });
  assert.match(!huge.ok ? huge.error.message : '', /512 KB or smaller/);
  assert.deepEqual(await t.ok(manager, 'residents.list', {}), []);
});

test('care assistants read residents but cannot admit them or record the basis for access', async () => {
  const t = await startTestCore();
  const { manager } = await setUpCareHome(t);
  const carer = await signInAs(t, manager, 'care_assistant');
  const refused = await t.call(carer, 'residents.admit', MARGARET);
  assert.equal(!refused.ok && refused.error.code, 'forbidden');
  const resident = await t.ok(manager, 'residents.admit', MARGARET);
  const basis = await t.call(carer, 'residents.recordAccessBasis', {
    residentId: resident.residentId,
    basis: 'consent',
    note: 'Margaret agreed',
  });
  assert.equal(!basis.ok && basis.error.code, 'forbidden');
  assert.equal((await t.ok(carer, 'residents.list', {})).length, 1);
});

test('a prospective resident is shown apart, and admission keeps everything already entered', async () => {
  const t = await startTestCore();
  const { manager } = await setUpCareHome(t);
  const prospective = await t.ok(manager, 'residents.addProspective', { ...MARGARET, room: '' });
  assert.equal(prospective.status, 'prospective');
  assert.equal(prospective.admittedAt, null);
  // The basis for access can be recorded (and so the GP record read) before they move in.
  await t.ok(manager, 'residents.recordAccessBasis', {
    residentId: prospective.residentId,
    basis: 'consent',
    note: 'Margaret agreed at the assessment visit',
  });
  const admitted = await t.ok(manager, 'residents.admitProspective', { residentId: prospective.residentId, room: '4' });
  assert.equal(admitted.residentId, prospective.residentId, 'the same resident, not a copy');
  assert.equal(admitted.status, 'current');
  assert.equal(admitted.room, '4');
  assert.equal(admitted.nhsNumber, '9434765919');
  assert.equal(admitted.accessBasis?.note, 'Margaret agreed at the assessment visit');
  const twice = await t.call(manager, 'residents.admitProspective', { residentId: prospective.residentId });
  assert.equal(!twice.ok && twice.error.code, 'conflict');
});

test('discharge or death makes a former resident: kept, read-only', async () => {
  const t = await startTestCore();
  const { manager } = await setUpCareHome(t);
  const resident = await t.ok(manager, 'residents.admit', MARGARET);
  const future = await t.call(manager, 'residents.recordLeaving', {
    residentId: resident.residentId,
    reason: 'discharged',
    leftOn: '2999-01-01',
  });
  assert.match(!future.ok ? future.error.message : '', /cannot be in the future/);
  const left = await t.ok(manager, 'residents.recordLeaving', {
    residentId: resident.residentId,
    reason: 'died',
    leftOn: '2026-01-02',
  });
  assert.equal(left.status, 'former');
  assert.equal(left.leftReason, 'died');
  assert.equal(left.leftAt, '2026-01-02');
  const list = await t.ok(manager, 'residents.list', {});
  assert.equal(list[0]?.status, 'former', 'still in the records');
  const change = await t.call(manager, 'residents.recordAccessBasis', {
    residentId: resident.residentId,
    basis: 'consent',
    note: 'x',
  });
  assert.equal(!change.ok && change.error.code, 'conflict');
  const again = await t.call(manager, 'residents.recordLeaving', {
    residentId: resident.residentId,
    reason: 'discharged',
    leftOn: '2026-01-03',
  });
  assert.equal(!again.ok && again.error.code, 'conflict');
});

test('search by name, room or NHS number', async () => {
  const t = await startTestCore();
  const { manager } = await setUpCareHome(t);
  await t.ok(manager, 'residents.admit', MARGARET);
  await t.ok(manager, 'residents.admit', {
    ...MARGARET,
    nhsNumber: '9990000018',
    givenName: 'Arthur',
    familyName: 'Bennett',
    room: 'Rose 3',
  });
  const names = async (search: string) => (await t.ok(manager, 'residents.list', { search })).map((r) => r.displayName);
  assert.deepEqual(await names('arth'), ['Arthur Bennett']);
  assert.deepEqual(await names('margaret ellis'), ['Margaret Ellis']);
  assert.deepEqual(await names('12'), ['Margaret Ellis'], 'room 12');
  assert.deepEqual(await names('rose 3'), ['Arthur Bennett']);
  assert.deepEqual(await names('943 476'), ['Margaret Ellis']);
  assert.deepEqual(await names('999000'), ['Arthur Bennett']);
  assert.deepEqual(await names('nobody'), []);
});

test('the basis for access: who recorded it and when, and hasAccessBasis for the GP record refresher', async () => {
  const t = await startTestCore();
  const { manager } = await setUpCareHome(t);
  const nurse = await signInAs(t, manager, 'nurse');
  const resident = await t.ok(manager, 'residents.admit', MARGARET);
  assert.equal(t.core.store.state, 'open');
  const db = t.core.store.db as unknown as ReadableDB;
  assert.equal(hasAccessBasis(db, resident.residentId), false);
  const empty = await t.call(nurse, 'residents.recordAccessBasis', {
    residentId: resident.residentId,
    basis: 'best_interest',
    note: '   ',
  });
  assert.equal(!empty.ok && empty.error.code, 'invalid_request');
  const recorded = await t.ok(nurse, 'residents.recordAccessBasis', {
    residentId: resident.residentId,
    basis: 'best_interest',
    note: 'Lacks capacity; decided with her daughter (LPA) and Dr Shah',
  });
  assert.equal(hasAccessBasis(db, resident.residentId), true);
  assert.equal(recorded.accessBasis?.basis, 'best_interest');
  assert.equal(recorded.accessBasis?.recordedBy.displayName, 'A nurse');
  assert.ok(recorded.accessBasis?.recordedAt);

  await t.ok(nurse, 'residents.get', { residentId: resident.residentId });
  const audit = await t.ok(manager, 'audit.recent', { limit: 50 });
  const actions = audit.filter((e) => e.subject === `resident:${resident.residentId}`).map((e) => e.action);
  assert.deepEqual(actions.reverse(), ['resident.admitted', 'resident.access_basis_recorded', 'resident.viewed']);
  const missing = await t.call(nurse, 'residents.get', { residentId: 999 });
  assert.equal(!missing.ok && missing.error.code, 'not_found');
});
