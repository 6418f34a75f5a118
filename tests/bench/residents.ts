/**
 * Residents figures for `npm run bench` (called from bench.ts), in the browser
 * host with Debian's Chromium, on the real core and encrypted store:
 *
 *   5. resident summary: from navigating to it until the banner (name, NHS number, allergies) and the
 *      GP record part are rendered ("query to rendered"), vs the same queries through the dispatcher alone
 *   6. resident list of 500 residents: from navigating to it until all 500 rows are in the page,
 *      vs residents.list through the dispatcher alone
 *
 * Each the median of RUNS runs after one warm-up; the page is the production build in dist/renderer.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/browser-host';
import type { ResponseOf } from '../../common/ipc/contract';
import { startCareHomeCore, type CareHomeCore } from '../../main/core/care-home-core';
import { DEMO_STAFF, demoNhsNumbers } from '../../main/services/demo/demo-care-home';
import { insertResident } from '../../main/services/residents/residents-repository';
import type { WritableDB } from '../../main/services/store/database';
import { createKeytarVault } from '../../main/services/vault/keytar-vault';

const RUNS = 7;
const RESIDENTS = 500;
const ROOT = path.resolve(__dirname, '..', '..');
const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');
const BRIDGE = path.join(ROOT, 'dist', 'browser-host', 'bridge.js');

export interface ResidentsRow {
  figure: string;
  value: number | null;
  unit: string;
  peer: string;
  peerValue: number | null;
  target: number;
  targetOn: 'value' | 'ratio';
  note?: string;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Milliseconds in the page from setting the #fragment until `ready` (a function body over `document`) holds,
 * checked on every DOM change. A string, not a function: tsx would wrap inner helpers in `__name()`.
 */
async function timeNavigation(page: Page, hash: string, ready: string): Promise<number> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const ready = () => { ${ready} };
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      if (ready()) { observer.disconnect(); resolve(performance.now() - t0); }
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    setTimeout(() => { observer.disconnect(); reject(new Error('not rendered within 10 s: ${hash}')); }, 10000);
    location.hash = ${JSON.stringify(hash)};
  })`);
}

async function signIn(page: Page, name: string, pin: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${name},`) }).click();
  await page.getByLabel('Enter your PIN or passphrase').fill(pin);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Residents', level: 1 }).waitFor();
}

export async function benchResidents(scratch: string): Promise<ResidentsRow[]> {
  const summaryRow: ResidentsRow = {
    figure: 'resident summary open',
    value: null,
    unit: 'ms',
    peer: 'its queries via dispatcher',
    peerValue: null,
    target: 50,
    targetOn: 'value',
  };
  const listRow: ResidentsRow = {
    figure: `resident list of ${RESIDENTS} rendered`,
    value: null,
    unit: 'ms',
    peer: 'residents.list via dispatcher',
    peerValue: null,
    target: 100,
    targetOn: 'value',
  };
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html')) || !fs.existsSync(BRIDGE)) {
    summaryRow.note = listRow.note = 'not measured: dist/renderer or the bridge missing (run npm run build)';
    return [summaryRow, listRow];
  }
  const dataDir = path.join(scratch, 'residents');
  let core: CareHomeCore | null = null;
  let host: BrowserHost | null = null;
  let browser: Browser | null = null;
  try {
    core = await startCareHomeCore({
      dataDir,
      vault: createKeytarVault(`uk.nhs.care-home-desktop.bench.${randomUUID()}`),
      policyPath: path.join(dataDir, 'none.json'),
      log: () => {},
    });
    const setup = core.openSession();
    const demo = await core.dispatch(setup, 'setup.createDemoCareHome', {});
    if (!demo.ok || core.store.state !== 'open') throw new Error('demo care home not created');
    // Fill the home to 500 residents (the demo's 12 plus synthetic ones with valid test-range NHS numbers).
    const db = core.store.db as WritableDB;
    const numbers = demoNhsNumbers(RESIDENTS).slice(12);
    const at = new Date().toISOString();
    db.transaction(() =>
      numbers.forEach((nhsNumber, i) =>
        insertResident(
          db,
          {
            nhsNumber,
            givenName: `Resident${i}`,
            familyName: `Synthetic${String(i).padStart(3, '0')}`,
            dateOfBirth: '1940-01-01',
            room: String(100 + i),
            gpOdsCode: 'Y90001',
          },
          at,
        ),
      ),
    )();
    const manager = DEMO_STAFF.find((s) => s.role === 'manager')!;
    const session = core.openSession();
    const login = await core.dispatch(session, 'auth.login', {
      staffId: (demo.value as ResponseOf<'setup.createDemoCareHome'>).staff.find((s) => s.role === 'manager')!.staffId,
      secret: manager.demoPin,
    });
    if (!login.ok) throw new Error('bench sign-in failed');
    const someone = await core.dispatch(session, 'residents.list', { search: 'Margaret' });
    const resident = someone.ok ? (someone.value as ResponseOf<'residents.list'>)[0] : undefined;
    if (!resident) throw new Error('no resident to open');

    host = await startBrowserHost({ core, rendererDir: RENDERER_DIR, bridgeScript: BRIDGE });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await page.goto(host.url);
    await signIn(page, manager.displayName, manager.demoPin);

    const summaryReady = `const h = document.getElementById('resident-name');
      return !!h && h.textContent.includes(${JSON.stringify(resident.displayName)})
        && !!document.querySelector('[aria-label="Allergies"]') && !document.querySelector('.app-loading');`;
    const listReady = `return document.querySelectorAll('.app-residents-table tbody tr').length >= ${RESIDENTS};`;
    const summaryHash = `#/residents/${resident.residentId}`;
    const list: number[] = [];
    const summary: number[] = [];
    // Alternate the two pages, so that each navigation mounts its page afresh; one warm-up round.
    await timeNavigation(page, summaryHash, summaryReady);
    await timeNavigation(page, '#/residents', listReady);
    for (let i = 0; i < RUNS; i++) {
      summary.push(await timeNavigation(page, summaryHash, summaryReady));
      list.push(await timeNavigation(page, '#/residents', listReady));
    }
    // The peers: what main does for each page, without the page (dispatcher, validation, store, audit).
    const listPeer: number[] = [];
    const summaryPeer: number[] = [];
    // The same summary opened from another resident's summary rather than from the 500-row list, whose
    // teardown (removing some 8,000 nodes) the figure above includes: the page's own part, for the note.
    const others = await core.dispatch(session, 'residents.list', { search: 'Synthetic001' });
    const other = others.ok ? (others.value as ResponseOf<'residents.list'>)[0] : undefined;
    const fromSummary: number[] = [];
    if (other) {
      const otherReady = `const h = document.getElementById('resident-name');
        return !!h && h.textContent.includes(${JSON.stringify(other.displayName)}) && !document.querySelector('.app-loading');`;
      for (let i = 0; i <= RUNS; i++) {
        await timeNavigation(page, `#/residents/${other.residentId}`, otherReady);
        const ms = await timeNavigation(page, summaryHash, summaryReady);
        if (i > 0) fromSummary.push(ms); // the first is a warm-up
      }
    }
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await core.dispatch(session, 'residents.list', {});
      listPeer.push(performance.now() - t);
      t = performance.now();
      // The page's one request (it used to be four: residents.get, residents.photo, records.summary and
      // records.refreshStatus, each with its own round trip and audit row).
      await core.dispatch(session, 'records.residentPage', { residentId: resident.residentId });
      summaryPeer.push(performance.now() - t);
    }
    summaryRow.value = median(summary);
    summaryRow.peerValue = median(summaryPeer);
    summaryRow.note = `#fragment set (from the list of ${RESIDENTS}) to banner, allergies and GP record part rendered, in Chromium over the host's WebSocket; the demo resident ${resident.displayName}; from another resident's summary instead: ${fromSummary.length ? median(fromSummary).toFixed(1) : '-'} ms`;
    listRow.value = median(list);
    listRow.peerValue = median(listPeer);
    listRow.note = `#fragment set to ${RESIDENTS} rows in the page (one residents.list over the WebSocket, then React)`;
  } catch (error) {
    const why = `not measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    summaryRow.note ??= why;
    listRow.note ??= why;
  } finally {
    await browser?.close();
    await host?.close();
    core?.close();
  }
  return [summaryRow, listRow];
}

// Standalone: `build/with-keyring.sh node --import tsx tests/bench/residents.ts` prints just these figures.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'care-home-bench-residents-'));
  void benchResidents(scratch)
    .then((rows) => {
      for (const r of rows) {
        console.log(
          `${r.figure}: ${r.value?.toFixed(1)} ${r.unit} (target ${r.target}); ${r.peer}: ${r.peerValue?.toFixed(1)} ${r.unit}; ${r.note ?? ''}`,
        );
      }
    })
    .finally(() => fs.rmSync(scratch, { recursive: true, force: true }));
}
