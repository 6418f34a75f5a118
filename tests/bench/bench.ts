/**
 * Performance figures for Care Home Desktop, each the median of RUNS runs and
 * each next to a named peer measured in the same script on the same machine,
 * so that a figure can be read against what the platform itself costs.
 * Run by `npm run bench` (after a build, inside a real keychain; `npm run bench -- mail` runs one part). Prints; asserts nothing.
 *
 *   1. store cold open: keychain fetch + open + key + migrate (openCareHomeStore) vs plain `new Database` open
 *   2. encrypted vs plain SQLite, same mixed workload and pragmas (WAL, synchronous NORMAL)
 *   3. renderer initial JS, gzip -9, vs React + ReactDOM alone
 *   4. page load to an interactive login screen in the browser host vs a blank page on the same host
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3-multiple-ciphers';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/browser-host';
import { DATABASE_FILE_NAME, startCareHomeCore } from '../../main/core/care-home-core';
import { DEMO_STAFF } from '../../main/services/demo/demo-care-home';
import { openEncryptedDatabase, type WritableDB } from '../../main/services/store/database';
import { migrate } from '../../main/services/store/migrations';
import { openCareHomeStore } from '../../main/services/store/open-store';
import { newDatabaseKey } from '../../main/services/store/store-key';
import { createKeytarVault } from '../../main/services/vault/keytar-vault';

const RUNS = 7;
const ROOT = path.resolve(__dirname, '..', '..');
const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');
const BRIDGE = path.join(ROOT, 'dist', 'browser-host', 'bridge.js');
const CHROMIUM = '/usr/bin/chromium';

interface Row {
  figure: string;
  value: number | null;
  unit: string;
  peer: string;
  peerValue: number | null;
  target: number;
  /** Which number the target applies to: the figure itself, or its ratio to the peer. */
  targetOn: 'value' | 'ratio';
  note?: string;
}
const rows: Row[] = [];
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'care-home-bench-'));

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const fmt = (n: number | null, digits = 1) => (n === null ? '-' : n.toFixed(digits));

async function timeAsync(fn: () => Promise<void> | void): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

function machine(): string {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown CPU';
  const sqlite = new Database(':memory:');
  const version = sqlite.prepare('SELECT sqlite_version()').pluck().get() as string;
  sqlite.close();
  return `${model}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, SQLite ${version}, ${os.platform()} ${os.release()}`;
}

/** Copies every table of `from` into a new unencrypted database with the same schema (the peer's file). */
function plainCopy(from: WritableDB, file: string): void {
  const to = new Database(file);
  to.pragma('journal_mode = WAL');
  migrate(to as WritableDB);
  for (const table of ['care_home', 'staff_member', 'resident', 'audit_event']) {
    const rows = from.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
    if (rows.length === 0) continue;
    const columns = Object.keys(rows[0]!);
    const insert = to.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
    );
    to.transaction(() => rows.forEach((r) => insert.run(r)))();
  }
  to.close();
}

// 1. Store cold open ----------------------------------------------------------------------------------
async function benchColdOpen(): Promise<void> {
  const dataDir = path.join(scratch, 'cold');
  const vault = createKeytarVault(`uk.nhs.care-home-desktop.bench.${randomUUID()}`);
  // A realistic store: the demo care home (staff, residents, audit rows), written by the real core.
  const core = await startCareHomeCore({ dataDir, vault, policyPath: path.join(dataDir, 'none.json'), log: () => {} });
  const demo = await core.dispatch(core.openSession(), 'setup.createDemoCareHome', {});
  if (!demo.ok) throw new Error(`demo care home: ${demo.error.message}`);
  if (core.store.state !== 'open') throw new Error('store did not open');
  const plainFile = path.join(scratch, 'cold-plain.db');
  plainCopy(core.store.db, plainFile);
  core.close();
  const file = path.join(dataDir, DATABASE_FILE_NAME);

  const encrypted: number[] = [];
  const keychain: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    keychain.push(await timeAsync(async () => void (await vault.get('database-key'))));
    encrypted.push(
      await timeAsync(async () => {
        const store = await openCareHomeStore(file, vault);
        if (store.state !== 'open') throw new Error(`store: ${store.problem}`);
        store.db.close();
      }),
    );
    // The peer does the same minimum: open, first read of the schema, read the schema version.
    plain.push(
      await timeAsync(() => {
        const db = new Database(plainFile, { fileMustExist: true });
        db.prepare('SELECT count(*) FROM sqlite_master').get();
        db.pragma('user_version', { simple: true });
        db.close();
      }),
    );
  }
  rows.push({
    figure: 'store cold open',
    value: median(encrypted),
    unit: 'ms',
    peer: 'plain SQLite open',
    peerValue: median(plain),
    target: 150,
    targetOn: 'value',
    note: `keychain fetch alone ${fmt(median(keychain), 2)} ms; in-process (native modules loaded), OS file cache warm`,
  });
}

// 2. Encrypted vs plain on the same workload -------------------------------------------------------------
const INSERTS = 5000;
const READS = 5000;
const UPDATES = 2000;

/** 5,000 inserts in one transaction, 5,000 indexed point reads, 2,000 single-statement (autocommit) updates. */
function workload(db: Database.Database): { insert: number; read: number; update: number } {
  db.exec(
    'CREATE TABLE item (id INTEGER PRIMARY KEY, k TEXT NOT NULL, v TEXT NOT NULL, n INTEGER NOT NULL) STRICT; CREATE INDEX item_k ON item (k);',
  );
  const ins = db.prepare('INSERT INTO item (k, v, n) VALUES (?, ?, ?)');
  const get = db.prepare('SELECT * FROM item WHERE k = ?');
  const upd = db.prepare('UPDATE item SET n = n + 1, v = ? WHERE k = ?');
  let t = performance.now();
  db.transaction(() => {
    for (let i = 0; i < INSERTS; i++) ins.run(`key-${i}`, `care note ${i} `.repeat(6), i);
  })();
  const insert = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < READS; i++) get.get(`key-${(i * 7919) % INSERTS}`);
  const read = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < UPDATES; i++) upd.run(`updated ${i}`, `key-${(i * 104729) % INSERTS}`);
  const update = performance.now() - t;
  return { insert, read, update };
}

function benchWorkload(): void {
  const key = newDatabaseKey();
  const enc: ReturnType<typeof workload>[] = [];
  const plain: ReturnType<typeof workload>[] = [];
  const runEncrypted = (i: number) => {
    const db = openEncryptedDatabase(path.join(scratch, `enc-${i}.db`), key, { fileMustExist: false });
    const result = workload(db);
    db.close();
    return result;
  };
  const runPlain = (i: number) => {
    const db = new Database(path.join(scratch, `plain-${i}.db`));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const result = workload(db);
    db.close();
    return result;
  };
  runEncrypted(-1); // warm-up for the JIT and the page cache code, not counted
  runPlain(-1);
  // Alternate the two (and which goes first), each on a fresh file, so that drift on the machine hits both alike.
  for (let i = 0; i < RUNS; i++) {
    if (i % 2) {
      plain.push(runPlain(i));
      enc.push(runEncrypted(i));
    } else {
      enc.push(runEncrypted(i));
      plain.push(runPlain(i));
    }
  }
  const total = (r: ReturnType<typeof workload>) => r.insert + r.read + r.update;
  const phase = (list: ReturnType<typeof workload>[], k: 'insert' | 'read' | 'update') =>
    fmt(median(list.map((r) => r[k])));
  rows.push({
    figure: 'encrypted workload',
    value: median(enc.map(total)),
    unit: 'ms',
    peer: 'plain SQLite, same workload',
    peerValue: median(plain.map(total)),
    target: 1.3,
    targetOn: 'ratio',
    note: `insert/read/update ms: encrypted ${phase(enc, 'insert')}/${phase(enc, 'read')}/${phase(enc, 'update')}, plain ${phase(plain, 'insert')}/${phase(plain, 'read')}/${phase(plain, 'update')}`,
  });
}

// 3. Renderer initial JS size ------------------------------------------------------------------------------
const gzipSize = (bytes: Buffer | string) => zlib.gzipSync(bytes, { level: 9 }).length;

/** Every JS file index.html loads at start: its scripts and modulepreloads, and their static imports. */
function initialScripts(): string[] {
  const html = fs.readFileSync(path.join(RENDERER_DIR, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"|<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map(
    (m) => path.resolve(RENDERER_DIR, m[1] ?? m[2]!),
  );
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file) || !file.endsWith('.js') || !fs.existsSync(file)) continue;
    seen.add(file);
    const code = fs.readFileSync(file, 'utf8');
    // Static imports only (`import"./x.js"`, `from"./x.js"`); dynamic import() chunks are not initial.
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g))
      queue.push(path.resolve(path.dirname(file), m[1]!));
  }
  return [...seen];
}

async function benchRendererSize(): Promise<void> {
  const peer = await build({
    stdin: {
      contents:
        "import * as React from 'react'; import { createRoot } from 'react-dom/client'; console.log(React, createRoot);",
      resolveDir: ROOT,
      loader: 'js',
    },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const reactKb = gzipSize(Buffer.from(peer.outputFiles[0]!.contents)) / 1024;
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    rows.push({
      figure: 'renderer initial JS (gzip -9)',
      value: null,
      unit: 'KB',
      peer: 'React + ReactDOM alone',
      peerValue: reactKb,
      target: 300,
      targetOn: 'value',
      note: 'not measured: dist/renderer/index.html missing (run npm run build)',
    });
    return;
  }
  const files = initialScripts();
  const total = files.reduce((sum, f) => sum + gzipSize(fs.readFileSync(f)), 0) / 1024;
  const raw = files.reduce((sum, f) => sum + fs.statSync(f).size, 0) / 1024;
  rows.push({
    figure: 'renderer initial JS (gzip -9)',
    value: total,
    unit: 'KB',
    peer: 'React + ReactDOM alone',
    peerValue: reactKb,
    target: 300,
    targetOn: 'value',
    note: `${files.length} file(s), ${fmt(raw)} KB before gzip`,
  });
}

// 4. Page load to an interactive login screen ----------------------------------------------------------------
declare global {
  interface Window {
    __benchLoginReadyAt?: number;
  }
}

/** Milliseconds from navigation start until the demo's staff buttons are in the page, visible and enabled. */
async function loginReadyMs(browser: Browser, url: string, name: string): Promise<{ ms: number; dcl: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Injected by the browser before any page script (CSP does not apply to it). A string, not a function:
  // tsx would wrap a function's inner helpers in `__name()`, which does not exist in the page.
  await page.addInitScript(`(() => {
    const staffName = ${JSON.stringify(name)};
    const ready = () => [...document.querySelectorAll('button')]
      .filter((b) => b.textContent && b.textContent.includes(staffName))
      .some((b) => !b.disabled && b.getClientRects().length > 0 && getComputedStyle(b).visibility !== 'hidden');
    // Checked on every DOM change and every frame (a stylesheet arriving changes no DOM), until seen.
    const check = () => {
      if (window.__benchLoginReadyAt !== undefined) return;
      if (ready()) {
        window.__benchLoginReadyAt = performance.now(); // counts from navigation start
        observer.disconnect();
      } else requestAnimationFrame(check);
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
    requestAnimationFrame(check);
  })();`);
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(() => window.__benchLoginReadyAt, undefined, { timeout: 15_000 });
  const ms = (await handle.jsonValue()) as number;
  const dcl = await page.evaluate(
    () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
  );
  // Cross-check with Playwright's own idea of "visible and enabled".
  const button = page.getByRole('button', { name: new RegExp(name) });
  if (!(await button.isVisible()) || !(await button.isEnabled()))
    throw new Error('the staff button is not visible and enabled');
  await context.close();
  return { ms, dcl };
}

async function blankLoadMs(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const ms = await page.evaluate(
    () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
  );
  await context.close();
  return ms;
}

async function benchLoginScreen(): Promise<void> {
  const row: Row = {
    figure: 'page load to login screen',
    value: null,
    unit: 'ms',
    peer: 'blank page, same host',
    peerValue: null,
    target: 1000,
    targetOn: 'value',
  };
  rows.push(row);
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html')) || !fs.existsSync(BRIDGE)) {
    row.note = 'not measured: dist/renderer or dist/browser-host/bridge.js missing (run npm run build)';
    return;
  }
  const dataDir = path.join(scratch, 'host');
  const core = await startCareHomeCore({
    dataDir,
    vault: createKeytarVault(`uk.nhs.care-home-desktop.bench.${randomUUID()}`),
    policyPath: path.join(dataDir, 'none.json'),
    log: () => {},
  });
  const demo = await core.dispatch(core.openSession(), 'setup.createDemoCareHome', {});
  if (!demo.ok) throw new Error(`demo care home: ${demo.error.message}`);
  // The peer: the same host code serving a page with nothing in it but the injected bridge.
  const blankDir = path.join(scratch, 'blank');
  fs.mkdirSync(blankDir);
  fs.writeFileSync(
    path.join(blankDir, 'index.html'),
    '<!doctype html><html><head><title>blank</title></head><body></body></html>',
  );
  const hosts: BrowserHost[] = [];
  let browser: Browser | null = null;
  try {
    const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR, bridgeScript: BRIDGE });
    const blank = await startBrowserHost({ core, rendererDir: blankDir, bridgeScript: BRIDGE });
    hosts.push(host, blank);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    const name = DEMO_STAFF[0]!.displayName;
    await loginReadyMs(browser, host.url, name); // warm-up: Chromium's first page pays for its own start
    await blankLoadMs(browser, blank.url);
    const app: Array<{ ms: number; dcl: number }> = [];
    const peer: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      app.push(await loginReadyMs(browser, host.url, name));
      peer.push(await blankLoadMs(browser, blank.url));
    }
    row.value = median(app.map((a) => a.ms));
    row.peerValue = median(peer);
    const bridgeKb = fs.statSync(BRIDGE).size / 1024;
    row.note = `to the staff buttons visible and enabled (DOMContentLoaded at ${fmt(median(app.map((a) => a.dcl)))} ms); new browser context per run, 1 warm-up; both pages load the host bridge (${fmt(bridgeKb)} KB)`;
  } catch (error) {
    row.note = `not measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  } finally {
    await browser?.close();
    for (const h of hosts) await h.close();
    core.close();
  }
}

// -------------------------------------------------------------------------------------------------------------
function printTable(): void {
  const lines = rows.map((r) => {
    const ratio = r.value !== null && r.peerValue ? r.value / r.peerValue : null;
    const judged = r.targetOn === 'ratio' ? ratio : r.value;
    const verdict = judged === null ? 'n/a' : judged <= r.target ? 'PASS' : 'MISS';
    const target = r.targetOn === 'ratio' ? `<= ${r.target}x peer` : `<= ${r.target} ${r.unit}`;
    return [
      r.figure,
      `${fmt(r.value)} ${r.unit}`,
      r.peer,
      `${fmt(r.peerValue)} ${r.unit}`,
      ratio === null ? '-' : `${ratio.toFixed(2)}x`,
      target,
      verdict,
    ];
  });
  const header = ['figure', 'median', 'peer', 'peer median', 'ratio', 'target', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const show = (cells: string[]) => console.log(cells.map((c, i) => c.padEnd(widths[i]!)).join('  '));
  console.log('');
  show(header);
  show(widths.map((w) => '-'.repeat(w)));
  lines.forEach(show);
  console.log('');
  for (const r of rows) if (r.note) console.log(`  ${r.figure}: ${r.note}`);
}

/** Each part of the bench by name: `npm run bench -- mail records` runs only those; no names runs them all. */
const PARTS: Record<string, () => Promise<void>> = {
  foundation: async () => {
    await benchColdOpen();
    benchWorkload();
    await benchRendererSize();
    await benchLoginScreen();
  },
  records: async () => {
    rows.push(...(await (await import('./records')).benchRecords(RUNS, median)));
    rows.push(...(await (await import('./residents')).benchResidents(scratch)));
  },
  triage: async () => {
    rows.push((await import('./triage')).benchNews2(RUNS));
  },
  mail: async () => {
    rows.push(...(await (await import('./mail')).benchMail(3, median)));
  },
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in PARTS));
  if (unknown.length)
    throw new Error(`No bench part named ${unknown.join(', ')}; the parts are ${Object.keys(PARTS).join(', ')}.`);
  console.log(`Care Home Desktop bench: median of ${RUNS} runs`);
  console.log(`machine: ${machine()}`);
  try {
    for (const [name, run] of Object.entries(PARTS)) if (asked.length === 0 || asked.includes(name)) await run();
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  printTable();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
