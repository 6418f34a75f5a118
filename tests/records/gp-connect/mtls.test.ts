/**
 * Mutual TLS: a throwaway CA, server and client certificate made with
 * node-forge; the client certificate kept in the keychain vault as PKCS#12.
 * The sandbox refuses any client without a certificate its CA signed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import forge from 'node-forge';
import { setUpCareHome, startTestCore } from '../../support/core';
import { addResident, fixture, gpConnectPolicy, NHS, sandbox } from './support';

interface Issued {
  key: forge.pki.rsa.PrivateKey;
  cert: forge.pki.Certificate;
}

function issue(cn: string, issuer: Issued | null, extensions: object[]): Issued {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = String(Math.floor(Math.random() * 1e9) + 1);
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  cert.setSubject([{ name: 'commonName', value: cn }]);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : [{ name: 'commonName', value: cn }]);
  cert.setExtensions(extensions);
  cert.sign(issuer ? issuer.key : keys.privateKey, forge.md.sha256.create());
  return { key: keys.privateKey, cert };
}

test('GP Connect over mutual TLS with the client certificate from the vault (PKCS#12)', async () => {
  const ca = issue('Throwaway Test CA', null, [
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true },
  ]);
  const server = issue('127.0.0.1', ca, [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }]);
  const client = issue('care-home-desktop.test', ca, [{ name: 'extKeyUsage', clientAuth: true }]);
  const pem = forge.pki.certificateToPem;
  const s = await sandbox({
    tls: { key: forge.pki.privateKeyToPem(server.key), cert: pem(server.cert), ca: pem(ca.cert) },
  });

  const t = await startTestCore({
    policy: gpConnectPolicy(s.url, { clientCertificate: 'gp-connect', trustedCaPem: pem(ca.cert) }),
  });
  const { manager } = await setUpCareHome(t);
  s.setRecord(NHS.margaret, fixture('structured', 'allergies_response1.json'));
  const id = addResident(t, NHS.margaret, ['Margaret', 'Ellis'], { basis: true });

  // No certificate in the vault yet: a clear certificate error, and nothing reaches the server.
  const without = await t.ok(manager, 'records.refresh', { residentId: id });
  assert.equal(without.outcome === 'failed' && without.error.kind, 'certificate');
  assert.equal(s.requests.length, 0);

  const p12 = forge.pkcs12.toPkcs12Asn1(client.key, [client.cert, ca.cert], 'correct horse', { algorithm: '3des' });
  await t.vault.set('client-certificate:gp-connect', forge.util.encode64(forge.asn1.toDer(p12).getBytes()));
  // The wrong passphrase is a certificate problem, not a crash.
  await t.vault.set('client-certificate:gp-connect:passphrase', 'wrong');
  const wrong = await t.ok(manager, 'records.refresh', { residentId: id });
  assert.equal(wrong.outcome === 'failed' && wrong.error.kind, 'certificate');

  await t.vault.set('client-certificate:gp-connect:passphrase', 'correct horse');
  const outcome = await t.ok(manager, 'records.refresh', { residentId: id });
  assert.equal(outcome.outcome, 'refreshed', JSON.stringify(outcome));
  assert.equal(s.requests[0]!.clientCn, 'care-home-desktop.test');
  assert.equal((await t.ok(manager, 'records.summary', { residentId: id })).allergies.length, 3);
});
