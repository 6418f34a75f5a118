/**
 * The Content-Security-Policy of every page the app serves, in the app
 * (app:// through protocol.handle) and in the browser test host alike:
 * only the app's own scripts and styles, nothing remote, no inline script,
 * no plugins, no framing. `connectSrc` adds what the page may talk to
 * (nothing in the app; the host's loopback WebSocket in the browser test host).
 */
export function contentSecurityPolicy(connectSrc: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${connectSrc.map((s) => ` ${s}`).join('')}`,
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
  ].join('; ');
}
