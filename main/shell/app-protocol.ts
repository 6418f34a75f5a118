/**
 * The handler behind `protocol.handle('app', …)`: serves the built renderer
 * (dist/renderer, inside app.asar when packaged) as app://care-home/…,
 * instead of file:// (Electron security checklist #18).
 *
 * Electron-free on purpose (Node's fs reads inside the asar in Electron, and
 * Request/Response are globals in both), so tests/shell/app-protocol.test.ts
 * runs the real handler under Node, path traversal attempts included.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { contentSecurityPolicy } from '../../common/security/csp';
import { APP_HOST, APP_SCHEME } from './policy-decisions';

/** What the renderer build contains. Anything else is refused rather than guessed (nosniff). */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export type AppRequestDecision =
  | { readonly ok: true; readonly file: string; readonly contentType: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404 | 405 };

/**
 * Maps a request to a file under `rootDir`, or to the refusal. Pure: no I/O.
 * Paths without an extension get index.html, so a reload of a client-side
 * route still finds the app.
 */
export function resolveAppRequest(rootDir: string, method: string, url: string): AppRequestDecision {
  if (method !== 'GET') return { ok: false, status: 405 };
  let parsed: URL;
  let relative: string;
  try {
    parsed = new URL(url);
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return { ok: false, status: 404 };
  // A decoded backslash or NUL has no business in a URL path; on Windows a
  // backslash is a separator, so `..\` would otherwise step out of the root.
  if (relative.includes('\\') || relative.includes('\0')) return { ok: false, status: 400 };
  if (relative === '/' || path.posix.extname(relative) === '') relative = '/index.html';

  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${relative}`);
  // `%2e%2e%2f` survives URL normalisation and decodes to `../`: the resolved
  // path must still be inside the renderer folder.
  if (!file.startsWith(root + path.sep)) return { ok: false, status: 403 };
  const contentType = MIME_TYPES[path.extname(file).toLowerCase()];
  if (!contentType) return { ok: false, status: 403 };
  return { ok: true, file, contentType };
}

/** Headers on every response, errors included. */
function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

function errorResponse(status: number): Response {
  const headers = securityHeaders('text/plain; charset=utf-8');
  if (status === 405) headers['Allow'] = 'GET';
  return new Response(`${status}`, { status, headers });
}

export function createAppProtocolHandler(
  rootDir: string,
  log: (message: string) => void = () => {},
): (request: Request) => Promise<Response> {
  return async (request) => {
    const decision = resolveAppRequest(rootDir, request.method, request.url);
    if (!decision.ok) {
      log(`[app-protocol] ${decision.status} for ${request.method} ${truncate(request.url)}`);
      return errorResponse(decision.status);
    }
    try {
      const body = await readFile(decision.file);
      return new Response(body, { status: 200, headers: securityHeaders(decision.contentType) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') {
        log(`[app-protocol] cannot read ${decision.file}: ${code ?? String(error)}`);
      }
      return errorResponse(404);
    }
  };
}

/** For the log: no query string or fragment (they could carry identifiers), and not too long. */
function truncate(url: string): string {
  const bare = url.split(/[?#]/, 1)[0] ?? '';
  return bare.length > 200 ? `${bare.slice(0, 200)}…` : bare;
}
