/**
 * OAuth 2.0 sign-in for NHSmail: the authorisation code flow with PKCE
 * (RFC 7636), as a desktop ("public") client. This file is the Electron-free
 * part: the sign-in address, the verifier and challenge, the code exchange and
 * refresh. Opening the system browser and catching the redirect is the shell's.
 * Token responses are checked with zod; tokens never appear in errors or logs.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DeadlineExceeded } from './deadline';

export interface OAuthClient {
  readonly clientId: string;
  readonly authoriseUrl: string;
  readonly tokenUrl: string;
  readonly scopes: readonly string[];
}

export interface PendingSignIn {
  readonly url: string;
  readonly state: string;
  readonly codeVerifier: string;
  readonly redirectUri: string;
}

export interface OAuthTokens {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
}

/** Sign-in failed in a way the person can act on: sign in again, or tell IT. */
export class OAuthError extends Error {
  constructor(
    readonly reason: 'sign_in_again' | 'server_problem' | 'state_mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'OAuthError';
  }
}

const TokenResponse = z.object({
  access_token: z.string().min(1).max(20_000),
  refresh_token: z.string().min(1).max(20_000).optional(),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.coerce
    .number()
    .int()
    .min(1)
    .max(366 * 24 * 3600),
});
const ErrorResponse = z.object({ error: z.string().max(200), error_description: z.string().max(2000).optional() });

export function newCodeVerifier(): string {
  // 32 random bytes → 43 base64url characters, the RFC's recommended length.
  return randomBytes(32).toString('base64url');
}

export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export function beginSignIn(client: OAuthClient, redirectUri: string, loginHint?: string): PendingSignIn {
  const codeVerifier = newCodeVerifier();
  const state = randomBytes(16).toString('base64url');
  const url = new URL(client.authoriseUrl);
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', client.scopes.join(' '));
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', codeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  if (loginHint) url.searchParams.set('login_hint', loginHint);
  return { url: url.toString(), state, codeVerifier, redirectUri };
}

/** Reads the redirect the browser came back with; refuses one whose state is not ours (a forged sign-in). */
export function codeFromRedirect(pending: PendingSignIn, redirected: string): string {
  const url = new URL(redirected);
  if (url.searchParams.get('state') !== pending.state) {
    throw new OAuthError('state_mismatch', 'The sign-in page answered for a different sign-in. Please try again.');
  }
  const error = url.searchParams.get('error');
  if (error) throw new OAuthError('sign_in_again', `NHSmail sign-in did not finish (${error.slice(0, 100)}).`);
  const code = url.searchParams.get('code');
  if (!code) throw new OAuthError('sign_in_again', 'NHSmail sign-in did not return a code. Please try again.');
  return code;
}

export function exchangeCode(
  client: OAuthClient,
  pending: PendingSignIn,
  code: string,
  now: () => number = Date.now,
): Promise<OAuthTokens> {
  return tokenRequest(
    client,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: pending.redirectUri,
      code_verifier: pending.codeVerifier,
    },
    now,
  );
}

export async function refreshTokens(
  client: OAuthClient,
  refreshToken: string,
  now: () => number = Date.now,
): Promise<OAuthTokens> {
  const tokens = await tokenRequest(client, { grant_type: 'refresh_token', refresh_token: refreshToken }, now);
  // A server may keep the old refresh token rather than rotating it.
  return tokens.refreshToken ? tokens : { ...tokens, refreshToken };
}

const TOKEN_DEADLINE_MS = 20_000;

async function tokenRequest(
  client: OAuthClient,
  form: Record<string, string>,
  now: () => number,
): Promise<OAuthTokens> {
  let response: Response;
  try {
    response = await fetch(client.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ client_id: client.clientId, scope: client.scopes.join(' '), ...form }),
      signal: AbortSignal.timeout(TOKEN_DEADLINE_MS),
      redirect: 'error',
    });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') throw new DeadlineExceeded('NHSmail sign-in', TOKEN_DEADLINE_MS);
    throw new OAuthError(
      'server_problem',
      'The NHSmail sign-in service could not be reached. Check the internet connection.',
    );
  }
  const text = (await response.text()).slice(0, 100_000);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new OAuthError(
      'server_problem',
      `The NHSmail sign-in service gave an unreadable answer (HTTP ${response.status}).`,
    );
  }
  if (!response.ok) {
    const err = ErrorResponse.safeParse(json);
    if (err.success && (err.data.error === 'invalid_grant' || err.data.error === 'interaction_required')) {
      throw new OAuthError('sign_in_again', 'Your NHSmail sign-in has expired. Please sign in again.');
    }
    throw new OAuthError(
      'server_problem',
      `The NHSmail sign-in service refused the request (${err.success ? err.data.error : `HTTP ${response.status}`}).`,
    );
  }
  const parsed = TokenResponse.safeParse(json);
  if (!parsed.success) {
    throw new OAuthError('server_problem', 'The NHSmail sign-in service answered with something that is not a token.');
  }
  return {
    accessToken: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token ?? null,
    expiresAt: now() + parsed.data.expires_in * 1000,
  };
}
