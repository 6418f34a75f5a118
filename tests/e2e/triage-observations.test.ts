/**
 * Observations in the real renderer, through the browser host, in Debian's
 * Chromium: a care assistant ticks soft signs, a nurse takes observations
 * (confirming an unusual pulse), and NEWS2 with its per-reading scores and the
 * escalation step appear, with "if you are worried, escalate". Axe checks
 * each screen; screenshots are kept.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { startApp } from './harness';
import { createDemoHome, demoStaffWithRole, goToSignIn, signIn, signOut } from './flows';

async function openObservations(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Observations' }).click();
  await page.getByRole('heading', { name: 'Observations', level: 1 }).waitFor();
  const resident = page.getByLabel('Resident');
  const first = await resident.locator('option').nth(1).getAttribute('value');
  await resident.selectOption(first!);
  await page.getByRole('heading', { name: /Next step:/ }).waitFor();
}

test('soft signs, then a full set of observations scored with NEWS2 and the escalation step', async () => {
  const app = await startApp();
  const { page } = app;
  const staff = await createDemoHome(page);
  const carer = demoStaffWithRole(staff, 'Care assistant');
  const nurse = demoStaffWithRole(staff, 'Nurse');
  await goToSignIn(page);

  await signIn(page, carer.name, carer.pin);
  await openObservations(page);
  await page.getByLabel(/Seems different than usual/).check();
  await page.getByLabel(/Ate less/).check();
  await page.getByRole('button', { name: 'Save soft signs' }).click();
  await page.getByText('Soft signs saved').waitFor();
  // The view reloads from main after the save: wait for the new step rather than read the old one.
  await page.getByRole('heading', { name: 'Next step: Senior review' }).waitFor();
  await page
    .getByText(/If you are worried, escalate/)
    .first()
    .waitFor();
  await app.expectAccessible();
  await app.screenshot('triage-soft-signs');
  await signOut(page);

  await signIn(page, nurse.name, nurse.pin);
  await openObservations(page);
  // Checked as typed: an impossible value is named before anything is sent.
  await page.getByLabel('Temperature (°C)').fill('52');
  await page.getByText('Temperature must be between 25.0 and 45.0 °C.').first().waitFor();
  await page.getByLabel('Breathing rate (breaths a minute)').fill('22');
  await page.getByLabel('Oxygen saturation (%)').fill('93');
  await page.getByLabel('Systolic blood pressure (mmHg)').fill('105');
  await page.getByLabel('Pulse (beats a minute)').fill('170');
  await page.getByLabel('Temperature (°C)').fill('38.4');
  await page.getByLabel('Air', { exact: true }).check();
  await page.getByLabel('Alert', { exact: true }).check();
  await page.getByRole('button', { name: 'Save observations and score NEWS2' }).click();
  // The unusual pulse must be confirmed first.
  await page
    .getByRole('alert')
    .getByText(/pulse of 170 beats a minute is unusual/)
    .waitFor();
  await app.screenshot('triage-confirm-unusual');
  await page.getByLabel(/I have checked it and it is right/).check();
  await page.getByRole('button', { name: 'Save observations and score NEWS2' }).click();
  // 22 → 2, 93% → 2, air → 0, 105 → 1, 170 → 3, alert → 0, 38.4 → 1.
  await page.getByText('Observations saved. NEWS2 is 9.').waitFor();
  await page.getByRole('heading', { name: /^NEWS2: 9/ }).waitFor();
  const heading = await page.getByRole('heading', { name: /^NEWS2:/ }).innerText();
  assert.equal(heading.trim(), 'NEWS2: 9 (High clinical risk)');
  await page.getByRole('heading', { name: 'Next step: Call 999' }).waitFor();
  const table = page.getByRole('table', { name: 'Score for each reading' });
  assert.equal(await table.getByRole('row', { name: /Pulse/ }).locator('td').nth(2).innerText(), '3');
  await page.getByRole('img', { name: /NEWS2 trend/ }).waitFor();
  await app.expectAccessible();
  await app.screenshot('triage-news2-and-escalation');
});
