/**
 * The shell's security decisions, as pure functions with NO electron import,
 * so that each one is unit-tested under plain Node
 * (tests/shell/policy-decisions.test.ts). The Electron wiring in
 * web-contents-security.ts, ipc-main.ts and main.ts only asks these functions
 * and acts on the answer; every answer not listed here is "no".
 */

/** The privileged scheme the renderer is served from (see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'care-home';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * The origin of a URL as Chromium would write it. Node's URL reports `null`
 * as the origin of any non-web scheme, so the app scheme is handled by hand.
 */
export function originOf(url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed) return null;
  if (parsed.protocol === `${APP_SCHEME}:`) return `${APP_SCHEME}://${parsed.host}`;
  return parsed.origin === 'null' ? null : parsed.origin;
}

/** True only for pages of the app itself: app://care-home/…, with no user, password or port. */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

// ---------------------------------------------------------------------------
// Links and navigation

const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * If `url` is a link we may offer to open in the system browser, its
 * normalised form; otherwise null. Only https, only a real host name, and
 * never with credentials in it (`https://nhs.uk@evil.example` is refused, as it
 * reads as nhs.uk to a hurried reader).
 */
export function externalLinkTarget(url: string): string | null {
  if (url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '' || parsed.hostname === '') return null;
  return parsed.href;
}

export type NavigationDecision =
  { readonly action: 'deny' } | { readonly action: 'offer-external'; readonly url: string };

/**
 * What to do when the page tries to navigate (a link without target, or
 * `location.href = …`). The renderer is a single page: it never needs to leave
 * index.html, so every navigation is cancelled; an https link in the main
 * frame is offered to the system browser instead, after the user confirms.
 */
export function decideNavigation(url: string, isMainFrame: boolean): NavigationDecision {
  const target = isMainFrame ? externalLinkTarget(url) : null;
  return target ? { action: 'offer-external', url: target } : { action: 'deny' };
}

/** The confirmation shown before anything leaves the app for the web browser. */
export function externalLinkPrompt(url: string): {
  message: string;
  detail: string;
  buttons: string[];
  openButton: number;
  cancelButton: number;
} {
  const host = parseUrl(url)?.hostname ?? url;
  return {
    message: 'Open this link in your web browser?',
    detail: `The link goes to ${host}, outside Care Home Desktop. Only continue if you expected this.\n\n${url}`,
    buttons: ['Cancel', 'Open in web browser'],
    openButton: 1,
    cancelButton: 0,
  };
}

// ---------------------------------------------------------------------------
// Permissions

export interface PermissionGrant {
  /** Exact origin, e.g. `app://care-home` or `https://call.example.nhs.uk`. */
  readonly origin: string;
  readonly permissions: readonly GrantablePermission[];
}

/** The only permissions an allow-list entry can ever grant. */
export type GrantablePermission = 'media';
const GRANTABLE: ReadonlySet<string> = new Set<GrantablePermission>(['media']);

/**
 * Allow-list hook for the triage-call screen (camera and microphone), which is
 * not built yet: it will add `{ origin: APP_ORIGIN, permissions: ['media'] }`.
 * Empty, so today every permission is denied to every page.
 */
export const MEDIA_PERMISSION_ALLOW_LIST: readonly PermissionGrant[] = [];

/**
 * Whether a page at `requestingUrlOrOrigin` may have `permission`. Deny by
 * default: notifications, geolocation, clipboard, HID/USB/serial, fullscreen
 * (kiosk mode is the window's, not the page's)… are never granted.
 */
export function isPermissionAllowed(
  permission: string,
  requestingUrlOrOrigin: string | null | undefined,
  allowList: readonly PermissionGrant[] = MEDIA_PERMISSION_ALLOW_LIST,
): boolean {
  if (!GRANTABLE.has(permission) || !requestingUrlOrOrigin) return false;
  const origin = originOf(requestingUrlOrOrigin);
  if (!origin) return false;
  return allowList.some(
    (grant) => grant.origin === origin && (grant.permissions as readonly string[]).includes(permission),
  );
}

// ---------------------------------------------------------------------------
// IPC sender

export interface SenderFacts {
  /** The sending frame's URL, or null when the frame is gone (navigated or destroyed). */
  readonly frameUrl: string | null;
  /** Chromium's own serialisation of the frame's origin (`WebFrameMain.origin`). */
  readonly frameOrigin: string | null;
  /** The frame is the top frame of its webContents. */
  readonly isMainFrame: boolean;
  /** The webContents belongs to a window the app created (window.ts). */
  readonly fromAppWindow: boolean;
}

/**
 * Why an IPC message must be refused, or null when the sender is the app's
 * own page: the main frame of one of the app's windows, at app://care-home.
 * (The VS Code `validatedIpcMain` check, as a pure function.)
 */
export function senderRefusal(facts: SenderFacts): string | null {
  if (facts.frameUrl === null) return 'the sending frame no longer exists';
  if (!facts.fromAppWindow) return 'not a window of this app';
  if (!facts.isMainFrame) return 'not the main frame';
  if (!isAppUrl(facts.frameUrl) || facts.frameOrigin !== APP_ORIGIN) {
    return `wrong origin ${originOf(facts.frameUrl) ?? 'unknown'}`;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Kiosk

/** The parts of Electron's `Input` (before-input-event) the kiosk looks at. */
export interface KeyInput {
  readonly key: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
}

/**
 * Key combinations that would close, quit, hide, reload, leave full screen or
 * open DevTools. Combinations the operating system keeps for itself
 * (Ctrl+Alt+Del, the Windows key, Alt+Tab) never reach the app: locking those
 * is the job of Windows Assigned Access / a kiosk session (docs/SECURITY-shell.md).
 */
export function isKioskEscapeShortcut(input: KeyInput): boolean {
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const command = input.control || input.meta;
  if (key === 'F4') return input.alt || command; // close window / close tab
  if (key === 'F5' || key === 'F11' || key === 'F12') return true; // reload, full screen, DevTools
  if (command && ['w', 'q', 'r', 'h', 'm'].includes(key)) return true;
  if (command && input.shift && ['i', 'j', 'c'].includes(key)) return true;
  return false;
}

/**
 * Whether the kiosk window may close. In kiosk mode only the app itself
 * quitting (operating-system shutdown or log-off, a signal) or an IT
 * administrator's unlock lets the window go; staff closing it is refused.
 */
export class KioskLock {
  #appQuitting = false;
  #unlockedByAdmin = false;

  constructor(readonly enabled: boolean) {}

  /** The app is quitting for a reason that is not a staff member's: shutdown, log-off, a signal. */
  appIsQuitting(): void {
    this.#appQuitting = true;
  }

  /**
   * An IT administrator used `app.leaveKiosk` (main.ts → window.ts
   * leaveKioskWindow): for this run the window may close and shortcuts work.
   */
  unlockByAdmin(): void {
    this.#unlockedByAdmin = true;
  }

  get locked(): boolean {
    return this.enabled && !this.#unlockedByAdmin;
  }

  mayCloseWindow(): boolean {
    return !this.locked || this.#appQuitting;
  }

  blocksShortcut(input: KeyInput): boolean {
    return this.locked && isKioskEscapeShortcut(input);
  }
}
