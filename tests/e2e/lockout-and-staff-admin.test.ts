/**
 * Five wrong PINs lock an account; the sign-in list shows it as locked until a
 * time, and a home manager can unlock it. Managers also reset PINs and turn
 * accounts off and on, each confirmed in plain words.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startApp } from './harness';
import { MANAGER, addStaffMember, enterPin, openMenu, setUpCareHome, signIn, signOut, staffButton } from './flows';

const ANNA = { name: 'Anna Brown', role: 'Care assistant', pin: '135792' };

test('five wrong PINs lock an account until a home manager unlocks it', async () => {
  const app = await startApp();
  const { page } = app;
  await setUpCareHome(page);
  await openMenu(page, 'Staff');
  await addStaffMember(page, ANNA);
  await signOut(page);

  await staffButton(page, ANNA.name).click();
  for (let attempt = 1; attempt <= 4; attempt += 1) {
    await enterPin(page, '000000', 'Sign in');
    const left = 5 - attempt;
    await page
      .getByRole('alert')
      .getByRole('link', {
        name: `That PIN is not right. You have ${left} more ${left === 1 ? 'try' : 'tries'} before the account is locked.`,
      })
      .waitFor();
  }
  await enterPin(page, '000000', 'Sign in');
  await page.getByRole('heading', { name: /This account is locked/, level: 1 }).waitFor();
  await page.getByText(/this account is locked until \d\d:\d\d/).waitFor();
  assert.equal(await page.getByLabel('Enter your PIN or passphrase').count(), 0, 'no PIN box while locked');
  await app.expectAccessible();
  await app.screenshot('account-locked');

  await page.getByRole('button', { name: 'Choose someone else' }).click();
  const locked = page.getByRole('button', { name: /^Anna Brown, Care assistant, Locked until \d\d:\d\d$/ });
  await locked.waitFor();
  await app.expectAccessible();
  await app.screenshot('sign-in-account-locked');

  // The home manager unlocks the account.
  await signIn(page, MANAGER.name, MANAGER.pin);
  await openMenu(page, 'Staff');
  const row = page.getByRole('row', { name: /Anna Brown/ });
  await row.getByText(/Locked until \d\d:\d\d/).waitFor();
  await app.expectAccessible();
  await app.screenshot('staff-account-locked');
  await page.getByRole('button', { name: 'Unlock Anna Brown' }).click();
  await page
    .getByRole('alert')
    .getByText("Anna Brown's account has been unlocked. They can sign in again now.")
    .waitFor();
  await row.getByText(/Locked until/).waitFor({ state: 'detached' });

  // Reset Anna's PIN (with a mismatch first).
  await page.getByRole('button', { name: 'Reset PIN for Anna Brown' }).click();
  await page.getByRole('heading', { name: 'Reset PIN for Anna Brown' }).waitFor();
  await page.getByLabel('New PIN or passphrase', { exact: true }).fill('864200');
  await page.getByLabel('Enter the new PIN or passphrase again').fill('864201');
  await page.getByRole('button', { name: 'Save new PIN' }).click();
  await page
    .getByRole('alert')
    .getByRole('link', { name: /do not match/ })
    .waitFor();
  await app.expectAccessible();
  await page.getByLabel('New PIN or passphrase', { exact: true }).fill('864200');
  await page.getByLabel('Enter the new PIN or passphrase again').fill('864200');
  await page.getByRole('button', { name: 'Save new PIN' }).click();
  await page.getByRole('alert').getByText("Anna Brown's PIN has been changed.", { exact: false }).waitFor();

  // Turn the account off and on again.
  await page.getByRole('button', { name: 'Disable Anna Brown' }).click();
  await page.getByRole('alert').getByText("Anna Brown's account has been disabled.", { exact: false }).waitFor();
  await row.getByText('Disabled').waitFor();
  await page.getByRole('button', { name: 'Enable Anna Brown' }).click();
  await page.getByRole('alert').getByText("Anna Brown's account has been enabled.", { exact: false }).waitFor();
  await row.getByText('Active').waitFor();
  // A manager cannot turn off their own account, so the button is not offered.
  assert.equal(await page.getByRole('button', { name: `Disable ${MANAGER.name}` }).count(), 0);
  await app.expectAccessible();
  await signOut(page);

  // Anna signs in with her new PIN; the old one no longer works.
  await staffButton(page, ANNA.name).click();
  await enterPin(page, ANNA.pin, 'Sign in');
  await page
    .getByRole('alert')
    .getByRole('link', { name: /That PIN is not right/ })
    .waitFor();
  await enterPin(page, '864200', 'Sign in');
  await page.getByRole('heading', { name: 'Residents', level: 1 }).waitFor();
  await app.close();
});
