/**
 * The credential vault: secrets kept only in the operating system's keychain
 * (Windows Credential Manager, macOS Keychain, the Secret Service on Linux).
 *
 * This small interface is all the rest of the app knows, so that keytar
 * (archived upstream) can be replaced by Electron's safeStorage or
 * @napi-rs/keyring without touching any caller. There is no plaintext
 * fallback: if the keychain cannot be reached, every call rejects with a
 * VaultUnavailableError that says so.
 */
export interface Vault {
  /** The secret stored under `account`, or null when there is none. */
  get(account: VaultAccount): Promise<string | null>;
  set(account: VaultAccount, secret: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: VaultAccount): Promise<boolean>;
}

/**
 * Every secret the app keeps has a named slot here, so that a reviewer can see
 * the whole list in one place. Later features add theirs (NHSmail tokens, MESH
 * credentials, client certificates as base64 PKCS#12).
 */
export type VaultAccount =
  | 'database-key'
  | `nhsmail-token:${string}`
  | `mesh-credentials:${string}`
  | `client-certificate:${string}`
  | `device-credential:${string}`
  | `test:${string}`;

export class VaultUnavailableError extends Error {
  constructor(readonly detail: string) {
    super(`The computer's secure keychain could not be reached: ${detail}`);
    this.name = 'VaultUnavailableError';
  }
}
