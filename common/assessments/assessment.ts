/**
 * The assessment inbox: each trusted assessment received, its state, and the
 * decisions staff made on it. zod schemas shared by main (the boundary
 * checks) and the renderer.
 */
import { z } from 'zod';
import { CalendarDate } from '../residents/resident';
import { OdsCode, ResidentId } from '../ipc/types';
import { Itk3Header, TransferOfCareDocument } from './transfer-of-care';
import { TrustedAssessment } from './trusted-assessment';
import { WaitingTimes } from './assessments-policy';

export const AssessmentState = z.enum(['new', 'in_review', 'queried', 'accepted', 'declined', 'withdrawn', 'expired']);
export type AssessmentState = z.infer<typeof AssessmentState>;

export const ASSESSMENT_STATE_LABELS: Record<AssessmentState, string> = {
  new: 'New',
  in_review: 'In review',
  queried: 'Waiting for the hospital’s answer',
  accepted: 'Accepted',
  declined: 'Declined',
  withdrawn: 'Withdrawn by the hospital',
  expired: 'Expired',
};

/** States in which the hospital is still waiting for the home. */
export const OPEN_STATES: readonly AssessmentState[] = ['new', 'in_review', 'queried'];

export const AssessmentId = z.number().int().positive();

export const AssessmentSummary = z
  .object({
    id: AssessmentId,
    state: AssessmentState,
    source: z.enum(['mesh', 'nhsmail', 'demo']),
    receivedAt: z.string(),
    stateChangedAt: z.string(),
    patientName: z.string(),
    nhsNumber: z.string().nullable(),
    dateOfBirth: z.string().nullable(),
    hospital: z.string().nullable(),
    ward: z.string().nullable(),
    assessor: z.string().nullable(),
    plannedDischargeDate: z.string().nullable(),
  })
  .strict();
export type AssessmentSummary = z.infer<typeof AssessmentSummary>;

/** The inbox: every assessment, and when a wait turns amber and red (from the policy). */
export const AssessmentInbox = z.object({ assessments: z.array(AssessmentSummary), waiting: WaitingTimes }).strict();
export type AssessmentInbox = z.infer<typeof AssessmentInbox>;

export const DeclineReason = z.enum([
  'needs_beyond_home',
  'no_bed',
  'equipment_not_ready',
  'staff_skills',
  'outside_agreement',
  'other',
]);
export type DeclineReason = z.infer<typeof DeclineReason>;
export const DECLINE_REASON_LABELS: Record<DeclineReason, string> = {
  needs_beyond_home: 'The home cannot safely meet these needs',
  no_bed: 'No suitable room is free',
  equipment_not_ready: 'The equipment needed is not available in time',
  staff_skills: 'Staff do not yet have the skills needed',
  outside_agreement: 'The sender is outside the trusted assessor agreement',
  other: 'Another reason (say below)',
};

export const AssessmentEvent = z
  .object({
    kind: z.enum(['received', 'review_started', 'queried', 'accepted', 'declined', 'withdrawn', 'expired']),
    at: z.string(),
    staffName: z.string().nullable(),
    admissionDate: z.string().nullable(),
    reason: DeclineReason.nullable(),
    note: z.string().nullable(),
  })
  .strict();
export type AssessmentEvent = z.infer<typeof AssessmentEvent>;

export const AssessmentDetails = AssessmentSummary.extend({
  header: Itk3Header,
  document: TransferOfCareDocument,
  assessment: TrustedAssessment.nullable(),
  history: z.array(AssessmentEvent),
  residentId: ResidentId.nullable(),
}).strict();
export type AssessmentDetails = z.infer<typeof AssessmentDetails>;

const Note = (required: string) => z.string().trim().min(1, required).max(2000, 'Keep it to 2000 characters or fewer');

export const AssessmentDecision = z.discriminatedUnion('decision', [
  z
    .object({
      decision: z.literal('accept'),
      assessmentId: AssessmentId,
      /** The date the home can take the person. */
      admissionDate: CalendarDate,
      /** The person's GP practice, for the prospective resident's record. */
      gpOdsCode: OdsCode,
    })
    .strict(),
  z
    .object({
      decision: z.literal('decline'),
      assessmentId: AssessmentId,
      reason: DeclineReason,
      note: z.string().trim().max(2000, 'Keep it to 2000 characters or fewer'),
    })
    .strict()
    .refine((d) => d.reason !== 'other' || d.note !== '', {
      message: 'Say why the home cannot take the person',
      path: ['note'],
    }),
  z
    .object({
      decision: z.literal('query'),
      assessmentId: AssessmentId,
      question: Note('Write the question for the assessor'),
    })
    .strict(),
]);
export type AssessmentDecisionInput = z.input<typeof AssessmentDecision>;
export type AssessmentDecision = z.output<typeof AssessmentDecision>;
