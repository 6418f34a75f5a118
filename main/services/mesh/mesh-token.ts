/**
 * The MESH Authorization header (mesh-api.yaml, "MESH Authorization header"):
 * `NHSMESH mailbox:nonce:nonce_count:yyyyMMddHHmm:hmac`, where hmac is the hex
 * HMAC-SHA256, keyed by the environment's shared secret, of
 * `mailbox:nonce:nonce_count:password:timestamp`. A fresh nonce for every
 * request: MESH refuses any token it has seen before.
 */
import { createHmac, randomUUID } from 'node:crypto';

export interface MeshSecrets {
  readonly mailboxId: string;
  readonly password: string;
  readonly sharedKey: string;
}

/** `yyyyMMddHHmm` in UTC. */
export function meshTimestamp(at: Date): string {
  return at.toISOString().replace(/[-:T]/g, '').slice(0, 12);
}

export function meshToken(secrets: MeshSecrets, at: Date, nonce: string = randomUUID(), nonceCount = 0): string {
  const mailbox = secrets.mailboxId.toUpperCase();
  const stamp = meshTimestamp(at);
  const hash = createHmac('sha256', secrets.sharedKey)
    .update(`${mailbox}:${nonce}:${nonceCount}:${secrets.password}:${stamp}`)
    .digest('hex');
  return `NHSMESH ${mailbox}:${nonce}:${nonceCount}:${stamp}:${hash}`;
}
