/**
 * A tiny OAuth 2.0 token introspection endpoint (RFC 7662 shape) for Dovecot's
 * oauth2 passdb, and a token endpoint (authorisation code with PKCE, refresh)
 * for the app's sign-in logic: the loopback stand-in for NHSmail's identity
 * provider. Tokens are random strings the test mints; anything else is
 * inactive, so a bad or revoked token fails exactly as a real one would.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IdentityProvider {
  readonly introspectionUrl: string;
  readonly tokenUrl: string;
  readonly authoriseUrl: string;
  /** A fresh access token that logs `username` in. */
  mintAccessToken(username: string): string;
  revoke(token: string): void;
  /** An authorisation code as the browser hand-off would return it, bound to a PKCE challenge. */
  issueCode(username: string, codeChallenge: string, redirectUri: string): string;
  /** How many token requests were answered, by grant type. */
  readonly tokenRequests: Record<string, number>;
  close(): Promise<void>;
}

export async function startIdentityProvider(clientId = 'care-home-desktop'): Promise<IdentityProvider> {
  const access = new Map<string, string>();
  const refresh = new Map<string, string>();
  const codes = new Map<string, { username: string; challenge: string; redirectUri: string }>();
  const tokenRequests: Record<string, number> = {};
  const token = () => randomBytes(24).toString('base64url');
  const mint = (username: string) => {
    const t = token();
    access.set(t, username);
    return t;
  };

  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (req.method === 'POST' && req.url === '/introspect') {
        const username = access.get(form.get('token') ?? '');
        return send(200, username ? { active: true, username } : { active: false });
      }
      if (req.method === 'POST' && req.url === '/token') {
        const grant = form.get('grant_type') ?? '';
        tokenRequests[grant] = (tokenRequests[grant] ?? 0) + 1;
        if (form.get('client_id') !== clientId) return send(401, { error: 'invalid_client' });
        let username: string | undefined;
        if (grant === 'authorization_code') {
          const entry = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          const verifier = form.get('code_verifier') ?? '';
          const challenge = createHash('sha256').update(verifier).digest('base64url');
          if (!entry || entry.challenge !== challenge || entry.redirectUri !== form.get('redirect_uri')) {
            return send(400, { error: 'invalid_grant', error_description: 'The code or verifier is wrong.' });
          }
          username = entry.username;
        } else if (grant === 'refresh_token') {
          const old = form.get('refresh_token') ?? '';
          username = refresh.get(old);
          refresh.delete(old);
          if (!username) return send(400, { error: 'invalid_grant', error_description: 'Refresh token revoked.' });
        } else {
          return send(400, { error: 'unsupported_grant_type' });
        }
        const r = token();
        refresh.set(r, username);
        return send(200, { access_token: mint(username), refresh_token: r, token_type: 'Bearer', expires_in: 3600 });
      }
      send(404, { error: 'not_found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    introspectionUrl: `${base}/introspect`,
    tokenUrl: `${base}/token`,
    authoriseUrl: `${base}/authorize`,
    mintAccessToken: mint,
    revoke: (t) => {
      access.delete(t);
      refresh.delete(t);
    },
    issueCode: (username, challenge, redirectUri) => {
      const code = token();
      codes.set(code, { username, challenge, redirectUri });
      return code;
    },
    tokenRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
