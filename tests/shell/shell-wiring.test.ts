/**
 * The Electron wiring of window.ts, ipc-main.ts and web-contents-security.ts,
 * run under Node against a recording fake of Electron's main-process API
 * (tests/support/fake-electron-main.ts): the right events are handled, and
 * each handler acts on the pure decision. Chromium's side of it (does
 * preventDefault really stop a navigation?) is for tests/electron/.
 */
import '../support/use-fake-electron-main'; // first: before anything requires electron
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Result } from '../../common/ipc/result';
import { registerCareHomeIpc } from '../../main/shell/ipc-main';
import { KioskLock } from '../../main/shell/policy-decisions';
import { installWebContentsSecurity } from '../../main/shell/web-contents-security';
import { createMainWindow, leaveKioskWindow } from '../../main/shell/window';
import * as fake from '../support/fake-electron-main';

const logs: string[] = [];
const log = (m: string): void => void logs.push(m);

type Handler = (event: unknown, channel: unknown, request: unknown) => Promise<Result<unknown>>;

describe('ipc-main.ts', () => {
  const sessions: object[] = [];
  const calls: { session: object; channel: unknown; request: unknown }[] = [];
  const core = {
    openSession: () => {
      const session = { id: sessions.length + 1 };
      sessions.push(session);
      return session as never;
    },
    dispatch: async (session: object, channel: unknown, request: unknown): Promise<Result<unknown>> => {
      calls.push({ session, channel, request });
      if (channel === 'explode') throw new Error('boom\n    at secret (/app/x.js:1:1)');
      return { ok: true, value: { echoed: channel } };
    },
  };
  registerCareHomeIpc(core, log);
  const handler = fake.ipcMain.handlers.get('care-home:invoke') as Handler;
  const window = createMainWindow({
    appPath: '/app',
    devTools: false,
    kiosk: new KioskLock(false),
    log,
  }) as unknown as fake.BrowserWindow;
  const contents = window.webContents;
  const eventFrom = (sender: fake.FakeWebContents, frame: fake.FakeFrame | null = sender.mainFrame) => ({
    sender,
    senderFrame: frame,
  });

  test('the app page reaches the core, with one session per page', async () => {
    assert.deepEqual(await handler(eventFrom(contents), 'app.status', {}), {
      ok: true,
      value: { echoed: 'app.status' },
    });
    await handler(eventFrom(contents), 'session.current', {});
    assert.equal(calls.length, 2);
    assert.equal(calls[0]!.session, calls[1]!.session, 'same page, same session');
    assert.deepEqual(calls[1]!.request, {});

    const other = createMainWindow({
      appPath: '/app',
      devTools: false,
      kiosk: new KioskLock(false),
      log,
    }) as unknown as fake.BrowserWindow;
    await handler(eventFrom(other.webContents), 'app.status', {});
    assert.notEqual(calls[2]!.session, calls[0]!.session, 'another page, another session');
  });

  test('the session ends with the page', async () => {
    const before = sessions.length;
    contents.emit('destroyed');
    await handler(eventFrom(contents), 'app.status', {});
    assert.equal(sessions.length, before + 1);
    assert.equal(calls.at(-1)!.session, sessions.at(-1));
  });

  test('bad senders are refused before the core sees anything', async () => {
    const refused = {
      ok: false,
      error: { code: 'bad_sender', message: 'Refused: this request did not come from the Care Home Desktop window.' },
    };
    const stranger = new fake.FakeWebContents(); // not a window the app created
    const iframe = fake.fakeFrame('app://care-home/index.html', 'app://care-home', contents.mainFrame);
    // The main frame itself, somehow showing another origin.
    const evil = { ...contents.mainFrame, url: 'https://evil.example/', origin: 'https://evil.example' };
    const callsBefore = calls.length;
    logs.length = 0;
    for (const event of [
      eventFrom(stranger),
      eventFrom(contents, iframe),
      eventFrom(contents, evil),
      eventFrom(contents, null),
    ]) {
      assert.deepEqual(await handler(event, 'staff.list', {}), refused);
    }
    assert.equal(calls.length, callsBefore);
    assert.deepEqual(
      logs.map((l) => l.replace(/^.*: /, '')),
      [
        'not a window of this app',
        'not the main frame',
        'wrong origin https://evil.example',
        'the sending frame no longer exists',
      ],
    );
    assert.ok(logs.every((l) => l.startsWith('[ipc] bad sender for staff.list')));
  });

  test('a fault in dispatch becomes an internal Result, without the stack', async () => {
    const result = await handler(eventFrom(contents), 'explode', {});
    assert.equal(result.ok, false);
    assert.equal((result as { error: { code: string } }).error.code, 'internal');
    assert.doesNotMatch(JSON.stringify(result), /boom|secret|x\.js/);
  });
});

describe('window.ts', () => {
  test('one secure window on app://care-home, shown once painted', () => {
    const window = createMainWindow({
      appPath: '/app',
      devTools: false,
      kiosk: new KioskLock(false),
      log,
    }) as unknown as fake.BrowserWindow;
    assert.equal(window.webContents.loadedUrl, 'app://care-home/index.html');
    const prefs = window.options.webPreferences as Record<string, unknown>;
    assert.equal(prefs.preload, '/app/dist/preload/preload.js');
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.contextIsolation, true);
    assert.equal(window.options.kiosk, false);
    assert.equal(window.shown, false);
    window.emit('ready-to-show');
    assert.equal(window.shown, true);
  });

  test('kiosk: close and escape keys are refused until the system ends the session', () => {
    const kiosk = new KioskLock(true);
    const window = createMainWindow({ appPath: '/app', devTools: false, kiosk, log }) as unknown as fake.BrowserWindow;
    assert.equal(window.options.kiosk, true);
    assert.equal(window.options.fullscreen, true);
    assert.equal(window.options.closable, false);

    const close = new fake.FakeEvent();
    window.emit('close', close);
    assert.equal(close.defaultPrevented, true);
    const altF4 = new fake.FakeEvent();
    window.webContents.emit('before-input-event', altF4, {
      key: 'F4',
      alt: true,
      control: false,
      meta: false,
      shift: false,
    });
    assert.equal(altF4.defaultPrevented, true);
    const typing = new fake.FakeEvent();
    window.webContents.emit('before-input-event', typing, {
      key: 'a',
      alt: false,
      control: false,
      meta: false,
      shift: false,
    });
    assert.equal(typing.defaultPrevented, false);

    window.emit('session-end'); // Windows shutdown or log-off
    const closeAtShutdown = new fake.FakeEvent();
    window.emit('close', closeAtShutdown);
    assert.equal(closeAtShutdown.defaultPrevented, false);
  });
});

describe('leaving kiosk (app.leaveKiosk)', () => {
  test('an IT administrator gets an ordinary, closable window for this run', () => {
    const kiosk = new KioskLock(true);
    const window = createMainWindow({ appPath: '/app', devTools: false, kiosk, log });
    leaveKioskWindow(window, kiosk);
    const fakeWindow = window as unknown as fake.BrowserWindow;
    assert.deepEqual(fakeWindow.state, { kiosk: false, fullScreen: false, closable: true, minimizable: true });
    const close = new fake.FakeEvent();
    fakeWindow.emit('close', close);
    assert.equal(close.defaultPrevented, false);
  });
});

describe('web-contents-security.ts', () => {
  installWebContentsSecurity(log);
  const contents = new fake.FakeWebContents();
  fake.app.emit('web-contents-created', new fake.FakeEvent(), contents);
  const navigate = (event: string, url: string, isMainFrame = true) => {
    const e = new fake.FakeEvent({ url, isMainFrame });
    contents.emit(event, e);
    return e.defaultPrevented;
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  test('every navigation (any frame, any URL) and every redirect is cancelled', () => {
    for (const url of ['app://care-home/other.html', 'https://evil.example/', 'file:///etc/passwd']) {
      assert.equal(navigate('will-frame-navigate', url, false), true, url);
      assert.equal(navigate('will-redirect', url), true, url);
      assert.equal(navigate('will-navigate', url), true, url);
    }
    assert.equal(navigate('will-frame-navigate', 'file:///etc/passwd', true), true);
    const webview = new fake.FakeEvent();
    contents.emit('will-attach-webview', webview);
    assert.equal(webview.defaultPrevented, true);
  });

  test('an https link opens in the browser only after the user confirms', async () => {
    fake.dialog.shown.length = 0;
    fake.dialog.nextResponse = 0; // Cancel
    assert.equal(navigate('will-frame-navigate', 'https://www.nhs.uk/', true), true);
    await settle();
    assert.equal(fake.dialog.shown.length, 1);
    assert.equal(fake.dialog.shown[0]!.message, 'Open this link in your web browser?');
    assert.deepEqual(fake.shell.opened, []);

    fake.dialog.nextResponse = 1; // Open in web browser
    assert.deepEqual(contents.windowOpenHandler!({ url: 'https://www.nhs.uk/conditions/' }), { action: 'deny' });
    await settle();
    assert.deepEqual(fake.shell.opened, ['https://www.nhs.uk/conditions/']);
  });

  test('window.open is always denied, and only https from the main frame is ever offered', async () => {
    fake.dialog.shown.length = 0;
    navigate('will-frame-navigate', 'https://www.nhs.uk/', false); // a subframe
    navigate('will-navigate', 'https://www.nhs.uk/'); // the backstop never prompts
    for (const url of ['app://care-home/index.html', 'about:blank', 'http://x.example/', 'file:///c:/windows']) {
      assert.deepEqual(contents.windowOpenHandler!({ url }), { action: 'deny' }, url);
    }
    await settle();
    assert.equal(fake.dialog.shown.length, 0);
  });

  test('the session denies permissions, devices, downloads and network', () => {
    const ses = contents.session;
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal']) {
      ses.permissionRequestHandler!(contents, permission, (ok) => answers.push(ok), {
        requestingUrl: 'app://care-home/index.html',
      });
      answers.push(ses.permissionCheckHandler!(contents, permission, 'app://care-home'));
    }
    assert.deepEqual([...new Set(answers)], [false]);
    assert.equal(ses.devicePermissionHandler!({}), false);
    const download = new fake.FakeEvent();
    ses.emit('will-download', download);
    assert.equal(download.defaultPrevented, true);
    const hid = new fake.FakeEvent();
    let hidAnswer: unknown = 'unanswered';
    ses.emit('select-hid-device', hid, {}, (id?: string) => (hidAnswer = id));
    assert.equal(hid.defaultPrevented, true);
    assert.equal(hidAnswer, undefined, 'cancelled');
    let cancelled: boolean | undefined;
    ses.beforeRequest!.listener({ url: 'https://example.com/x' }, (r) => (cancelled = r.cancel));
    assert.equal(cancelled, true);
    assert.deepEqual(ses.beforeRequest!.filter.urls, ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']);
    assert.equal(ses.spellChecker, false);
  });
});
