/**
 * Mail in the browser host against the real Dovecot and Postfix: a manager
 * sets up the home, opens Mail, fetches the home's mailbox, reads a discharge
 * letter (a picture shown inline, a PDF saved byte for byte), searches,
 * replies (the reply arrives at the GP's real mailbox with [secure] added),
 * with screenshots and axe on each screen. A hostile HTML message (script,
 * onerror, a javascript: link, a remote tracker, SVG, CSS and form tricks)
 * is shown with nothing run and nothing fetched.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { startMailServers, type MailServers } from '../mail/servers/mail-servers';
import { deliver, otherClient, testPolicy, waitFor } from '../mail/support/mail-fixture';
import { SCREENSHOT_DIR, startApp } from './harness';
import { enterPin, MANAGER, setUpCareHome } from './flows';

// A 1×1 PNG, and a small PDF: what a GP's letter carries.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let servers: MailServers;
before(async () => {
  servers = await startMailServers({ home: 'homepw', gp: 'gppw' });
});
after(() => servers.wipe());

async function startBeacon() {
  const heard: string[] = [];
  const server = http.createServer((req, res) => {
    heard.push(`${req.method} ${req.url}`);
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

function hostileHtml(beacon: string): string {
  return [
    '<html><head><style>body{background:url(' + beacon + '/style-tag.png)}</style>',
    `<link rel="stylesheet" href="${beacon}/sheet.css"><meta http-equiv="refresh" content="0;url=${beacon}/refresh"></head>`,
    '<body><h1>Flu clinic on Friday</h1><p>Please bring the residents’ consent forms.</p>',
    `<script>window.top.mailScriptRan = true; parent.mailScriptRan = true; fetch('${beacon}/script')</script>`,
    `<img src="${beacon}/tracker.gif" width="1" height="1">`,
    `<img src="x" onerror="parent.mailScriptRan = true; fetch('${beacon}/onerror')">`,
    `<p><a id="more" href="javascript:parent.mailScriptRan=true;fetch('${beacon}/javascript-link')">Click here</a></p>`,
    `<p><a href="https://phish.example/login">Sign in to NHSmail</a></p>`,
    `<svg><image href="${beacon}/svg.png"></image><animate onbegin="fetch('${beacon}/svg-onbegin')" /></svg>`,
    `<p style="background-image:url(${beacon}/style-attr.png)">Signed, the practice nurse</p>`,
    `<form action="${beacon}/form" method="post"><input name="pin"><button>Send</button></form>`,
    `<iframe src="${beacon}/frame"></iframe><object data="${beacon}/object"></object>`,
    `<math><mtext><table><mglyph><style><img src=x onerror="fetch('${beacon}/mxss')"></style></mglyph></table></mtext></math>`,
    '</body></html>',
  ].join('');
}

test('read, open attachments, search and reply to the home mailbox; hostile HTML runs and fetches nothing', async () => {
  const beacon = await startBeacon();
  after(() => beacon.close());
  await deliver(servers, 'home@example.test', 'Rota for December', 'Weekend shifts are on the board.');
  await deliver(servers, 'home@example.test', 'Discharge summary for Edith Jones', 'Edith returns on Tuesday.', {
    attachments: [
      { filename: 'discharge-letter.pdf', content: PDF, contentType: 'application/pdf' },
      { filename: 'wound-photo.png', content: PNG, contentType: 'image/png' },
    ],
  });
  await deliver(servers, 'home@example.test', 'Flu clinic', 'Flu clinic on Friday.', { html: hostileHtml(beacon.url) });

  const app = await startApp({
    viewport: { width: 1400, height: 900 },
    policy: {
      mail: {
        ...testPolicy(servers),
        accounts: [
          { id: 'home', address: 'home@example.test', kind: 'home', signIn: 'password' },
          { id: 'mary', address: 'mary@example.test', kind: 'personal', signIn: 'password' },
        ],
      },
    },
  });
  await app.vault.set('nhsmail-token:home', JSON.stringify({ kind: 'password', password: 'homepw' }));
  const { page } = app;
  const outbound: string[] = [];
  const appOrigin = new URL(app.host.url).origin;
  page.on('request', (r) => {
    if (new URL(r.url()).origin !== appOrigin && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) {
      outbound.push(r.url());
    }
  });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  await setUpCareHome(page);
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Mail', exact: true }).click();
  await page.getByRole('heading', { name: 'Mail', level: 1 }).waitFor();
  const list = page.getByRole('listbox', { name: 'Messages in Inbox' });
  await waitFor(
    'the three messages',
    async () => {
      await page.getByRole('button', { name: 'Check for new mail' }).click();
      await page.getByRole('button', { name: 'Check for new mail' }).waitFor();
      return (await list.getByRole('option').count()) === 3;
    },
    30_000,
  );
  await page.getByRole('navigation', { name: 'Folders' }).getByText('3 unread').waitFor();
  await app.screenshot('mail-inbox');
  await app.expectAccessible();

  // Quick filters.
  await page.getByRole('button', { name: 'With attachments' }).click();
  assert.equal(await list.getByRole('option').count(), 1);
  await page.getByRole('button', { name: 'All', exact: true }).click();

  // Read the discharge letter with the keyboard: the list is one tab stop with arrow keys.
  await list.focus();
  await page.keyboard.press('Home');
  let chosen = '';
  for (let i = 0; i < 3 && !chosen.includes('Discharge'); i++) {
    chosen = (await page.locator(`#${await list.getAttribute('aria-activedescendant')}`).textContent()) ?? '';
    if (!chosen.includes('Discharge')) await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Discharge summary for Edith Jones', level: 2 }).waitFor();
  await page.getByText('Edith returns on Tuesday.').waitFor();
  await page.getByRole('img', { name: 'wound-photo.png' }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save discharge-letter.pdf' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'discharge-letter.pdf');
  assert.deepEqual(fs.readFileSync((await download.path())!), PDF, 'the PDF arrives byte for byte');
  await page.getByRole('navigation', { name: 'Folders' }).getByText('2 unread').waitFor();
  await app.screenshot('mail-message');
  await app.expectAccessible();

  // Search (FTS in main).
  await page.getByLabel('Search mail').fill('tuesday');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const found = page.getByRole('listbox', { name: 'Messages matching “tuesday”' });
  await found.waitFor();
  assert.deepEqual(await found.getByRole('option').allTextContents(), [
    (await found.getByRole('option').first().textContent())!,
  ]);
  assert.match((await found.getByRole('option').first().textContent())!, /Discharge summary/);
  await page.getByRole('button', { name: 'Clear search' }).click();

  // Hostile HTML.
  await list.getByRole('option', { name: /Flu clinic/ }).click();
  await page.getByRole('heading', { name: 'Flu clinic', level: 2 }).waitFor();
  const frameElement = page.locator('iframe.app-mail-frame');
  assert.equal(await frameElement.getAttribute('sandbox'), '', 'the frame allows nothing: no script, no forms');
  const frame = page.frameLocator('iframe.app-mail-frame');
  await frame.getByText('Please bring the residents’ consent forms.').waitFor();
  await frame.getByText('[https://phish.example/login]', { exact: false }).waitFor();
  // The frame on its own (a full-page screenshot of the host shows a sandboxed frame blank in headless Chromium).
  await frameElement.screenshot({ path: path.join(SCREENSHOT_DIR, 'mail-hostile-html-frame.png') });
  const dangerous =
    'script, svg, math, form, input, button, iframe, object, link, style, meta, [style], [onerror], [href], img[src]';
  assert.equal(await frame.locator('body').locator(dangerous).count(), 0, 'nothing that can run or load is left');
  await page.getByText('1 picture from the internet is not shown').waitFor();
  await frame.getByText('Click here').click();
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => (window as unknown as { mailScriptRan?: boolean }).mailScriptRan), undefined);
  assert.deepEqual(beacon.heard, [], 'nothing in the message reached the network');
  assert.deepEqual(outbound, [], 'the page asked for nothing outside the app');
  assert.deepEqual(dialogs, [], 'no script ran');
  await app.screenshot('mail-hostile-html');
  // axe cannot run inside a frame where script is off (it waits for a script context that never comes), so the
  // app around the message is checked with the frame taken out; the frame's own title is checked above.
  await page.evaluate(() => document.querySelector('iframe.app-mail-frame')?.remove());
  await app.expectAccessible();

  // Reply: the [secure] rule is shown, and the reply arrives at the GP's real mailbox.
  await list.getByRole('option', { name: /Discharge summary/ }).click();
  await page.getByRole('heading', { name: 'Discharge summary for Edith Jones', level: 2 }).waitFor();
  await page.getByRole('button', { name: 'Reply', exact: true }).click();
  await page.getByRole('heading', { name: 'Reply', level: 2 }).waitFor();
  await page.getByLabel('To', { exact: true }).fill('gp@example.test');
  await page.getByRole('textbox', { name: 'Message' }).fill('Thank you, we have the letter. Edith is settled.');
  await page.getByText('This will be sent encrypted. The subject will be: [secure] Re: Discharge summary').waitFor();
  // What is typed survives the screen locking.
  await page.getByRole('button', { name: 'Lock screen' }).click();
  await enterPin(page, MANAGER.pin, 'Unlock');
  await page.getByRole('heading', { name: 'Reply', level: 2 }).waitFor();
  assert.equal(
    await page.getByRole('textbox', { name: 'Message' }).inputValue(),
    'Thank you, we have the letter. Edith is settled.',
  );
  assert.equal(await page.getByLabel('To', { exact: true }).inputValue(), 'gp@example.test');
  await app.screenshot('mail-compose');
  await app.expectAccessible();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText('is in the outbox and will be sent').waitFor();

  // Patient information to a non-secure address without [secure]: a warning first, and nothing sent unless confirmed.
  await page.getByRole('button', { name: 'Write a message' }).click();
  await page.getByRole('heading', { name: 'New message', level: 2 }).waitFor();
  await page.getByLabel('To', { exact: true }).fill('daughter@example.com');
  await page.getByLabel('Subject').fill('Mum');
  await page.getByRole('textbox', { name: 'Message' }).fill('Her NHS number is 943 476 5919.');
  await page.getByLabel('Send without encryption (do not add [secure])').check();
  await page.getByText('This will NOT be encrypted. The subject will be: Mum').waitFor();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('heading', { name: 'This may send patient information without protection' }).waitFor();
  await page.getByText('It contains what looks like an NHS number.').waitFor();
  await page.getByRole('button', { name: 'Send anyway' }).waitFor();
  await app.screenshot('mail-compose-warning');
  await app.expectAccessible();
  await page.getByRole('button', { name: 'Discard' }).click();
  await page.getByRole('button', { name: 'Write a message' }).waitFor();

  const gp = await otherClient(servers, 'gp');
  after(() => gp.logout());
  const subject = await waitFor(
    'the reply at the GP',
    async () => {
      const lock = await gp.getMailboxLock('INBOX');
      try {
        for await (const m of gp.fetch('1:*', { envelope: true })) return m.envelope?.subject;
      } finally {
        lock.release();
      }
      return undefined;
    },
    20_000,
  );
  assert.equal(subject, '[secure] Re: Discharge summary for Edith Jones');

  // A personal mailbox is closed until a manager names its owner; then only the owner sees it.
  assert.equal(await page.getByRole('navigation', { name: 'Mailboxes' }).count(), 0);
  await page.getByText('Who owns each personal mailbox').click();
  await page.getByLabel('Owner of mary@example.test').selectOption({ label: MANAGER.name });
  await page.getByRole('button', { name: 'Save owner' }).click();
  const menu = page.getByRole('navigation', { name: 'Main menu' });
  await menu.getByRole('link', { name: 'Residents', exact: true }).click();
  await page.getByRole('heading', { name: 'Residents', level: 1 }).waitFor();
  await menu.getByRole('link', { name: 'Mail', exact: true }).click();
  await page.getByRole('heading', { name: 'Mail', level: 1 }).waitFor();
  await page.getByRole('navigation', { name: 'Mailboxes' }).getByText('Your mailbox (mary@example.test)').waitFor();
  await app.expectAccessible();
});
