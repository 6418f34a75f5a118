/**
 * The STU3 parser against every public GP Connect example bundle, and against
 * bundles that are broken on purpose: nothing crashes, unknown content is
 * counted, and what comes out passes the GpRecord schema.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { GpRecord } from '../../../common/records/gp-record';
import {
  BundleProblem,
  parseDocumentSearch,
  parseStructuredRecord,
} from '../../../main/services/records/gp-connect/structured-parser';
import { FIXTURES } from '../../sandboxes/gp-connect/gp-connect-sandbox';
import { fixture } from './support';

const opts = { nhsNumber: '9658218865' };
const parse = (file: string) => parseStructuredRecord(fixture('structured', file), opts);

test('every public example bundle parses into a valid GP record', () => {
  const files = fs
    .readdirSync(path.join(FIXTURES, 'structured'))
    .filter((f) => f.endsWith('_response1.json') || f.includes('response') || f.includes('skeleton'));
  assert.ok(files.length >= 10, `found ${files.length} example bundles`);
  for (const file of files) {
    const record = parse(file);
    assert.equal(GpRecord.safeParse(record).success, true, file);
  }
});

test('allergies: active and resolved (contained in their List), with reactions and who recorded them', () => {
  const r = parse('allergies_response1.json');
  const active = r.allergies.filter((a) => a.status === 'active').map((a) => a.substance);
  assert.deepEqual(active, ['Amoxicillin 250mg capsules', 'Nut allergy', 'Allergy to paracetemol']);
  const resolved = r.allergies.find((a) => a.status === 'resolved')!;
  assert.equal(resolved.substance, 'Aspirin 75mg dispersible tablet');
  assert.equal(resolved.resolved, '2018-03-01');
  assert.deepEqual(r.allergies[1]!.reactions, ['Anaphalactic shock']);
  assert.equal(r.allergies[0]!.source.practitioner, 'Miss Nichole Gilbert');
  assert.equal(r.practice.odsCode, 'O001');
});

test('an empty allergy List is not "no known allergies"; it carries its note as a warning', () => {
  const r = parse('allergies_response3.json');
  assert.equal(r.allergies.length, 0);
  assert.equal(r.noKnownAllergies, false);
});

test('medicines: name from the Medication, dosage text, prescription type, last issue, current or past', () => {
  const r = parse('meds_response.json');
  assert.equal(r.medications.length, 3);
  const amox = r.medications.find((m) => m.name === 'Amoxicillin 250mg capsules')!;
  assert.equal(amox.dosage, 'TAKE ONE DAILY');
  assert.equal(amox.prescriptionType, 'Acute');
  assert.equal(amox.lastIssued, '2016-05-10');
  assert.equal(amox.quantity, '28 capsule(s)');
  assert.equal(amox.status, 'past');
});

test('investigations: the report with every result, value, unit and range', () => {
  const r = parse('pathology_response1.json');
  assert.equal(r.investigations.length, 1);
  const results = r.investigations[0]!.results;
  assert.ok(results.length >= 15, `${results.length} results`);
  const hb = results.find((x) => x.name === 'Haemoglobin estimation')!;
  assert.deepEqual([hb.value, hb.unit, hb.range], ['142', 'g/dL', '115 - 150']);
});

test('consultations: each encounter with what was recorded under its headings; problems with significance', () => {
  const r = parse('consultations_response1.json');
  assert.equal(r.consultations.length, 3);
  const first = r.consultations[0]!;
  assert.equal(first.type, 'Surgery Consultation');
  assert.equal(first.clinician, 'Miss Nichole Gilbert');
  assert.ok(first.entries.some((e) => e.heading === 'Anxiety with Depression: Plan' && e.text.includes('Citalopram')));
  assert.equal(r.problems.length, 4);
  assert.equal(r.problems[0]!.significance, 'major');
});

test('referrals, immunisations, and the forward-compatibility warning', () => {
  assert.equal(parse('referrals_response1.json').referrals[0]!.reason, 'Referral due to swollen legs');
  assert.equal(parse('immunizations_response1.json').immunisations[0]!.vaccine, 'First hepatitis A vaccination');
  const forwards = parse('consultations_forwards_response1.json');
  assert.ok(
    forwards.warnings.some((w) => w.startsWith('The GP system said:')),
    forwards.warnings.join('|'),
  );
});

test('uncategorised data is counted as unknown (kept raw in the store), not lost and not a crash', () => {
  const r = parse('uncategorised_response1.json');
  assert.equal(r.unknown.count, 3);
  assert.deepEqual(r.unknown.byType, { 'Observation (uncategorised)': 3 });
});

test('Access Document search lists the document with its Binary address', () => {
  const docs = parseDocumentSearch(fixture('documents', 'documents_response.json'));
  assert.equal(docs.length, 1);
  assert.equal(docs[0]!.title, 'Discharge Summary');
  assert.equal(docs[0]!.contentType, 'application/msword');
  assert.match(docs[0]!.binaryUrl!, /\/Binary\/07a6483f/);
});

test('unknown resource types and unreadable resources are counted; the rest still arrives', () => {
  const bundle = structuredClone(fixture('structured', 'allergies_response1.json')) as { entry: object[] };
  bundle.entry.push({ resource: { resourceType: 'FamilyMemberHistory', id: 'f1' } });
  bundle.entry.push({
    resource: { resourceType: 'AllergyIntolerance', id: 'broken', code: 5, reaction: 'x', note: { a: 1 } },
  });
  bundle.entry.push({ resource: { resourceType: 'MedicationStatement', id: 'bad', dosage: 'oops', status: 7 } });
  const r = parseStructuredRecord(bundle, opts);
  assert.equal(r.allergies.filter((a) => a.status === 'active').length, 4); // the broken one reads as "Unnamed allergy"
  assert.ok(r.allergies.some((a) => a.substance === 'Unnamed allergy'));
  assert.equal(r.unknown.byType['FamilyMemberHistory'], 1);
  assert.equal(GpRecord.safeParse(r).success, true);
});

test('something that is not a bundle is refused with a clear problem', () => {
  for (const bad of [
    null,
    42,
    'text',
    { resourceType: 'Patient' },
    { resourceType: 'Bundle', entry: [{ resource: 5 }] },
  ]) {
    assert.throws(() => parseStructuredRecord(bad, opts), BundleProblem);
  }
});

test('text over the model limits is clipped, so a huge field cannot make the record fail its check', () => {
  const bundle = structuredClone(fixture('structured', 'allergies_response1.json')) as {
    entry: Array<{ resource: Record<string, unknown> }>;
  };
  const allergy = bundle.entry.find((e) => e.resource['resourceType'] === 'AllergyIntolerance')!;
  allergy.resource['note'] = [{ text: 'x'.repeat(50_000) }];
  const r = parseStructuredRecord(bundle, opts);
  assert.equal(r.allergies[0]!.note!.length, 10_000);
});
