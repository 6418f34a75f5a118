/**
 * Migration 110 on a real encrypted database with rows in it, and the demo
 * care home's synthetic GP records: every resident has a record (through the
 * real parser and store), documents open offline, and a refresh works with
 * no NHS connection once the basis for access is recorded.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { test } from 'node:test';
import { openEncryptedDatabase } from '../../../main/services/store/database';
import { MIGRATIONS, migrate, schemaVersion } from '../../../main/services/store/migrations';
import { startTestCore } from '../../support/core';
import { tempDir } from '../../support/temp-dir';
import { DEMO_STAFF } from '../../../main/services/demo/demo-care-home';
import { recordBasis } from './support';

test('30 → 110: GP record tables arrive; residents written before stay', () => {
  const db = openEncryptedDatabase(path.join(tempDir(), 'm110.db'), randomBytes(32).toString('hex'), {
    fileMustExist: false,
  });
  migrate(db, MIGRATIONS, 30);
  db.prepare(
    "INSERT INTO resident (nhs_number, given_name, family_name, date_of_birth, created_at) VALUES ('9658218865', 'Ann', 'Lee', '1930-01-01', '2026-01-01')",
  ).run();
  migrate(db, MIGRATIONS, 110);
  assert.equal(schemaVersion(db), 110);
  assert.equal(db.prepare('SELECT given_name FROM resident').pluck().get(), 'Ann');
  db.prepare(
    "INSERT INTO gp_record (resident_id, nhs_number, fetched_at, endpoint, header_json, raw_bundle) VALUES (1, '9658218865', 'x', 'e', '{}', '{}')",
  ).run();
  // A record for a resident who does not exist is refused (foreign keys on).
  assert.throws(() =>
    db
      .prepare(
        "INSERT INTO gp_record (resident_id, nhs_number, fetched_at, endpoint, header_json, raw_bundle) VALUES (99, '1', 'x', 'e', '{}', '{}')",
      )
      .run(),
  );
  migrate(db);
  assert.equal(db.prepare('SELECT count(*) FROM gp_record').pluck().get(), 1);
  db.close();
});

test('the demo care home: every resident has a full GP record, documents open offline, refresh works', async () => {
  const t = await startTestCore();
  const session = t.core.openSession();
  const demo = await t.ok(session, 'setup.createDemoCareHome');
  const nurse = demo.staff.find((s) => s.role === 'nurse')!;
  await t.ok(session, 'auth.login', { staffId: nurse.staffId, secret: DEMO_STAFF[1]!.demoPin });
  const residents = await t.ok(session, 'residents.list');
  assert.equal(residents.length, 12);
  for (const r of residents) {
    const summary = await t.ok(session, 'records.summary', { residentId: r.residentId });
    assert.ok(summary.provenance, r.displayName);
    assert.equal(summary.currentMedications.length, 4);
    assert.equal(summary.activeProblems.length, 3);
    assert.ok(summary.allergies.length > 0 || summary.noKnownAllergies, `${r.displayName}: allergies or NKA`);
    assert.equal(summary.recentResults.length, 2);
  }
  const stale = await Promise.all(
    residents.map(async (r) => (await t.ok(session, 'records.summary', { residentId: r.residentId })).age!.stale),
  );
  assert.ok(stale.includes(true) && stale.includes(false), 'the demo shows fresh and out-of-date records');
  const first = residents[0]!.residentId;
  const { documents } = await t.ok(session, 'records.documents', { residentId: first });
  const pdf = await t.ok(session, 'records.openDocument', { residentId: first, documentId: documents[0]!.id });
  assert.equal(pdf.contentType, 'application/pdf');
  assert.ok(Buffer.from(pdf.base64, 'base64').toString('latin1').startsWith('%PDF-'));
  recordBasis(t, first, { staffId: nurse.staffId, displayName: nurse.displayName });
  const refreshed = await t.ok(session, 'records.refresh', { residentId: first });
  assert.equal(refreshed.outcome, 'refreshed');
  assert.equal(refreshed.outcome === 'refreshed' && refreshed.provenance.endpoint.startsWith('demo'), true);
});
