/**
 * Crisis triage (issue 7), recognise and measure: soft signs, observation
 * sets scored with NEWS2, the resident's SpO2 scale and reference score, and
 * the escalation step that follows.
 *
 * Who may do what (decided here, explained in docs/triage.md):
 * - Soft signs: any care staff (care assistants notice first).
 * - Observations: nurses and managers, and care assistants, who in RESTORE2
 *   homes are trained to take them; a home whose care assistants are not
 *   trained turns that off in the policy (escalation.careAssistantsRecordObservations),
 *   and main refuses them.
 * - The SpO2 scale, the reference score and the end-of-life pathway are
 *   clinical decisions: nurses and managers record them (the scale as the
 *   clinician's decision, with who and when).
 * - Reading the history: anyone signed in; every view is audited.
 */
import { z } from 'zod';
import { channel, NURSES_AND_MANAGERS } from '../channel';
import { EscalationAdvice, EscalationLadder } from '../../triage/escalation';
import {
  NewObservationSet,
  NewReferenceScore,
  NewSpo2ScaleSetting,
  ObservationSet,
  ReferenceScore,
  ResidentRef,
  Spo2ScaleSetting,
} from '../../triage/observations';
import { NewSoftSignsCheck, SoftSignsCheck } from '../../triage/soft-signs';

/** Care staff: everyone but the IT administrator, who has no clinical role. */
export const CARE_STAFF = ['care_assistant', 'nurse', 'manager'] as const;

const StaffRef = z.object({ staffId: z.number().int().positive(), displayName: z.string() }).strict();

export const EndOfLifePathway = z
  .object({
    onPathway: z.boolean(),
    note: z.string().nullable(),
    setBy: StaffRef,
    setAt: z.string(),
  })
  .strict();
export type EndOfLifePathway = z.infer<typeof EndOfLifePathway>;

/** Whether the app asks for observations, and when next. */
export const ObservationPrompt = z.discriminatedUnion('state', [
  z.object({ state: z.literal('no_observations_yet') }).strict(),
  z.object({ state: z.literal('due_by'), dueBy: z.string(), monitoring: z.string() }).strict(),
  z.object({ state: z.literal('continuous'), monitoring: z.string() }).strict(),
  // RESTORE2: once a resident is on an end-of-life pathway, observations stop being prompted.
  z.object({ state: z.literal('not_prompted_end_of_life') }).strict(),
]);
export type ObservationPrompt = z.infer<typeof ObservationPrompt>;

export const ResidentTriage = z
  .object({
    residentId: ResidentRef,
    spo2Scale: z.union([z.literal(1), z.literal(2)]),
    spo2ScaleSetting: Spo2ScaleSetting.nullable(),
    reference: ReferenceScore.nullable(),
    endOfLife: EndOfLifePathway.nullable(),
    /** Newest first. */
    observationSets: z.array(ObservationSet),
    /** Newest first. */
    softSigns: z.array(SoftSignsCheck),
    prompt: ObservationPrompt,
    escalation: EscalationAdvice,
    ladder: EscalationLadder,
  })
  .strict();
export type ResidentTriage = z.infer<typeof ResidentTriage>;

export const RecordedObservations = z
  .object({ observationSet: ObservationSet, escalation: EscalationAdvice, prompt: ObservationPrompt })
  .strict();
export type RecordedObservations = z.infer<typeof RecordedObservations>;

export const triageChannels = {
  'triage.recordObservations': channel({
    request: NewObservationSet,
    response: RecordedObservations,
    access: CARE_STAFF,
  }),
  'triage.setSpo2Scale': channel({
    request: NewSpo2ScaleSetting,
    response: Spo2ScaleSetting,
    access: NURSES_AND_MANAGERS,
  }),
  'triage.setReferenceScore': channel({
    request: NewReferenceScore,
    response: ReferenceScore,
    access: NURSES_AND_MANAGERS,
  }),
  'triage.setEndOfLifePathway': channel({
    request: z
      .object({
        residentId: ResidentRef,
        onPathway: z.boolean(),
        note: z.string().trim().max(500, 'The note must be 500 characters or fewer').optional(),
      })
      .strict(),
    response: EndOfLifePathway,
    access: NURSES_AND_MANAGERS,
  }),
  'triage.history': channel({
    request: z.object({ residentId: ResidentRef, limit: z.number().int().min(1).max(200).default(30) }).strict(),
    response: ResidentTriage,
    access: CARE_STAFF,
  }),
  'triage.recordSoftSigns': channel({ request: NewSoftSignsCheck, response: SoftSignsCheck, access: CARE_STAFF }),
};
