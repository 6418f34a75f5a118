/**
 * A set of observations as staff enter it, and as it is kept: the values,
 * who took it and when, and the SpO2 scale the resident was on (with the
 * clinician's decision behind Scale 2).
 *
 * Validation, decided here once for the form, IPC and the store:
 * - Impossible values are refused with a message that says what is possible
 *   (POSSIBLE below). These are limits of a living person and of bedside
 *   devices, not clinical judgements.
 * - Unusual but possible values (outside CHECK_UNLESS_BETWEEN) must be
 *   confirmed: the request lists them in `confirmedUnusual`, which the form
 *   fills only after asking "Is this right?". A typo such as 15 for 115 is the
 *   commonest cause of a wrong score.
 * - Breathing rate, SpO2, blood pressure and pulse are whole numbers; the
 *   temperature has one decimal place, as a thermometer shows it. Anything
 *   finer (38.05) is refused, not rounded: rounding 38.05 either way would
 *   change the score silently (38.0 scores 0, 38.1 scores 1).
 */
import { z } from 'zod';
import { CONSCIOUSNESS_LEVELS, type News2Input } from './news2';

export const MEASURED_FIELDS = ['respirationRate', 'spo2', 'systolicBp', 'pulse', 'temperature'] as const;
export type MeasuredField = (typeof MEASURED_FIELDS)[number];

interface FieldRule {
  readonly label: string;
  readonly unit: string;
  readonly possible: readonly [number, number];
  /** Between these (inclusive) a value is entered without a second look. */
  readonly checkUnlessBetween: readonly [number, number];
  readonly decimals: 0 | 1;
  /** Said when a value is outside what is possible. */
  readonly impossible: string;
}

export const FIELD_RULES: Readonly<Record<MeasuredField, FieldRule>> = {
  respirationRate: {
    label: 'Breathing rate',
    unit: 'breaths a minute',
    possible: [1, 80],
    checkUnlessBetween: [6, 40],
    decimals: 0,
    impossible:
      'Breathing rate must be between 1 and 80 breaths a minute. If the resident is not breathing, call 999 now.',
  },
  spo2: {
    label: 'Oxygen saturation',
    unit: '%',
    possible: [40, 100],
    checkUnlessBetween: [80, 100],
    decimals: 0,
    impossible:
      'Oxygen saturation must be between 40% and 100%. Below 40% the reading cannot be trusted: check the probe, and if you are worried, escalate.',
  },
  systolicBp: {
    label: 'Systolic blood pressure',
    unit: 'mmHg',
    possible: [40, 300],
    checkUnlessBetween: [70, 250],
    decimals: 0,
    impossible: 'Systolic blood pressure (the top number) must be between 40 and 300 mmHg.',
  },
  pulse: {
    label: 'Pulse',
    unit: 'beats a minute',
    possible: [20, 250],
    checkUnlessBetween: [35, 160],
    decimals: 0,
    impossible: 'Pulse must be between 20 and 250 beats a minute. If you cannot find a pulse, call 999 now.',
  },
  temperature: {
    label: 'Temperature',
    unit: '°C',
    possible: [25, 45],
    checkUnlessBetween: [34, 41],
    decimals: 1,
    impossible: 'Temperature must be between 25.0 and 45.0 °C.',
  },
};

/** True when `value` has no more than one decimal place (allowing for binary floating point). */
export function hasAtMostOneDecimal(value: number): boolean {
  return Math.abs(value * 10 - Math.round(value * 10)) < 1e-6;
}

/** Why a typed value cannot be accepted at all, or null when it can. */
export function impossibleReason(field: MeasuredField, value: number): string | null {
  const rule = FIELD_RULES[field];
  if (!Number.isFinite(value)) return `Enter the ${rule.label.toLowerCase()} as a number.`;
  if (rule.decimals === 0 && !Number.isInteger(value)) {
    return `Enter the ${rule.label.toLowerCase()} as a whole number of ${rule.unit}.`;
  }
  if (rule.decimals === 1 && !hasAtMostOneDecimal(value)) {
    return 'Enter the temperature to one decimal place, as the thermometer shows it, for example 38.1.';
  }
  if (value < rule.possible[0] || value > rule.possible[1]) return rule.impossible;
  return null;
}

export function isUnusual(field: MeasuredField, value: number): boolean {
  const [low, high] = FIELD_RULES[field].checkUnlessBetween;
  return value < low || value > high;
}

export function unusualMessage(field: MeasuredField, value: number): string {
  const rule = FIELD_RULES[field];
  const shown = rule.decimals === 1 ? value.toFixed(1) : String(value);
  return `A ${rule.label.toLowerCase()} of ${shown} ${rule.unit} is unusual. Check it again, and confirm it if it is right.`;
}

export const Consciousness = z.enum(CONSCIOUSNESS_LEVELS);
export const Spo2Scale = z.union([z.literal(1), z.literal(2)]);
export const MeasuredField = z.enum(MEASURED_FIELDS);

function measured(field: MeasuredField) {
  return z.number().superRefine((value, ctx) => {
    const reason = impossibleReason(field, value);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });
}

/** The readings themselves: what NEWS2 is worked out from (with the scale, which the store supplies). */
export const ObservationValues = z
  .object({
    respirationRate: measured('respirationRate'),
    spo2: measured('spo2'),
    onOxygen: z.boolean(),
    systolicBp: measured('systolicBp'),
    pulse: measured('pulse'),
    consciousness: Consciousness,
    temperature: measured('temperature'),
  })
  .strict();
export type ObservationValues = z.infer<typeof ObservationValues>;

export function unusualFields(values: ObservationValues): MeasuredField[] {
  return MEASURED_FIELDS.filter((field) => isUnusual(field, values[field]));
}

export function news2InputOf(values: ObservationValues, spo2Scale: 1 | 2): News2Input {
  return { ...values, spo2Scale };
}

export const ResidentRef = z.number().int().positive();
const IsoInstant = z.iso.datetime({ offset: true });

/** What the form sends: the readings, when they were taken, and which unusual values were confirmed. */
export const NewObservationSet = z
  .object({
    residentId: ResidentRef,
    values: ObservationValues,
    /** When the readings were taken; now when left out. Not in the future, not more than a day ago (checked in main). */
    takenAt: IsoInstant.optional(),
    confirmedUnusual: z.array(MeasuredField).max(MEASURED_FIELDS.length).default([]),
    note: z.string().trim().max(1000, 'Notes must be 1000 characters or fewer').optional(),
  })
  .strict()
  .superRefine((set, ctx) => {
    for (const field of unusualFields(set.values)) {
      if (!set.confirmedUnusual.includes(field)) {
        ctx.addIssue({ code: 'custom', path: ['values', field], message: unusualMessage(field, set.values[field]) });
      }
    }
  });
export type NewObservationSetInput = z.input<typeof NewObservationSet>;

export const StaffRef = z.object({ staffId: z.number().int().positive(), displayName: z.string() }).strict();

/** The clinician's decision that this resident is scored on Scale 2 (or back on Scale 1), as recorded by the home. */
export const Spo2ScaleSetting = z
  .object({
    settingId: z.number().int().positive(),
    residentId: ResidentRef,
    scale: Spo2Scale,
    /** The clinician who decided, as they gave their name and role, e.g. "Dr A Patel, GP". */
    decidedBy: z.string(),
    /** The date the clinician decided (YYYY-MM-DD). */
    decidedOn: z.iso.date(),
    reason: z.string().nullable(),
    recordedBy: StaffRef,
    recordedAt: z.string(),
  })
  .strict();
export type Spo2ScaleSetting = z.infer<typeof Spo2ScaleSetting>;

export const NewSpo2ScaleSetting = z
  .object({
    residentId: ResidentRef,
    scale: Spo2Scale,
    decidedBy: z
      .string()
      .trim()
      .min(3, 'Enter the name and role of the clinician who decided, for example "Dr A Patel, GP"')
      .max(120, 'The clinician’s name and role must be 120 characters or fewer'),
    decidedOn: z.iso.date({ message: 'Enter the date the clinician decided' }),
    reason: z.string().trim().max(500, 'The reason must be 500 characters or fewer').optional(),
  })
  .strict();
export type NewSpo2ScaleSettingInput = z.input<typeof NewSpo2ScaleSetting>;

const ScoreOf = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);

export const News2Summary = z
  .object({
    scores: z
      .object({
        respirationRate: ScoreOf,
        spo2: ScoreOf,
        airOrOxygen: ScoreOf,
        systolicBp: ScoreOf,
        pulse: ScoreOf,
        consciousness: ScoreOf,
        temperature: ScoreOf,
      })
      .strict(),
    total: z.number().int().min(0).max(20),
    redScores: z.array(
      z.enum(['respirationRate', 'spo2', 'airOrOxygen', 'systolicBp', 'pulse', 'consciousness', 'temperature']),
    ),
    risk: z.enum(['low', 'low_medium', 'medium', 'high']),
  })
  .strict();

export const ObservationSet = z
  .object({
    observationSetId: z.number().int().positive(),
    residentId: ResidentRef,
    values: z
      .object({
        respirationRate: z.number(),
        spo2: z.number(),
        onOxygen: z.boolean(),
        systolicBp: z.number(),
        pulse: z.number(),
        consciousness: Consciousness,
        temperature: z.number(),
      })
      .strict(),
    spo2Scale: Spo2Scale,
    /** The scale setting in force when the set was taken; null means the default, Scale 1. */
    spo2ScaleSettingId: z.number().int().positive().nullable(),
    takenAt: z.string(),
    recordedAt: z.string(),
    recordedBy: StaffRef,
    confirmedUnusual: z.array(MeasuredField),
    note: z.string().nullable(),
    news2: News2Summary,
    /** This set's total minus the resident's reference score, when one is recorded. */
    changeFromReference: z.number().int().nullable(),
  })
  .strict();
export type ObservationSet = z.infer<typeof ObservationSet>;

/** The resident's usual ("reference" or baseline) NEWS2, agreed by a nurse when the resident is well. */
export const ReferenceScore = z
  .object({
    residentId: ResidentRef,
    score: z.number().int().min(0).max(20),
    note: z.string().nullable(),
    setBy: StaffRef,
    setAt: z.string(),
  })
  .strict();
export type ReferenceScore = z.infer<typeof ReferenceScore>;

export const NewReferenceScore = z
  .object({
    residentId: ResidentRef,
    score: z.number().int('The reference score is a whole number').min(0).max(20, 'NEWS2 is at most 20'),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
