/**
 * A mailbox's MESH secrets, only ever from the keychain vault:
 * `mesh-credentials:<mailbox>` holds JSON {password, sharedKey, certificatePassphrase?},
 * `client-certificate:<mailbox>` the mailbox's TLS client certificate as base64
 * PKCS#12 (key, certificate and the NHS CA chain), opened with node-forge.
 */
import forge from 'node-forge';
import { z } from 'zod';
import type { Vault } from '../vault/vault';
import { MeshProblem } from './mesh-problem';
import type { MeshSecrets } from './mesh-token';

const StoredCredentials = z
  .object({
    password: z.string().min(1),
    sharedKey: z.string().min(1),
    certificatePassphrase: z.string().optional(),
  })
  .strict();
export type StoredMeshCredentials = z.infer<typeof StoredCredentials>;

export interface ClientCertificate {
  readonly key: string;
  readonly cert: string;
  /** CA certificates carried in the PKCS#12 (the NHS Root and Sub CAs), trusted for the MESH server too. */
  readonly ca: string[];
  readonly commonName: string;
  readonly notAfter: Date;
}

export interface MeshCredentials {
  readonly secrets: MeshSecrets;
  readonly certificate: ClientCertificate | null;
}

export async function saveMeshCredentials(
  vault: Vault,
  mailboxId: string,
  credentials: StoredMeshCredentials,
  pkcs12Base64?: string,
): Promise<void> {
  await vault.set(`mesh-credentials:${mailboxId}`, JSON.stringify(StoredCredentials.parse(credentials)));
  if (pkcs12Base64 !== undefined) await vault.set(`client-certificate:${mailboxId}`, pkcs12Base64);
}

export async function loadMeshCredentials(
  vault: Vault,
  mailboxId: string,
  needCertificate: boolean,
): Promise<MeshCredentials> {
  const text = await vault.get(`mesh-credentials:${mailboxId}`);
  const missing = new MeshProblem(
    'no_credentials',
    `The MESH password and shared secret for mailbox ${mailboxId} are not in this computer's keychain. ` +
      `An IT administrator needs to enter them in Settings.`,
  );
  if (text === null) throw missing;
  let stored: StoredMeshCredentials;
  try {
    stored = StoredCredentials.parse(JSON.parse(text));
  } catch {
    throw missing;
  }
  const secrets = { mailboxId, password: stored.password, sharedKey: stored.sharedKey };
  if (!needCertificate) return { secrets, certificate: null };
  const p12 = await vault.get(`client-certificate:${mailboxId}`);
  if (p12 === null)
    throw new MeshProblem(
      'no_credentials',
      `The MESH client certificate for mailbox ${mailboxId} is not in this computer's keychain. An IT administrator needs to add it in Settings.`,
    );
  return { secrets, certificate: readPkcs12(p12, stored.certificatePassphrase ?? '', mailboxId) };
}

export function readPkcs12(base64: string, passphrase: string, mailboxId: string): ClientCertificate {
  try {
    const asn1 = forge.asn1.fromDer(forge.util.decode64(base64));
    const p12 = forge.pkcs12.pkcs12FromAsn1(asn1, passphrase);
    const oids = forge.pki.oids as Record<string, string>;
    const bags = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
    const key = [...bags(oids.pkcs8ShroudedKeyBag!), ...bags(oids.keyBag!)][0]?.key;
    const certs = bags(oids.certBag!)
      .map((b) => b.cert)
      .filter((c): c is forge.pki.Certificate => c !== undefined && c !== null);
    if (!key) throw new Error('no private key');
    const publicKey = forge.pki.setRsaPublicKey(
      (key as forge.pki.rsa.PrivateKey).n,
      (key as forge.pki.rsa.PrivateKey).e,
    );
    const own = certs.find((c) => forge.pki.publicKeyToPem(c.publicKey) === forge.pki.publicKeyToPem(publicKey));
    if (!own) throw new Error('no certificate for the private key');
    return {
      key: forge.pki.privateKeyToPem(key),
      cert: forge.pki.certificateToPem(own),
      ca: certs.filter((c) => c !== own).map((c) => forge.pki.certificateToPem(c)),
      commonName: String(own.subject.getField('CN')?.value ?? ''),
      notAfter: own.validity.notAfter,
    };
  } catch (error) {
    throw new MeshProblem(
      'no_credentials',
      `The MESH client certificate for mailbox ${mailboxId} in the keychain could not be opened (${(error as Error).message}). ` +
        `Check its passphrase, or add the certificate again.`,
    );
  }
}
