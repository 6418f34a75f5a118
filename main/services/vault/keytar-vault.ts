/**
 * The Vault over keytar. keytar talks to the OS keychain directly; on Linux
 * that is the Secret Service over D-Bus, which rejects at once (never hangs)
 * when no keyring is running.
 */
import { createRequire } from 'node:module';
import type * as KeytarModule from 'keytar';
import { VaultUnavailableError, type Vault, type VaultAccount } from './vault';

type Keytar = typeof KeytarModule;

export const VAULT_SERVICE = 'uk.nhs.care-home-desktop';

export function createKeytarVault(service: string = VAULT_SERVICE): Vault {
  const keytar = loadKeytar();
  const guard = async <T>(operation: () => Promise<T>): Promise<T> => {
    try {
      return await operation();
    } catch (error) {
      throw new VaultUnavailableError(error instanceof Error ? error.message : String(error));
    }
  };
  return {
    get: (account: VaultAccount) => guard(() => keytar.getPassword(service, account)),
    set: (account: VaultAccount, secret: string) => guard(() => keytar.setPassword(service, account, secret)),
    delete: (account: VaultAccount) => guard(() => keytar.deletePassword(service, account)),
  };
}

function loadKeytar(): Keytar {
  try {
    // Loaded lazily, through require, so that a missing native build is reported
    // as an unavailable keychain rather than a crash at start.
    return createRequire(__filename)('keytar') as Keytar;
  } catch (error) {
    throw new VaultUnavailableError(error instanceof Error ? error.message : String(error));
  }
}
