/**
 * End-to-end scenarios against the built app (dist/, from `npm run build`)
 * in a real Electron, driven by Playwright's `_electron`.
 *
 * They need an Electron binary: `require('electron')` resolving to an
 * existing executable, or CARE_HOME_ELECTRON_PATH. Without one every test is
 * reported as SKIPPED with the reason, never as passed.
 *
 * Each run gets a fresh profile (XDG_CONFIG_HOME, so userData is new on
 * Linux) and a policy path that does not exist (no kiosk, no updates). Run it
 * inside build/with-keyring.sh (npm test does) so the keychain is a throwaway
 * one, and as a non-root user: Chromium's sandbox refuses root, and these
 * tests never turn the sandbox off. Playwright attaches through --inspect,
 * which the packaged app's fuses forbid: this drives the unpackaged app with
 * the stock Electron binary.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, test } from 'node:test';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { tempDir } from '../support/temp-dir';

const REPO = path.resolve(__dirname, '../..');

function findElectron(): { path: string } | { reason: string } {
  const override = process.env.CARE_HOME_ELECTRON_PATH;
  if (override) {
    return fs.existsSync(override)
      ? { path: override }
      : { reason: `CARE_HOME_ELECTRON_PATH=${override} does not exist` };
  }
  try {
    // In plain Node the electron package exports the binary's path (or throws).
    const resolved: unknown = createRequire(__filename)('electron');
    if (typeof resolved === 'string' && fs.existsSync(resolved)) return { path: resolved };
    return { reason: `require('electron') gave ${String(resolved)}, which does not exist` };
  } catch (error) {
    return { reason: `require('electron') failed (${error instanceof Error ? error.message : String(error)})` };
  }
}

const electron = findElectron();
const skip =
  'reason' in electron
    ? `No Electron binary on this machine: ${electron.reason}. Set CARE_HOME_ELECTRON_PATH to run these tests.`
    : false;

/** Same text as SETUP_HEADING in renderer/src/features/setup/SetupPage.tsx. */
const SETUP_HEADING = 'Set up this care home';

let launched: Promise<{ app: ElectronApplication; page: Page }> | null = null;

/** One app for the whole file, started by the first test that needs it. */
function launchApp(): Promise<{ app: ElectronApplication; page: Page }> {
  launched ??= (async () => {
    if ('reason' in electron) throw new Error(electron.reason);
    for (const file of ['dist/main/shell.js', 'dist/preload/preload.js', 'dist/renderer/index.html']) {
      assert.ok(fs.existsSync(path.join(REPO, file)), `${file} is missing: run \`npm run build\` first`);
    }
    const profile = tempDir('care-home-electron-');
    const app = await _electron.launch({
      executablePath: electron.path,
      args: [REPO], // package.json "main" → dist/main/shell.js
      cwd: REPO,
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(profile, 'config'),
        CARE_HOME_POLICY_PATH: path.join(profile, 'no-policy.json'),
      },
      timeout: 60_000,
    });
    const page = await app.firstWindow();
    return { app, page };
  })();
  return launched;
}

after(async () => {
  if (launched) await (await launched).app.close();
});

test('launches on app://care-home and shows the first-run setup screen', { skip }, async () => {
  const { page } = await launchApp();
  assert.ok(page.url().startsWith('app://care-home/'), page.url());
  await page.getByRole('heading', { name: SETUP_HEADING }).waitFor({ timeout: 30_000 });
});

test('the window has the secure webPreferences, no menu and no DevTools open', { skip }, async () => {
  const { app } = await launchApp();
  const facts = await app.evaluate(({ BrowserWindow, Menu }) => {
    const [window] = BrowserWindow.getAllWindows();
    // Not in electron.d.ts, but present at run time; fall back to null if it goes.
    const contents = window!.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> };
    return {
      windows: BrowserWindow.getAllWindows().length,
      prefs: contents.getLastWebPreferences?.() ?? null,
      menu: Menu.getApplicationMenu(),
      devToolsOpen: window!.webContents.isDevToolsOpened(),
    };
  });
  assert.equal(facts.windows, 1);
  assert.equal(facts.menu, null);
  assert.equal(facts.devToolsOpen, false);
  assert.ok(facts.prefs, 'webContents.getLastWebPreferences() is available');
  assert.deepEqual(
    {
      contextIsolation: facts.prefs.contextIsolation,
      sandbox: facts.prefs.sandbox,
      nodeIntegration: facts.prefs.nodeIntegration,
      nodeIntegrationInWorker: facts.prefs.nodeIntegrationInWorker,
      webSecurity: facts.prefs.webSecurity,
      webviewTag: facts.prefs.webviewTag,
      allowRunningInsecureContent: facts.prefs.allowRunningInsecureContent,
      spellcheck: facts.prefs.spellcheck,
    },
    {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  );
});

test('the page has no require, no process, and only window.careHome', { skip }, async () => {
  const { page } = await launchApp();
  const facts = await page.evaluate(() => {
    const scope = globalThis as unknown as Record<string, unknown>;
    const careHome = scope.careHome as Record<string, unknown> | undefined;
    return {
      require: typeof scope.require,
      process: typeof scope.process,
      module: typeof scope.module,
      electron: typeof scope.electron,
      ipcRenderer: typeof scope.ipcRenderer,
      careHomeDomains: careHome ? Object.keys(careHome).sort() : null,
    };
  });
  assert.deepEqual(
    {
      require: facts.require,
      process: facts.process,
      module: facts.module,
      electron: facts.electron,
      ipcRenderer: facts.ipcRenderer,
    },
    {
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      electron: 'undefined',
      ipcRenderer: 'undefined',
    },
  );
  assert.ok(
    facts.careHomeDomains?.includes('app') && facts.careHomeDomains.includes('auth'),
    String(facts.careHomeDomains),
  );
  // The bridge answers through the checked IPC path.
  const status = await page.evaluate(() =>
    (globalThis as unknown as { careHome: { app: { status: () => Promise<unknown> } } }).careHome.app.status(),
  );
  assert.deepEqual((status as { ok: boolean }).ok, true);
});

test('navigation away from the app is blocked', { skip }, async () => {
  const { page } = await launchApp();
  const before = page.url();
  for (const target of ['https://example.com/', 'file:///etc/passwd', 'app://care-home/elsewhere.html']) {
    await page.evaluate((url) => {
      window.location.href = url;
    }, target);
    await page.waitForTimeout(500);
    assert.equal(page.url(), before, `still on the app after trying ${target}`);
  }
  await page.getByRole('heading', { name: SETUP_HEADING }).waitFor();
});

test('window.open never opens a window', { skip }, async () => {
  const { app, page } = await launchApp();
  const opened = await page.evaluate(() => window.open('app://care-home/index.html') === null);
  assert.equal(opened, true, 'window.open returns null when denied');
  await page.evaluate(() => window.open('about:blank'));
  await page.waitForTimeout(500);
  assert.equal(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length), 1);
  assert.equal(app.windows().length, 1);
});

test('a fetch to the network is refused (CSP and the session filter)', { skip }, async () => {
  const { page } = await launchApp();
  const outcome = await page.evaluate(async () => {
    try {
      await fetch('https://example.com/');
      return 'fetched';
    } catch {
      return 'refused';
    }
  });
  assert.equal(outcome, 'refused');
});
