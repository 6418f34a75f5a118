/**
 * Throwaway certificates for the TLS tests, made with node-forge: a CA, the
 * server's certificate for 127.0.0.1, and a MESH client certificate
 * (CN local_id.ods.api.mesh-client.nhs.uk) packed as base64 PKCS#12 with the
 * CA, as the IT provider would give it. Keys come from node:crypto (fast).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

interface Issued {
  key: forge.pki.rsa.PrivateKey;
  cert: forge.pki.Certificate;
  keyPem: string;
  certPem: string;
}

function keyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pk = forge.pki.privateKeyFromPem(
    privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  ) as forge.pki.rsa.PrivateKey;
  return { privateKey: pk, publicKey: forge.pki.setRsaPublicKey(pk.n, pk.e) };
}

function issue(cn: string, issuer: Issued | null, extensions: object[]): Issued {
  const keys = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  cert.setSubject([{ name: 'commonName', value: cn }]);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : [{ name: 'commonName', value: cn }]);
  cert.setExtensions(extensions);
  cert.sign(issuer ? issuer.key : keys.privateKey, forge.md.sha256.create());
  return {
    key: keys.privateKey,
    cert,
    keyPem: forge.pki.privateKeyToPem(keys.privateKey),
    certPem: forge.pki.certificateToPem(cert),
  };
}

export function makeCa(name: string): Issued {
  return issue(name, null, [
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true },
  ]);
}

export function serverCertificate(ca: Issued): Issued {
  return issue('127.0.0.1', ca, [
    { name: 'basicConstraints', cA: false },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
  ]);
}

export function clientCertificate(ca: Issued, cn: string): Issued {
  return issue(cn, ca, [
    { name: 'basicConstraints', cA: false },
    { name: 'extKeyUsage', clientAuth: true },
  ]);
}

/** Base64 PKCS#12 with the client's key, its certificate and the CA chain. */
export function pkcs12(client: Issued, chain: Issued[], passphrase: string): string {
  const asn1 = forge.pkcs12.toPkcs12Asn1(client.key, [client.cert, ...chain.map((c) => c.cert)], passphrase, {
    algorithm: '3des',
  });
  return forge.util.encode64(forge.asn1.toDer(asn1).getBytes());
}
