/**
 * The browser test host's stand-in for the preload: gives the page
 * `window.careHome` with exactly the preload's shape (both are built by
 * createCareHomeApi from the one contract), carried over a WebSocket to the
 * host instead of Electron IPC. Loaded as a classic script before the app's
 * own, so `window.careHome` exists when the app starts.
 */
import { createCareHomeApi, type CareHomeApi } from '../../common/ipc/client';
import { HOST_SOCKET_PATH } from '../../common/ipc/host-protocol';
import type { Result } from '../../common/ipc/result';

declare global {
  interface Window {
    careHome: CareHomeApi;
  }
}

const TOKEN_KEY = 'care-home-host-token';

function takeToken(): string {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment) {
    sessionStorage.setItem(TOKEN_KEY, fromFragment);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return fromFragment ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const lost: Result<never> = {
  ok: false,
  error: { code: 'internal', message: 'The connection to Care Home Desktop was lost. Reload the page to carry on.' },
};

const socket = new WebSocket(`ws://${location.host}${HOST_SOCKET_PATH}?token=${encodeURIComponent(takeToken())}`);
const opened = new Promise<boolean>((resolve) => {
  socket.addEventListener('open', () => resolve(true));
  socket.addEventListener('close', () => resolve(false));
});
const waiting = new Map<number, (result: Result<unknown>) => void>();
let nextId = 0;

socket.addEventListener('message', (event) => {
  const { id, result } = JSON.parse(String(event.data)) as { id: number; result: Result<unknown> };
  waiting.get(id)?.(result);
  waiting.delete(id);
});
socket.addEventListener('close', () => {
  for (const resolve of waiting.values()) resolve(lost);
  waiting.clear();
});

window.careHome = createCareHomeApi(async (channel, request) => {
  if (!(await opened) || socket.readyState !== WebSocket.OPEN) return lost;
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    socket.send(JSON.stringify({ id, channel, request }));
  });
});
