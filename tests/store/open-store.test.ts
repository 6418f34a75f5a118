/**
 * Opening the store with its key from the real keychain, and every way that
 * can go wrong. In each failure the file is left exactly as it was.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { openCareHomeStore } from '../../main/services/store/open-store';
import { DATABASE_KEY_ACCOUNT, newDatabaseKey } from '../../main/services/store/store-key';
import { tempDir } from '../support/temp-dir';
import { testVault } from '../support/test-vault';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function createdStore() {
  const vault = testVault();
  const file = path.join(tempDir(), 'data', 'care-home.db');
  const opening = await openCareHomeStore(file, vault);
  assert.equal(opening.state, 'open');
  if (opening.state !== 'open') throw new Error('unreachable');
  opening.db.prepare("INSERT INTO care_home (id, name, created_at) VALUES (1, 'Rosewood', '2026')").run();
  opening.db.close();
  return { vault, file };
}

test('first run makes a 256-bit key, keeps it only in the keychain, and creates the store', async () => {
  const vault = testVault();
  const file = path.join(tempDir(), 'nested', 'care-home.db');
  const opening = await openCareHomeStore(file, vault);
  assert.equal(opening.state, 'open');
  assert.ok(opening.state === 'open' && opening.created);
  const key = await vault.get(DATABASE_KEY_ACCOUNT);
  assert.match(key ?? '', /^[0-9a-f]{64}$/);
  if (opening.state === 'open') opening.db.close();
  const onDisk = fs
    .readdirSync(path.dirname(file))
    .map((f) => fs.readFileSync(path.join(path.dirname(file), f)).toString('latin1'));
  assert.ok(
    onDisk.every((bytes) => !bytes.includes(key!)),
    'the key is nowhere on disk',
  );
});

test('the next start opens the same store with the key from the keychain', async () => {
  const { vault, file } = await createdStore();
  const again = await openCareHomeStore(file, vault);
  assert.equal(again.state, 'open');
  if (again.state !== 'open') return;
  assert.equal(again.created, false);
  assert.equal(again.db.prepare('SELECT name FROM care_home').pluck().get(), 'Rosewood');
  again.db.close();
});

test('a store whose key is missing from the keychain is reported, not replaced', async () => {
  const { vault, file } = await createdStore();
  await vault.delete(DATABASE_KEY_ACCOUNT);
  const before = sha(file);
  const opening = await openCareHomeStore(file, vault);
  assert.equal(opening.state, 'failed');
  assert.ok(opening.state === 'failed' && opening.problem === 'key_missing');
  assert.match(opening.state === 'failed' ? opening.message : '', /not been changed or deleted/);
  assert.equal(sha(file), before);
  assert.equal(await vault.get(DATABASE_KEY_ACCOUNT), null, 'no new key was made for an existing file');
});

test('a wrong key is reported, and neither the file nor the key is changed', async () => {
  const { vault, file } = await createdStore();
  const wrong = newDatabaseKey();
  await vault.set(DATABASE_KEY_ACCOUNT, wrong);
  const before = sha(file);
  const opening = await openCareHomeStore(file, vault);
  assert.ok(opening.state === 'failed' && opening.problem === 'key_wrong_or_file_corrupt');
  assert.equal(sha(file), before);
  assert.equal(await vault.get(DATABASE_KEY_ACCOUNT), wrong);
  assert.deepEqual(fs.readdirSync(path.dirname(file)).sort(), ['care-home.db']);
});

test('a damaged file is reported and left in place for recovery', async () => {
  const { vault, file } = await createdStore();
  const bytes = fs.readFileSync(file);
  bytes.fill(0x41, 0, 64); // the first page's header: the salt and the start of the data
  fs.writeFileSync(file, bytes);
  const opening = await openCareHomeStore(file, vault);
  assert.ok(opening.state === 'failed' && opening.problem === 'key_wrong_or_file_corrupt');
  assert.deepEqual(fs.readFileSync(file), bytes);
});
