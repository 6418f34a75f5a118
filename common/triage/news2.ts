/**
 * NEWS2, the National Early Warning Score, exactly as the Royal College of
 * Physicians' chart defines it:
 *
 *   Royal College of Physicians. National Early Warning Score (NEWS) 2:
 *   Standardising the assessment of acute-illness severity in the NHS.
 *   Updated report of a working party. London: RCP, 2017.
 *   Chart 1 (the NEWS scoring system), Chart 3 (thresholds and triggers),
 *   Chart 4 (clinical response). © Royal College of Physicians 2017; the RCP
 *   places no copyright restriction on the material provided it is
 *   acknowledged, as here. Chart values checked against a reproduction of
 *   Chart 1 and against Thorax's table of the SpO2 scales (see docs/triage.md).
 *
 * Chart 1, as coded below (score in brackets):
 *   Respiration rate /min   ≤8 (3)  9–11 (1)  12–20 (0)  21–24 (2)  ≥25 (3)
 *   SpO2 Scale 1 %          ≤91 (3)  92–93 (2)  94–95 (1)  ≥96 (0)
 *   SpO2 Scale 2 %          ≤83 (3)  84–85 (2)  86–87 (1)  88–92 (0)  ≥93 on air (0)
 *                           93–94 on oxygen (1)  95–96 on oxygen (2)  ≥97 on oxygen (3)
 *   Air or oxygen           air (0)  oxygen (2)
 *   Systolic BP mmHg        ≤90 (3)  91–100 (2)  101–110 (1)  111–219 (0)  ≥220 (3)
 *   Pulse /min              ≤40 (3)  41–50 (1)  51–90 (0)  91–110 (1)  111–130 (2)  ≥131 (3)
 *   Consciousness           Alert (0)  new Confusion, Voice, Pain, Unresponsive (3)
 *   Temperature °C          ≤35.0 (3)  35.1–36.0 (1)  36.1–38.0 (0)  38.1–39.0 (1)  ≥39.1 (2)
 *
 * Between the chart's bands (8 and 9 breaths, 35.0 and 35.1 °C) there are
 * gaps, because the chart expects whole numbers and temperatures to one
 * decimal place. The form refuses anything finer (observations.ts), and the
 * functions here close the gaps by the upper edge of each band: a value is
 * scored by the first band whose upper limit it does not exceed. So 38.05 °C,
 * should it ever arrive, scores 1 like 38.1 °C: never less than the next
 * reading the chart names. Every band edge of the chart is a whole number, so
 * these comparisons are exact in floating point.
 *
 * Pure and allocation-light: scoring 100,000 sets is part of the bench.
 */

export type ParameterScore = 0 | 1 | 2 | 3;
export type Spo2Scale = 1 | 2;

/** ACVPU: Alert, new Confusion, responds to Voice, responds to Pain, Unresponsive. */
export const CONSCIOUSNESS_LEVELS = ['alert', 'new_confusion', 'voice', 'pain', 'unresponsive'] as const;
export type Consciousness = (typeof CONSCIOUSNESS_LEVELS)[number];

export const NEWS2_PARAMETERS = [
  'respirationRate',
  'spo2',
  'airOrOxygen',
  'systolicBp',
  'pulse',
  'consciousness',
  'temperature',
] as const;
export type News2Parameter = (typeof NEWS2_PARAMETERS)[number];

export interface News2Input {
  /** Breaths a minute. */
  readonly respirationRate: number;
  /** Oxygen saturation, %. */
  readonly spo2: number;
  /** Scale 2 only when a clinician has set it for this resident (hypercapnic respiratory failure). */
  readonly spo2Scale: Spo2Scale;
  readonly onOxygen: boolean;
  /** Systolic blood pressure, mmHg. */
  readonly systolicBp: number;
  /** Beats a minute. */
  readonly pulse: number;
  readonly consciousness: Consciousness;
  /** °C, to one decimal place. */
  readonly temperature: number;
}

/** Chart 3: the clinical risk the score places the person in. */
export type ClinicalRisk = 'low' | 'low_medium' | 'medium' | 'high';

export interface News2Result {
  readonly scores: Readonly<Record<News2Parameter, ParameterScore>>;
  /** The aggregate score, 0 to 20. */
  readonly total: number;
  /** The parameters that scored 3 (a "red score"): any one of them is a trigger on its own. */
  readonly redScores: readonly News2Parameter[];
  readonly risk: ClinicalRisk;
}

function assertFinite(value: number, name: string): void {
  // NaN compares false with everything, so it would otherwise fall into some band silently.
  if (!Number.isFinite(value)) throw new RangeError(`NEWS2 cannot score ${name}: ${String(value)} is not a number.`);
}

export function scoreRespirationRate(breathsPerMinute: number): ParameterScore {
  assertFinite(breathsPerMinute, 'the respiration rate');
  if (breathsPerMinute <= 8) return 3;
  if (breathsPerMinute <= 11) return 1;
  if (breathsPerMinute <= 20) return 0;
  if (breathsPerMinute <= 24) return 2;
  return 3;
}

export function scoreSpo2Scale1(percent: number): ParameterScore {
  assertFinite(percent, 'SpO2');
  if (percent <= 91) return 3;
  if (percent <= 93) return 2;
  if (percent <= 95) return 1;
  return 0;
}

/**
 * Scale 2: below 93% the bands are the same on air or oxygen; at 93% and
 * above, a resident on air scores 0, while one on oxygen scores 1, 2 or 3,
 * because saturations above the 88–92% target on oxygen risk hypercapnia.
 */
export function scoreSpo2Scale2(percent: number, onOxygen: boolean): ParameterScore {
  assertFinite(percent, 'SpO2');
  if (percent <= 83) return 3;
  if (percent <= 85) return 2;
  if (percent <= 87) return 1;
  if (percent <= 92) return 0;
  if (!onOxygen) return 0;
  if (percent <= 94) return 1;
  if (percent <= 96) return 2;
  return 3;
}

export function scoreSpo2(percent: number, scale: Spo2Scale, onOxygen: boolean): ParameterScore {
  return scale === 2 ? scoreSpo2Scale2(percent, onOxygen) : scoreSpo2Scale1(percent);
}

export function scoreAirOrOxygen(onOxygen: boolean): ParameterScore {
  return onOxygen ? 2 : 0;
}

export function scoreSystolicBp(mmHg: number): ParameterScore {
  assertFinite(mmHg, 'the systolic blood pressure');
  if (mmHg <= 90) return 3;
  if (mmHg <= 100) return 2;
  if (mmHg <= 110) return 1;
  if (mmHg <= 219) return 0;
  return 3;
}

export function scorePulse(beatsPerMinute: number): ParameterScore {
  assertFinite(beatsPerMinute, 'the pulse');
  if (beatsPerMinute <= 40) return 3;
  if (beatsPerMinute <= 50) return 1;
  if (beatsPerMinute <= 90) return 0;
  if (beatsPerMinute <= 110) return 1;
  if (beatsPerMinute <= 130) return 2;
  return 3;
}

/** New confusion (or worse) scores 3: the RCP added "C" to AVPU in NEWS2. */
export function scoreConsciousness(level: Consciousness): ParameterScore {
  if (level === 'alert') return 0;
  if (level === 'new_confusion' || level === 'voice' || level === 'pain' || level === 'unresponsive') return 3;
  throw new RangeError(
    `NEWS2 cannot score consciousness "${String(level)}": use alert, new_confusion, voice, pain or unresponsive.`,
  );
}

export function scoreTemperature(celsius: number): ParameterScore {
  assertFinite(celsius, 'the temperature');
  if (celsius <= 35) return 3;
  if (celsius <= 36) return 1;
  if (celsius <= 38) return 0;
  if (celsius <= 39) return 1;
  return 2;
}

/** Chart 3: 7 or more is high; 5–6 medium; otherwise a single 3 is low–medium; otherwise low. */
export function clinicalRisk(total: number, anyRedScore: boolean): ClinicalRisk {
  if (total >= 7) return 'high';
  if (total >= 5) return 'medium';
  return anyRedScore ? 'low_medium' : 'low';
}

const NO_RED_SCORES: readonly News2Parameter[] = Object.freeze([]);

export function scoreNews2(input: News2Input): News2Result {
  if (input.spo2Scale !== 1 && input.spo2Scale !== 2) {
    throw new RangeError(`NEWS2 has SpO2 Scale 1 and Scale 2 only, not "${String(input.spo2Scale)}".`);
  }
  if (typeof input.onOxygen !== 'boolean')
    throw new RangeError('NEWS2 needs to know whether the person is on air or oxygen.');
  const scores = {
    respirationRate: scoreRespirationRate(input.respirationRate),
    spo2: scoreSpo2(input.spo2, input.spo2Scale, input.onOxygen),
    airOrOxygen: scoreAirOrOxygen(input.onOxygen),
    systolicBp: scoreSystolicBp(input.systolicBp),
    pulse: scorePulse(input.pulse),
    consciousness: scoreConsciousness(input.consciousness),
    temperature: scoreTemperature(input.temperature),
  };
  const total =
    scores.respirationRate +
    scores.spo2 +
    scores.airOrOxygen +
    scores.systolicBp +
    scores.pulse +
    scores.consciousness +
    scores.temperature;
  // Most sets have no red score: only then is the list built (the bench scores 100,000 sets).
  const anyRed =
    scores.respirationRate === 3 ||
    scores.spo2 === 3 ||
    scores.systolicBp === 3 ||
    scores.pulse === 3 ||
    scores.consciousness === 3 ||
    scores.temperature === 3;
  const redScores = anyRed ? NEWS2_PARAMETERS.filter((parameter) => scores[parameter] === 3) : NO_RED_SCORES;
  return { scores, total, redScores, risk: clinicalRisk(total, anyRed) };
}

/** Which row of the RCP's Chart 4 applies (the score of 0 has its own row). */
export type ResponseRow = 'zero' | 'one_to_four' | 'single_red' | 'five_or_more' | 'seven_or_more';

export function responseRow(result: Pick<News2Result, 'total' | 'redScores'>): ResponseRow {
  if (result.total >= 7) return 'seven_or_more';
  if (result.total >= 5) return 'five_or_more';
  if (result.redScores.length > 0) return 'single_red';
  return result.total === 0 ? 'zero' : 'one_to_four';
}

export interface RcpResponse {
  /** Chart 3's name for the clinical risk. */
  readonly riskLabel: string;
  /** Chart 3's trigger wording. */
  readonly trigger: string;
  /** Chart 4: minimum frequency of monitoring. */
  readonly monitoring: string;
  /** Chart 4: clinical response. These are the RCP's words for hospital wards; the home's own ladder is beside them. */
  readonly clinicalResponse: readonly string[];
  /** How long until the next set is due, in minutes, for prompting (null: continuous monitoring). */
  readonly nextSetWithinMinutes: number | null;
}

export const RISK_LABELS: Readonly<Record<ClinicalRisk, string>> = {
  low: 'Low',
  low_medium: 'Low–medium',
  medium: 'Medium',
  high: 'High',
};

/** The RCP's words (Charts 3 and 4, NEWS2 2017), quoted unaltered. */
export const RCP_RESPONSES: Readonly<Record<ResponseRow, RcpResponse>> = {
  zero: {
    riskLabel: 'Low',
    trigger: 'Aggregate score 0–4',
    monitoring: 'Minimum 12 hourly',
    clinicalResponse: ['Continue routine NEWS monitoring'],
    nextSetWithinMinutes: 12 * 60,
  },
  one_to_four: {
    riskLabel: 'Low',
    trigger: 'Aggregate score 0–4',
    monitoring: 'Minimum 4–6 hourly',
    clinicalResponse: [
      'Inform registered nurse, who must assess the patient',
      'Registered nurse decides whether increased frequency of clinical monitoring or escalation of care is required',
    ],
    nextSetWithinMinutes: 4 * 60,
  },
  single_red: {
    riskLabel: 'Low–medium',
    trigger: 'Red score: score of 3 in any individual parameter',
    monitoring: 'Minimum 1 hourly',
    clinicalResponse: [
      'Registered nurse to inform medical team caring for the patient, who will review and decide whether escalation of care is necessary',
    ],
    nextSetWithinMinutes: 60,
  },
  five_or_more: {
    riskLabel: 'Medium',
    trigger: 'Aggregate score 5–6: key threshold for urgent response',
    monitoring: 'Minimum 1 hourly',
    clinicalResponse: [
      'Registered nurse to immediately inform the medical team caring for the patient',
      'Registered nurse to request urgent assessment by a clinician or team with core competencies in the care of acutely ill patients',
      'Provide clinical care in an environment with monitoring facilities',
    ],
    nextSetWithinMinutes: 60,
  },
  seven_or_more: {
    riskLabel: 'High',
    trigger: 'Aggregate score 7 or more: urgent or emergency response',
    monitoring: 'Continuous monitoring of vital signs',
    clinicalResponse: [
      'Registered nurse to immediately inform the medical team caring for the patient – this should be at least at specialist registrar level',
      'Emergency assessment by a team with critical care competencies, including practitioner(s) with advanced airway management skills',
      'Consider transfer of care to a level 2 or 3 clinical care facility, ie higher-dependency unit or ICU',
      'Clinical care in an environment with monitoring facilities',
    ],
    nextSetWithinMinutes: null,
  },
};

/** Plain-English names, as the form and the chart show them. */
export const PARAMETER_LABELS: Readonly<Record<News2Parameter, string>> = {
  respirationRate: 'Breathing rate',
  spo2: 'Oxygen saturation (SpO2)',
  airOrOxygen: 'Air or oxygen',
  systolicBp: 'Systolic blood pressure',
  pulse: 'Pulse',
  consciousness: 'Consciousness (ACVPU)',
  temperature: 'Temperature',
};

export const CONSCIOUSNESS_LABELS: Readonly<Record<Consciousness, string>> = {
  alert: 'Alert',
  new_confusion: 'New confusion',
  voice: 'Responds to voice',
  pain: 'Responds to pain',
  unresponsive: 'Unresponsive',
};
