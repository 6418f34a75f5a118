/**
 * The app's one window. Its webPreferences come from web-preferences.ts
 * (unit-tested); its page is the renderer served by app-protocol.ts.
 * In kiosk mode the window fills the screen and staff cannot close, hide or
 * leave it (KioskLock in policy-decisions.ts decides).
 */
import path from 'node:path';
import { BrowserWindow, powerMonitor } from 'electron';
import { APP_ENTRY_URL, type KioskLock } from './policy-decisions';
import { secureWebPreferences } from './web-preferences';

/** Windows created here; ipc-main.ts accepts messages only from these. */
const appWindows = new WeakSet<BrowserWindow>();

export function isAppWindow(window: BrowserWindow | null): boolean {
  return window !== null && appWindows.has(window);
}

export interface MainWindowOptions {
  /** The app root: app.asar when packaged, the repository when not. */
  readonly appPath: string;
  readonly devTools: boolean;
  readonly kiosk: KioskLock;
  readonly log: (message: string) => void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { kiosk, log } = options;
  const window = new BrowserWindow({
    title: 'Care Home Desktop',
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    show: false, // shown once painted, so staff never see a blank white frame
    backgroundColor: '#f0f4f5', // NHS light grey
    kiosk: kiosk.enabled,
    fullscreen: kiosk.enabled,
    closable: !kiosk.enabled,
    minimizable: !kiosk.enabled,
    webPreferences: secureWebPreferences({
      preloadPath: path.join(options.appPath, 'dist', 'preload', 'preload.js'),
      devTools: options.devTools,
    }),
  });
  appWindows.add(window);

  window.once('ready-to-show', () => window.show());

  // Kiosk: refuse close (Alt+F4, the window manager) unless the app itself is
  // quitting or an administrator has unlocked it.
  window.on('close', (event) => {
    if (!kiosk.mayCloseWindow()) {
      event.preventDefault();
      log('[kiosk] refused to close the window');
    }
  });
  window.webContents.on('before-input-event', (event, input) => {
    if (kiosk.blocksShortcut(input)) event.preventDefault();
  });
  // Shutdown and log-off must still work, or the laptop cannot be turned off.
  window.on('session-end', () => kiosk.appIsQuitting()); // Windows
  powerMonitor.on('shutdown', () => kiosk.appIsQuitting()); // Linux and macOS

  void window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    log(`[window] could not load the app page: ${error instanceof Error ? error.message : String(error)}`);
  });
  return window;
}

/**
 * After an IT administrator's `app.leaveKiosk`: an ordinary, closable window
 * again, for this run of the app (the policy applies again at the next start).
 */
export function leaveKioskWindow(window: BrowserWindow, kiosk: KioskLock): void {
  kiosk.unlockByAdmin();
  window.setKiosk(false);
  window.setFullScreen(false);
  window.setClosable(true);
  window.setMinimizable(true);
}
