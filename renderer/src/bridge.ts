/**
 * The only way the page talks to the rest of the app: `window.careHome`,
 * put there by the preload (Electron) or the bridge script (browser test host).
 * Its shape comes from the IPC contract in common/ipc; nothing here knows how
 * requests travel.
 */
import type { CareHomeApi } from '../../common/ipc/client';

declare global {
  interface Window {
    careHome: CareHomeApi;
  }
}

/** True when the preload or the test host's bridge has given the page its API. */
export function bridgePresent(): boolean {
  return typeof window.careHome === 'object' && window.careHome !== null;
}

/**
 * `window.careHome`, read when each call is made rather than when this module
 * loads, so the page never holds on to a stale or missing bridge.
 */
export const careHome: CareHomeApi = new Proxy({} as CareHomeApi, {
  get(_target, domain: string | symbol) {
    return (window.careHome as unknown as Record<string | symbol, unknown>)[domain];
  },
});
