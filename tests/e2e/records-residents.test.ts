/**
 * Residents end to end, as a nurse in the browser host: admit a resident (a
 * bad NHS number refused with a clear message), a prospective resident shown
 * apart, record the basis for access, and the resident's page with the
 * allergies in view at 1366x768 and 1280x720. Screenshots and axe on each
 * screen; audit rows for each view.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { startApp, type RunningApp } from './harness';
import { createDemoHome, demoStaffWithRole, goToSignIn, signIn } from './flows';

async function fillResident(
  page: Page,
  r: { nhs: string; first: string; last: string; dob: [string, string, string]; room: string; gp: string },
) {
  await page.getByLabel('NHS number').fill(r.nhs);
  await page.getByLabel('First name').fill(r.first);
  await page.getByLabel('Last name').fill(r.last);
  await page.getByLabel('Day').fill(r.dob[0]);
  await page.getByLabel('Month').fill(r.dob[1]);
  await page.getByLabel('Year').fill(r.dob[2]);
  await page.getByLabel('Room').fill(r.room);
  await page.getByLabel('GP practice ODS code').fill(r.gp);
}

function auditActions(app: RunningApp): Array<{ action: string; subject: string | null }> {
  const db = app.core.store.state === 'open' ? app.core.store.db : null;
  assert.ok(db);
  return db.prepare('SELECT action, subject FROM audit_event ORDER BY id').all() as Array<{
    action: string;
    subject: string | null;
  }>;
}

test('a nurse admits a resident, records the basis for access, and reads their page', async () => {
  const app = await startApp({ viewport: { width: 1366, height: 768 } });
  const { page } = app;
  const staff = await createDemoHome(page);
  const nurse = demoStaffWithRole(staff, 'Nurse');
  await goToSignIn(page);
  await signIn(page, nurse.name, nurse.pin);

  // The list: a dozen current residents, search by name, room and NHS number.
  const current = page.getByRole('table', { name: '12 current residents' });
  await current.waitFor();
  await app.expectAccessible();
  await app.screenshot('records-resident-list');
  const search = page.getByLabel('Search by name, room or NHS number');
  await search.fill('margaret');
  await page.getByRole('table', { name: '1 current resident' }).getByRole('link', { name: 'Margaret Ellis' }).waitFor();
  await search.fill('');

  // Admit: a mistyped NHS number is refused, with what is wrong.
  await page.getByRole('link', { name: 'Admit a resident' }).click();
  await page.getByRole('heading', { name: 'Admit a resident', level: 1 }).waitFor();
  await page.getByLabel('Yes, they are moving in now').check();
  await fillResident(page, {
    nhs: '943 476 5918',
    first: 'Nora',
    last: 'Quinn',
    dob: ['14', '3', '1936'],
    room: '14',
    gp: 'y90001',
  });
  await page.getByRole('button', { name: 'Admit resident' }).click();
  const problem = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await problem.getByRole('link', { name: /943 476 5918 is not a valid NHS number/ }).waitFor();
  await app.expectAccessible();
  await app.screenshot('records-admit-bad-nhs-number');
  await page.getByLabel('NHS number').fill('943 476 5919');
  await page.getByRole('button', { name: 'Admit resident' }).click();

  // Their page: no GP record yet, and why it cannot be fetched.
  await page.getByRole('heading', { name: 'Nora Quinn', level: 1 }).waitFor();
  await page.getByText('943 476 5919').waitFor();
  await page.getByText('The GP record cannot be fetched yet.').waitFor();
  const allergies = page.getByRole('region', { name: 'Allergies' });
  await allergies.getByText(/Not known: no GP record stored yet/).waitFor();
  await app.expectAccessible();

  await page.getByRole('link', { name: 'Record the basis for access' }).click();
  await page.getByRole('heading', { name: 'Record the basis for reading the GP record', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Record the basis for access' }).click();
  await page.getByRole('alert').getByRole('link', { name: 'Choose the basis for access' }).waitFor();
  await page.getByLabel('The resident gave their consent').check();
  await page.getByLabel('Note').fill('Nora agreed when she moved in, with her son present');
  await app.expectAccessible();
  await page.getByRole('button', { name: 'Record the basis for access' }).click();
  await page.getByRole('heading', { name: 'Nora Quinn', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Refresh GP record' }).waitFor();
  assert.equal(await page.getByText('The GP record cannot be fetched yet.').count(), 0);

  // The allergies are in view without scrolling, at 1366x768 and at 1280x720.
  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 1280, height: 720 },
  ]) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = await allergies.boundingBox();
    assert.ok(box, 'the allergies are shown');
    assert.ok(
      box.y + box.height <= viewport.height,
      `allergies above the fold at ${viewport.width}x${viewport.height}`,
    );
  }
  await app.screenshot('records-resident-summary');

  // A section in full keeps the banner.
  await page
    .getByRole('navigation', { name: 'Sections of the GP record' })
    .getByRole('link', { name: /^Medications/ })
    .click();
  await page.getByRole('heading', { name: 'Medications', level: 2 }).waitFor();
  await allergies.waitFor();
  await app.expectAccessible();
  await app.screenshot('records-resident-section');

  const actions = auditActions(app);
  const nora = actions.filter((a) => a.subject?.startsWith('resident:') && a.action.startsWith('resident.'));
  assert.ok(nora.some((a) => a.action === 'resident.admitted'));
  assert.ok(nora.some((a) => a.action === 'resident.access_basis_recorded'));
  assert.ok(nora.filter((a) => a.action === 'resident.viewed').length >= 3, 'each view of the resident is audited');
  assert.ok(actions.some((a) => a.action === 'residents.list_viewed'));
});

test('a prospective resident is shown apart, and admitted without typing anything again', async () => {
  const app = await startApp();
  const { page } = app;
  const staff = await createDemoHome(page);
  const manager = demoStaffWithRole(staff, 'Home manager');
  await goToSignIn(page);
  await signIn(page, manager.name, manager.pin);
  await page.getByRole('link', { name: 'Admit a resident' }).click();
  await page.getByLabel(/No, we are assessing them/).check();
  await fillResident(page, {
    nhs: '9990000018',
    first: 'Olive',
    last: 'Barker',
    dob: ['2', '11', '1931'],
    room: '',
    gp: 'Y90002',
  });
  await page.getByRole('button', { name: 'Add prospective resident' }).click();
  await page.getByRole('heading', { name: /Olive Barker/, level: 1 }).waitFor();
  await page.getByText('Prospective resident', { exact: true }).waitFor();

  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Residents' }).click();
  const prospective = page.getByRole('table', { name: /Prospective residents \(1\)/ });
  await prospective.getByRole('link', { name: 'Olive Barker' }).waitFor();
  await app.expectAccessible();
  await app.screenshot('records-resident-list-prospective');
  await prospective.getByRole('button', { name: 'Admit Olive Barker' }).click();
  await page.getByRole('alert').getByText('Olive Barker has been admitted').waitFor();
  await page.getByRole('table', { name: '13 current residents' }).getByRole('link', { name: 'Olive Barker' }).waitFor();
  assert.equal(await page.getByRole('table', { name: /Prospective residents/ }).count(), 0);
});
