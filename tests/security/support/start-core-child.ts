/**
 * Child process for encryption-at-rest.test.ts: starts the real core on
 * CHILD_DATA_DIR with the real keytar vault, in whatever D-Bus environment the
 * parent gave it (e.g. none at all), and prints `app.status` as JSON.
 */
import { startCareHomeCore } from '../../../main/core/care-home-core';
import { createKeytarVault } from '../../../main/services/vault/keytar-vault';

async function main(): Promise<void> {
  const dataDir = process.env.CHILD_DATA_DIR;
  if (!dataDir) throw new Error('CHILD_DATA_DIR is required');
  const core = await startCareHomeCore({
    dataDir,
    vault: createKeytarVault(process.env.CHILD_VAULT_SERVICE),
    policyPath: `${dataDir}/no-policy.json`,
    log: () => {},
  });
  const status = await core.dispatch(core.openSession(), 'app.status', {});
  const setup = await core.dispatch(core.openSession(), 'setup.createDemoCareHome', {});
  core.close();
  process.stdout.write(JSON.stringify({ status, setup }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
