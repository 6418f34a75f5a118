/**
 * What administrators are told when something is wrong on the laptop: a care
 * home settings file (policy) with mistakes in it, and records that cannot be
 * opened because the key is missing from the keychain.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { startApp } from './harness';
import { testVault } from '../support/test-vault';
import { MANAGER, addStaffMember, openMenu, setUpCareHome, signIn, signOut } from './flows';

const SETTINGS_WARNING =
  "The care home's settings file has problems, so safe default settings are being used. Tell your IT provider.";

function settingsWarning(page: Page) {
  return page.getByText(SETTINGS_WARNING, { exact: true });
}

test('an invalid settings file is reported on sign-in and to managers, with each problem', async () => {
  const app = await startApp({ policy: { idleLockMinutes: 'soon', kiosk: 'yes', colour: 'blue' } });
  const { page } = app;

  await page.getByRole('heading', { name: 'Set up this care home', level: 1 }).waitFor();
  await settingsWarning(page).waitFor();
  await setUpCareHome(page);

  // The home manager sees the warning on every page, with the problems listed.
  await settingsWarning(page).waitFor();
  await page.getByRole('listitem').filter({ hasText: 'idleLockMinutes' }).first().waitFor();
  await page.getByRole('listitem').filter({ hasText: 'kiosk' }).first().waitFor();
  await app.expectAccessible();

  await openMenu(page, 'Settings and audit');
  await page.getByText('The file has problems. Safe default settings are being used.').waitFor();
  await page.getByText('Has problems', { exact: true }).waitFor();
  await page.getByText(/^On\. Care Home Desktop fills the screen/).waitFor();
  await app.expectAccessible();
  await app.screenshot('settings-file-problems');

  await openMenu(page, 'Staff');
  await addStaffMember(page, { name: 'Anna Brown', role: 'Care assistant', pin: '135792' });
  await signOut(page);

  // The sign-in screen shows it to everyone, so it gets reported.
  await settingsWarning(page).waitFor();
  await app.expectAccessible();
  await app.screenshot('sign-in-settings-file-problems');

  // A care assistant is not troubled with it once signed in.
  await signIn(page, 'Anna Brown', '135792');
  assert.equal(await settingsWarning(page).count(), 0);
  await signOut(page);
  await signIn(page, MANAGER.name, MANAGER.pin);
  await settingsWarning(page).waitFor();
  await app.close();
});

test('records whose key is missing from the keychain: an error for the administrator, nothing else', async () => {
  const first = await startApp();
  await setUpCareHome(first.page);
  const dataDir = first.dataDir;
  await first.close();

  // The same records file, but a keychain without its key.
  const app = await startApp({ dataDir, vault: testVault() });
  const { page } = app;
  await page
    .getByRole('heading', { name: "Care Home Desktop cannot open the care home's records", level: 1 })
    .waitFor();
  await page.getByText('The key that unlocks the records is missing').waitFor();
  await page.getByText('Nothing has been deleted.', { exact: false }).waitFor();
  await page.getByText('key_missing').waitFor();
  await page.getByText(path.join(dataDir, 'care-home.db'), { exact: true }).waitFor();
  await page.getByText(/No database key in the keychain/).waitFor();
  assert.equal(await page.getByRole('button').count(), 0, 'there is nothing to press');
  assert.equal(await page.getByRole('textbox').count(), 0, 'and nothing to type in');
  await app.expectAccessible();
  await app.screenshot('store-error');
  await app.close();
});
