/**
 * The vault against a real Secret Service (gnome-keyring, started by
 * build/with-keyring.sh), and against none at all: then it must fail with a
 * clear error, never fall back to anything else.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { testVault } from '../support/test-vault';

test('a secret goes into the keychain, comes back, and can be deleted', async () => {
  const vault = testVault();
  assert.equal(await vault.get('test:token'), null);
  await vault.set('test:token', 'sëcret-välue');
  assert.equal(await vault.get('test:token'), 'sëcret-välue');
  assert.equal(await vault.delete('test:token'), true);
  assert.equal(await vault.get('test:token'), null);
});

test('two vaults with different service names do not see each other', async () => {
  const a = testVault();
  const b = testVault();
  await a.set('test:x', 'from a');
  assert.equal(await b.get('test:x'), null);
});

test('with no Secret Service, the vault rejects at once with the D-Bus error', () => {
  const script = `
    const { createKeytarVault } = require('./main/services/vault/keytar-vault');
    createKeytarVault('uk.nhs.care-home-desktop.test.none').get('test:x')
      .then(() => console.log('UNEXPECTED'), (e) => console.log(e.name + ': ' + e.message));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.match(out, /^VaultUnavailableError: The computer's secure keychain could not be reached: .*\S/m);
  assert.doesNotMatch(out, /UNEXPECTED/);
});
