/**
 * First run, as a home manager would do it: set up the care home (with the
 * mistakes people make), add a staff member, sign out, and sign in as them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startApp } from './harness';
import { MANAGER, addStaffMember, enterPin, openMenu, setUpCareHome, signIn, signOut, staffButton } from './flows';

test('a home manager sets up the care home, adds a staff member, who then signs in', async () => {
  const app = await startApp();
  const { page } = app;

  await page.getByRole('heading', { name: 'Set up this care home', level: 1 }).waitFor();
  assert.equal(await page.title(), 'Set up this care home – Care Home Desktop');
  await app.expectAccessible();
  await app.screenshot('setup');

  // Nothing filled in: an NHS error summary links to each field, and each field says what is wrong.
  await page.getByRole('button', { name: 'Set up care home' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.waitFor();
  await summary.getByRole('link', { name: 'Enter the name of the care home' }).waitFor();
  await summary.getByRole('link', { name: "Enter the home manager's full name" }).waitFor();
  await app.expectAccessible();
  await app.screenshot('setup-errors');
  await summary.getByRole('link', { name: 'Enter the name of the care home' }).click();
  assert.equal(
    await page.evaluate(() => document.activeElement?.id),
    'care-home-name',
    'the link moves focus to the field',
  );

  // PINs that do not match, and one that is too short.
  await page.getByLabel('Care home name').fill('Rosewood House');
  await page.getByLabel("Home manager's full name").fill(MANAGER.name);
  await page.getByLabel('Create a PIN or passphrase').fill('123');
  await page.getByLabel('Enter the PIN or passphrase again').fill('123');
  await page.getByRole('button', { name: 'Set up care home' }).click();
  await summary.getByRole('link', { name: /at least 6 numbers/ }).waitFor();
  await page.getByLabel('Create a PIN or passphrase').fill(MANAGER.pin);
  await page.getByLabel('Enter the PIN or passphrase again').fill('999999');
  await page.getByRole('button', { name: 'Set up care home' }).click();
  await summary.getByRole('link', { name: /do not match/ }).waitFor();

  await setUpCareHome(page);
  // Signed in straight away as the first home manager.
  const header = page.getByRole('banner');
  await header.getByText('Rosewood House').waitFor();
  await header.getByText(MANAGER.name).waitFor();
  await header.getByText('Home manager').waitFor();
  await app.expectAccessible();

  await openMenu(page, 'Staff');
  await app.expectAccessible();
  // The add form checks what was typed before anything is sent.
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await page.getByRole('alert').getByRole('link', { name: "Enter the staff member's full name" }).waitFor();
  await page.getByRole('alert').getByRole('link', { name: "Choose the staff member's role" }).waitFor();
  await app.expectAccessible();

  await addStaffMember(page, { name: 'Anna Brown', role: 'Care assistant', pin: '135792' });
  const row = page.getByRole('row', { name: /Anna Brown/ });
  await row.getByText('Care assistant').waitFor();
  await row.getByText('Active').waitFor();
  await app.expectAccessible();
  await app.screenshot('staff');

  await signOut(page);
  await staffButton(page, 'Anna Brown').waitFor();
  await staffButton(page, MANAGER.name).waitFor();
  await app.expectAccessible();
  await app.screenshot('sign-in');

  // A wrong PIN: the error summary says so, linked to the PIN box.
  await staffButton(page, 'Anna Brown').click();
  await page.getByRole('heading', { name: 'Enter your PIN or passphrase', level: 1 }).waitFor();
  await app.expectAccessible();
  await enterPin(page, '000000', 'Sign in');
  await page
    .getByRole('alert')
    .getByRole('link', { name: /That PIN is not right/ })
    .waitFor();
  await app.expectAccessible();
  await app.screenshot('sign-in-wrong-pin');

  // "Not you?" goes back to the list.
  await page.getByRole('button', { name: 'Not you?' }).click();
  await signIn(page, 'Anna Brown', '135792');
  await page.getByRole('banner').getByText('Care assistant').waitFor();
  await app.close();
});
