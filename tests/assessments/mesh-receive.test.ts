/**
 * The MESH receive path end to end against the MESH test server: a hospital
 * mailbox sends a trusted assessment (chunked, gzip); the home's mailbox
 * stores it, files it as an assessment keyed by the MESH message id, and
 * acknowledges it. Offered again, it is not filed twice; a malformed bundle
 * is recorded as unreadable with the reason, and still acknowledged so that
 * MESH does not offer it forever.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WritableDB } from '../../main/services/store/database';
import { AssessmentsService } from '../../main/services/assessments/assessments-service';
import { unreadableMessages } from '../../main/services/assessments/assessments-repository';
import { exampleTrustedAssessmentMessage } from '../../main/services/assessments/itk3/example-message';
import { AuditLog } from '../../main/services/audit/audit-log';
import { ResidentsService } from '../../main/services/residents/residents-service';
import { testVault } from '../support/test-vault';
import { ackCount, HOME, HOSPITAL, mailboxService, openStore, startMeshServer } from '../mesh/support';
import type { FilingOutcome } from '../../main/services/assessments/assessments-service';
import type { MeshService } from '../../main/services/mesh/mesh-service';

/** The MESH message id the server gave a message the hospital queued. */
function meshIdOf(hospital: MeshService, localId: string): string {
  const id = hospital.outbox.list().find((m) => m.localId === localId)?.messageId;
  assert.ok(id, 'the message was sent');
  return id;
}

const WORKFLOWS = ['TEST_WORKFLOW'];

function homeInbox(db: WritableDB): { inbox: AssessmentsService; filed: FilingOutcome[] } {
  const audit = new AuditLog(db, () => new Date());
  const residents = new ResidentsService(db, db, audit, () => new Date());
  const inbox = new AssessmentsService({ db, reader: db, audit, now: () => new Date(), residents: () => residents });
  return { inbox, filed: [] };
}

const assessmentRows = (db: WritableDB) =>
  db.prepare('SELECT mesh_message_id, patient_family_name, state FROM assessment ORDER BY id').all() as {
    mesh_message_id: string;
    patient_family_name: string;
    state: string;
  }[];

test('a trusted assessment sent by the hospital mailbox is filed once, before its acknowledgement', async () => {
  const server = await startMeshServer();
  server.faults.offerTwice = true;
  const vault = testVault();
  const hospital = await mailboxService(vault, openStore().db, server, HOSPITAL);
  const content = Buffer.from(JSON.stringify(exampleTrustedAssessmentMessage({ familyName: 'Pickering' })));
  const localId = await hospital.queue({
    recipient: HOME,
    workflowId: 'TEST_WORKFLOW',
    content,
    subject: 'Trusted assessment',
    chunkBytes: 4_000,
    compress: true,
  });
  assert.equal((await hospital.poll()).ok, true);
  const sentId = meshIdOf(hospital, localId);

  const { db } = openStore();
  const { inbox, filed } = homeInbox(db);
  const ackedWhenFiled: number[] = [];
  const home = await mailboxService(vault, db, server, HOME, {
    onStored: (m) => {
      if (m.messageType !== 'DATA' || !WORKFLOWS.includes(m.workflowId)) return;
      ackedWhenFiled.push(ackCount(server, m.messageId));
      filed.push(inbox.fileFromMesh(m.messageId));
    },
  });
  const first = await home.poll();
  assert.equal(first.ok, true, first.problem?.sentence);
  const ours = first.received!.stored.find((m) => m.messageId === sentId);
  assert.ok(ours, 'the hospital’s message arrived');
  assert.ok(server.store.messages.get(sentId)!.chunks.length > 1, 'it travelled in chunks');

  const rows = assessmentRows(db);
  assert.deepEqual(rows, [{ mesh_message_id: sentId, patient_family_name: 'Pickering', state: 'new' }]);
  assert.ok(
    ackedWhenFiled.every((n) => n === 0),
    'filed before any acknowledgement was sent',
  );
  // The sandbox's own message on the same workflow is not FHIR: kept as unreadable, with the reason.
  assert.deepEqual(
    unreadableMessages(db).map((u) => u.meshMessageId),
    ['CHUNKED_MESSAGE_GZ'],
  );
  assert.match(unreadableMessages(db)[0]!.reason, /neither FHIR JSON nor FHIR XML/);

  // The server "lost" the first acknowledgement, so MESH offers it again; with the sweep after a poll, nothing is filed twice.
  const second = await home.poll(true);
  assert.equal(second.ok, true, second.problem?.sentence);
  assert.ok(second.received!.offeredAgain.includes(sentId));
  assert.deepEqual(inbox.fileWaiting(WORKFLOWS), []);
  assert.equal(inbox.fileFromMesh(sentId).kind, 'already_filed');
  assert.equal(assessmentRows(db).length, 1);
  assert.equal(server.store.messages.get(sentId)!.status, 'acknowledged');
});

test('stored but not filed (the app stopped in between): the sweep after the next poll files it, once', async () => {
  const server = await startMeshServer();
  const vault = testVault();
  const hospital = await mailboxService(vault, openStore().db, server, HOSPITAL);
  const localId = await hospital.queue({
    recipient: HOME,
    workflowId: 'TEST_WORKFLOW',
    content: Buffer.from(JSON.stringify(exampleTrustedAssessmentMessage())),
  });
  assert.equal((await hospital.poll()).ok, true);
  const sentId = meshIdOf(hospital, localId);
  const { db } = openStore();
  const home = await mailboxService(vault, db, server, HOME);
  assert.equal((await home.poll()).ok, true);
  const { inbox } = homeInbox(db);
  const swept = inbox.fileWaiting(WORKFLOWS);
  assert.deepEqual(swept.map((o) => o.kind).sort(), ['filed', 'unreadable']);
  assert.equal(assessmentRows(db)[0]!.mesh_message_id, sentId);
  assert.deepEqual(inbox.fileWaiting(WORKFLOWS), [], 'a second sweep files nothing');
});

test('a malformed ITK3 bundle over MESH: recorded as unreadable with a clear reason, nothing filed half', async () => {
  const server = await startMeshServer();
  const vault = testVault();
  const hospital = await mailboxService(vault, openStore().db, server, HOSPITAL);
  const broken = exampleTrustedAssessmentMessage() as { entry: { resource: Record<string, unknown> }[] };
  delete broken.entry[0]!.resource.timestamp;
  const localId = await hospital.queue({
    recipient: HOME,
    workflowId: 'TEST_WORKFLOW',
    content: Buffer.from(JSON.stringify(broken)),
  });
  assert.equal((await hospital.poll()).ok, true);
  const sentId = meshIdOf(hospital, localId);
  const { db } = openStore();
  const home = await mailboxService(vault, db, server, HOME);
  assert.equal((await home.poll()).ok, true);
  const { inbox } = homeInbox(db);
  inbox.fileWaiting(WORKFLOWS);
  assert.deepEqual(assessmentRows(db), []);
  assert.equal(db.prepare('SELECT count(*) FROM assessment_event').pluck().get(), 0);
  const unreadable = unreadableMessages(db).find((u) => u.meshMessageId === sentId);
  assert.match(unreadable?.reason ?? '', /MessageHeader.*timestamp/);
  assert.equal(unreadable?.senderMailbox, HOSPITAL);
  assert.equal(server.store.messages.get(sentId)!.status, 'acknowledged');
});
