/**
 * A district nursing visit as the care home reads it: when the community
 * nurses came, who came and from which team, why, what they noted, the
 * actions they took (FHIR Tasks) and what they measured (Observations).
 *
 * Normalised in main from the shared care record's FHIR R4 Encounter, Task
 * and Observation resources; stored as this shape and read back from the
 * store for every view. Pure: no Node, DOM or Electron.
 */
import { z } from 'zod';

const Text = z.string().max(4000);
const ShortText = z.string().max(300);
const IsoTime = z.string().max(40);

/** R4 Task.status, in the order a care worker cares about: done, under way, not done. */
export const NursingActionStatus = z.enum([
  'completed',
  'in-progress',
  'on-hold',
  'ready',
  'requested',
  'received',
  'accepted',
  'draft',
  'rejected',
  'cancelled',
  'failed',
  'entered-in-error',
]);
export type NursingActionStatus = z.infer<typeof NursingActionStatus>;

/** The plain-English label for each action status. */
export const ACTION_STATUS_LABELS: Record<NursingActionStatus, string> = {
  completed: 'Done',
  'in-progress': 'In progress',
  'on-hold': 'On hold',
  ready: 'To do',
  requested: 'To do',
  received: 'To do',
  accepted: 'To do',
  draft: 'Planned',
  rejected: 'Not done',
  cancelled: 'Cancelled',
  failed: 'Not done',
  'entered-in-error': 'Recorded in error',
};

export const NursingNote = z
  .object({
    text: Text,
    author: ShortText.nullable(),
    time: IsoTime.nullable(),
  })
  .strict();
export type NursingNote = z.infer<typeof NursingNote>;

/** One action taken or asked for at a visit (a FHIR Task). */
export const NursingAction = z
  .object({
    sourceId: ShortText,
    description: Text,
    status: NursingActionStatus,
    /** When it was done or last changed. */
    time: IsoTime.nullable(),
    notes: z.array(NursingNote).max(50),
  })
  .strict();
export type NursingAction = z.infer<typeof NursingAction>;

/** One measurement taken at a visit (a FHIR Observation): "Blood pressure 138/84 mm[Hg]". */
export const NursingObservation = z
  .object({
    sourceId: ShortText,
    name: ShortText,
    value: ShortText,
    unit: ShortText.nullable(),
    time: IsoTime.nullable(),
    notes: z.array(NursingNote).max(50),
  })
  .strict();
export type NursingObservation = z.infer<typeof NursingObservation>;

export const NursingVisitStatus = z.enum(['planned', 'in-progress', 'finished', 'cancelled', 'unknown']);
export type NursingVisitStatus = z.infer<typeof NursingVisitStatus>;

/** One visit by the community nursing team, with where it came from and when it was fetched. */
export const NursingVisit = z
  .object({
    /** The shared care record's Encounter id. */
    sourceId: ShortText,
    start: IsoTime,
    end: IsoTime.nullable(),
    status: NursingVisitStatus,
    nurse: ShortText.nullable(),
    team: ShortText.nullable(),
    reason: Text.nullable(),
    notes: z.array(NursingNote).max(50),
    actions: z.array(NursingAction).max(100),
    observations: z.array(NursingObservation).max(100),
  })
  .strict();
export type NursingVisit = z.infer<typeof NursingVisit>;

/** Where the visits came from and how old they are: shown with every visit. */
export const NursingSource = z
  .object({
    /** "Shared care record (district nursing)", or the demo's synthetic source. */
    name: ShortText,
    /** The server's address (no query, no secrets), or null for demo data. */
    address: ShortText.nullable(),
    /** When these visits were last fetched successfully. */
    fetchedAt: IsoTime,
  })
  .strict();
export type NursingSource = z.infer<typeof NursingSource>;

/** The outcome of the last attempt to refresh, so a screen can say "could not update: offline". */
export const NursingLastAttempt = z
  .object({
    at: IsoTime,
    ok: z.boolean(),
    /** The plain-English reason when it failed. */
    problem: Text.nullable(),
  })
  .strict();
export type NursingLastAttempt = z.infer<typeof NursingLastAttempt>;

/** How long before stored visits are called out of date on screen. */
export const NURSING_STALE_AFTER_HOURS = 24;
