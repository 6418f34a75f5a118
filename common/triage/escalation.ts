/**
 * The escalation ladder: what the home does next, from the NEWS2 score and
 * the soft signs. Local versions differ, so the home configures it in the
 * managed policy (`escalation` in policy.json); the defaults follow the
 * RESTORE2 pattern. Two rules are fixed and cannot be configured away:
 *
 * - "If you are worried, escalate" is always shown, whatever the score:
 *   staff judgement outranks any number.
 * - The policy may make the ladder more cautious than the RCP's thresholds,
 *   never less: the urgent step must start at a total of 5 or lower, the
 *   emergency step at 7 or lower, and a single red score must lead to the
 *   urgent step or higher (Chart 3: a red score is the low–medium trigger).
 */
import { z } from 'zod';
import type { News2Result } from './news2';

export const ESCALATION_STEPS = [
  'observe',
  'senior_review',
  'gp_within_hours',
  'urgent_gp_or_111',
  'call_999',
] as const;
export type EscalationStepId = (typeof ESCALATION_STEPS)[number];

export const IF_WORRIED = 'If you are worried, escalate: whatever the score says, you know this resident.';

const StepText = z
  .object({
    label: z.string().trim().min(1).max(80),
    action: z.string().trim().min(1).max(400),
  })
  .strict();

export const EscalationLadder = z
  .object({
    steps: z
      .object({
        observe: StepText,
        senior_review: StepText,
        gp_within_hours: StepText,
        urgent_gp_or_111: StepText,
        call_999: StepText,
      })
      .strict(),
    /** The lowest NEWS2 total at which each step applies (the highest step that applies wins). */
    fromTotal: z
      .object({
        senior_review: z.number().int().min(0).max(20),
        gp_within_hours: z.number().int().min(0).max(20),
        urgent_gp_or_111: z.number().int().min(0).max(5, 'The urgent step must start at a NEWS2 of 5 or lower (RCP)'),
        call_999: z.number().int().min(0).max(7, 'The 999 step must start at a NEWS2 of 7 or lower (RCP)'),
      })
      .strict(),
    /** Where a single score of 3 leads. */
    redScoreStep: z.enum(['urgent_gp_or_111', 'call_999'], {
      message: 'A single red score must lead to urgent_gp_or_111 or call_999 (RCP)',
    }),
    /** Where ticked soft signs lead, when the score alone would lead lower. */
    softSignsStep: z.enum(ESCALATION_STEPS),
    /** Whether care assistants (trained by the home) may record observations; nurses and managers always may. */
    careAssistantsRecordObservations: z.boolean(),
  })
  .strict()
  .refine(
    (l) =>
      l.fromTotal.senior_review <= l.fromTotal.gp_within_hours &&
      l.fromTotal.gp_within_hours <= l.fromTotal.urgent_gp_or_111 &&
      l.fromTotal.urgent_gp_or_111 <= l.fromTotal.call_999,
    { message: 'The steps must start at rising NEWS2 totals', path: ['fromTotal'] },
  );
export type EscalationLadder = z.infer<typeof EscalationLadder>;

export const DEFAULT_ESCALATION_LADDER: EscalationLadder = {
  steps: {
    observe: {
      label: 'Observe',
      action:
        'Carry on with the care plan. Take observations again when they are next due, or sooner if anything changes.',
    },
    senior_review: {
      label: 'Senior review',
      action:
        'Tell the nurse or senior carer in charge now. They check the resident and decide whether to repeat observations sooner or call the GP.',
    },
    gp_within_hours: {
      label: 'GP within hours',
      action:
        'Ask the GP surgery for advice today (out of hours: NHS 111). Repeat observations at least every 4 hours.',
    },
    urgent_gp_or_111: {
      label: 'Urgent GP or 111',
      action:
        'Call the GP urgently now, or NHS 111 out of hours, and ask for an assessment within the hour. Use SBARD. Repeat observations at least every hour.',
    },
    call_999: {
      label: 'Call 999',
      action: 'Call 999 now, unless the resident’s treatment escalation plan says otherwise. Stay with the resident.',
    },
  },
  fromTotal: { senior_review: 1, gp_within_hours: 3, urgent_gp_or_111: 5, call_999: 7 },
  redScoreStep: 'urgent_gp_or_111',
  softSignsStep: 'senior_review',
  careAssistantsRecordObservations: true,
};

/**
 * The policy file's section: every part optional, each filled from the
 * defaults, then the whole ladder checked by the rules above. A home changes
 * only what its local version says differently.
 */
export const EscalationPolicySection = z
  .object({
    steps: z
      .object({
        observe: StepText.partial().optional(),
        senior_review: StepText.partial().optional(),
        gp_within_hours: StepText.partial().optional(),
        urgent_gp_or_111: StepText.partial().optional(),
        call_999: StepText.partial().optional(),
      })
      .strict()
      .optional(),
    fromTotal: z
      .object({
        senior_review: z.number().int().optional(),
        gp_within_hours: z.number().int().optional(),
        urgent_gp_or_111: z.number().int().optional(),
        call_999: z.number().int().optional(),
      })
      .strict()
      .optional(),
    redScoreStep: z.string().optional(),
    softSignsStep: z.string().optional(),
    careAssistantsRecordObservations: z.boolean().optional(),
  })
  .strict()
  .transform((section, ctx) => {
    const d = DEFAULT_ESCALATION_LADDER;
    const steps = Object.fromEntries(
      ESCALATION_STEPS.map((id) => [id, { ...d.steps[id], ...section.steps?.[id] }]),
    ) as EscalationLadder['steps'];
    const merged = {
      steps,
      fromTotal: { ...d.fromTotal, ...section.fromTotal },
      redScoreStep: section.redScoreStep ?? d.redScoreStep,
      softSignsStep: section.softSignsStep ?? d.softSignsStep,
      careAssistantsRecordObservations: section.careAssistantsRecordObservations ?? d.careAssistantsRecordObservations,
    };
    const checked = EscalationLadder.safeParse(merged);
    if (!checked.success) {
      for (const issue of checked.error.issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      return z.NEVER;
    }
    return checked.data;
  });

export const EscalationAdvice = z
  .object({
    step: z.enum(ESCALATION_STEPS),
    label: z.string(),
    action: z.string(),
    /** Why this step, in plain English. */
    because: z.array(z.string()),
    ifWorried: z.literal(IF_WORRIED),
  })
  .strict();
export type EscalationAdvice = z.infer<typeof EscalationAdvice>;

const rank = (step: EscalationStepId) => ESCALATION_STEPS.indexOf(step);
const higher = (a: EscalationStepId, b: EscalationStepId) => (rank(a) >= rank(b) ? a : b);

/** The step that follows a NEWS2 result (or none yet) and the latest soft signs. */
export function escalationFor(
  ladder: EscalationLadder,
  news2: Pick<News2Result, 'total' | 'redScores'> | null,
  softSignsTicked: number,
): EscalationAdvice {
  let step: EscalationStepId = 'observe';
  const because: string[] = [];
  if (news2) {
    for (const candidate of ['senior_review', 'gp_within_hours', 'urgent_gp_or_111', 'call_999'] as const) {
      if (news2.total >= ladder.fromTotal[candidate]) step = candidate;
    }
    because.push(`NEWS2 is ${news2.total}`);
    if (news2.redScores.length > 0) {
      step = higher(step, ladder.redScoreStep);
      because.push(
        `${news2.redScores.length === 1 ? 'One reading scores' : `${news2.redScores.length} readings score`} 3 (a red score)`,
      );
    }
  } else {
    because.push('No observations yet');
  }
  if (softSignsTicked > 0) {
    step = higher(step, ladder.softSignsStep);
    because.push(`${softSignsTicked} soft ${softSignsTicked === 1 ? 'sign' : 'signs'} ticked`);
  }
  return { step, ...ladder.steps[step], because, ifWorried: IF_WORRIED };
}
