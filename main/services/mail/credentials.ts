/**
 * Mail credentials live only in the vault (the OS keychain), one slot per
 * account: `nhsmail-token:<account>` holds either OAuth tokens or, where an
 * administrator has allowed it, a password. Nothing of them goes to SQLite,
 * logs, audit details or the renderer.
 */
import { z } from 'zod';
import type { Vault, VaultAccount } from '../vault/vault';
import { OAuthError, refreshTokens, type OAuthClient, type OAuthTokens } from './oauth';

const Stored = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('oauth'),
    accessToken: z.string().min(1),
    refreshToken: z.string().nullable(),
    expiresAt: z.number(),
  }),
  z.object({ kind: z.literal('password'), password: z.string().min(1) }),
]);
type Stored = z.infer<typeof Stored>;

/** What a connection logs in with. */
export type MailLogin = { user: string; accessToken: string } | { user: string; pass: string };

/** No usable credentials: the person must sign in (again). Nothing queued is lost meanwhile. */
export class SignInNeeded extends Error {
  constructor(readonly accountId: string) {
    super('NHSmail needs you to sign in again. Your messages and anything waiting to be sent are kept.');
    this.name = 'SignInNeeded';
  }
}

/** Refresh a little before expiry, so a token never runs out in the middle of a sync. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export class MailCredentials {
  constructor(
    private readonly vault: Vault,
    private readonly now: () => number = Date.now,
  ) {}

  private slot(accountId: string): VaultAccount {
    return `nhsmail-token:${accountId}`;
  }

  async saveTokens(accountId: string, tokens: OAuthTokens): Promise<void> {
    const value: Stored = { kind: 'oauth', ...tokens };
    await this.vault.set(this.slot(accountId), JSON.stringify(value));
  }

  async savePassword(accountId: string, password: string): Promise<void> {
    const value: Stored = { kind: 'password', password };
    await this.vault.set(this.slot(accountId), JSON.stringify(value));
  }

  async forget(accountId: string): Promise<void> {
    await this.vault.delete(this.slot(accountId));
  }

  private async read(accountId: string): Promise<Stored | null> {
    const raw = await this.vault.get(this.slot(accountId));
    if (raw === null) return null;
    try {
      const parsed = Stored.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** The login for a connection now, refreshing OAuth tokens when they are (nearly) expired. */
  async login(accountId: string, user: string, oauth: OAuthClient | null, forceRefresh = false): Promise<MailLogin> {
    const stored = await this.read(accountId);
    if (!stored) throw new SignInNeeded(accountId);
    if (stored.kind === 'password') return { user, pass: stored.password };
    const fresh = stored.expiresAt - REFRESH_MARGIN_MS > this.now();
    if (fresh && !forceRefresh) return { user, accessToken: stored.accessToken };
    if (!stored.refreshToken || !oauth) throw new SignInNeeded(accountId);
    try {
      const tokens = await refreshTokens(oauth, stored.refreshToken, this.now);
      await this.saveTokens(accountId, tokens);
      return { user, accessToken: tokens.accessToken };
    } catch (error) {
      if (error instanceof OAuthError && error.reason === 'sign_in_again') throw new SignInNeeded(accountId);
      throw error;
    }
  }
}
