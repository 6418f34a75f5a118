/**
 * The browser test host: serves the built renderer to an ordinary browser and
 * carries the renderer's requests to the very same dispatcher as the Electron
 * app, over a WebSocket on 127.0.0.1. Only the transport differs from the app:
 * - each page gets the bridge script (dist/browser-host/bridge.js) in place of
 *   the preload; it exposes `window.careHome` with the preload's exact shape;
 * - a WebSocket connection is one window: it gets its own staff session;
 * - a connection must carry this run's random token and come from this host's
 *   own origin, so no other web page or local user can drive the app.
 * The pages get the app's Content-Security-Policy, plus this WebSocket in connect-src.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { contentSecurityPolicy } from '../../common/security/csp';
import type { CareHomeCore } from '../core/care-home-core';
import { HOST_BRIDGE_PATH as BRIDGE_PATH, HOST_SOCKET_PATH as SOCKET_PATH } from '../../common/ipc/host-protocol';

export interface BrowserHostOptions {
  readonly core: CareHomeCore;
  /** The Vite build of the renderer: dist/renderer. */
  readonly rendererDir: string;
  /** The bundled bridge script: dist/browser-host/bridge.js. */
  readonly bridgeScript: string;
  readonly port?: number;
}

export interface BrowserHost {
  /** The address to open, with this run's token in the fragment (never sent to the server in HTTP requests). */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 1024 * 1024;

/** One request from the page's bridge; the dispatcher then checks the channel and the request itself. */
export const HostRequest = z
  .object({ id: z.number().int().nonnegative(), channel: z.string().max(100), request: z.unknown() })
  .strict();
type HostRequest = z.infer<typeof HostRequest>;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
  '.map': 'application/json',
};

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const csp = contentSecurityPolicy([`ws://127.0.0.1:${port}`]);

  server.on('request', (req, res) => {
    const headers = {
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    };
    if (req.method !== 'GET') return void res.writeHead(405, headers).end();
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === BRIDGE_PATH) return sendFile(res, options.bridgeScript, headers);
    const file = resolveInside(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file) return void res.writeHead(404, headers).end();
    if (file.endsWith('index.html')) return sendIndex(res, file, headers);
    sendFile(res, file, headers);
  });

  const sockets = new WebSocketServer({
    server,
    path: SOCKET_PATH,
    maxPayload: MAX_MESSAGE_BYTES,
    verifyClient: ({ origin: from, req }: { origin: string; req: http.IncomingMessage }) =>
      from === origin && tokenMatches(new URL(req.url ?? '', origin).searchParams.get('token'), token),
  });
  sockets.on('connection', (socket) => serveWindow(socket, options.core));

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One connection is one app window: its own session, requests answered in the order they finish. */
function serveWindow(socket: WebSocket, core: CareHomeCore): void {
  const session = core.openSession();
  // ws reports an oversized or malformed frame as an error on this socket and
  // closes it; without a listener that error would end the whole host.
  socket.on('error', () => socket.terminate());
  socket.on('message', async (data, isBinary) => {
    if (isBinary) return socket.close(1003, 'Text messages only');
    let message: HostRequest;
    try {
      message = HostRequest.parse(JSON.parse(data.toString()));
    } catch {
      return socket.close(1007, 'Not a request');
    }
    const result = await core.dispatch(session, message.channel, message.request);
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id: message.id, result }));
  });
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The file under `root` that a URL path names, or null for anything outside it. */
function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return null;
  return file;
}

function sendFile(res: http.ServerResponse, file: string, headers: Record<string, string>): void {
  const type = MIME[path.extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { ...headers, 'Content-Type': type });
  fs.createReadStream(file).pipe(res);
}

/** The renderer's own index.html, with the bridge script placed before the app's scripts. */
function sendIndex(res: http.ServerResponse, file: string, headers: Record<string, string>): void {
  const html = fs.readFileSync(file, 'utf8');
  const tag = `<script src="${BRIDGE_PATH}"></script>`;
  const withBridge = html.includes('<script')
    ? html.replace('<script', `${tag}\n    <script`)
    : html.replace('</head>', `${tag}</head>`);
  res.writeHead(200, { ...headers, 'Content-Type': MIME['.html']! });
  res.end(withBridge);
}
