/**
 * The SBARD handover (Situation, Background, Assessment, Recommendation,
 * Decision) that a care home gives a clinician when a resident is unwell,
 * and the part of it shared on a video call.
 *
 * The home's service prefills an `SbardHandover` from the resident's record
 * and latest observations; staff edit the words before they call or send it.
 * The clinician's Decision comes back (typed in the app after a phone call,
 * or from the clinician's page of a video call), is read back, and is kept
 * on the resident's timeline. Pure: no Node, DOM or Electron.
 */
import { z } from 'zod';

const Text = z.string().max(4000);
const ShortText = z.string().max(300);
const IsoTime = z.string().max(40);

/** The four parts the home writes, each as the plain words read out or shared. */
export const SbardText = z
  .object({
    /** Who is calling, about whom, what the concern is, the NEWS2 score. */
    situation: Text,
    /** Conditions, care plan, escalation plan, recent changes, medicines, allergies, last and usual observations. */
    background: Text,
    /** What the home sees: soft signs, observations, what has changed. */
    assessment: Text,
    /** What the home asks for: advice, a visit, … */
    recommendation: Text,
  })
  .strict();
export type SbardText = z.infer<typeof SbardText>;

/** One agreed action: who does what, by when. */
export const DecisionAction = z
  .object({
    who: ShortText.min(1, 'Say who will do it'),
    what: Text.min(1, 'Say what will be done'),
    byWhen: ShortText.min(1, 'Say by when'),
  })
  .strict();
export type DecisionAction = z.infer<typeof DecisionAction>;

/** The "D" of SBARD: what the clinician and the home agreed. */
export const SbardDecision = z
  .object({
    agreed: Text.min(1, 'Write what was agreed'),
    actions: z.array(DecisionAction).max(20),
    /** What the home does if things do not improve (or get worse). */
    ifNoImprovement: Text.min(1, 'Write what to do if things do not improve'),
    clinicianName: ShortText.min(1, 'Write the clinician’s name'),
    /** "GP", "Advanced nurse practitioner", "111 clinician", … */
    clinicianRole: ShortText.nullable(),
    decidedAt: IsoTime,
  })
  .strict();
export type SbardDecision = z.infer<typeof SbardDecision>;

/** How a call or handover ended: counted so the home and its commissioner see the admissions avoided. */
export const CALL_OUTCOMES = ['advice_only', 'gp_visit', 'referred_111', 'called_999'] as const;
export const CallOutcome = z.enum(CALL_OUTCOMES);
export type CallOutcome = z.infer<typeof CallOutcome>;
export const CALL_OUTCOME_LABELS: Readonly<Record<CallOutcome, string>> = {
  advice_only: 'Advice only',
  gp_visit: 'GP visit arranged',
  referred_111: 'Referred to 111',
  called_999: '999 called',
};

/** One observation set as shared with a clinician: the NEWS2 and each parameter's score. */
export const SharedObservationSet = z
  .object({
    takenAt: IsoTime,
    news2Total: z.number().int().min(0).max(20),
    anyRedScore: z.boolean(),
    /** Per parameter: the value as entered (with its unit) and its NEWS2 score. */
    parameters: z
      .array(z.object({ label: ShortText, value: ShortText, score: z.number().int().min(0).max(3) }).strict())
      .max(10),
  })
  .strict();
export type SharedObservationSet = z.infer<typeof SharedObservationSet>;

/**
 * What the home chose to share with the clinician for one call: shown on the
 * clinician's page beside the video, and nothing more. Each part is optional
 * because the home may leave it out.
 */
export const SharedCallSummary = z
  .object({
    careHomeName: ShortText,
    /** Name, age and date of birth as the home chooses to show them; NHS number only if shared. */
    resident: z
      .object({ displayName: ShortText, dateOfBirth: ShortText.nullable(), nhsNumber: ShortText.nullable() })
      .strict(),
    sbard: SbardText.nullable(),
    /** Newest first: the latest set and the trend. */
    observations: z.array(SharedObservationSet).max(50),
    /** The resident's usual NEWS2 (their reference score), when recorded. */
    referenceScore: z.number().int().min(0).max(20).nullable(),
    medications: z
      .array(z.object({ name: Text, dosage: Text.nullable() }).strict())
      .max(200)
      .nullable(),
    allergies: z
      .array(z.object({ name: Text, reaction: Text.nullable() }).strict())
      .max(100)
      .nullable(),
    /** ReSPECT / DNACPR / treatment escalation plan, in the words recorded. */
    escalationPlan: Text.nullable(),
    /** The phone number the clinician can call the home on. */
    homePhone: ShortText.nullable(),
  })
  .strict();
export type SharedCallSummary = z.infer<typeof SharedCallSummary>;
