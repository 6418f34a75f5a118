/**
 * The laptop's client certificate for GP Connect, kept in the keychain vault
 * as base64 PKCS#12 (`client-certificate:<name>`, its passphrase beside it in
 * `client-certificate:<name>:passphrase`). Read with node-forge so that a
 * missing, unreadable or expired certificate gives a clear error before any
 * connection is tried.
 */
import forge from 'node-forge';
import type { Vault } from '../../vault/vault';
import type { ClientTls } from './gp-connect-http';
import { GpConnectError } from './gp-connect-error';

export async function loadClientCertificate(
  vault: Vault,
  name: string,
  caPem: string | null,
  now: Date,
): Promise<ClientTls> {
  const p12Base64 = await vault.get(`client-certificate:${name}`);
  if (!p12Base64) throw new GpConnectError('certificate', `no client certificate in the vault under ${name}`);
  const passphrase = (await vault.get(`client-certificate:${name}:passphrase`)) ?? '';
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const der = forge.util.decode64(p12Base64);
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), passphrase);
  } catch (error) {
    throw new GpConnectError('certificate', `the PKCS#12 could not be read: ${(error as Error).message}`);
  }
  const shrouded = forge.pki.oids['pkcs8ShroudedKeyBag'] as string;
  const plainKey = forge.pki.oids['keyBag'] as string;
  const certBag = forge.pki.oids['certBag'] as string;
  const keyBag = p12.getBags({ bagType: shrouded })[shrouded]?.[0] ?? p12.getBags({ bagType: plainKey })[plainKey]?.[0];
  const certs = (p12.getBags({ bagType: certBag })[certBag] ?? [])
    .map((b: forge.pkcs12.Bag) => b.cert)
    .filter((c): c is forge.pki.Certificate => c !== undefined && c !== null);
  if (!keyBag?.key || certs.length === 0)
    throw new GpConnectError('certificate', 'the PKCS#12 holds no private key or no certificate');
  // The client's own certificate is the one whose public key matches the private key.
  const key = keyBag.key as forge.pki.rsa.PrivateKey;
  const own =
    certs.find((c: forge.pki.Certificate) => (c.publicKey as forge.pki.rsa.PublicKey).n?.equals(key.n)) ?? certs[0]!;
  if (now < own.validity.notBefore || now > own.validity.notAfter)
    throw new GpConnectError(
      'certificate',
      `the client certificate is valid ${own.validity.notBefore.toISOString()} to ${own.validity.notAfter.toISOString()}`,
    );
  const chain = [own, ...certs.filter((c: forge.pki.Certificate) => c !== own)];
  return {
    keyPem: forge.pki.privateKeyToPem(key),
    certPem: chain.map((c: forge.pki.Certificate) => forge.pki.certificateToPem(c)).join(''),
    caPem,
  };
}
