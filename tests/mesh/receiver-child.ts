/**
 * A separate process that receives a mailbox's MESH inbox into an encrypted
 * store, as the app does: the fault tests SIGKILL it at chosen moments and
 * measure its memory. Settings come from the environment (test only).
 *
 *   MESH_DB, MESH_DB_KEY, MESH_VAULT_SERVICE, MESH_MAILBOX, MESH_ENDPOINT
 *   MESH_KILL_AFTER_STORE=1   SIGKILL itself after the commit, before the acknowledgement
 */
import { MeshService } from '../../main/services/mesh/mesh-service';
import { openEncryptedDatabase } from '../../main/services/store/database';
import { migrate } from '../../main/services/store/migrations';
import { createKeytarVault } from '../../main/services/vault/keytar-vault';

async function main(): Promise<void> {
  const env = process.env;
  const db = openEncryptedDatabase(env.MESH_DB!, env.MESH_DB_KEY!, { fileMustExist: false });
  migrate(db);
  const baseline = process.memoryUsage().rss;
  const service = new MeshService({
    db,
    vault: createKeytarVault(env.MESH_VAULT_SERVICE!),
    policy: { mailboxId: env.MESH_MAILBOX!, endpoint: env.MESH_ENDPOINT!, workflowIds: ['TEST_WORKFLOW'] },
    timeoutMs: 20_000,
    onStored: () => {
      if (env.MESH_KILL_AFTER_STORE === '1') process.kill(process.pid, 'SIGKILL');
    },
  });
  const outcome = await service.poll(true);
  service.stop();
  db.close();
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(
    JSON.stringify({
      ok: outcome.ok,
      problem: outcome.problem?.sentence ?? null,
      stored: outcome.received?.stored.map((m) => m.messageId) ?? [],
      baselineRss: baseline,
      peakRss: peak,
      end: process.memoryUsage(),
    }),
  );
}

void main().catch((error: unknown) => {
  process.stderr.write(String((error as Error).stack ?? error));
  process.exit(1);
});
