/**
 * Pins the app window's webPreferences (main/shell/web-preferences.ts), the
 * settings Electron's security checklist asks for. window.ts uses exactly
 * this function; tests/electron/app.electron.test.ts checks the live window.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secureWebPreferences } from '../../main/shell/web-preferences';

test('isolated, sandboxed, no Node, web security on, no webview, no spellcheck', () => {
  const prefs = secureWebPreferences({ preloadPath: '/app/dist/preload/preload.js', devTools: false });
  assert.deepEqual(prefs, {
    preload: '/app/dist/preload/preload.js',
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: false,
  });
});

test('DevTools only when asked for (main.ts passes !app.isPackaged)', () => {
  assert.equal(secureWebPreferences({ preloadPath: 'p', devTools: true }).devTools, true);
  assert.equal(secureWebPreferences({ preloadPath: 'p', devTools: false }).devTools, false);
});
