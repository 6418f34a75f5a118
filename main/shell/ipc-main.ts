/**
 * The ONE place that touches `ipcMain` (VS Code's validatedIpcMain pattern).
 * Nothing else in the app may import it: tests/shell/boundaries.test.ts fails
 * if anything does.
 *
 * A single invoke channel carries `(channel, request)` for every verb of the
 * contract. Before anything reaches the core, the sender must be the main
 * frame of a window this app created, showing app://care-home; the core then
 * checks the channel, the session's rights and the request's schema.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { isChannelName } from '../../common/ipc/contract';
import type { Result } from '../../common/ipc/result';
import type { CareHomeCore } from '../core/care-home-core';
import type { StaffSession } from '../services/auth/staff-session';
import { senderRefusal, type SenderFacts } from './policy-decisions';
import { isAppWindow } from './window';

/** Must match preload/preload.ts (checked by tests/shell/boundaries.test.ts). */
export const INVOKE_CHANNEL = 'care-home:invoke';

const BAD_SENDER: Result<never> = {
  ok: false,
  error: { code: 'bad_sender', message: 'Refused: this request did not come from the Care Home Desktop window.' },
};
const INTERNAL: Result<never> = {
  ok: false,
  error: {
    code: 'internal',
    message:
      'Something went wrong inside Care Home Desktop. Try again, and tell your IT provider if it keeps happening.',
  },
};

export function registerCareHomeIpc(
  core: Pick<CareHomeCore, 'openSession' | 'dispatch'>,
  log: (message: string) => void,
): void {
  // One StaffSession per page. It ends with the page: a crashed or closed
  // renderer signs its staff member out.
  const sessions = new Map<WebContents, StaffSession>();
  const sessionFor = (contents: WebContents): StaffSession => {
    let session = sessions.get(contents);
    if (!session) {
      session = core.openSession();
      sessions.set(contents, session);
      const drop = (): void => void sessions.delete(contents);
      contents.once('destroyed', drop);
      contents.once('render-process-gone', drop);
    }
    return session;
  };

  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, channel: unknown, request: unknown) => {
    const refusal = senderRefusal(senderFacts(event));
    if (refusal) {
      log(`[ipc] bad sender for ${isChannelName(channel) ? channel : 'an unknown channel'}: ${refusal}`);
      return BAD_SENDER;
    }
    try {
      return await core.dispatch(sessionFor(event.sender), channel, request);
    } catch (error) {
      // The dispatcher returns Results; this is a fault in it. Never let an
      // Error (and its stack) travel to the renderer.
      log(`[ipc] dispatch failed: ${error instanceof Error ? error.message : String(error)}`);
      return INTERNAL;
    }
  });
}

function senderFacts(event: IpcMainInvokeEvent): SenderFacts {
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed() || frame.detached) {
    return { frameUrl: null, frameOrigin: null, isMainFrame: false, fromAppWindow: false };
  }
  const main = event.sender.mainFrame;
  return {
    frameUrl: frame.url,
    frameOrigin: frame.origin,
    isMainFrame: frame.parent === null && frame.frameTreeNodeId === main.frameTreeNodeId,
    fromAppWindow: isAppWindow(BrowserWindow.fromWebContents(event.sender)),
  };
}
