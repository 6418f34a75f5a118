/**
 * main/shell/main.ts end to end, minus Chromium: the real entry point, the
 * real core (SQLCipher store in a temp userData, the managed policy from
 * CARE_HOME_POLICY_PATH) and the real keychain (the throwaway one that
 * build/with-keyring.sh starts), over the recording fake of Electron's
 * main-process API. Checks the start-up order, the served page, the window, IPC
 * through to the core, kiosk from the policy, the IT administrator's way out
 * of kiosk, and that updates stay off without a policy URL.
 */
import '../support/use-fake-electron-main'; // first: before anything requires electron
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Result } from '../../common/ipc/result';
import * as fake from '../support/fake-electron-main';
import { tempDir } from '../support/temp-dir';

type Handler = (event: unknown, channel: unknown, request: unknown) => Promise<Result<unknown>>;

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), `timed out waiting for ${what}`);
}

test('main.ts: safe start-up order, app:// page, secure window, IPC to the real core, kiosk from policy', async (t) => {
  const root = tempDir('care-home-main-');
  fake.app.appPath = path.join(root, 'app');
  fake.app.userData = path.join(root, 'userData');
  fs.mkdirSync(path.join(fake.app.appPath, 'dist', 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(fake.app.appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>CHD</title>');
  process.env.CARE_HOME_POLICY_PATH = path.join(root, 'policy.json');
  fs.writeFileSync(process.env.CARE_HOME_POLICY_PATH, JSON.stringify({ kiosk: true }));
  const logged: string[] = [];
  const consoleError = console.error;
  console.error = (message: unknown) => void logged.push(String(message));
  t.after(() => {
    console.error = consoleError;
    fake.app.emit('will-quit'); // closes the core's database
  });

  await import('../../main/shell/main');

  // Before `ready`: sandbox, the privileged scheme, the single-instance lock, the web-contents hook.
  assert.deepEqual(fake.calls, [
    'app.enableSandbox',
    'protocol.registerSchemesAsPrivileged',
    'app.requestSingleInstanceLock',
  ]);
  assert.deepEqual(fake.protocol.privileged, [
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  assert.equal(fake.app.listenerCount('web-contents-created'), 1);
  assert.equal(fake.BrowserWindow.all.length, 0);

  fake.app.becomeReady();
  await waitFor(() => fake.BrowserWindow.all.length === 1, 'the window');
  const [window] = fake.BrowserWindow.all;
  const contents = window!.webContents;
  assert.deepEqual(fake.calls.slice(3), ['ready', 'Menu.setApplicationMenu:null', 'protocol.handle:app']);

  // The page, from dist/renderer under the app path, with the CSP.
  const page = await fake.protocol.handlers.get('app')!(new Request('app://care-home/index.html'));
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  assert.equal(contents.loadedUrl, 'app://care-home/index.html');

  // The window: secure preferences, the preload from the app path, kiosk from the policy.
  const prefs = window!.options.webPreferences as Record<string, unknown>;
  assert.equal(prefs.preload, path.join(fake.app.appPath, 'dist', 'preload', 'preload.js'));
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.devTools, true, 'an unpackaged app keeps DevTools');
  assert.equal(window!.options.kiosk, true);
  assert.ok(fake.session.defaultSession.permissionRequestHandler, 'default session secured');

  // IPC from the app's own page reaches the real core.
  const invoke = fake.ipcMain.handlers.get('care-home:invoke') as Handler;
  const call = async (channel: string, request: unknown = {}): Promise<unknown> => {
    const result = await invoke({ sender: contents, senderFrame: contents.mainFrame }, channel, request);
    assert.ok(result.ok, `${channel}: ${JSON.stringify(result)}`);
    return result.value;
  };
  assert.equal(((await call('app.status')) as { state: string }).state, 'needs_setup');

  // Kiosk holds until an IT administrator leaves it (a manager may not).
  const close = new fake.FakeEvent();
  window!.emit('close', close);
  assert.equal(close.defaultPrevented, true);
  await call('setup.createCareHome', {
    careHomeName: 'Rose House',
    managerName: 'Maya Manager',
    managerSecret: '482913',
  });
  const refused = await invoke({ sender: contents, senderFrame: contents.mainFrame }, 'app.leaveKiosk', {});
  assert.equal(refused.ok, false);
  const it = (await call('staff.add', { displayName: 'Ian IT', role: 'it_admin', secret: '735201' })) as {
    staffId: number;
  };
  await call('auth.logout');
  await call('auth.login', { staffId: it.staffId, secret: '735201' });
  await call('app.leaveKiosk');
  assert.deepEqual(window!.state, { kiosk: false, fullScreen: false, closable: true, minimizable: true });
  const closeAfter = new fake.FakeEvent();
  window!.emit('close', closeAfter);
  assert.equal(closeAfter.defaultPrevented, false);

  // No update URL in the policy: no checks.
  assert.ok(
    logged.some((line) => line.endsWith('[updater] no update checks: the policy sets no update URL')),
    logged.join('\n'),
  );
  assert.deepEqual(fake.dialog.errors, [], 'no fatal start-up error');
});
