/**
 * Locks, idle locks and role permissions, enforced in main whatever the
 * renderer shows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setUpCareHome, startTestCore } from '../support/core';

test('main locks an idle session by itself, after the policy time', async () => {
  const t = await startTestCore({ policy: { idleLockMinutes: 2 } });
  const { manager } = await setUpCareHome(t);
  assert.equal((await t.ok(manager, 'session.current'))?.idleLockSeconds, 120);
  t.advance(110_000);
  await t.ok(manager, 'staff.list'); // activity resets the idle timer
  t.advance(110_000);
  await t.ok(manager, 'session.stillHere');
  t.advance(121_000);
  const refused = await t.call(manager, 'staff.list');
  assert.equal(!refused.ok && refused.error.code, 'session_locked');
  assert.equal((await t.ok(manager, 'session.current'))?.locked, true);
  const audit = await t.call(manager, 'audit.recent', { limit: 5 });
  assert.equal(!audit.ok && audit.error.code, 'session_locked', 'nothing is shown while locked');
});

test('the same person unlocks and carries on; someone else unlocks and takes over', async () => {
  const t = await startTestCore();
  const { manager, managerId } = await setUpCareHome(t);
  const nurse = await t.ok(manager, 'staff.add', { displayName: 'Nia Nurse', role: 'nurse', secret: '271828' });
  await t.ok(manager, 'session.lock');
  const wrong = await t.call(manager, 'session.unlock', { staffId: managerId, secret: '000000' });
  assert.equal(!wrong.ok && wrong.error.code, 'wrong_secret');
  assert.equal((await t.ok(manager, 'session.current'))?.locked, true, 'a wrong PIN leaves it locked');
  const back = await t.ok(manager, 'session.unlock', { staffId: managerId, secret: '482915' });
  assert.equal(back.locked, false);
  await t.ok(manager, 'session.lock');
  const other = await t.ok(manager, 'session.unlock', { staffId: nurse.staffId, secret: '271828' });
  assert.equal(other.displayName, 'Nia Nurse');
  const refused = await t.call(manager, 'staff.list');
  assert.equal(!refused.ok && refused.error.code, 'forbidden', "the nurse has the nurse's rights, not the manager's");
  const entries = await t.ok(t.core.openSession(), 'auth.loginCandidates');
  assert.equal(entries.length, 2);
});

test('a care assistant is refused the staff and audit channels in main, and the refusal is audited', async () => {
  const t = await startTestCore();
  const { manager } = await setUpCareHome(t);
  const carer = await t.ok(manager, 'staff.add', {
    displayName: 'Cara Carer',
    role: 'care_assistant',
    secret: '314159',
  });
  const session = t.core.openSession();
  await t.ok(session, 'auth.login', { staffId: carer.staffId, secret: '314159' });
  for (const channel of ['staff.list', 'audit.recent', 'audit.verify', 'policy.status'] as const) {
    const result = await t.core.dispatch(session, channel, channel === 'audit.recent' ? { limit: 5 } : {});
    assert.equal(!result.ok && result.error.code, 'forbidden', channel);
  }
  const add = await t.call(session, 'staff.add', { displayName: 'Evil', role: 'manager', secret: '123456' });
  assert.equal(!add.ok && add.error.code, 'forbidden');
  await t.ok(session, 'residents.list');
  const audit = await t.ok(manager, 'audit.recent', { limit: 20 });
  assert.ok(
    audit.some((e) => e.action === 'access.refused' && e.subject === 'staff.add' && e.staffName === 'Cara Carer'),
  );
});

test('an IT administrator sees staff and settings but cannot change staff', async () => {
  const t = await startTestCore();
  const { manager } = await setUpCareHome(t);
  const it = await t.ok(manager, 'staff.add', { displayName: 'Ivan IT', role: 'it_admin', secret: '555666' });
  const session = t.core.openSession();
  await t.ok(session, 'auth.login', { staffId: it.staffId, secret: '555666' });
  await t.ok(session, 'staff.list');
  await t.ok(session, 'policy.status');
  const add = await t.call(session, 'staff.add', { displayName: 'X', role: 'nurse', secret: '123456' });
  assert.equal(!add.ok && add.error.code, 'forbidden');
});

test('signed-out sessions reach only the channels open to anyone', async () => {
  const t = await startTestCore();
  await setUpCareHome(t);
  const session = t.core.openSession();
  const list = await t.call(session, 'residents.list');
  assert.equal(!list.ok && list.error.code, 'not_signed_in');
  assert.equal(await t.ok(session, 'session.current'), null);
  const unknown = await t.core.dispatch(session, 'staff.deleteEveryone', {});
  assert.equal(!unknown.ok && unknown.error.code, 'unknown_channel');
});

test('only an IT administrator can take the window out of kiosk mode, and it is audited', async () => {
  let left = 0;
  const t = await startTestCore({ desktop: { leaveKiosk: () => (left += 1) } });
  const { manager } = await setUpCareHome(t);
  const refused = await t.call(manager, 'app.leaveKiosk');
  assert.equal(!refused.ok && refused.error.code, 'forbidden');
  assert.equal(left, 0);
  const it = await t.ok(manager, 'staff.add', { displayName: 'Ivan IT', role: 'it_admin', secret: '555666' });
  const session = t.core.openSession();
  await t.ok(session, 'auth.login', { staffId: it.staffId, secret: '555666' });
  await t.ok(session, 'app.leaveKiosk');
  assert.equal(left, 1);
  assert.ok(
    (await t.ok(manager, 'audit.recent', { limit: 3 })).some(
      (e) => e.action === 'kiosk.left' && e.staffName === 'Ivan IT',
    ),
  );
});
