/**
 * Runs Care Home Desktop in a browser, where no Electron binary can be had:
 * the same services as the app, served on 127.0.0.1 for Chromium to open.
 * Data goes to CARE_HOME_DATA_DIR (default: ~/.care-home-desktop-browser-host),
 * the key to the OS keychain as in the app.
 */
import os from 'node:os';
import path from 'node:path';
import { startCareHomeCore } from '../core/care-home-core';
import { machinePolicyPath } from '../services/policy/policy-location';
import { createKeytarVault } from '../services/vault/keytar-vault';
import { startBrowserHost } from './browser-host';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const dataDir = process.env.CARE_HOME_DATA_DIR ?? path.join(os.homedir(), '.care-home-desktop-browser-host');
  const core = await startCareHomeCore({ dataDir, vault: createKeytarVault(), policyPath: machinePolicyPath() });
  const host = await startBrowserHost({
    core,
    rendererDir: path.join(root, 'dist', 'renderer'),
    bridgeScript: path.join(root, 'dist', 'browser-host', 'bridge.js'),
    port: process.env.CARE_HOME_PORT ? Number(process.env.CARE_HOME_PORT) : 0,
  });
  const status = core.store.state === 'open' ? 'records store open' : `records store NOT open: ${core.store.problem}`;
  console.log(`Care Home Desktop is running in browser mode (${status}; data in ${dataDir}).`);
  console.log(`Open this address in Chromium or Chrome on this computer:\n\n  ${host.url}\n`);
  const stop = async () => {
    await host.close();
    core.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('Care Home Desktop could not start:', error);
  process.exit(1);
});
