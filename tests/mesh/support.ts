/**
 * Shared set-up for the MESH tests: the test server seeded with the
 * mesh-sandbox store, an encrypted store per mailbox, and a MeshService with
 * its secrets in a real keychain vault.
 *
 * Mailboxes (from the sandbox store): X26ABC1 plays the hospital, X26ABC2 the
 * care home. TEST_WORKFLOW goes hospital → home, TEST_WORKFLOW_ACK back.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { after } from 'node:test';
import type { MeshPolicy } from '../../common/mesh/mesh-policy';
import { saveMeshCredentials } from '../../main/services/mesh/mesh-credentials';
import { MeshService, type MeshServiceOptions } from '../../main/services/mesh/mesh-service';
import { openEncryptedDatabase, type WritableDB } from '../../main/services/store/database';
import { migrate } from '../../main/services/store/migrations';
import type { Vault } from '../../main/services/vault/vault';
import { MeshTestServer, type MeshServerOptions } from '../sandboxes/mesh/mesh-server';
import { tempDir } from '../support/temp-dir';

export const SANDBOX_STORE = path.join(__dirname, '..', 'fixtures', 'mesh', 'sandbox-store');
export const HOSPITAL = 'X26ABC1';
export const HOME = 'X26ABC2';
export const SHARED_KEY = 'TestKey';

export async function startMeshServer(options: MeshServerOptions = {}): Promise<MeshTestServer> {
  const server = await new MeshTestServer({ sandboxStore: SANDBOX_STORE, sharedKey: SHARED_KEY, ...options }).start();
  after(() => server.stop());
  return server;
}

export function openStore(dir = tempDir('mesh-store-')): { db: WritableDB; file: string; key: string } {
  const file = path.join(dir, `care-home-${randomBytes(4).toString('hex')}.db`);
  const key = randomBytes(32).toString('hex');
  const db = openEncryptedDatabase(file, key, { fileMustExist: false });
  migrate(db);
  after(() => db.close());
  return { db, file, key };
}

export async function mailboxService(
  vault: Vault,
  db: WritableDB,
  server: MeshTestServer,
  mailboxId: string,
  extra: Partial<MeshServiceOptions> & {
    password?: string;
    sharedKey?: string;
    pkcs12?: string;
    passphrase?: string;
  } = {},
): Promise<MeshService> {
  await saveMeshCredentials(
    vault,
    mailboxId,
    {
      password: extra.password ?? 'password',
      sharedKey: extra.sharedKey ?? SHARED_KEY,
      ...(extra.passphrase !== undefined ? { certificatePassphrase: extra.passphrase } : {}),
    },
    extra.pkcs12,
  );
  const policy: MeshPolicy = { mailboxId, endpoint: server.url, workflowIds: ['TEST_WORKFLOW'], pollMinutes: 5 };
  const service = new MeshService({ db, vault, policy, timeoutMs: 5_000, ...extra });
  after(() => service.stop());
  return service;
}

/** A stored message's content, joined (test-sized messages only). */
export function storedContent(db: WritableDB, messageId: string): Buffer {
  const pieces = db
    .prepare('SELECT data FROM mesh_inbound_piece WHERE message_id = ? ORDER BY chunk_no, seq')
    .pluck()
    .all(messageId) as Buffer[];
  return Buffer.concat(pieces);
}

export function inboundRows(
  db: WritableDB,
): { message_id: string; state: string; message_type: string; offered_count: number }[] {
  return db
    .prepare('SELECT message_id, state, message_type, offered_count FROM mesh_inbound_message ORDER BY message_id')
    .all() as { message_id: string; state: string; message_type: string; offered_count: number }[];
}

export function ackCount(server: MeshTestServer, messageId: string): number {
  return server.requests.filter((r) => r.method === 'PUT' && r.path.includes(`/inbox/${messageId}/status/acknowledged`))
    .length;
}
