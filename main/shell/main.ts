/**
 * Electron entry point (bundled to dist/main/shell.js). The shell is thin on
 * purpose: it sets Electron up safely, starts the Electron-free core
 * (main/core), and connects the two through ipc-main.ts. Order matters:
 * sandbox, scheme and web-contents hooks are registered before `ready`.
 */
import path from 'node:path';
import { app, dialog, Menu, protocol, session, type BrowserWindow } from 'electron';
import { startCareHomeCore, type CareHomeCore, type DesktopControls } from '../core/care-home-core';
import { machinePolicyPath } from '../services/policy/policy-location';
import { createKeytarVault } from '../services/vault/keytar-vault';
import { VaultUnavailableError, type Vault } from '../services/vault/vault';
import { createAppProtocolHandler } from './app-protocol';
import { registerCareHomeIpc } from './ipc-main';
import { APP_SCHEME, KioskLock } from './policy-decisions';
import { startAutoUpdater } from './updater';
import { installWebContentsSecurity, secureSession } from './web-contents-security';
import { createMainWindow, leaveKioskWindow } from './window';

const APP_ID = 'uk.nhs.carehomedesktop'; // = appId in electron-builder.yml

/** Technical log (stderr). Callers never pass patient data or secrets. */
function log(message: string): void {
  console.error(`${new Date().toISOString()} ${message}`);
}

// Every renderer sandboxed, whatever a BrowserWindow says.
app.enableSandbox();

// app:// behaves like https: a real origin for CSP 'self', fetch(), secure context.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;
let core: CareHomeCore | null = null;
let kiosk: KioskLock | null = null;

/** What only the desktop window can do, called by the core (`app.leaveKiosk`, IT administrators only). */
const desktop: DesktopControls = {
  leaveKiosk() {
    if (!kiosk?.locked || !mainWindow) return;
    leaveKioskWindow(mainWindow, kiosk);
    log('[kiosk] left kiosk mode for this run, at the request of an IT administrator');
  },
};

// One instance only: two would share one database file and one kiosk screen.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  installWebContentsSecurity(log);
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => core?.close());
  app.whenReady().then(start).catch(fatal);
}

async function start(): Promise<void> {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  // No menu: no accelerators for reload, DevTools, zoom or quit.
  Menu.setApplicationMenu(null);
  secureSession(session.defaultSession, log);

  const appPath = app.getAppPath(); // app.asar when packaged
  protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(appPath, 'dist', 'renderer'), log));

  core = await startCareHomeCore({
    dataDir: app.getPath('userData'),
    vault: openVault(),
    policyPath: machinePolicyPath(),
    log,
    desktop,
  });

  // Kiosk: staff cannot close or leave the window; only the OS ending the
  // session, or an IT administrator (`app.leaveKiosk`, see `desktop`), can.
  const lock = new KioskLock(core.policy.effective.kiosk);
  kiosk = lock;
  app.on('before-quit', () => lock.appIsQuitting()); // staff have no way to quit; the OS or a signal does

  registerCareHomeIpc(core, log);
  mainWindow = createMainWindow({ appPath, devTools: !app.isPackaged, kiosk: lock, log });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });

  startAutoUpdater(core.policy.effective.updates, { isPackaged: app.isPackaged, log });
}

/**
 * keytar is a native module: if it failed to load, the core still starts and
 * shows an administrator the "keychain unavailable" screen, instead of the
 * app crashing. There is no plaintext fallback.
 */
function openVault(): Vault {
  try {
    return createKeytarVault();
  } catch (error) {
    const failure =
      error instanceof VaultUnavailableError
        ? error
        : new VaultUnavailableError(error instanceof Error ? error.message : String(error));
    log(`[vault] ${failure.message}`);
    const refuse = (): Promise<never> => Promise.reject(failure);
    return { get: refuse, set: refuse, delete: refuse };
  }
}

function fatal(error: unknown): void {
  log(`[shell] could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  dialog.showErrorBox(
    'Care Home Desktop could not start',
    'Nothing has been lost. Restart the laptop and try again. If this keeps happening, tell your IT provider.',
  );
  app.exit(1);
}
