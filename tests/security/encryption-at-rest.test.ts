/**
 * Residents' records at rest: the database file (and its WAL and shared-memory
 * files) holds no readable personal data, cannot be opened without the key,
 * and is never replaced by a new empty store when the key is wrong or missing,
 * the file is damaged, or the keychain cannot be reached.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { DATABASE_FILE_NAME } from '../../main/core/care-home-core';
import { insertResident } from '../../main/services/residents/residents-repository';
import type { WritableDB } from '../../main/services/store/database';
import { migrate } from '../../main/services/store/migrations';
import { DATABASE_KEY_ACCOUNT, newDatabaseKey } from '../../main/services/store/store-key';
import { MANAGER_PIN, startTestCore, type TestCore } from '../support/core';
import { tempDir } from '../support/temp-dir';
import { testVault } from '../support/test-vault';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

// Made-up, distinctive words, so that a hit can only be our data.
const CARE_HOME = 'Quillby Marsh Lodge';
const MANAGER = 'Ottoline Fairweather-Quist';
const STAFF = 'Barnaby Quixtrel';
const STAFF_AUDIT_DETAIL = `${STAFF} (nurse)`; // StaffService writes this into the audit row
const RESIDENTS = [
  { givenName: 'Evangeline', familyName: 'Zouchmore', nhsNumber: '9990548609' },
  { givenName: 'Thaddeus', familyName: 'Wimbourne-Pryke', nhsNumber: '9990557551' },
];
const PLAINTEXT = [
  CARE_HOME,
  MANAGER,
  STAFF,
  STAFF_AUDIT_DETAIL,
  ...RESIDENTS.flatMap((r) => [r.givenName, r.familyName, r.nhsNumber]),
];

/** The database file and whichever of its -wal / -shm files exist. */
function storeFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`].filter((f) => fs.existsSync(f));
}

/** Which of the plaintext strings occur in the file's raw bytes (as UTF-8, and as UTF-16LE for good measure). */
function plaintextIn(file: string, words: readonly string[] = PLAINTEXT): string[] {
  const bytes = fs.readFileSync(file);
  return words.filter((w) => bytes.includes(Buffer.from(w, 'utf8')) || bytes.includes(Buffer.from(w, 'utf16le')));
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A real core, set up through the dispatcher with recognisable data; residents go in through the repository (no IPC adds them yet). */
async function storeRecognisableData(): Promise<{ t: TestCore; file: string }> {
  const t = await startTestCore();
  const manager = t.core.openSession();
  await t.ok(manager, 'setup.createCareHome', {
    careHomeName: CARE_HOME,
    managerName: MANAGER,
    managerSecret: MANAGER_PIN,
  });
  await t.ok(manager, 'staff.add', { displayName: STAFF, role: 'nurse', secret: '5551234' });
  assert.equal(t.core.store.state, 'open');
  for (const r of RESIDENTS)
    insertResident(
      t.core.store.db as WritableDB,
      { ...r, dateOfBirth: '1938-02-03', room: '7', gpOdsCode: null },
      new Date().toISOString(),
    );
  const residents = await t.ok(manager, 'residents.list');
  assert.deepEqual(
    residents.map((r) => r.nhsNumber).sort(),
    RESIDENTS.map((r) => r.nhsNumber).sort(),
    'the residents are stored and readable with the key',
  );
  return { t, file: path.join(t.dataDir, DATABASE_FILE_NAME) };
}

test('no plaintext in the database, WAL or shm files; plain SQLite cannot open it', async () => {
  // Positive control: the same words in an unencrypted database with the same schema ARE found,
  // so a miss below means encryption, not a search that cannot find anything.
  const plainFile = path.join(tempDir(), 'plain.db');
  const plain = new Database(plainFile);
  migrate(plain as WritableDB);
  plain.prepare("INSERT INTO care_home (id, name, created_at) VALUES (1, ?, 'now')").run(CARE_HOME);
  plain.close();
  assert.deepEqual(plaintextIn(plainFile, [CARE_HOME]), [CARE_HOME]);
  assert.equal(fs.readFileSync(plainFile).subarray(0, 16).toString('latin1'), 'SQLite format 3\0');

  const { t, file } = await storeRecognisableData();
  const key = (await t.vault.get(DATABASE_KEY_ACCOUNT))!;
  const keyForms = [key, Buffer.from(key, 'hex').toString('latin1')];

  // While the core is open, the recent pages live in the WAL: check it then, not only after a checkpoint.
  assert.ok(
    fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size > 0,
    'the WAL file was examined while it held data',
  );
  for (const f of storeFiles(file)) {
    assert.deepEqual(plaintextIn(f), [], `plaintext in ${path.basename(f)} while open`);
    assert.deepEqual(plaintextIn(f, keyForms), [], `the key itself is in ${path.basename(f)}`);
  }

  t.core.close();
  for (const f of storeFiles(file))
    assert.deepEqual(plaintextIn(f), [], `plaintext in ${path.basename(f)} after close`);
  const header = fs.readFileSync(file).subarray(0, 16).toString('latin1');
  assert.notEqual(header, 'SQLite format 3\0', 'the file starts with the plain SQLite header');

  // Plain SQLite (no key) cannot read it: "file is not a database".
  const copy = path.join(tempDir(), 'copy.db');
  fs.copyFileSync(file, copy);
  const noKey = new Database(copy, { readonly: true, fileMustExist: true });
  try {
    assert.throws(() => noKey.prepare('SELECT count(*) FROM sqlite_master').get(), { code: 'SQLITE_NOTADB' });
  } finally {
    noKey.close();
  }
});

/** A copy of the closed, populated store in its own folder, and the key that opens it. */
async function populatedStore(): Promise<{ dataDir: string; file: string; key: string }> {
  const { t, file } = await storeRecognisableData();
  const key = (await t.vault.get(DATABASE_KEY_ACCOUNT))!;
  t.core.close();
  return { dataDir: t.dataDir, file, key };
}

/** Starts the core on `dataDir` and checks that it refuses with `problem`, changing neither the files nor the keychain. */
async function assertRefusedUntouched(
  dataDir: string,
  vault: ReturnType<typeof testVault>,
  problem: string,
): Promise<void> {
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  const filesBefore = fs.readdirSync(dataDir).sort();
  const hashBefore = sha256(file);
  const keyBefore = await vault.get(DATABASE_KEY_ACCOUNT);

  const t = await startTestCore({ dataDir, vault });
  const session = t.core.openSession();
  const status = await t.ok(session, 'app.status');
  assert.equal(status.state, 'store_error');
  assert.equal(status.state === 'store_error' && status.problem, problem);
  // Nothing can be set up over it: no new, empty care home in its place.
  const setup = await t.call(session, 'setup.createCareHome', {
    careHomeName: 'Replacement',
    managerName: 'Someone',
    managerSecret: '123456',
  });
  assert.equal(!setup.ok && setup.error.code, 'store_unavailable');
  const demo = await t.call(session, 'setup.createDemoCareHome');
  assert.equal(!demo.ok && demo.error.code, 'store_unavailable');
  t.core.close();

  assert.equal(sha256(file), hashBefore, 'the database file changed');
  assert.deepEqual(fs.readdirSync(dataDir).sort(), filesBefore, 'files were added or removed');
  assert.equal(await vault.get(DATABASE_KEY_ACCOUNT), keyBefore, 'the keychain entry changed');
}

test('a wrong key is refused, never answered with a new empty store', async () => {
  const { dataDir } = await populatedStore();
  const vault = testVault();
  await vault.set(DATABASE_KEY_ACCOUNT, newDatabaseKey());
  await assertRefusedUntouched(dataDir, vault, 'key_wrong_or_file_corrupt');
});

test('a missing key is refused, and no new key is made', async () => {
  const { dataDir } = await populatedStore();
  const vault = testVault(); // empty
  await assertRefusedUntouched(dataDir, vault, 'key_missing');
  assert.equal(await vault.get(DATABASE_KEY_ACCOUNT), null);
});

/** A copy of the store with `length` bytes overwritten at `offset`, opened with the right key. */
async function corruptCopy(
  offset: (size: number) => number,
  length: number,
): Promise<{ dataDir: string; vault: ReturnType<typeof testVault> }> {
  const { file, key } = await populatedStore();
  const dataDir = tempDir();
  const bytes = fs.readFileSync(file);
  const at = offset(bytes.length);
  bytes.fill(0x5a, at, at + length);
  fs.writeFileSync(path.join(dataDir, DATABASE_FILE_NAME), bytes);
  const vault = testVault();
  await vault.set(DATABASE_KEY_ACCOUNT, key);
  return { dataDir, vault };
}

test('a damaged first page is refused, and the file is left as it was', async () => {
  const { dataDir, vault } = await corruptCopy(() => 200, 64);
  await assertRefusedUntouched(dataDir, vault, 'key_wrong_or_file_corrupt');
});

/*
 * Bytes overwritten in the middle of the file: a later page, not the first that
 * proves the key. The store checks every page when it opens, so this is refused
 * at the start rather than failing part-way through someone's work.
 */
test('a file damaged in the middle is refused, and left as it was', async () => {
  const { dataDir, vault } = await corruptCopy((size) => Math.floor(size / 2), 64);
  await assertRefusedUntouched(dataDir, vault, 'key_wrong_or_file_corrupt');
});

/** Runs support/start-core-child.ts with `env`; resolves with what it printed. */
function runChild(env: NodeJS.ProcessEnv): Promise<{
  status: { ok: boolean; value?: Record<string, unknown> };
  setup: { ok: boolean; error?: { code: string } };
}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support', 'start-core-child.ts')], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}: ${err}`)),
    );
  });
}

test('with no Secret Service at all, the store is not started and no file is made', { timeout: 30_000 }, async () => {
  const dataDir = tempDir();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
    CHILD_DATA_DIR: dataDir,
    CHILD_VAULT_SERVICE: `uk.nhs.care-home-desktop.test.nobus.${Date.now()}`,
  };
  delete env.DISPLAY; // no X11 autolaunch of a bus either
  const { status, setup } = await runChild(env);
  assert.equal(status.ok, true);
  assert.equal(status.value?.state, 'store_error');
  assert.equal(status.value?.problem, 'keychain_unavailable');
  // The detail carries the D-Bus error for the IT provider (GDBus: "Could not connect: No such file or directory").
  assert.match(String(status.value?.detail), /could not connect|dbus|no such file/i);
  assert.equal(setup.ok, false);
  assert.equal(setup.error?.code, 'store_unavailable');
  assert.deepEqual(fs.readdirSync(dataDir), [], 'something was written to the data folder');

  // Control: the same child with the real keychain does create the store, so the check above can fail.
  const control = await runChild({ ...env, DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS });
  assert.equal(control.status.value?.state, 'needs_setup');
  assert.ok(fs.existsSync(path.join(dataDir, DATABASE_FILE_NAME)));
});
