/**
 * The GP record end to end, as a home manager in the browser host, against
 * the GP Connect sandbox on 127.0.0.1: admit a resident, record the basis for
 * access, refresh the record, read the allergies and medicines; then stop the
 * sandbox (the network is gone) and the record still opens, with its age
 * shown and a plain message that the refresh did not work. Audit rows for each view.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoStructuredBundle } from '../../main/services/records/demo-gp-records';
import { gpConnectPolicy, NHS } from '../records/gp-connect/support';
import { startGpConnectSandbox } from '../sandboxes/gp-connect/gp-connect-sandbox';
import { startApp } from './harness';
import { MANAGER, setUpCareHome } from './flows';

test('refresh the GP record, read allergies and medicines, and still read them with the network gone', async () => {
  const sandbox = await startGpConnectSandbox();
  let sandboxRunning = true;
  try {
    sandbox.setRecord(
      NHS.margaret,
      demoStructuredBundle({
        nhsNumber: NHS.margaret,
        displayName: 'Margaret Ellis',
        dateOfBirth: '1936-03-14',
        seed: 5,
      }),
    );
    const app = await startApp({ policy: gpConnectPolicy(sandbox.url), viewport: { width: 1280, height: 720 } });
    const { page } = app;
    await setUpCareHome(page, { managerName: MANAGER.name, pin: MANAGER.pin });

    await page.getByRole('link', { name: 'Admit a resident' }).click();
    await page.getByLabel('Yes, they are moving in now').check();
    await page.getByLabel('NHS number').fill(NHS.margaret);
    await page.getByLabel('First name').fill('Margaret');
    await page.getByLabel('Last name').fill('Ellis');
    await page.getByLabel('Day').fill('14');
    await page.getByLabel('Month').fill('3');
    await page.getByLabel('Year').fill('1936');
    await page.getByLabel('Room').fill('1');
    await page.getByLabel('GP practice ODS code').fill('Y90001');
    await page.getByRole('button', { name: 'Admit resident' }).click();
    await page.getByRole('heading', { name: 'Margaret Ellis', level: 1 }).waitFor();

    // No basis, no fetch.
    await page.getByText('The GP record cannot be fetched yet.').waitFor();
    assert.equal(sandbox.requests.length, 0, 'nothing was asked of the practice');
    await page.getByRole('link', { name: 'Record the basis for access' }).click();
    await page.getByLabel(/Best-interest decision/).check();
    await page.getByLabel('Note').fill('Lacks capacity for this decision; agreed with her daughter (LPA) and Dr Shah');
    await page.getByRole('button', { name: 'Record the basis for access' }).click();

    await page.getByRole('button', { name: 'Refresh GP record' }).click();
    await page.getByRole('status').getByText('The GP record has been refreshed.').waitFor();
    const allergies = page.getByRole('region', { name: 'Allergies' });
    await allergies.getByText(/Penicillin \(Rash\)/).waitFor();
    const box = await allergies.boundingBox();
    assert.ok(box && box.y + box.height <= 720, 'the allergies are in view at 1280x720');
    await page.getByText(/GP record updated just now/).waitFor();
    const medicines = page.getByRole('region', { name: 'Current medications' });
    assert.ok((await medicines.getByRole('listitem').count()) > 0, 'current medicines are listed');
    assert.match(await medicines.innerText(), /(tablets|capsules|sachets)/);
    await app.expectAccessible();
    await app.screenshot('records-gp-summary');

    await page
      .getByRole('navigation', { name: 'Sections of the GP record' })
      .getByRole('link', { name: /^Medications/ })
      .click();
    await page.getByRole('heading', { name: 'Medications', level: 2 }).waitFor();
    await page.locator('.app-item-source').first().waitFor();
    await app.expectAccessible();
    await app.screenshot('records-gp-section-medications');

    // The network goes: the stored record still opens, with its age, and the refresh says what happened.
    await sandbox.close();
    sandboxRunning = false;
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Residents' }).click();
    const row = page.getByRole('table', { name: '1 current resident' }).getByRole('row', { name: /Margaret Ellis/ });
    await row.getByText('Allergies: Penicillin, Latex, Codeine').waitFor();
    await row.getByText('just now').waitFor();
    await row.getByRole('link', { name: 'Margaret Ellis' }).click();
    await allergies.getByText(/Penicillin \(Rash\)/).waitFor();
    await page.getByRole('button', { name: 'Refresh GP record' }).click();
    await page
      .getByRole('alert')
      .getByText(/The record stored before is still shown/)
      .waitFor();
    await allergies.getByText(/Penicillin \(Rash\)/).waitFor();
    await page.getByText(/GP record updated just now/).waitFor();
    assert.ok((await medicines.getByRole('listitem').count()) > 0, 'the medicines are still there offline');
    await app.expectAccessible();
    await app.screenshot('records-gp-summary-offline');

    assert.equal(app.core.store.state, 'open');
    const actions = app.core.store.db
      .prepare("SELECT action FROM audit_event WHERE subject LIKE 'resident:%' ORDER BY id")
      .pluck()
      .all() as string[];
    assert.ok(actions.includes('resident.viewed'));
    assert.ok(
      actions.some((a) => a.startsWith('records.') || a.startsWith('gp_record.')),
      `GP record views are audited (saw ${[...new Set(actions)].join(', ')})`,
    );
  } finally {
    if (sandboxRunning) await sandbox.close();
  }
});
