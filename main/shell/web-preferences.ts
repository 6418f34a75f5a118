/**
 * The webPreferences of every app window, in one place so that a unit test
 * can pin them (tests/shell/web-preferences.test.ts). Only a *type* is taken
 * from electron, which is erased at build time: this file runs under Node.
 */
import type { WebPreferences } from 'electron';

export function secureWebPreferences(options: { preloadPath: string; devTools: boolean }): WebPreferences {
  return {
    preload: options.preloadPath,
    // The page cannot reach Node or Electron: it sees only what the preload
    // exposes through contextBridge (window.careHome).
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // Chromium's spellchecker downloads dictionaries from Google and sends typed
    // words to the renderer's dictionary service: off for patient notes.
    spellcheck: false,
    // Dropping a file on the window must not navigate to file://.
    navigateOnDragDrop: false,
    // A page cannot flood staff with alert() boxes.
    safeDialogs: true,
    devTools: options.devTools,
  };
}
