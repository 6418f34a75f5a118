/**
 * OAuth 2.0 authorisation code with PKCE, against a loopback token endpoint
 * (tests/mail/servers/oauth-introspection.ts), and the vault keeping the tokens.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { MailCredentials, SignInNeeded } from '../../main/services/mail/credentials';
import {
  beginSignIn,
  codeChallenge,
  codeFromRedirect,
  exchangeCode,
  OAuthError,
  refreshTokens,
} from '../../main/services/mail/oauth';
import { testVault } from '../support/test-vault';
import { startIdentityProvider } from './servers/oauth-introspection';

const REDIRECT = 'http://127.0.0.1:53682/callback';

test('sign-in URL carries PKCE S256, state and the scopes; the code exchange returns tokens', async () => {
  const idp = await startIdentityProvider();
  after(() => idp.close());
  const client = {
    clientId: 'care-home-desktop',
    authoriseUrl: idp.authoriseUrl,
    tokenUrl: idp.tokenUrl,
    scopes: ['IMAP', 'offline_access'],
  };
  const pending = beginSignIn(client, REDIRECT, 'home@nhs.net');
  const url = new URL(pending.url);
  assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(url.searchParams.get('code_challenge'), codeChallenge(pending.codeVerifier));
  assert.equal(url.searchParams.get('scope'), 'IMAP offline_access');
  assert.equal(url.searchParams.get('login_hint'), 'home@nhs.net');
  assert.ok(pending.codeVerifier.length >= 43);

  // What the system browser would come back with.
  const code = idp.issueCode('home@nhs.net', url.searchParams.get('code_challenge')!, REDIRECT);
  assert.throws(() => codeFromRedirect(pending, `${REDIRECT}?code=${code}&state=forged`), OAuthError);
  const got = codeFromRedirect(pending, `${REDIRECT}?code=${code}&state=${pending.state}`);
  const tokens = await exchangeCode(client, pending, got);
  assert.ok(tokens.accessToken.length > 10);
  assert.ok(tokens.refreshToken);
  assert.ok(tokens.expiresAt > Date.now());

  // A code is good once; a wrong verifier is refused.
  await assert.rejects(exchangeCode(client, pending, got), (e: OAuthError) => e.reason === 'sign_in_again');
  const other = beginSignIn(client, REDIRECT);
  const code2 = idp.issueCode('home@nhs.net', codeChallenge(other.codeVerifier), REDIRECT);
  await assert.rejects(exchangeCode(client, pending, code2), /sign in again/);

  // Refresh rotates the refresh token; the old one is then refused.
  const refreshed = await refreshTokens(client, tokens.refreshToken);
  assert.notEqual(refreshed.accessToken, tokens.accessToken);
  await assert.rejects(refreshTokens(client, tokens.refreshToken), (e: OAuthError) => e.reason === 'sign_in_again');
});

test('tokens live in the vault; an expired one is refreshed, a revoked one asks for sign-in again', async () => {
  const idp = await startIdentityProvider();
  after(() => idp.close());
  const client = {
    clientId: 'care-home-desktop',
    authoriseUrl: idp.authoriseUrl,
    tokenUrl: idp.tokenUrl,
    scopes: ['IMAP'],
  };
  const vault = testVault();
  let clock = Date.now();
  const credentials = new MailCredentials(vault, () => clock);
  const pending = beginSignIn(client, REDIRECT);
  const code = idp.issueCode('home@nhs.net', codeChallenge(pending.codeVerifier), REDIRECT);
  const tokens = await exchangeCode(client, pending, code, () => clock);
  await credentials.saveTokens('home', tokens);
  assert.match((await vault.get('nhsmail-token:home')) ?? '', /accessToken/);

  const first = await credentials.login('home', 'home@nhs.net', client);
  assert.deepEqual(first, { user: 'home@nhs.net', accessToken: tokens.accessToken });
  clock += 2 * 3600_000; // the hour is up
  const second = await credentials.login('home', 'home@nhs.net', client);
  assert.ok('accessToken' in second && second.accessToken !== tokens.accessToken);
  assert.equal(idp.tokenRequests.refresh_token, 1);

  // The refresh token is revoked (e.g. password changed): sign in again, nothing else.
  const stored = JSON.parse((await vault.get('nhsmail-token:home'))!) as { refreshToken: string };
  idp.revoke(stored.refreshToken);
  clock += 2 * 3600_000;
  await assert.rejects(credentials.login('home', 'home@nhs.net', client), SignInNeeded);
  await credentials.forget('home');
  await assert.rejects(credentials.login('home', 'home@nhs.net', client), SignInNeeded);
});
