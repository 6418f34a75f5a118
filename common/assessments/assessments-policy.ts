/**
 * The managed policy's `assessments` section: when the hospital's wait turns
 * amber and red in the inbox, and the linkId mapping of the hospital's
 * trusted assessment questionnaire (docs/trusted-assessment.md). Each part
 * left out keeps the default.
 */
import { z } from 'zod';
import { AssessmentMapping } from './trusted-assessment';

export const AssessmentsPolicy = z
  .object({
    /** Hours after receipt at which an undecided assessment turns amber (default 4). */
    waitingAmberHours: z.number().min(0.25, 'Use at least a quarter of an hour').max(168).optional(),
    /** Hours after receipt at which it turns red (default 24); must be after amber. */
    waitingRedHours: z.number().min(0.5, 'Use at least half an hour').max(336).optional(),
    /** linkId → field, replacing the default mapping. */
    linkIds: AssessmentMapping.optional(),
  })
  .strict()
  .refine((p) => (p.waitingRedHours ?? 24) > (p.waitingAmberHours ?? 4), {
    message: 'The red time must be later than the amber time',
    path: ['waitingRedHours'],
  });
export type AssessmentsPolicy = z.infer<typeof AssessmentsPolicy>;

export const DEFAULT_WAITING_AMBER_HOURS = 4;
export const DEFAULT_WAITING_RED_HOURS = 24;

export const WaitingTimes = z.object({ amberHours: z.number(), redHours: z.number() }).strict();
export type WaitingTimes = z.infer<typeof WaitingTimes>;

export function waitingTimes(policy: AssessmentsPolicy | undefined): WaitingTimes {
  return {
    amberHours: policy?.waitingAmberHours ?? DEFAULT_WAITING_AMBER_HOURS,
    redHours: policy?.waitingRedHours ?? DEFAULT_WAITING_RED_HOURS,
  };
}

/** How long the hospital has waited, in whole hours, and its colour. */
export function waitingLevel(
  receivedAt: string,
  now: Date,
  times: WaitingTimes,
): { hours: number; level: 'ok' | 'amber' | 'red' } {
  const hours = Math.max(0, (now.getTime() - new Date(receivedAt).getTime()) / 3_600_000);
  return {
    hours: Math.floor(hours),
    level: hours >= times.redHours ? 'red' : hours >= times.amberHours ? 'amber' : 'ok',
  };
}
