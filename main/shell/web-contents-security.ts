/**
 * Deny by default, for every webContents and every session, in one module
 * (Electron security checklist #5, #13, #14, #15). The decisions themselves
 * are the pure functions of policy-decisions.ts; this file only wires them to
 * Electron's events. Log lines name origins, never full URLs: a URL can carry
 * an NHS number.
 */
import { app, BrowserWindow, dialog, shell, type Session, type WebContents } from 'electron';
import {
  decideNavigation,
  externalLinkPrompt,
  externalLinkTarget,
  isPermissionAllowed,
  originOf,
} from './policy-decisions';

type Log = (message: string) => void;

/** Call once, before the first window: every webContents created later is covered. */
export function installWebContentsSecurity(log: Log): void {
  app.on('web-contents-created', (_event, contents) => {
    secureWebContents(contents, log);
    secureSession(contents.session, log);
  });
}

function secureWebContents(contents: WebContents, log: Log): void {
  // The renderer is a single page (hash routes) and never navigates. Electron
  // emits will-frame-navigate first, for every frame including the main one,
  // and skips will-navigate once it is cancelled: so the decision, and the
  // offer of an https link to the system browser, live here.
  contents.on('will-frame-navigate', (event) => {
    event.preventDefault();
    const decision = decideNavigation(event.url, event.isMainFrame);
    if (decision.action === 'offer-external') void offerExternalLink(contents, decision.url, log);
    else log(`[security] blocked navigation to ${originOf(event.url) ?? 'an unreadable URL'}`);
  });
  // Backstop, should a navigation ever reach it (no prompt: it was decided above).
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    log(`[security] blocked redirect to ${originOf(event.url) ?? 'an unreadable URL'}`);
  });
  // window.open and target=_blank never create a window.
  contents.setWindowOpenHandler(({ url }) => {
    const target = externalLinkTarget(url);
    if (target) void offerExternalLink(contents, target, log);
    else log(`[security] blocked a new window for ${originOf(url) ?? 'an unreadable URL'}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('[security] blocked a <webview>');
  });
  // Web Bluetooth would otherwise pick the first device found.
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
}

const securedSessions = new WeakSet<Session>();

/** Permissions, devices, downloads and network for one session (idempotent). */
export function secureSession(ses: Session, log: Log): void {
  if (securedSessions.has(ses)) return;
  securedSessions.add(ses);

  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl);
    if (!allowed)
      log(`[security] denied permission "${permission}" to ${originOf(details.requestingUrl) ?? 'unknown'}`);
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
  ses.setDevicePermissionHandler(() => false);
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  // Patient data must not leave the store as an unmanaged file in Downloads.
  // (An export feature will need its own, audited, save path.)
  ses.on('will-download', (event) => {
    event.preventDefault();
    log('[security] blocked a download');
  });
  // The page needs no network at all: the app's own files come over app://,
  // and remote services (GP Connect, NHSmail) are called from main. CSP says
  // the same (connect-src 'self'); this holds even if a page loses its CSP.
  ses.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (details, callback) => {
      log(`[security] blocked a network request to ${originOf(details.url) ?? 'unknown'}`);
      callback({ cancel: true });
    },
  );
  ses.setSpellCheckerEnabled(false);
}

/** One prompt at a time per page, so a hostile page cannot stack up dialogs. */
const prompting = new WeakSet<WebContents>();

async function offerExternalLink(contents: WebContents, url: string, log: Log): Promise<void> {
  if (prompting.has(contents)) return;
  prompting.add(contents);
  try {
    const prompt = externalLinkPrompt(url);
    const options = {
      type: 'question' as const,
      title: 'Care Home Desktop',
      message: prompt.message,
      detail: prompt.detail,
      buttons: prompt.buttons,
      defaultId: prompt.cancelButton,
      cancelId: prompt.cancelButton,
      noLink: true,
    };
    const owner = BrowserWindow.fromWebContents(contents);
    const { response } = owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options);
    if (response === prompt.openButton) {
      log(`[security] staff opened ${originOf(url) ?? 'a link'} in the web browser`);
      await shell.openExternal(url);
    }
  } catch (error) {
    log(`[security] could not offer an external link: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    prompting.delete(contents);
  }
}
