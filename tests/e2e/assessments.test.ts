/**
 * The trusted assessment inbox, end to end in Chromium through the browser
 * host: the demo home's inbox by state with waiting times; a nurse opens a new
 * assessment (its needs in plain words), asks the assessor a question, then
 * accepts it, and the person becomes a prospective resident. Screenshots of
 * the inbox, an assessment and the decision; axe finds nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startApp } from './harness';
import { createDemoHome, demoStaffWithRole, goToSignIn, signIn } from './flows';

test('assessments: the inbox by state, one assessment in plain words, query then accept', async () => {
  const app = await startApp();
  const { page } = app;
  const staff = await createDemoHome(page);
  const nurse = demoStaffWithRole(staff, 'Nurse');
  await goToSignIn(page);
  await signIn(page, nurse.name, nurse.pin);

  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Assessments' }).click();
  await page.getByRole('heading', { name: 'Assessments', level: 1 }).waitFor();
  for (const heading of ['New', 'In review', 'Waiting for the hospital’s answer', 'Accepted', 'Declined']) {
    await page.getByRole('heading', { name: new RegExp(`^${heading}`), level: 2 }).waitFor();
  }
  const newTable = page.getByRole('table', { name: 'New assessments' });
  assert.match(await newTable.innerText(), /Edith Marsh[\s\S]*Riverside General Hospital, Ward 7 \(Elderly Care\)/);
  assert.match(await newTable.innerText(), /30 hours/, 'a day-old wait is shown');
  assert.equal(await newTable.locator('.nhsuk-tag--red').count(), 1, 'over 24 hours is red');
  await app.expectAccessible();
  await app.screenshot('assessments-inbox');

  await newTable.getByRole('button', { name: 'Edith Marsh' }).click();
  await page.getByRole('heading', { name: /Edith Marsh/, level: 1 }).waitFor();
  const text = await page.locator('main').innerText();
  assert.match(text, /Moving about and transfers\s+Walks 10 metres with a frame/);
  assert.match(text, /Risk of falls \(high risk\)/);
  assert.match(text, /Equipment for discharge: Pressure-relieving mattress/);
  assert.match(text, /Do not attempt CPR \(DNACPR\) is in place/);
  assert.match(text, /Medicines changed and why\s+Apixaban 5 mg/);
  assert.match(text, /Hospital discharge team notes/, 'a section the app does not know is shown under its own title');
  assert.match(text, /In review/);
  await app.expectAccessible();
  await app.screenshot('assessments-assessment');

  await page.getByLabel('Ask the assessor a question first').check();
  await page.getByRole('button', { name: 'Send answer' }).click();
  await page.getByText('Write the question for the assessor').first().waitFor();
  await page.getByLabel('Your question for the assessor').fill('Who supplies the heel dressings?');
  await page.getByRole('button', { name: 'Send answer' }).click();
  await page.getByText('Your question is recorded for the assessor.').waitFor();
  await page.getByText(/Question sent to the assessor by .*: “Who supplies the heel dressings\?”/).waitFor();

  await page.getByLabel('Accept: the home can meet these needs').check();
  await page.getByLabel('Their GP practice’s ODS code').fill('Y90001');
  await page.getByRole('button', { name: 'Send answer' }).click();
  await page.getByText('Edith Marsh is accepted and added as a prospective resident.').waitFor();
  await app.expectAccessible();
  await app.screenshot('assessments-decision');

  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Residents' }).click();
  await page.getByRole('heading', { name: 'Residents', level: 1 }).waitFor();
  await page.getByText('Edith Marsh').first().waitFor();
});
