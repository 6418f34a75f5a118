/**
 * A real keychain vault for tests: keytar against the Secret Service that
 * build/with-keyring.sh starts, under a service name of its own so that tests
 * never see each other's secrets.
 */
import { randomUUID } from 'node:crypto';
import { createKeytarVault } from '../../main/services/vault/keytar-vault';
import type { Vault } from '../../main/services/vault/vault';

export function testVault(): Vault {
  return createKeytarVault(`uk.nhs.care-home-desktop.test.${randomUUID()}`);
}
