/**
 * Opening the encrypted SQLite database (SQLCipher 4 page encryption through
 * better-sqlite3-multiple-ciphers).
 *
 * The key is 256 random bits given as a SQLCipher raw key (x'…'), so no
 * password-based key derivation runs: the key is already random, and skipping
 * PBKDF2 keeps a cold open to a few milliseconds.
 *
 * Handles are branded, as Signal-Desktop does: a ReadableDB cannot be passed
 * where a WritableDB is needed, so a read-only view cannot write by mistake.
 */
import Database from 'better-sqlite3-multiple-ciphers';

export type SqliteDatabase = Database.Database;
export type ReadableDB = SqliteDatabase & { readonly __readableDb: never };
export type WritableDB = ReadableDB & { readonly __writableDb: never };

const KEY_PATTERN = /^[0-9a-f]{64}$/;

export interface OpenOptions {
  readonly readonly?: boolean;
  /** Must the file exist already? (Never create a new database over a missing one by accident.) */
  readonly fileMustExist: boolean;
}

export function openEncryptedDatabase(
  file: string,
  keyHex: string,
  options: OpenOptions & { readonly: true },
): ReadableDB;
export function openEncryptedDatabase(file: string, keyHex: string, options: OpenOptions): WritableDB;
export function openEncryptedDatabase(file: string, keyHex: string, options: OpenOptions): ReadableDB | WritableDB {
  if (!KEY_PATTERN.test(keyHex)) throw new Error('The database key is not 64 hexadecimal characters.');
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.fileMustExist });
  try {
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${keyHex}'"`);
    // The first read proves the key: a wrong key or a damaged first page fails here with SQLITE_NOTADB.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    // Then every page is read and checked (each carries an HMAC), so that a file damaged anywhere is
    // refused at the start, with the administrator's error screen, rather than failing part-way through
    // someone's work. It reads the whole file: cheap while the store is small; revisit as it grows.
    const problems = db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
    if (problems[0]?.quick_check !== 'ok') {
      throw Object.assign(
        new Error(`The database failed its check: ${problems.map((p) => p.quick_check).join('; ')}`),
        {
          code: 'SQLITE_CORRUPT',
        },
      );
    }
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    return db as WritableDB;
  } catch (error) {
    db.close();
    throw error;
  }
}
