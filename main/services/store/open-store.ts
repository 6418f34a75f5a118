/**
 * Opens the care home's store, or says exactly why it cannot.
 *
 * The rules that protect residents' records:
 * - no keychain: the store is not started (there is no plaintext fallback);
 * - a database file with no key, a wrong key, or a damaged file: an error for
 *   an administrator, and the file is never overwritten, deleted or replaced
 *   by a new empty store;
 * - a database from a newer version of the app: refused, never altered.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { StoreProblem } from '../../../common/ipc/types';
import { VaultUnavailableError, type Vault } from '../vault/vault';
import { openEncryptedDatabase, type WritableDB } from './database';
import { DatabaseFromNewerVersionError, migrate } from './migrations';
import { createDatabaseKey, readDatabaseKey } from './store-key';

export type StoreOpening =
  | {
      readonly state: 'open';
      readonly db: WritableDB;
      readonly path: string;
      readonly key: string;
      readonly created: boolean;
    }
  | {
      readonly state: 'failed';
      readonly problem: StoreProblem;
      readonly message: string;
      readonly detail: string;
      readonly path: string;
    };

export const STORE_PROBLEM_MESSAGES: Record<StoreProblem, string> = {
  keychain_unavailable:
    "Care Home Desktop cannot reach this computer's secure keychain, where the key to the care home's records is kept. The records have not been opened, and nothing has been changed. Ask your IT provider to check the keychain, then restart the app.",
  key_missing:
    "The care home's records file is on this computer, but the key that unlocks it is missing from the keychain. The file has not been changed or deleted. Ask your IT provider to restore the key; do not set the app up again.",
  key_wrong_or_file_corrupt:
    "The care home's records file could not be unlocked: the key in the keychain does not fit it, or the file is damaged. The file has not been changed or deleted. Ask your IT provider to restore the right key or the file from backup.",
  from_newer_version:
    "The care home's records were saved by a newer version of Care Home Desktop, so this version will not open or change them. Ask your IT provider to install the latest version.",
  cannot_open:
    "The care home's records file could not be opened. Nothing has been changed or deleted. Ask your IT provider for help.",
};

export async function openCareHomeStore(file: string, vault: Vault): Promise<StoreOpening> {
  const failed = (problem: StoreProblem, error: unknown): StoreOpening => ({
    state: 'failed',
    problem,
    message: STORE_PROBLEM_MESSAGES[problem],
    detail: error instanceof Error ? error.message : String(error),
    path: file,
  });

  const exists = fs.existsSync(file);
  let key: string | null;
  try {
    key = await readDatabaseKey(vault);
    if (!exists && key === null) key = await createDatabaseKey(vault);
  } catch (error) {
    return failed(error instanceof VaultUnavailableError ? 'keychain_unavailable' : 'cannot_open', error);
  }
  if (key === null) return failed('key_missing', new Error(`No database key in the keychain for ${file}`));

  let db: WritableDB;
  try {
    if (!exists) fs.mkdirSync(path.dirname(file), { recursive: true });
    db = openEncryptedDatabase(file, key, { fileMustExist: exists });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const problem = code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' ? 'key_wrong_or_file_corrupt' : 'cannot_open';
    return failed(problem, error);
  }
  try {
    migrate(db);
  } catch (error) {
    db.close();
    return failed(error instanceof DatabaseFromNewerVersionError ? 'from_newer_version' : 'cannot_open', error);
  }
  return { state: 'open', db, path: file, key, created: !exists };
}
