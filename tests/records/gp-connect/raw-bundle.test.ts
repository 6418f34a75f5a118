/**
 * The raw bundle the store keeps beside the parsed record: compressed, read
 * back byte for byte, not written again when a refresh brings the same
 * bundle, written when it changes, and rows stored before (plain JSON) still
 * read back.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { test } from 'node:test';
import { insertCareHome } from '../../../main/services/care-home/care-home-repository';
import { parseStructuredRecord } from '../../../main/services/records/gp-connect/structured-parser';
import { loadRawBundle, loadSection, saveGpRecord } from '../../../main/services/records/gp-record-store';
import { decodeRawBundle } from '../../../main/services/records/raw-bundle';
import { insertResident } from '../../../main/services/residents/residents-repository';
import { openEncryptedDatabase, type WritableDB } from '../../../main/services/store/database';
import { migrate } from '../../../main/services/store/migrations';
import { tempDir } from '../../support/temp-dir';
import { fixture, NHS } from './support';

function storeWithResident(): { db: WritableDB; residentId: number } {
  const db = openEncryptedDatabase(path.join(tempDir(), 'raw.db'), randomBytes(32).toString('hex'), {
    fileMustExist: false,
  });
  migrate(db);
  const at = new Date().toISOString();
  insertCareHome(db, { name: 'Raw House', odsCode: 'VM123', isDemo: false }, at);
  const residentId = insertResident(
    db,
    {
      nhsNumber: NHS.margaret,
      givenName: 'Margaret',
      familyName: 'Ellis',
      dateOfBirth: '1936-03-14',
      room: '4',
      gpOdsCode: null,
    },
    at,
  );
  return { db, residentId };
}

function save(db: WritableDB, residentId: number, text: string, fetchedAt: string): void {
  saveGpRecord(db, {
    residentId,
    record: parseStructuredRecord(JSON.parse(text), { nhsNumber: NHS.margaret }),
    rawBundle: text,
    provenance: { fetchedAt, endpoint: 'https://gp.example/fhir', practiceName: null, practiceOdsCode: null },
    fetchedByStaffId: null,
  });
}

const storedColumn = (db: WritableDB, residentId: number) =>
  db.prepare('SELECT raw_bundle FROM gp_record WHERE resident_id = ?').pluck().get(residentId) as string;

test('the raw bundle is stored compressed and reads back exactly as received', () => {
  const { db, residentId } = storeWithResident();
  // Pretty-printed, as some GP systems send it: the exact text (white space too) must come back.
  const text = JSON.stringify(fixture('structured', 'consultations_response1.json'), null, 2);
  save(db, residentId, text, '2026-11-30T09:00:00.000Z');
  assert.equal(loadRawBundle(db, residentId), text);
  assert.ok(storedColumn(db, residentId).length < text.length / 4, 'kept compressed, not as 600 KB of JSON');
  db.close();
});

test('the same bundle again updates the record but keeps the stored copy; a changed bundle replaces it', () => {
  const { db, residentId } = storeWithResident();
  const text = JSON.stringify(fixture('structured', 'consultations_response1.json'));
  save(db, residentId, text, '2026-11-30T09:00:00.000Z');
  const first = storedColumn(db, residentId);
  // Same bundle: the record's age moves on, the raw copy is the same value (not rewritten).
  save(db, residentId, text, '2026-11-30T10:00:00.000Z');
  assert.equal(db.prepare('SELECT fetched_at FROM gp_record').pluck().get(), '2026-11-30T10:00:00.000Z');
  assert.equal(storedColumn(db, residentId), first);
  assert.ok(loadSection(db, residentId, 'consultations').length > 0, 'the items are still there');
  // A changed bundle: the new text is what reads back.
  const changed = JSON.stringify({ ...(JSON.parse(text) as object), id: 'a-later-bundle' });
  save(db, residentId, changed, '2026-11-30T11:00:00.000Z');
  assert.notEqual(storedColumn(db, residentId), first);
  assert.equal(loadRawBundle(db, residentId), changed);
  db.close();
});

test('a bundle stored before compression (plain JSON) still reads back, and is replaced on the next refresh', () => {
  const { db, residentId } = storeWithResident();
  const text = JSON.stringify(fixture('structured', 'consultations_response1.json'));
  save(db, residentId, text, '2026-11-30T09:00:00.000Z');
  db.prepare('UPDATE gp_record SET raw_bundle = ? WHERE resident_id = ?').run(text, residentId);
  assert.equal(loadRawBundle(db, residentId), text);
  save(db, residentId, text, '2026-11-30T10:00:00.000Z');
  assert.notEqual(storedColumn(db, residentId), text);
  assert.equal(loadRawBundle(db, residentId), text);
  db.close();
});

test('a damaged compressed copy fails loudly rather than reading back as something else', () => {
  const { db, residentId } = storeWithResident();
  const text = JSON.stringify(fixture('structured', 'consultations_response1.json'));
  save(db, residentId, text, '2026-11-30T09:00:00.000Z');
  const stored = storedColumn(db, residentId);
  const cut = stored.slice(0, stored.length - 40);
  assert.throws(() => decodeRawBundle(cut));
  db.close();
});
