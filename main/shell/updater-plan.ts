/**
 * Whether, and where, the app checks for updates: decided from the managed
 * policy alone, with no electron import, so it is unit-tested under Node
 * (tests/shell/updater-plan.test.ts). updater.ts applies the plan to
 * electron-updater.
 */

/** The policy's `updates` section (common/ipc/types.ts EffectivePolicy). */
export interface UpdatePolicy {
  readonly url: string | null;
  readonly channel: string;
}

/** electron-updater's generic provider options (GenericServerOptions). */
export interface GenericFeed {
  readonly provider: 'generic';
  readonly url: string;
  readonly channel: string;
}

export type UpdatePlan =
  | { readonly check: false; readonly reason: string }
  | { readonly check: true; readonly feed: GenericFeed; readonly intervalMs: number };

/** Every four hours: a laptop left on for a week still picks up a fix the same day. */
export const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Becomes part of a file name on the feed (`<channel>-linux.yml`), so keep it plain. */
const CHANNEL_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

export function planUpdates(policy: UpdatePolicy, context: { readonly isPackaged: boolean }): UpdatePlan {
  if (policy.url === null) return { check: false, reason: 'the policy sets no update URL' };
  // An unpackaged (development) app has no app-update.yml and must never update itself.
  if (!context.isPackaged) return { check: false, reason: 'the app is not packaged' };

  let url: URL;
  try {
    url = new URL(policy.url);
  } catch {
    return { check: false, reason: 'the update URL in the policy is not a URL' };
  }
  // latest.yml carries the sha512 of the installer; over plain http anyone on
  // the network could rewrite both. Loopback http is allowed for the IT
  // provider's local staging and for tests: only an administrator can set it.
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  if (!secure) return { check: false, reason: 'the update URL must use https' };
  // Credentials in the URL would end up in logs and caches.
  if (url.username !== '' || url.password !== '') {
    return { check: false, reason: 'the update URL must not contain a user name or password' };
  }
  if (!CHANNEL_PATTERN.test(policy.channel)) {
    return { check: false, reason: 'the update channel in the policy is not a plain lower-case name' };
  }
  return {
    check: true,
    feed: { provider: 'generic', url: url.href, channel: policy.channel },
    intervalMs: CHECK_INTERVAL_MS,
  };
}

/**
 * One line for the technical log: the error code and the first line of the
 * message. electron-updater's messages can embed whole stack traces and yml
 * bodies; those never leave this function.
 */
export function describeUpdaterError(error: unknown): string {
  const code =
    typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
      ? (error as { code: string }).code
      : null;
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = (message.split('\n', 1)[0] ?? '').trim();
  const short = firstLine.length > 300 ? `${firstLine.slice(0, 300)}…` : firstLine;
  return code ? `${code}: ${short}` : short;
}
