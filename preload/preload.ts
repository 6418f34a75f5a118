/**
 * The sandboxed preload (bundled to one self-contained file,
 * dist/preload/preload.js). It exposes exactly one object, `window.careHome`:
 * the contract's verbs grouped by domain (`careHome.auth.login(…)`), each
 * carried over the one invoke channel that main/shell/ipc-main.ts checks.
 * No ipcRenderer, no generic send/on, no event objects reach the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createCareHomeApi } from '../common/ipc/client';
import type { Result } from '../common/ipc/result';

/** Must match INVOKE_CHANNEL in main/shell/ipc-main.ts (checked by tests/shell/boundaries.test.ts). */
const INVOKE_CHANNEL = 'care-home:invoke';

const UNREACHABLE: Result<never> = {
  ok: false,
  error: {
    code: 'internal',
    message: 'Care Home Desktop could not complete that. Try again, and tell your IT provider if it keeps happening.',
  },
};

contextBridge.exposeInMainWorld(
  'careHome',
  createCareHomeApi((channel, request) =>
    // main answers every call with a Result; a rejected invoke (main not ready,
    // window closing) becomes one too, so the page never sees an Error.
    (ipcRenderer.invoke(INVOKE_CHANNEL, channel, request) as Promise<Result<unknown>>).catch(() => UNREACHABLE),
  ),
);
