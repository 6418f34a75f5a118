/**
 * District nurses, end to end in Chromium through the browser host: the demo
 * home's "What the nurses did today" list and a resident's timeline, each
 * visit with its source and age; a refresh with the shared care record out
 * of reach says so plainly and keeps every visit on screen; the views are in
 * the audit log under the person who looked.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CareHomeCore } from '../../main/core/care-home-core';
import path from 'node:path';
import { SCREENSHOT_DIR, startApp } from './harness';
import { createDemoHome, demoStaffWithRole, goToSignIn, signIn } from './flows';

/** A second, signed-in session straight on the dispatcher, for set-up and for reading the audit log. */
async function signedInSession(core: CareHomeCore, name: string, pin: string) {
  const session = core.openSession();
  const candidates = await core.dispatch(session, 'auth.loginCandidates', {});
  assert.ok(candidates.ok);
  const me = (candidates.value as Array<{ staffId: number; displayName: string }>).find((c) => c.displayName === name);
  assert.ok(me, `${name} can sign in`);
  assert.ok((await core.dispatch(session, 'auth.login', { staffId: me.staffId, secret: pin })).ok);
  return session;
}

test('district nurses: today across the home, one resident’s timeline, offline refresh keeps the visits, views audited', async () => {
  // The shared care record's address points at a port nothing listens on: the laptop is "offline" for it.
  const app = await startApp({ policy: { endpoints: { districtNursing: 'http://127.0.0.1:9/fhir/R4' } } });
  const { page } = app;
  const staff = await createDemoHome(page);
  const nurse = demoStaffWithRole(staff, 'Nurse');
  const manager = demoStaffWithRole(staff, 'Home manager');
  await goToSignIn(page);
  await signIn(page, nurse.name, nurse.pin);

  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'District nurses' }).click();
  await page.getByRole('heading', { name: 'District nurses', level: 1 }).waitFor();
  const todayList = page.getByRole('list', { name: "Today's district nursing visits, latest first" });
  await todayList.waitFor();
  const todayCards = todayList.locator(':scope > li');
  assert.equal(await todayCards.count(), 8, 'eight of the twelve demo residents had a visit today');
  const first = todayCards.first();
  await first.getByRole('heading', { level: 3 }).waitFor();
  assert.match(await first.innerText(), /room \d+/, 'each visit names the resident and room');
  assert.match(await first.innerText(), /Today, \d{2}:\d{2} to \d{2}:\d{2}/);
  for (const text of await todayCards.allInnerTexts()) {
    assert.match(text, /From Demo community nursing team \(made-up visits\), updated (just now|\d+ minutes? ago)\./);
    assert.match(text, /Actions/);
  }
  await app.expectAccessible();
  await app.screenshot('nursing-today');

  // One resident's timeline.
  const select = page.getByLabel('Choose a resident');
  const optionLabel = (await select.locator('option').allInnerTexts()).find((t) => t.startsWith('Margaret Ellis'));
  assert.ok(optionLabel, 'Margaret Ellis is offered');
  await select.selectOption({ label: optionLabel });
  const timeline = page.getByRole('list', { name: 'Visits to Margaret Ellis, newest first' });
  await timeline.waitFor();
  const visits = timeline.locator(':scope > li');
  const visitCount = await visits.count();
  assert.ok(visitCount >= 3, `Margaret has a few visits (${visitCount})`);
  await page
    .getByText(/District nursing visits updated (just now|\d+ minutes? ago), from Demo community nursing team/)
    .waitFor();
  await app.expectAccessible();

  // No basis for access yet: the refresh is refused and the screen says why.
  await page.getByRole('button', { name: 'Get the latest from the district nurses' }).click();
  await page
    .getByRole('alert')
    .getByText(/No basis for access has been recorded for this resident/)
    .waitFor();
  assert.equal(await visits.count(), visitCount, 'the stored visits are still shown');

  // With a basis recorded, the refresh reaches for the network, which is not there.
  const managerSession = await signedInSession(app.core, manager.name, manager.pin);
  const list = await app.core.dispatch(managerSession, 'residents.list', {});
  assert.ok(list.ok);
  const margaret = (list.value as Array<{ residentId: number; displayName: string }>).find(
    (r) => r.displayName === 'Margaret Ellis',
  )!;
  const recorded = await app.core.dispatch(managerSession, 'residents.recordAccessBasis', {
    residentId: margaret.residentId,
    basis: 'consent',
    note: 'Margaret agreed to the nurses sharing her record with the home.',
  });
  assert.ok(recorded.ok, JSON.stringify(recorded));
  await page.getByRole('button', { name: 'Get the latest from the district nurses' }).click();
  await page
    .getByRole('alert')
    .getByText(/Could not reach the shared care record: this laptop may be offline/)
    .waitFor();
  assert.equal(await visits.count(), visitCount, 'a failed refresh keeps every visit on screen');
  await visits
    .first()
    .getByText(/From Demo community nursing team/)
    .waitFor();
  await app.expectAccessible();
  await app.screenshot('nursing-timeline-offline');
  // The timeline on its own, at the size a person reads it.
  await page
    .getByRole('region', { name: /A resident's district nursing visits/ })
    .screenshot({ path: path.join(SCREENSHOT_DIR, 'nursing-timeline.png') });

  // Every view is in the audit log under the nurse, with the resident.
  const audit = await app.core.dispatch(managerSession, 'audit.recent', { limit: 500 });
  assert.ok(audit.ok);
  const rows = audit.value as Array<{ action: string; staffName: string | null; subject: string | null }>;
  const timelineViews = rows.filter(
    (r) => r.action === 'nursing.timeline_viewed' && r.subject === `resident:${margaret.residentId}`,
  );
  assert.ok(timelineViews.length >= 1);
  assert.ok(timelineViews.every((r) => r.staffName === nurse.name));
  const todayViews = rows.filter((r) => r.action === 'nursing.today_viewed');
  assert.equal(new Set(todayViews.map((r) => r.subject)).size, 8, 'one row per resident shown today');
  assert.ok(rows.some((r) => r.action === 'nursing.refresh_failed' && r.subject === `resident:${margaret.residentId}`));
  await app.close();
});
