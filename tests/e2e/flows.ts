/**
 * What a person does in Care Home Desktop, as steps the end-to-end tests share:
 * set up a care home, create the demo home, sign in and out, add a staff member.
 * Everything is found by its role and accessible name, as a screen reader would.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export const MANAGER = { name: 'Mary Jones', pin: '246813' } as const;

export async function setUpCareHome(
  page: Page,
  details: { careHomeName?: string; odsCode?: string; managerName?: string; pin?: string } = {},
): Promise<void> {
  await page.getByRole('heading', { name: 'Set up this care home', level: 1 }).waitFor();
  await page.getByLabel('Care home name').fill(details.careHomeName ?? 'Rosewood House');
  await page.getByLabel('ODS code (optional)').fill(details.odsCode ?? 'VM123');
  await page.getByLabel("Home manager's full name").fill(details.managerName ?? MANAGER.name);
  await page.getByLabel('Create a PIN or passphrase').fill(details.pin ?? MANAGER.pin);
  await page.getByLabel('Enter the PIN or passphrase again').fill(details.pin ?? MANAGER.pin);
  await page.getByRole('button', { name: 'Set up care home' }).click();
  await page.getByRole('heading', { name: 'Residents', level: 1 }).waitFor();
}

export interface DemoStaff {
  readonly name: string;
  readonly role: string;
  readonly pin: string;
}

/** Creates the demo care home and reads its staff and demo PINs off the screen. */
export async function createDemoHome(page: Page): Promise<DemoStaff[]> {
  await page.getByRole('button', { name: 'Explore a demo care home' }).click();
  await page.getByRole('heading', { name: 'Your demo care home is ready', level: 1 }).waitFor();
  const table = page.getByRole('table', { name: 'Demo staff members and their PINs' });
  const rows = await table.locator('tbody tr').all();
  const staff: DemoStaff[] = [];
  for (const row of rows) {
    const [name, role, pin] = await Promise.all([
      row.locator('th').innerText(),
      row.locator('td').nth(0).innerText(),
      row.locator('td').nth(1).innerText(),
    ]);
    staff.push({ name: name.trim(), role: role.trim(), pin: pin.trim() });
  }
  assert.ok(staff.length > 0, 'the demo home has staff');
  return staff;
}

export function demoStaffWithRole(staff: readonly DemoStaff[], role: string): DemoStaff {
  const found = staff.find((s) => s.role === role);
  assert.ok(found, `the demo home has a ${role}`);
  return found;
}

export async function goToSignIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Go to sign in' }).click();
  await page.getByRole('heading', { name: /Who are you\?/, level: 1 }).waitFor();
}

/** The large "Who are you?" button for a staff member (its name starts with theirs). */
export function staffButton(page: Page, name: string) {
  return page.getByRole('button', { name: new RegExp(`^${escapeRegExp(name)},`) });
}

export async function enterPin(page: Page, pin: string, button: 'Sign in' | 'Unlock'): Promise<void> {
  await page.getByLabel('Enter your PIN or passphrase').fill(pin);
  await page.getByRole('button', { name: button, exact: true }).click();
}

export async function signIn(page: Page, name: string, pin: string): Promise<void> {
  await page.getByRole('heading', { name: /Who are you\?/, level: 1 }).waitFor();
  await staffButton(page, name).click();
  await enterPin(page, pin, 'Sign in');
  await page.getByRole('heading', { name: 'Residents', level: 1 }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: /Who are you\?/, level: 1 }).waitFor();
}

export async function openMenu(page: Page, item: 'Residents' | 'Staff' | 'Settings and audit'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: item, exact: true }).click();
  await page.getByRole('heading', { name: item, level: 1 }).waitFor();
}

export async function addStaffMember(page: Page, member: { name: string; role: string; pin: string }): Promise<void> {
  await page.getByLabel('Full name').fill(member.name);
  await page.getByLabel('Role').selectOption({ label: member.role });
  await page.getByLabel('PIN or passphrase', { exact: true }).fill(member.pin);
  await page.getByLabel('Enter the PIN or passphrase again').fill(member.pin);
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: `${member.name} has been added` })
    .waitFor();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
