/**
 * End-to-end harness: the real app (core, encrypted store, real keychain)
 * behind the browser test host, opened in Debian's Chromium. Each call gets
 * its own data folder, keychain service name and policy file.
 *
 *   const app = await startApp({ policy: { idleLockMinutes: 0.1 } });
 *   await app.page.getByRole('button', { name: 'Set up this care home' }).click();
 *   await app.screenshot('setup');
 *   await app.expectAccessible();
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startCareHomeCore, type CareHomeCore } from '../../main/core/care-home-core';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/browser-host';
import type { Vault } from '../../main/services/vault/vault';
import { launchChromium } from '../support/chromium';
import { tempDir } from '../support/temp-dir';
import { testVault } from '../support/test-vault';

const ROOT = path.resolve(__dirname, '..', '..');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');

export interface StartAppOptions {
  /** The managed policy: an object is written as JSON, a string as it is (to test broken files). */
  readonly policy?: unknown;
  /** Reuse a data folder and vault, to restart the app over the same store. */
  readonly dataDir?: string;
  readonly vault?: Vault;
  /** Shift the core's clock, e.g. to run past an account lock. */
  readonly clockOffsetMs?: () => number;
  readonly viewport?: { width: number; height: number };
}

export interface RunningApp {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly browser: Browser;
  readonly host: BrowserHost;
  readonly core: CareHomeCore;
  readonly dataDir: string;
  readonly vault: Vault;
  /** Opens a second window (a second session) on the same app. */
  newPage(): Promise<Page>;
  /** Saves test-results/screenshots/NAME.png of the whole page. */
  screenshot(name: string, page?: Page): Promise<string>;
  /** Runs axe (WCAG 2.0/2.1/2.2 A and AA) on the current screen and fails on any violation. */
  expectAccessible(page?: Page): Promise<void>;
  close(): Promise<void>;
}

let browserPromise: Promise<Browser> | null = null;
/** One Chromium for the tests of one test (node:test's `after` runs when the calling test ends). */
function sharedBrowser(): Promise<Browser> {
  if (!browserPromise) {
    const launched = launchChromium();
    browserPromise = launched;
    after(async () => {
      browserPromise = null;
      await (await launched).close();
    });
  }
  return browserPromise;
}

export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  const dataDir = options.dataDir ?? tempDir('care-home-e2e-');
  const vault = options.vault ?? testVault();
  const policyPath = path.join(dataDir, 'policy.json');
  if (options.policy !== undefined) {
    fs.writeFileSync(policyPath, typeof options.policy === 'string' ? options.policy : JSON.stringify(options.policy));
  }
  const offset = options.clockOffsetMs ?? (() => 0);
  const core = await startCareHomeCore({
    dataDir,
    vault,
    policyPath,
    now: () => new Date(Date.now() + offset()),
    log: (m) => console.error(m),
  });
  const host = await startBrowserHost({
    core,
    rendererDir: path.join(ROOT, 'dist', 'renderer'),
    bridgeScript: path.join(ROOT, 'dist', 'browser-host', 'bridge.js'),
  });
  const browser = await sharedBrowser();
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: 'en-GB',
  });
  const pageErrors: string[] = [];
  const open = async () => {
    const p = await context.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    p.on('console', (m) => {
      // A CSP violation or a failed load is a defect, not noise.
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await p.goto(host.url);
    return p;
  };
  const page = await open();
  let closed = false;
  const app: RunningApp = {
    page,
    context,
    browser,
    host,
    core,
    dataDir,
    vault,
    newPage: open,
    async screenshot(name, p = page) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await p.screenshot({ path: file, fullPage: true });
      return file;
    },
    async expectAccessible(p = page) {
      const results = await new AxeBuilder({ page: p })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      const violations = results.violations.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      );
      assert.deepEqual(violations, [], `accessibility violations on ${p.url()}`);
    },
    async close() {
      if (closed) return;
      closed = true;
      await context.close();
      await host.close();
      core.close();
      assert.deepEqual(pageErrors, [], 'the pages logged no errors (CSP violations, failed loads, exceptions)');
    },
  };
  after(() => app.close());
  return app;
}
