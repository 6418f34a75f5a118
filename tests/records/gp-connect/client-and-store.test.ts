/**
 * The GP Connect client through the real core, against the sandbox over real
 * HTTP on 127.0.0.1: what goes on the wire, what is stored, what each error
 * says to care staff, and that a failed refresh never removes the stored
 * record. Every view is in the audit log.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CARE_STAFF_MESSAGES } from '../../../main/services/records/gp-connect/gp-connect-error';
import { INTERACTIONS } from '../../../main/services/records/gp-connect/gp-connect-client';
import { CONSUMER_ASID, PROVIDER_ASID } from '../../sandboxes/gp-connect/gp-connect-sandbox';
import { addResident, auditRows, NHS, recordsCore, sandbox } from './support';

test('no basis for access, no fetch: nothing is sent and the screen says why', async () => {
  const s = await sandbox();
  const { t, manager } = await recordsCore(s);
  const id = addResident(t, NHS.margaret, ['Margaret', 'Ellis'], { basis: false });
  const outcome = await t.ok(manager, 'records.refresh', { residentId: id });
  assert.equal(outcome.outcome, 'failed');
  assert.equal(outcome.outcome === 'failed' && outcome.error.kind, 'no_access_basis');
  assert.equal(s.requests.length, 0);
  const summary = await t.ok(manager, 'records.summary', { residentId: id });
  assert.equal(summary.hasAccessBasis, false);
  assert.equal(summary.provenance, null);
  assert.match(summary.lastError!.message, /basis for access/);
});

test('a refresh sends the GP Connect headers, all include parameters and the audit JWT, then stores the record', async () => {
  const s = await sandbox();
  const { t, manager, managerId } = await recordsCore(s);
  const id = addResident(t, NHS.margaret, ['Margaret', 'Ellis'], { basis: true });
  const outcome = await t.ok(manager, 'records.refresh', { residentId: id });
  assert.equal(outcome.outcome, 'refreshed', JSON.stringify(outcome));

  const structured = s.requests.find((r) => r.path.endsWith('$gpc.getstructuredrecord'))!;
  assert.equal(structured.headers['ssp-from'], CONSUMER_ASID);
  assert.equal(structured.headers['ssp-to'], PROVIDER_ASID);
  assert.equal(structured.headers['ssp-interactionid'], INTERACTIONS.structured);
  assert.match(String(structured.headers['ssp-traceid']), /^[0-9a-f-]{36}$/);
  const names = ((structured.body as { parameter: Array<{ name: string }> }).parameter ?? []).map((p) => p.name);
  for (const p of [
    'includeAllergies',
    'includeMedication',
    'includeConsultations',
    'includeProblems',
    'includeImmunisations',
    'includeUncategorisedData',
    'includeInvestigations',
    'includeReferrals',
  ])
    assert.ok(names.includes(p), p);
  // The practitioner in the JWT is the staff member who asked.
  const practitioner = structured.jwt!['requesting_practitioner'] as { id: string; name: Array<{ family: string }> };
  assert.equal(practitioner.id, String(managerId));
  assert.equal(practitioner.name[0]!.family, 'Manager');
  const org = structured.jwt!['requesting_organization'] as { identifier: Array<{ value: string }> };
  assert.equal(org.identifier[0]!.value, 'VM123');
  // Documents were listed in the same refresh.
  assert.ok(s.requests.some((r) => r.headers['ssp-interactionid'] === INTERACTIONS.documentSearch));

  const summary = await t.ok(manager, 'records.summary', { residentId: id });
  assert.deepEqual(
    summary.allergies.map((a) => a.substance),
    ['Amoxicillin 250mg capsules', 'Nut allergy', 'Allergy to paracetemol'],
  );
  assert.equal(summary.provenance!.endpoint, s.url);
  assert.equal(summary.provenance!.practiceOdsCode, 'O001');
  assert.equal(summary.age!.stale, false);
  assert.equal(summary.lastError, null);
  assert.equal(summary.counts.documents, 1);
  const refreshed = auditRows(t, 'gp_record.refreshed');
  assert.equal(refreshed.length, 1);
  assert.equal(refreshed[0]!.staff_id, managerId);
});

test('each GP Connect error gives its sentence for care staff, and the stored record stays', async () => {
  const s = await sandbox();
  const { t, manager } = await recordsCore(s, { maxResponseMegabytes: 1 });
  const id = addResident(t, NHS.margaret, ['Margaret', 'Ellis'], { basis: true });
  const first = await t.ok(manager, 'records.refresh', { residentId: id });
  assert.equal(first.outcome, 'refreshed');
  const before = await t.ok(manager, 'records.summary', { residentId: id });

  const cases = [
    [{ kind: 'outcome', code: 'INVALID_NHS_NUMBER', status: 400 }, 'invalid_nhs_number'],
    [{ kind: 'outcome', code: 'PATIENT_NOT_FOUND', status: 404 }, 'patient_not_found'],
    [{ kind: 'outcome', code: 'NO_PATIENT_CONSENT', status: 403 }, 'no_patient_consent'],
    [{ kind: 'outcome', code: 'NO_RELATIONSHIP', status: 403 }, 'no_relationship'],
    [{ kind: 'outcome', code: 'ACCESS_DENIED', status: 403 }, 'access_denied'],
    [{ kind: 'outcome', code: 'INVALID_RESOURCE', status: 422 }, 'bad_request'],
    [{ kind: 'outcome', code: 'INVALID_PARAMETER', status: 422 }, 'bad_request'],
    [{ kind: 'outcome', code: 'INTERNAL_SERVER_ERROR', status: 500 }, 'gp_system_error'],
    [{ kind: 'status', status: 502 }, 'gp_system_error'],
    [{ kind: 'malformed' }, 'bad_response'],
    [{ kind: 'notARecord' }, 'bad_response'],
    [{ kind: 'huge', bytes: 2 * 1024 * 1024 }, 'bad_response'],
  ] as const;
  for (const [mode, kind] of cases) {
    s.fail(mode);
    const outcome = await t.ok(manager, 'records.refresh', { residentId: id });
    assert.equal(outcome.outcome, 'failed', JSON.stringify(mode));
    if (outcome.outcome !== 'failed') continue;
    assert.equal(outcome.error.kind, kind, JSON.stringify(mode));
    assert.equal(outcome.error.message, CARE_STAFF_MESSAGES[kind]);
    const after = await t.ok(manager, 'records.summary', { residentId: id });
    assert.deepEqual(after.allergies, before.allergies, `${kind}: the stored record must stay`);
    assert.equal(after.provenance!.fetchedAt, before.provenance!.fetchedAt);
    assert.equal(after.lastError!.kind, kind);
  }
  s.fail(null);
  await t.ok(manager, 'records.refresh', { residentId: id });
  assert.equal((await t.ok(manager, 'records.summary', { residentId: id })).lastError, null);
});

test('a GP system that never answers, or answers too slowly, times out; one that is gone is offline', async () => {
  const s = await sandbox();
  const { t, manager } = await recordsCore(s, { timeoutSeconds: 1 });
  const id = addResident(t, NHS.margaret, ['Margaret', 'Ellis'], { basis: true });
  s.fail({ kind: 'hang' });
  const started = Date.now();
  const hung = await t.ok(manager, 'records.refresh', { residentId: id });
  assert.equal(hung.outcome === 'failed' && hung.error.kind, 'timeout');
  assert.ok(Date.now() - started < 3000);
  s.fail({ kind: 'slow', ms: 1500 });
  const slow = await t.ok(manager, 'records.refresh', { residentId: id });
  assert.equal(slow.outcome === 'failed' && slow.error.kind, 'timeout');
  s.fail(null);
  await s.close();
  const gone = await t.ok(manager, 'records.refresh', { residentId: id });
  assert.equal(gone.outcome === 'failed' && gone.error.kind, 'offline');
  assert.match(gone.outcome === 'failed' ? gone.error.message : '', /could not reach the GP system/);
  const status = await t.ok(manager, 'records.refreshStatus');
  assert.equal(status.online, false);
});

test('sections, documents (opened once, then offline from the store), HTML, and an audit row for every view', async () => {
  const s = await sandbox();
  const { t, manager, managerId } = await recordsCore(s);
  const id = addResident(t, NHS.arthur, ['Arthur', 'Bennett'], { basis: true });
  assert.equal((await t.ok(manager, 'records.refresh', { residentId: id })).outcome, 'refreshed');

  const meds = await t.ok(manager, 'records.section', { residentId: id, section: 'medications' });
  assert.equal(meds.section, 'medications');
  assert.equal(meds.items.length, 6);
  const problems = await t.ok(manager, 'records.section', { residentId: id, section: 'problems' });
  assert.equal(problems.items.length, 4);

  const { documents } = await t.ok(manager, 'records.documents', { residentId: id });
  assert.equal(documents.length, 1);
  assert.equal(documents[0]!.cached, false);
  const opened = await t.ok(manager, 'records.openDocument', { residentId: id, documentId: documents[0]!.id });
  assert.equal(opened.fromCache, false);
  assert.equal(opened.contentType, 'application/msword');
  assert.ok(opened.sizeBytes > 0);

  const html = await t.ok(manager, 'records.htmlSection', { residentId: id, section: 'ALL' });
  assert.match(html.html!, /Latex allergy/);

  // The connection goes: everything still opens from the store.
  await s.close();
  const again = await t.ok(manager, 'records.openDocument', { residentId: id, documentId: documents[0]!.id });
  assert.equal(again.fromCache, true);
  assert.equal(again.base64, opened.base64);
  assert.equal((await t.ok(manager, 'records.documents', { residentId: id })).documents[0]!.cached, true);
  assert.match((await t.ok(manager, 'records.htmlSection', { residentId: id, section: 'ALL' })).html!, /Latex/);
  assert.equal((await t.ok(manager, 'records.summary', { residentId: id })).currentMedications.length, 4);

  const views = auditRows(t, 'gp_record.viewed').map((r) => [r.staff_id, r.subject, r.detail]);
  for (const what of ['medications', 'problems', 'documents', `document:${documents[0]!.id}`, 'html:ALL', 'summary'])
    assert.ok(
      views.some(([staff, subject, detail]) => staff === managerId && subject === `resident:${id}` && detail === what),
      what,
    );
});

test('an unknown resident, section or document is refused without a crash', async () => {
  const s = await sandbox();
  const { t, manager } = await recordsCore(s);
  const missing = await t.call(manager, 'records.summary', { residentId: 999 });
  assert.equal(!missing.ok && missing.error.code, 'not_found');
  const id = addResident(t, NHS.margaret, ['Margaret', 'Ellis'], { basis: true });
  const badSection = await t.call(manager, 'records.section', { residentId: id, section: 'secrets' as never });
  assert.equal(!badSection.ok && badSection.error.code, 'invalid_request');
  const badDoc = await t.call(manager, 'records.openDocument', { residentId: id, documentId: 'nope' });
  assert.equal(!badDoc.ok && badDoc.error.code, 'not_found');
  const signedOut = await t.call(t.core.openSession(), 'records.summary', { residentId: id });
  assert.equal(!signedOut.ok && signedOut.error.code, 'not_signed_in');
});
