/**
 * The lock screen: after the policy's idle limit the screen locks by itself,
 * and every page is taken off the screen (not just covered). The same person
 * carries on where they left off (their half-filled form is still there);
 * someone else can unlock as themselves and sees nothing of the first
 * person's draft. Main enforces the idle limit too, and a signed-out session
 * returns to sign-in.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { startApp } from './harness';
import { MANAGER, addStaffMember, enterPin, openMenu, setUpCareHome, signIn, staffButton } from './flows';

const ANNA = { name: 'Anna Brown', role: 'Care assistant', pin: '135792' };

async function expectLocked(page: Page, who: string, role: string, timeout = 30_000): Promise<void> {
  await page.getByRole('heading', { name: 'Screen locked', level: 1 }).waitFor({ timeout });
  await page.getByText(`${who} (${role}) is signed in.`).waitFor();
  // Nothing of the app is left in the page: no menu, no tables, no forms.
  assert.equal(await page.getByRole('navigation', { name: 'Main menu' }).count(), 0, 'no menu while locked');
  assert.equal(await page.getByRole('table').count(), 0, 'no tables while locked');
  assert.equal(await page.locator('#new-staff-name').count(), 0, 'no staff form while locked');
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
}

test('the screen locks when idle; the same person finds their draft, someone else does not', async () => {
  // 0.15 minutes: the screen locks after 9 seconds without use.
  const app = await startApp({ policy: { idleLockMinutes: 0.15 } });
  const { page } = app;
  await setUpCareHome(page);
  await openMenu(page, 'Staff');
  await addStaffMember(page, ANNA);

  // Mary starts adding a nurse, then walks away.
  await page.getByLabel('Full name').fill('Sam Carter');
  await page.getByLabel('Role').selectOption({ label: 'Nurse' });
  await page.getByLabel('PIN or passphrase', { exact: true }).fill('111222');
  const started = Date.now();
  await expectLocked(page, MANAGER.name, 'Home manager');
  const waited = Date.now() - started;
  assert.ok(waited >= 8_000, `locked after the idle limit, not before (${waited} ms)`);
  await app.expectAccessible();
  await app.screenshot('screen-locked');

  // A wrong PIN is refused in the usual way.
  await enterPin(page, '999999', 'Unlock');
  await page
    .getByRole('alert')
    .getByRole('link', { name: /That PIN is not right/ })
    .waitFor();
  await app.expectAccessible();

  // Mary comes back: the same page, with her half-filled form (but not the PIN she typed).
  await enterPin(page, MANAGER.pin, 'Unlock');
  await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Sam Carter');
  assert.equal(await page.getByLabel('Role').inputValue(), 'nurse');
  assert.equal(await page.getByLabel('PIN or passphrase', { exact: true }).inputValue(), '');

  // Mary locks the screen herself; Anna unlocks it as herself.
  await page.getByRole('button', { name: 'Lock screen' }).click();
  await expectLocked(page, MANAGER.name, 'Home manager');
  await page.getByRole('button', { name: 'Someone else' }).click();
  await staffButton(page, ANNA.name).click();
  await app.expectAccessible();
  await app.screenshot('screen-locked-someone-else');
  await enterPin(page, ANNA.pin, 'Unlock');
  await page.getByRole('heading', { name: 'Residents', level: 1 }).waitFor();
  await page.getByRole('banner').getByText(ANNA.name).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Staff' }).count(), 0, 'a care assistant has no Staff menu');
  assert.equal(await page.getByText('Sam Carter').count(), 0, "Mary's draft is not shown to Anna");

  // Anna locks; Mary unlocks as "someone else" and still finds her draft.
  await page.getByRole('button', { name: 'Lock screen' }).click();
  await expectLocked(page, ANNA.name, 'Care assistant');
  await page.getByRole('button', { name: 'Someone else' }).click();
  await staffButton(page, MANAGER.name).click();
  await enterPin(page, MANAGER.pin, 'Unlock');
  await page.getByRole('heading', { name: 'Residents', level: 1 }).waitFor();
  await openMenu(page, 'Staff');
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Sam Carter');
  await app.close();
});

test('main enforces the idle limit even if the page does not', async () => {
  let offsetMs = 0;
  const app = await startApp({ clockOffsetMs: () => offsetMs });
  const { page } = app;
  await setUpCareHome(page);
  await openMenu(page, 'Staff');

  // Ten minutes pass on main's clock (the policy's default limit is five).
  offsetMs = 10 * 60_000;
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Residents' }).click();
  await expectLocked(page, MANAGER.name, 'Home manager');
  await enterPin(page, MANAGER.pin, 'Unlock');
  await page.getByRole('heading', { name: 'Residents', level: 1 }).waitFor();
  await app.close();
});

test('someone whose account is turned off in another window is returned to sign-in', async () => {
  const app = await startApp();
  const { page } = app;
  await setUpCareHome(page);
  await openMenu(page, 'Staff');
  await addStaffMember(page, ANNA);

  const other = await app.newPage();
  await signIn(other, ANNA.name, ANNA.pin);

  await page.getByRole('button', { name: 'Disable Anna Brown' }).click();
  await page.getByRole('alert').getByText("Anna Brown's account has been disabled.", { exact: false }).waitFor();

  await other.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Residents' }).click();
  await other.getByRole('heading', { name: /Who are you\?/, level: 1 }).waitFor();
  await other.getByText('You have been signed out. Your account has been turned off.', { exact: false }).waitFor();
  await app.expectAccessible(other);
  await app.close();
});
