/**
 * The assessment tables (migration 440): prepared statements only. Rows
 * become the shared models here, and the JSON columns are checked against
 * their schemas on the way out, so a damaged row is an error, never a guess.
 */
import {
  AssessmentEvent,
  type AssessmentDetails,
  type AssessmentState,
  type AssessmentSummary,
} from '../../../common/assessments/assessment';
import { Itk3Header, TransferOfCareDocument } from '../../../common/assessments/transfer-of-care';
import { TrustedAssessment } from '../../../common/assessments/trusted-assessment';
import type { ReadableDB, WritableDB } from '../store/database';

interface AssessmentRow {
  id: number;
  source: 'mesh' | 'nhsmail' | 'demo';
  mesh_message_id: string | null;
  state: AssessmentState;
  received_at: string;
  state_changed_at: string;
  hospital: string | null;
  ward: string | null;
  assessor: string | null;
  patient_nhs_number: string | null;
  patient_given_name: string;
  patient_family_name: string;
  patient_date_of_birth: string | null;
  planned_discharge_date: string | null;
  header_json: string;
  document_json: string;
  assessment_json: string | null;
  resident_id: number | null;
}

interface EventRow {
  kind: AssessmentEvent['kind'];
  at: string;
  staff_name: string | null;
  admission_date: string | null;
  reason: string | null;
  note: string | null;
}

export interface NewAssessment {
  readonly source: 'mesh' | 'nhsmail' | 'demo';
  readonly meshMessageId: string | null;
  readonly senderMailbox: string | null;
  readonly receivedAt: string;
  readonly header: Itk3Header;
  readonly document: TransferOfCareDocument;
  readonly assessment: TrustedAssessment | null;
  readonly messageJson: string;
  readonly state?: AssessmentState;
}

const SUMMARY_COLUMNS = `id, source, mesh_message_id, state, received_at, state_changed_at, hospital, ward, assessor,
  patient_nhs_number, patient_given_name, patient_family_name, patient_date_of_birth, planned_discharge_date`;

export function insertAssessment(db: WritableDB, a: NewAssessment): number {
  const result = db
    .prepare(
      `INSERT INTO assessment (source, mesh_message_id, state, received_at, state_changed_at, sender_mailbox, hospital,
         hospital_ods_code, ward, assessor, patient_nhs_number, patient_given_name, patient_family_name,
         patient_date_of_birth, planned_discharge_date, header_json, document_json, assessment_json, message_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      a.source,
      a.meshMessageId,
      a.state ?? 'new',
      a.receivedAt,
      a.receivedAt,
      a.senderMailbox,
      a.document.hospital,
      a.document.hospitalOdsCode,
      a.document.ward,
      a.document.author,
      a.document.patient.nhsNumber,
      a.document.patient.givenName,
      a.document.patient.familyName,
      a.document.patient.dateOfBirth,
      a.assessment?.plannedDischargeDate ?? null,
      JSON.stringify(a.header),
      JSON.stringify(a.document),
      a.assessment ? JSON.stringify(a.assessment) : null,
      a.messageJson,
    );
  const id = Number(result.lastInsertRowid);
  insertEvent(db, id, { kind: 'received', at: a.receivedAt });
  return id;
}

export function insertEvent(
  db: WritableDB,
  assessmentId: number,
  e: {
    kind: AssessmentEvent['kind'];
    at: string;
    staff?: { staffId: number | null; displayName: string } | null;
    admissionDate?: string | null;
    reason?: string | null;
    note?: string | null;
  },
): void {
  db.prepare(
    `INSERT INTO assessment_event (assessment_id, kind, at, staff_id, staff_name, admission_date, reason, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    assessmentId,
    e.kind,
    e.at,
    e.staff?.staffId ?? null,
    e.staff?.displayName ?? null,
    e.admissionDate ?? null,
    e.reason ?? null,
    e.note ?? null,
  );
}

export function setState(db: WritableDB, assessmentId: number, state: AssessmentState, at: string): void {
  db.prepare('UPDATE assessment SET state = ?, state_changed_at = ? WHERE id = ?').run(state, at, assessmentId);
}

export function linkResident(db: WritableDB, assessmentId: number, residentId: number): void {
  db.prepare('UPDATE assessment SET resident_id = ? WHERE id = ?').run(residentId, assessmentId);
}

export function assessmentIdForMeshMessage(db: ReadableDB, meshMessageId: string): number | null {
  return (
    (db.prepare('SELECT id FROM assessment WHERE mesh_message_id = ?').pluck().get(meshMessageId) as
      number | undefined) ?? null
  );
}

export function recordUnreadable(
  db: WritableDB,
  m: { meshMessageId: string; senderMailbox: string; reason: string; at: string },
): void {
  db.prepare(
    `INSERT OR IGNORE INTO assessment_unreadable_message (mesh_message_id, sender_mailbox, reason, at) VALUES (?, ?, ?, ?)`,
  ).run(m.meshMessageId, m.senderMailbox, m.reason, m.at);
}

export function unreadableMessages(
  db: ReadableDB,
): { meshMessageId: string; senderMailbox: string; reason: string; at: string }[] {
  return db
    .prepare(
      `SELECT mesh_message_id AS meshMessageId, sender_mailbox AS senderMailbox, reason, at
       FROM assessment_unreadable_message ORDER BY at, mesh_message_id`,
    )
    .all() as { meshMessageId: string; senderMailbox: string; reason: string; at: string }[];
}

function toSummary(row: AssessmentRow): AssessmentSummary {
  return {
    id: row.id,
    state: row.state,
    source: row.source,
    receivedAt: row.received_at,
    stateChangedAt: row.state_changed_at,
    patientName: `${row.patient_given_name} ${row.patient_family_name}`.trim(),
    nhsNumber: row.patient_nhs_number,
    dateOfBirth: row.patient_date_of_birth,
    hospital: row.hospital,
    ward: row.ward,
    assessor: row.assessor,
    plannedDischargeDate: row.planned_discharge_date,
  };
}

/** Oldest first within each state: the longest wait is at the top. */
export function listAssessments(db: ReadableDB): AssessmentSummary[] {
  return (
    db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM assessment ORDER BY received_at, id`).all() as AssessmentRow[]
  ).map(toSummary);
}

export function findAssessment(db: ReadableDB, id: number): AssessmentDetails | null {
  const row = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS}, header_json, document_json, assessment_json, resident_id FROM assessment WHERE id = ?`,
    )
    .get(id) as AssessmentRow | undefined;
  if (!row) return null;
  const events = db
    .prepare(
      'SELECT kind, at, staff_name, admission_date, reason, note FROM assessment_event WHERE assessment_id = ? ORDER BY id',
    )
    .all(id) as EventRow[];
  return {
    ...toSummary(row),
    header: Itk3Header.parse(JSON.parse(row.header_json)),
    document: TransferOfCareDocument.parse(JSON.parse(row.document_json)),
    assessment: row.assessment_json ? TrustedAssessment.parse(JSON.parse(row.assessment_json)) : null,
    history: events.map((e) =>
      AssessmentEvent.parse({
        kind: e.kind,
        at: e.at,
        staffName: e.staff_name,
        admissionDate: e.admission_date,
        reason: e.reason,
        note: e.note,
      }),
    ),
    residentId: row.resident_id,
  };
}
