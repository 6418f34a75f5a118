/**
 * Setting up a home, staff accounts and signing in, through the real
 * dispatcher, store and keychain, as the renderer drives them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MANAGER_PIN, setUpCareHome, startTestCore } from '../support/core';

test('first run: the setup creates the home and signs its manager in', async () => {
  const t = await startTestCore();
  const session = t.core.openSession();
  assert.deepEqual(await t.ok(session, 'app.status'), { state: 'needs_setup', policyProblems: [] });
  const { manager } = await setUpCareHome(t);
  const status = await t.ok(manager, 'app.status');
  assert.equal(status.state, 'ready');
  assert.equal(status.state === 'ready' && status.careHomeName, 'Rosewood House');
  const me = await t.ok(manager, 'session.current');
  assert.equal(me?.role, 'manager');
  assert.equal(me?.locked, false);
});

test('setup cannot run a second time over a home in use', async () => {
  const t = await startTestCore();
  await setUpCareHome(t);
  const again = await t.call(t.core.openSession(), 'setup.createCareHome', {
    careHomeName: 'Other',
    managerName: 'Mallory',
    managerSecret: '999999',
  });
  assert.equal(!again.ok && again.error.code, 'conflict');
  const demo = await t.call(t.core.openSession(), 'setup.createDemoCareHome');
  assert.equal(!demo.ok && demo.error.code, 'conflict');
  const staff = await t.ok(t.core.openSession(), 'auth.loginCandidates');
  assert.deepEqual(
    staff.map((s) => s.displayName),
    ['Alice Manager'],
  );
});

test('short PINs and digit-only "passphrases" are refused with a clear message', async () => {
  const t = await startTestCore();
  const { manager } = await setUpCareHome(t);
  for (const secret of ['12345', '1234567890123456789a'.slice(0, 5), 'abc']) {
    const result = await t.call(manager, 'staff.add', { displayName: 'Bob', role: 'nurse', secret });
    assert.equal(!result.ok && result.error.code, 'invalid_request');
    assert.match(!result.ok ? result.error.message : '', /PIN of at least 6 numbers/);
  }
  assert.equal((await t.ok(manager, 'staff.list')).length, 1, 'nothing was added');
});

test('a manager adds a nurse, who signs in with her own PIN; nobody can read a PIN back', async () => {
  const t = await startTestCore();
  const { manager } = await setUpCareHome(t);
  const nurse = await t.ok(manager, 'staff.add', { displayName: 'Nia Nurse', role: 'nurse', secret: '271828' });
  assert.deepEqual(Object.keys(nurse).sort(), [
    'active',
    'createdAt',
    'displayName',
    'failedAttempts',
    'lockedUntil',
    'role',
    'staffId',
  ]);
  const list = JSON.stringify(await t.ok(manager, 'staff.list'));
  assert.doesNotMatch(list, /271828|scrypt/);
  const session = t.core.openSession();
  const info = await t.ok(session, 'auth.login', { staffId: nurse.staffId, secret: '271828' });
  assert.equal(info.displayName, 'Nia Nurse');
  assert.equal(info.role, 'nurse');
});

test('five wrong PINs lock the account, longer each time; a manager unlocks it', async () => {
  const t = await startTestCore();
  const { manager } = await setUpCareHome(t);
  const carer = await t.ok(manager, 'staff.add', {
    displayName: 'Cara Carer',
    role: 'care_assistant',
    secret: '314159',
  });
  const session = t.core.openSession();
  const wrong = () => t.call(session, 'auth.login', { staffId: carer.staffId, secret: '000000' });

  for (let i = 1; i <= 4; i += 1) {
    const r = await wrong();
    assert.equal(!r.ok && r.error.code, 'wrong_secret');
    assert.match(!r.ok ? r.error.message : '', new RegExp(`${5 - i} more tr`));
  }
  const fifth = await wrong();
  assert.equal(!fifth.ok && fifth.error.code, 'account_locked');
  // Now even the right PIN is refused until the lock ends.
  const right = await t.call(session, 'auth.login', { staffId: carer.staffId, secret: '314159' });
  assert.equal(!right.ok && right.error.code, 'account_locked');
  const candidate = (await t.ok(session, 'auth.loginCandidates')).find((c) => c.staffId === carer.staffId);
  const firstLockMs = Date.parse(candidate!.lockedUntil!) - Date.now();
  assert.ok(firstLockMs > 50_000 && firstLockMs <= 61_000, `first lock lasts a minute (${firstLockMs} ms)`);

  // After the first lock runs out, five more wrong PINs lock it for longer.
  t.advance(61_000);
  for (let i = 0; i < 5; i += 1) await wrong();
  const second = (await t.ok(session, 'auth.loginCandidates')).find((c) => c.staffId === carer.staffId);
  const secondLockMs = Date.parse(second!.lockedUntil!) - (Date.now() + 61_000);
  assert.ok(secondLockMs > firstLockMs, 'the second lock is longer');

  await t.ok(manager, 'staff.unlockAccount', { staffId: carer.staffId });
  const after = await t.ok(session, 'auth.login', { staffId: carer.staffId, secret: '314159' });
  assert.equal(after.displayName, 'Cara Carer');
});

test('a disabled account cannot sign in and is signed out at its next request', async () => {
  const t = await startTestCore();
  const { manager } = await setUpCareHome(t);
  const nurse = await t.ok(manager, 'staff.add', { displayName: 'Nia Nurse', role: 'nurse', secret: '271828' });
  const session = t.core.openSession();
  await t.ok(session, 'auth.login', { staffId: nurse.staffId, secret: '271828' });
  await t.ok(manager, 'staff.disable', { staffId: nurse.staffId });
  const next = await t.call(session, 'residents.list');
  assert.equal(!next.ok && next.error.code, 'not_signed_in');
  const again = await t.call(t.core.openSession(), 'auth.login', { staffId: nurse.staffId, secret: '271828' });
  assert.equal(!again.ok && again.error.code, 'account_disabled');
  assert.ok(!(await t.ok(session, 'auth.loginCandidates')).some((c) => c.staffId === nurse.staffId));
  await t.ok(manager, 'staff.enable', { staffId: nurse.staffId });
  await t.ok(t.core.openSession(), 'auth.login', { staffId: nurse.staffId, secret: '271828' });
});

test('the only active manager cannot be turned off, nor turn themself off', async () => {
  const t = await startTestCore();
  const { manager, managerId } = await setUpCareHome(t);
  const self = await t.call(manager, 'staff.disable', { staffId: managerId });
  assert.equal(!self.ok && self.error.code, 'conflict');
  const other = await t.ok(manager, 'staff.add', { displayName: 'Second Manager', role: 'manager', secret: '161803' });
  const session = t.core.openSession();
  await t.ok(session, 'auth.login', { staffId: other.staffId, secret: '161803' });
  await t.ok(session, 'staff.disable', { staffId: managerId });
  const last = await t.call(manager, 'staff.disable', { staffId: other.staffId });
  assert.equal(!last.ok && last.error.code, 'not_signed_in', 'the disabled manager is signed out');
});

test('a reset PIN replaces the old one', async () => {
  const t = await startTestCore();
  const { manager, managerId } = await setUpCareHome(t);
  const nurse = await t.ok(manager, 'staff.add', { displayName: 'Nia Nurse', role: 'nurse', secret: '271828' });
  await t.ok(manager, 'staff.resetSecret', { staffId: nurse.staffId, secret: 'a long passphrase' });
  const old = await t.call(t.core.openSession(), 'auth.login', { staffId: nurse.staffId, secret: '271828' });
  assert.equal(!old.ok && old.error.code, 'wrong_secret');
  await t.ok(t.core.openSession(), 'auth.login', { staffId: nurse.staffId, secret: 'a long passphrase' });
  await t.ok(t.core.openSession(), 'auth.login', { staffId: managerId, secret: MANAGER_PIN });
});
