/**
 * The database key: 256 random bits made on first run and kept only in the
 * OS keychain. It is never written to disk, logged, or sent to the renderer.
 */
import { randomBytes } from 'node:crypto';
import type { Vault } from '../vault/vault';

export const DATABASE_KEY_ACCOUNT = 'database-key';

export function newDatabaseKey(): string {
  return randomBytes(32).toString('hex');
}

export async function readDatabaseKey(vault: Vault): Promise<string | null> {
  return vault.get(DATABASE_KEY_ACCOUNT);
}

/** Stores a new key and reads it back, so that a keychain that silently drops writes is caught before any data is written. */
export async function createDatabaseKey(vault: Vault): Promise<string> {
  const key = newDatabaseKey();
  await vault.set(DATABASE_KEY_ACCOUNT, key);
  const stored = await vault.get(DATABASE_KEY_ACCOUNT);
  if (stored !== key) throw new Error('The keychain did not keep the new database key.');
  return key;
}
