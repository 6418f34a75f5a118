/**
 * Auto-update through electron-updater's generic provider, pointed at the URL
 * and channel of the managed policy (the `publish` URL baked into
 * app-update.yml is a placeholder that is never contacted: see
 * electron-builder.yml).
 *
 * Every download is checked against the sha512 in the signed-off feed file
 * before it is kept; on Windows the installer's Authenticode signature must
 * also match the publisher in app-update.yml. Updates install when the app
 * quits. Failures go to the technical log as one line, never to the screen.
 *
 * No electron import here: electron-updater brings its own, and tests pass a
 * fresh updater instance under a stubbed electron (tests/shell/updater.test.ts).
 */
import { autoUpdater, type AppUpdater, type Logger } from 'electron-updater';
import { describeUpdaterError, planUpdates, type UpdatePolicy } from './updater-plan';

export type UpdateOutcome =
  | { readonly state: 'disabled'; readonly reason: string }
  | { readonly state: 'inactive' } // electron-updater declined (e.g. not packaged)
  | { readonly state: 'up-to-date'; readonly latest: string }
  | { readonly state: 'downloaded'; readonly version: string }
  | { readonly state: 'failed'; readonly error: string };

export interface AutoUpdaterHandle {
  /** One check (and download, if there is something newer); never rejects. */
  checkNow(): Promise<UpdateOutcome>;
  stop(): void;
}

export interface AutoUpdaterOptions {
  readonly isPackaged: boolean;
  readonly log: (message: string) => void;
  /** The updater to drive; electron-updater's platform singleton by default. */
  readonly updater?: AppUpdater;
  /** Set false to skip the periodic timer (tests call checkNow themselves). */
  readonly schedule?: boolean;
}

export function startAutoUpdater(policy: UpdatePolicy, options: AutoUpdaterOptions): AutoUpdaterHandle {
  const { log } = options;
  const plan = planUpdates(policy, { isPackaged: options.isPackaged });
  if (!plan.check) {
    log(`[updater] no update checks: ${plan.reason}`);
    const outcome: UpdateOutcome = { state: 'disabled', reason: plan.reason };
    return { checkNow: async () => outcome, stop: () => {} };
  }

  // `autoUpdater` is a lazy getter: the platform's updater (NSIS, AppImage, deb…)
  // is only created here, when updates are actually on.
  const updater: AppUpdater = options.updater ?? autoUpdater;
  updater.logger = oneLineLogger(log);
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  // Never go backwards, never take pre-releases, never fetch a web installer:
  // only the full, hashed package named in the feed file.
  updater.allowDowngrade = false;
  updater.allowPrerelease = false;
  updater.disableWebInstaller = true;
  updater.forceDevUpdateConfig = false;
  // The channel goes in the provider options, not `updater.channel`, whose
  // setter also switches allowDowngrade on.
  updater.setFeedURL(plan.feed);

  updater.on('error', (error: unknown) => log(`[updater] ${describeUpdaterError(error)}`));
  updater.on('update-available', (info: { version: string }) => log(`[updater] downloading version ${info.version}`));
  updater.on('update-downloaded', (info: { version: string }) =>
    log(`[updater] version ${info.version} downloaded and verified; it installs when the app quits`),
  );

  let inFlight: Promise<UpdateOutcome> | null = null;
  const checkNow = (): Promise<UpdateOutcome> => {
    inFlight ??= runCheck(updater).finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  let timer: NodeJS.Timeout | null = null;
  if (options.schedule !== false) {
    void checkNow();
    timer = setInterval(() => void checkNow(), plan.intervalMs);
    timer.unref();
  }
  return {
    checkNow,
    stop: () => {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

async function runCheck(updater: AppUpdater): Promise<UpdateOutcome> {
  try {
    const result = await updater.checkForUpdates();
    if (!result) return { state: 'inactive' };
    if (!result.isUpdateAvailable) return { state: 'up-to-date', latest: result.updateInfo.version };
    await result.downloadPromise;
    return { state: 'downloaded', version: result.updateInfo.version };
  } catch (error) {
    // Already logged by the 'error' listener; returned for the caller.
    return { state: 'failed', error: describeUpdaterError(error) };
  }
}

/** electron-updater's own messages, one line each (its errors embed stack traces). */
function oneLineLogger(log: (message: string) => void): Logger {
  const line = (level: string) => (message?: unknown) =>
    log(`[updater] ${level}${describeUpdaterError(message instanceof Error ? message : String(message))}`);
  return { info: line(''), warn: line('warning: '), error: line('error: '), debug: () => {} };
}
