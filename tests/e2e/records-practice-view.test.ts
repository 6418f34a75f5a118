/**
 * The GP practice's own HTML view (GP Connect Access Record: HTML), as a nurse
 * in the browser host. The section stored on the laptop is hostile on purpose
 * (script, onerror handlers, a javascript: link, remote images, a style URL, a
 * form, a frame): it is shown sanitised in a sandboxed about:srcdoc frame, its
 * text readable, and nothing in it runs or fetches anything: a "beacon" server
 * on 127.0.0.1 that every trick points at hears nothing, no dialog opens, the
 * app's page logs no CSP violation or error (the harness fails on any).
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { saveHtmlSection } from '../../main/services/records/gp-record-store';
import { startApp } from './harness';
import { createDemoHome, demoStaffWithRole, goToSignIn, signIn } from './flows';

async function startBeacon(): Promise<{ url: string; heard: string[]; close(): Promise<void> }> {
  const heard: string[] = [];
  const server = http.createServer((req, res) => {
    heard.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    heard,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * axe as the harness runs it, but not inside the practice's frame: axe is a
 * script and the frame runs none (axe waits on it for ever). The frame itself
 * (its title) is checked; its content is the practice's own text and tables.
 */
async function expectAccessibleAroundFrame(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .exclude('iframe.app-practice-view')
    .analyze();
  const violations = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  assert.deepEqual(violations, [], 'accessibility violations on the practice view');
}

function hostileSection(beacon: string): string {
  return [
    '<div><h1>Allergies and Adverse Reactions</h1>',
    '<table><tr><th>Start date</th><th>Details</th></tr><tr><td>31 Oct 2016</td><td>Latex allergy</td></tr></table>',
    `<script>fetch('${beacon}/script'); alert('script ran')</script>`,
    `<img src="${beacon}/remote.png" alt="remote">`,
    `<img src="x" onerror="fetch('${beacon}/onerror'); alert('onerror ran')">`,
    `<p><a id="more" href="javascript:fetch('${beacon}/javascript-link')">Click for more details</a></p>`,
    `<svg><image href="${beacon}/svg.png"></image><animate onbegin="fetch('${beacon}/svg-onbegin')" /></svg>`,
    `<p style="background-image:url(${beacon}/style.png)">Reviewed by Dr Shah</p>`,
    `<form action="${beacon}/form" method="post"><button>Send</button></form>`,
    `<iframe src="${beacon}/frame"></iframe><link rel="stylesheet" href="${beacon}/sheet.css">`,
    `<math><mtext><table><mglyph><style><img src=x onerror="fetch('${beacon}/mxss')"></style></mglyph></table></mtext></math>`,
    '</div>',
  ].join('');
}

test('a hostile HTML section from the practice is shown as text and runs and fetches nothing', async () => {
  const beacon = await startBeacon();
  try {
    const app = await startApp({ viewport: { width: 1280, height: 900 } });
    // Its own window, so that it can tell the browser's CSP *blocking* reports apart from
    // everything else (the harness's window fails on any console error). Parsing the hostile
    // HTML before DOMPurify cleans it makes Chromium check its onerror/style attributes against
    // the app's CSP, which blocks and reports them; any other error, or any message about
    // something allowed to run, still fails this test.
    const page = await app.context.newPage();
    const consoleErrors: string[] = [];
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(app.host.url);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const outbound: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(beacon.url)) outbound.push(r.url());
    });
    const staff = await createDemoHome(page);
    await goToSignIn(page);
    const nurse = demoStaffWithRole(staff, 'Nurse');
    await signIn(page, nurse.name, nurse.pin);

    assert.equal(app.core.store.state, 'open');
    const db = app.core.store.db;
    const resident = db
      .prepare(
        "SELECT id, given_name || ' ' || family_name AS name FROM resident WHERE status = 'current' ORDER BY id LIMIT 1",
      )
      .get() as { id: number; name: string };
    saveHtmlSection(db, {
      residentId: resident.id,
      section: 'ALL',
      html: hostileSection(beacon.url),
      fetchedAt: new Date().toISOString(),
      endpoint: 'https://gp-connect.example.nhs.uk/practice',
    });

    await page.getByRole('link', { name: resident.name }).first().click();
    await page.getByRole('heading', { name: resident.name, level: 1 }).waitFor();
    await page
      .getByRole('navigation', { name: 'Sections of the GP record' })
      .getByRole('link', { name: "Practice's own view" })
      .click();
    await page.getByRole('heading', { name: "The practice's own view: summary", level: 2 }).waitFor();
    await app.screenshot('records-practice-view-summary-empty', page);
    // The demo resident has no basis for access recorded: nothing is fetched, and the screen says why.
    await page
      .getByText('The GP record cannot be fetched until a nurse or manager records the basis for access.')
      .waitFor();
    await page
      .getByRole('navigation', { name: "Parts of the practice's view" })
      .getByRole('link', { name: 'Allergies' })
      .click();
    await page.getByRole('heading', { name: "The practice's own view: allergies", level: 2 }).waitFor();

    const frameElement = page.locator('iframe.app-practice-view');
    assert.equal(await frameElement.getAttribute('sandbox'), '', 'the frame allows nothing: no script, no forms');
    assert.equal(await frameElement.getAttribute('title'), "GP practice's view: Allergies");
    // The frame rendered under the app's CSP (frame-src 'none' does not stop an about:srcdoc frame).
    const frame = page.frameLocator('iframe.app-practice-view');
    await frame.getByText('Latex allergy').waitFor();
    await frame.getByText('Reviewed by Dr Shah').waitFor();
    const link = frame.getByText('Click for more details');
    await link.waitFor();
    const dangerous = 'a, img, script, svg, math, form, button, iframe, link, style, [style], [onerror], [href], [src]';
    assert.equal(await frame.locator('body').locator(dangerous).count(), 0, 'only text and tables are left');
    // A person clicks the (former) javascript: link; the mouse, as the frame runs no script for Playwright either.
    const box = await link.boundingBox({ timeout: 5000 });
    assert.ok(box);
    await page.mouse.click(box.x + 5, box.y + box.height / 2);
    await page.waitForTimeout(1500);

    assert.deepEqual(beacon.heard, [], 'nothing in the section reached the network');
    assert.deepEqual(outbound, [], 'the page asked for nothing on the hostile addresses');
    assert.deepEqual(dialogs, [], 'no script ran');
    assert.ok(
      page.frames().every((f) => !f.url().startsWith(beacon.url)),
      'no frame navigated to the hostile address',
    );
    await app.screenshot('records-practice-view-allergies', page);
    await expectAccessibleAroundFrame(page);
    const blockedByCsp =
      /^(Executing inline event handler|Applying inline style) violates the following Content Security Policy directive .*The action has been blocked\.$/s;
    assert.deepEqual(
      consoleErrors.filter((e) => !blockedByCsp.test(e)),
      [],
      'no errors but the CSP blocking what the hostile HTML tried while it was being cleaned',
    );

    const views = db
      .prepare("SELECT detail FROM audit_event WHERE subject = ? AND action LIKE '%viewed%'")
      .pluck()
      .all(`resident:${resident.id}`) as Array<string | null>;
    assert.ok(
      views.some((d) => d?.includes('html:ALL')),
      `the view is audited (saw ${views.join(', ')})`,
    );
  } finally {
    await beacon.close();
  }
});
