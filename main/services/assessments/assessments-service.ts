/**
 * The trusted assessment inbox: filing what arrives (once per MESH message),
 * listing and showing assessments, and the decisions nurses and managers
 * make. Every view and every change is in the audit log; a decision and its
 * audit entry are one transaction.
 */
import {
  type AssessmentDecision,
  type AssessmentDetails,
  type AssessmentInbox,
  DECLINE_REASON_LABELS,
  OPEN_STATES,
} from '../../../common/assessments/assessment';
import {
  type AssessmentMapping,
  DEFAULT_ASSESSMENT_MAPPING,
  TRUSTED_ASSESSMENT_QUESTIONNAIRE,
} from '../../../common/assessments/trusted-assessment';
import { CareHomeError } from '../../../common/ipc/result';
import {
  type AssessmentsPolicy,
  type WaitingTimes,
  waitingTimes,
} from '../../../common/assessments/assessments-policy';
import { NewResident } from '../../../common/residents/resident';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import { findResidentByNhsNumber } from '../residents/residents-repository';
import type { ResidentsService } from '../residents/residents-service';
import type { ReadableDB, WritableDB } from '../store/database';
import {
  assessmentIdForMeshMessage,
  findAssessment,
  insertAssessment,
  insertEvent,
  linkResident,
  listAssessments,
  recordUnreadable,
  setState,
} from './assessments-repository';
import { Itk3Error, parseTransferOfCare } from './itk3/transfer-of-care';
import { readTrustedAssessment } from './itk3/trusted-assessment-reader';

export type FilingOutcome =
  | { readonly kind: 'filed'; readonly assessmentId: number }
  | { readonly kind: 'already_filed'; readonly assessmentId: number }
  | { readonly kind: 'unreadable'; readonly reason: string };

export interface AssessmentsServiceOptions {
  readonly db: WritableDB;
  readonly reader: ReadableDB;
  readonly audit: AuditLog;
  readonly now: () => Date;
  /** A getter, as the services are built together. */
  readonly residents: () => ResidentsService;
  /** The managed policy's `assessments` section (mapping, waiting times). */
  readonly policy?: AssessmentsPolicy | undefined;
}

const subject = (id: number) => `assessment:${id}`;

export class AssessmentsService {
  private readonly mapping: AssessmentMapping;
  private readonly waiting: WaitingTimes;

  constructor(private readonly options: AssessmentsServiceOptions) {
    this.mapping = options.policy?.linkIds ?? DEFAULT_ASSESSMENT_MAPPING;
    this.waiting = waitingTimes(options.policy);
  }

  private get db(): WritableDB {
    return this.options.db;
  }

  /**
   * Files one received message: read whole, then stored in one transaction,
   * or recorded as unreadable with the reason. A MESH message id already
   * filed (or already found unreadable) is not filed again.
   */
  fileMessage(
    content: Buffer | string,
    from: { source: 'mesh' | 'nhsmail' | 'demo'; meshMessageId: string | null; senderMailbox: string | null },
  ): FilingOutcome {
    const at = this.options.now().toISOString();
    if (from.meshMessageId) {
      const existing = assessmentIdForMeshMessage(this.db, from.meshMessageId);
      if (existing !== null) return { kind: 'already_filed', assessmentId: existing };
    }
    let read;
    try {
      const message = parseTransferOfCare(content);
      const responses = message.questionnaireResponses;
      const response =
        responses.find((r) => r.questionnaire?.reference === TRUSTED_ASSESSMENT_QUESTIONNAIRE) ?? responses[0];
      read = { message, assessment: response ? readTrustedAssessment(response, this.mapping) : null };
    } catch (error) {
      if (!(error instanceof Itk3Error)) throw error;
      if (from.meshMessageId) {
        this.db.transaction(() => {
          recordUnreadable(this.db, {
            meshMessageId: from.meshMessageId!,
            senderMailbox: from.senderMailbox ?? '',
            reason: error.message,
            at,
          });
          this.options.audit.append({
            actor: null,
            action: 'assessment.unreadable',
            subject: `mesh:${from.meshMessageId}`,
            detail: error.message.slice(0, 500),
          });
        })();
      }
      return { kind: 'unreadable', reason: error.message };
    }
    const assessmentId = this.db.transaction(() => {
      const id = insertAssessment(this.db, {
        source: from.source,
        meshMessageId: from.meshMessageId,
        senderMailbox: from.senderMailbox,
        receivedAt: at,
        header: read.message.header,
        document: read.message.document,
        assessment: read.assessment,
        messageJson: JSON.stringify(read.message.json),
      });
      this.options.audit.append({
        actor: null,
        action: 'assessment.received',
        subject: subject(id),
        detail: `from ${read.message.document.hospital ?? read.message.header.sourceEndpoint}`,
      });
      return id;
    })();
    return { kind: 'filed', assessmentId };
  }

  /** Files a message the MESH inbox has committed to the store (its pieces, joined). */
  fileFromMesh(meshMessageId: string): FilingOutcome {
    const row = this.db
      .prepare(
        "SELECT sender, message_type FROM mesh_inbound_message WHERE message_id = ? AND state IN ('stored', 'acknowledged')",
      )
      .get(meshMessageId) as { sender: string; message_type: string } | undefined;
    if (!row) throw new Error(`MESH message ${meshMessageId} is not stored yet.`);
    if (row.message_type !== 'DATA') return { kind: 'unreadable', reason: 'An error report is not an assessment.' };
    const pieces = this.db
      .prepare('SELECT data FROM mesh_inbound_piece WHERE message_id = ? ORDER BY chunk_no, seq')
      .pluck()
      .all(meshMessageId) as Buffer[];
    return this.fileMessage(Buffer.concat(pieces), {
      source: 'mesh',
      meshMessageId,
      senderMailbox: row.sender,
    });
  }

  /**
   * Files every stored MESH message on the given workflows not yet filed or
   * found unreadable: run after each poll, so a message is filed even if the
   * app stopped between storing and filing it.
   */
  fileWaiting(workflowIds: readonly string[]): FilingOutcome[] {
    if (workflowIds.length === 0) return [];
    const ids = this.db
      .prepare(
        `SELECT m.message_id FROM mesh_inbound_message m
         WHERE m.message_type = 'DATA' AND m.state IN ('stored', 'acknowledged')
           AND m.workflow_id IN (${workflowIds.map(() => '?').join(', ')})
           AND NOT EXISTS (SELECT 1 FROM assessment a WHERE a.mesh_message_id = m.message_id)
           AND NOT EXISTS (SELECT 1 FROM assessment_unreadable_message u WHERE u.mesh_message_id = m.message_id)
         ORDER BY m.stored_at, m.message_id`,
      )
      .pluck()
      .all(...workflowIds) as string[];
    return ids.map((id) => this.fileFromMesh(id));
  }

  list(actor: AuditActor): AssessmentInbox {
    const found = listAssessments(this.options.reader);
    this.options.audit.append({ actor, action: 'assessments.list_viewed', detail: `${found.length} assessments` });
    return { assessments: found, waiting: this.waiting };
  }

  /** Shows one assessment; a nurse or manager opening a new one starts its review. */
  get(actor: AuditActor & { role?: string }, assessmentId: number): AssessmentDetails {
    const found = findAssessment(this.options.reader, assessmentId);
    if (!found) throw new CareHomeError('not_found', 'That assessment was not found.');
    const at = this.options.now().toISOString();
    const reviewing = found.state === 'new' && (actor.role === 'nurse' || actor.role === 'manager');
    this.db.transaction(() => {
      if (reviewing) {
        setState(this.db, assessmentId, 'in_review', at);
        insertEvent(this.db, assessmentId, { kind: 'review_started', at, staff: actor });
      }
      this.options.audit.append({ actor, action: 'assessment.viewed', subject: subject(assessmentId) });
    })();
    return reviewing ? findAssessment(this.db, assessmentId)! : found;
  }

  decide(actor: AuditActor, decision: AssessmentDecision): AssessmentDetails {
    const at = this.options.now().toISOString();
    const id = decision.assessmentId;
    const open = () => {
      const found = findAssessment(this.db, id);
      if (!found) throw new CareHomeError('not_found', 'That assessment was not found.');
      if (!OPEN_STATES.includes(found.state)) {
        throw new CareHomeError(
          'conflict',
          `This assessment was already ${found.state.replace('_', ' ')}, so it cannot be answered again.`,
        );
      }
      return found;
    };
    // The residents service commits the prospective resident on its own (its
    // views read through the second connection); if the decision below then
    // failed, trying again finds that resident by NHS number and links it.
    const residentId =
      decision.decision === 'accept' ? this.prospectiveResident(actor, open(), decision.gpOdsCode) : null;
    this.db.transaction(() => {
      open();
      switch (decision.decision) {
        case 'accept': {
          linkResident(this.db, id, residentId!);
          setState(this.db, id, 'accepted', at);
          insertEvent(this.db, id, { kind: 'accepted', at, staff: actor, admissionDate: decision.admissionDate });
          this.options.audit.append({
            actor,
            action: 'assessment.accepted',
            subject: subject(id),
            detail: `can admit on ${decision.admissionDate}; resident:${residentId}`,
          });
          return;
        }
        case 'decline':
          setState(this.db, id, 'declined', at);
          insertEvent(this.db, id, {
            kind: 'declined',
            at,
            staff: actor,
            reason: decision.reason,
            note: decision.note || null,
          });
          this.options.audit.append({
            actor,
            action: 'assessment.declined',
            subject: subject(id),
            detail: DECLINE_REASON_LABELS[decision.reason],
          });
          return;
        case 'query':
          setState(this.db, id, 'queried', at);
          insertEvent(this.db, id, { kind: 'queried', at, staff: actor, note: decision.question });
          this.options.audit.append({ actor, action: 'assessment.queried', subject: subject(id) });
          return;
      }
    })();
    return findAssessment(this.db, id)!;
  }

  /** The person as a prospective resident: the one already recorded with the NHS number, or a new one. */
  private prospectiveResident(actor: AuditActor, found: AssessmentDetails, gpOdsCode: string): number {
    const patient = found.document.patient;
    if (!patient.nhsNumber || !patient.dateOfBirth) {
      throw new CareHomeError(
        'invalid_request',
        'The assessment has no NHS number or date of birth, so the person cannot be added as a prospective resident. Ask the assessor for them.',
      );
    }
    const candidate = NewResident.safeParse({
      nhsNumber: patient.nhsNumber,
      givenName: patient.givenName,
      familyName: patient.familyName,
      dateOfBirth: patient.dateOfBirth,
      room: '',
      gpOdsCode,
    });
    if (!candidate.success) {
      throw new CareHomeError(
        'invalid_request',
        `The person in the assessment cannot be added as a prospective resident: ${candidate.error.issues[0]?.message ?? 'their details are not complete'}. Ask the assessor to check them.`,
      );
    }
    const existing = findResidentByNhsNumber(this.db, candidate.data.nhsNumber);
    if (existing) return existing.id;
    return this.options.residents().add(actor, candidate.data, 'prospective').residentId;
  }
}
