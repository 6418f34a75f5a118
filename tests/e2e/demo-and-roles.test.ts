/**
 * The demo care home, and what each role may see: residents for everyone;
 * staff and settings only for home managers and IT administrators. A care
 * assistant who reaches a manager's page anyway is refused by main, and the
 * page says so instead of breaking.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { startApp } from './harness';
import { createDemoHome, demoStaffWithRole, goToSignIn, openMenu, signIn, signOut } from './flows';

async function menuItems(page: Page): Promise<string[]> {
  const links = await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link').allInnerTexts();
  return links.map((text) => text.trim());
}

async function goTo(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
}

test('the demo care home: each role sees what it may, and is told when it may not', async () => {
  const app = await startApp();
  const { page } = app;

  const staff = await createDemoHome(page);
  await app.expectAccessible();
  await app.screenshot('demo-created');
  for (const member of staff) assert.match(member.pin, /^\d{6,}$/, `${member.name} has a demo PIN`);
  const manager = demoStaffWithRole(staff, 'Home manager');
  const carer = demoStaffWithRole(staff, 'Care assistant');
  const itAdmin = demoStaffWithRole(staff, 'IT administrator');

  await goToSignIn(page);
  await page.getByRole('region', { name: 'Important' }).getByText('This is a demo care home').waitFor();
  await app.expectAccessible();
  await app.screenshot('demo-sign-in');

  // Home manager: every page.
  await signIn(page, manager.name, manager.pin);
  assert.deepEqual(await menuItems(page), [
    'Residents',
    'District nurses',
    'Observations',
    'Mail',
    'Assessments',
    'Staff',
    'Settings and audit',
  ]);
  const residents = page.getByRole('table').locator('tbody tr');
  await residents.first().waitFor();
  assert.equal(await residents.count(), 12, 'the demo home has a dozen residents');
  const nhsNumbers = await page.getByRole('table').locator('tbody tr td:nth-child(3)').allInnerTexts();
  for (const nhsNumber of nhsNumbers) assert.match(nhsNumber.trim(), /^\d{3} \d{3} \d{4}$/, 'NHS numbers read 3-3-4');
  const birthDates = await page.getByRole('table').locator('tbody tr td:nth-child(4)').allInnerTexts();
  for (const date of birthDates)
    assert.match(date.trim(), /^\d{1,2} [A-Z][a-z]+ \d{4}$/, 'dates of birth read "3 March 1941"');
  await app.expectAccessible();
  await app.screenshot('residents');

  await openMenu(page, 'Staff');
  await page.getByRole('table', { name: 'Staff members' }).waitFor();
  await app.expectAccessible();

  await openMenu(page, 'Settings and audit');
  await page.getByText('There is no settings file. Safe default settings are being used.').waitFor();
  await page
    .getByRole('table', { name: /Most recent/ })
    .getByText('Signed in')
    .first()
    .waitFor();
  await page.getByRole('button', { name: 'Check the audit log has not been altered' }).click();
  await page
    .getByRole('alert')
    .getByText(/The audit log has not been altered\. \d+ entries checked\./)
    .waitFor();
  await app.expectAccessible();
  await app.screenshot('settings-and-audit');
  await signOut(page);

  // Care assistant: the care pages; staff and settings are refused by main.
  await signIn(page, carer.name, carer.pin);
  assert.deepEqual(await menuItems(page), ['Residents', 'District nurses', 'Observations', 'Mail', 'Assessments']);
  await goTo(page, '#/staff');
  await page.getByRole('heading', { name: 'You do not have permission to see this page', level: 1 }).waitFor();
  await page.getByText('Your role does not allow this').waitFor();
  await app.expectAccessible();
  await app.screenshot('forbidden');
  await goTo(page, '#/settings');
  await page.getByRole('heading', { name: 'Settings and audit' }).waitFor({ state: 'detached' });
  await page.getByRole('heading', { name: 'You do not have permission to see this page', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Go to the residents list' }).click();
  await page.getByRole('heading', { name: 'Residents', level: 1 }).waitFor();
  await signOut(page);

  // IT administrator: sees the staff list and settings, but cannot change staff.
  await signIn(page, itAdmin.name, itAdmin.pin);
  assert.deepEqual(await menuItems(page), ['Residents', 'Mail', 'Staff', 'Settings and audit']);
  await openMenu(page, 'Staff');
  await page.getByRole('table', { name: 'Staff members' }).waitFor();
  await page.getByText('Only a home manager can add staff members or change their accounts.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Add staff member' }).count(), 0);
  await app.expectAccessible();
  await openMenu(page, 'Settings and audit');
  await page.getByRole('button', { name: 'Check the audit log has not been altered' }).waitFor();
  await app.close();
});
