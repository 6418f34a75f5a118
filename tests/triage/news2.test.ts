/**
 * NEWS2 against the RCP's Chart 1 (2017), boundary by boundary: for every
 * band edge of every parameter, the values on both sides. Then both SpO2
 * scales on air and on oxygen, the single red score, each clinical risk band
 * and the RCP response row, and input that cannot be scored.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clinicalRisk,
  RCP_RESPONSES,
  responseRow,
  scoreAirOrOxygen,
  scoreConsciousness,
  scoreNews2,
  scorePulse,
  scoreRespirationRate,
  scoreSpo2Scale1,
  scoreSpo2Scale2,
  scoreSystolicBp,
  scoreTemperature,
  type Consciousness,
  type News2Input,
} from '../../common/triage/news2';

/** Each pair is [value, expected score]; together they cover both sides of every band edge in Chart 1. */
function expectScores(score: (value: number) => number, cases: Array<[number, number]>, name: string): void {
  for (const [value, expected] of cases)
    assert.equal(score(value), expected, `${name} ${value} should score ${expected}`);
}

test('respiration rate: ≤8 (3) | 9–11 (1) | 12–20 (0) | 21–24 (2) | ≥25 (3)', () => {
  expectScores(
    scoreRespirationRate,
    [
      [1, 3],
      [8, 3],
      [9, 1],
      [11, 1],
      [12, 0],
      [20, 0],
      [21, 2],
      [24, 2],
      [25, 3],
      [80, 3],
    ],
    'respiration rate',
  );
});

test('SpO2 Scale 1: ≤91 (3) | 92–93 (2) | 94–95 (1) | ≥96 (0), the same on air and oxygen', () => {
  expectScores(
    scoreSpo2Scale1,
    [
      [40, 3],
      [91, 3],
      [92, 2],
      [93, 2],
      [94, 1],
      [95, 1],
      [96, 0],
      [100, 0],
    ],
    'SpO2 scale 1',
  );
  for (const onOxygen of [false, true]) {
    assert.equal(scoreNews2({ ...WELL, spo2: 100, onOxygen }).scores.spo2, 0);
    assert.equal(scoreNews2({ ...WELL, spo2: 91, onOxygen }).scores.spo2, 3);
  }
});

test('SpO2 Scale 2 below 93%: ≤83 (3) | 84–85 (2) | 86–87 (1) | 88–92 (0), on air and on oxygen alike', () => {
  const cases: Array<[number, number]> = [
    [40, 3],
    [83, 3],
    [84, 2],
    [85, 2],
    [86, 1],
    [87, 1],
    [88, 0],
    [92, 0],
  ];
  expectScores((v) => scoreSpo2Scale2(v, false), cases, 'SpO2 scale 2 on air');
  expectScores((v) => scoreSpo2Scale2(v, true), cases, 'SpO2 scale 2 on oxygen');
});

test('SpO2 Scale 2 from 93%: 0 on air; on oxygen 93–94 (1) | 95–96 (2) | ≥97 (3)', () => {
  expectScores(
    (v) => scoreSpo2Scale2(v, false),
    [
      [93, 0],
      [94, 0],
      [95, 0],
      [96, 0],
      [97, 0],
      [100, 0],
    ],
    'scale 2 air',
  );
  expectScores(
    (v) => scoreSpo2Scale2(v, true),
    [
      [92, 0],
      [93, 1],
      [94, 1],
      [95, 2],
      [96, 2],
      [97, 3],
      [100, 3],
    ],
    'scale 2 oxygen',
  );
});

test('the same saturation scores differently on the two scales: the scale is the clinician’s decision', () => {
  const copd = { ...WELL, spo2: 89 };
  assert.equal(scoreNews2({ ...copd, spo2Scale: 1 }).scores.spo2, 3);
  assert.equal(scoreNews2({ ...copd, spo2Scale: 2 }).scores.spo2, 0);
  // 98% on oxygen: fine on Scale 1, but on Scale 2 it risks hypercapnia and scores 3 (plus 2 for the oxygen).
  const onOxygen = { ...WELL, spo2: 98, onOxygen: true };
  assert.deepEqual(pick(scoreNews2({ ...onOxygen, spo2Scale: 1 })), { spo2: 0, airOrOxygen: 2, total: 2 });
  assert.deepEqual(pick(scoreNews2({ ...onOxygen, spo2Scale: 2 })), { spo2: 3, airOrOxygen: 2, total: 5 });
  // On air at 98%, Scale 2 scores 0.
  assert.deepEqual(pick(scoreNews2({ ...WELL, spo2: 98, spo2Scale: 2 })), { spo2: 0, airOrOxygen: 0, total: 0 });
});

test('air or oxygen: air (0), oxygen (2), on either scale', () => {
  assert.equal(scoreAirOrOxygen(false), 0);
  assert.equal(scoreAirOrOxygen(true), 2);
  for (const spo2Scale of [1, 2] as const) {
    assert.equal(scoreNews2({ ...WELL, spo2Scale, onOxygen: true, spo2: 90 }).scores.airOrOxygen, 2);
    assert.equal(scoreNews2({ ...WELL, spo2Scale, onOxygen: false, spo2: 90 }).scores.airOrOxygen, 0);
  }
});

test('systolic blood pressure: ≤90 (3) | 91–100 (2) | 101–110 (1) | 111–219 (0) | ≥220 (3)', () => {
  expectScores(
    scoreSystolicBp,
    [
      [40, 3],
      [90, 3],
      [91, 2],
      [100, 2],
      [101, 1],
      [110, 1],
      [111, 0],
      [219, 0],
      [220, 3],
      [300, 3],
    ],
    'systolic BP',
  );
});

test('pulse: ≤40 (3) | 41–50 (1) | 51–90 (0) | 91–110 (1) | 111–130 (2) | ≥131 (3)', () => {
  expectScores(
    scorePulse,
    [
      [20, 3],
      [40, 3],
      [41, 1],
      [50, 1],
      [51, 0],
      [90, 0],
      [91, 1],
      [110, 1],
      [111, 2],
      [130, 2],
      [131, 3],
      [250, 3],
    ],
    'pulse',
  );
});

test('consciousness (ACVPU): Alert (0); new Confusion, Voice, Pain, Unresponsive (3)', () => {
  const expected: Record<Consciousness, number> = { alert: 0, new_confusion: 3, voice: 3, pain: 3, unresponsive: 3 };
  for (const [level, score] of Object.entries(expected)) {
    assert.equal(scoreConsciousness(level as Consciousness), score, level);
  }
  const confused = scoreNews2({ ...WELL, consciousness: 'new_confusion' });
  assert.equal(confused.total, 3);
  assert.deepEqual(confused.redScores, ['consciousness']);
});

test('temperature to one decimal: ≤35.0 (3) | 35.1–36.0 (1) | 36.1–38.0 (0) | 38.1–39.0 (1) | ≥39.1 (2)', () => {
  expectScores(
    scoreTemperature,
    [
      [25, 3],
      [35.0, 3],
      [35.1, 1],
      [36.0, 1],
      [36.1, 0],
      [38.0, 0],
      [38.1, 1],
      [39.0, 1],
      [39.1, 2],
      [45, 2],
    ],
    'temperature',
  );
});

test('between the chart’s bands a value scores with the band above its lower edge, never lower', () => {
  // The form refuses these (observations.test.ts); if one ever reaches the scorer, it is scored safely.
  assert.equal(scoreTemperature(38.05), 1);
  assert.equal(scoreTemperature(35.05), 1);
  assert.equal(scoreTemperature(35.0000001), 1);
  assert.equal(scoreTemperature(39.05), 2);
  assert.equal(scoreRespirationRate(8.5), 1);
  assert.equal(scorePulse(130.5), 3);
  // Values typed with one decimal land exactly on the chart's whole-number edges.
  assert.equal(scoreTemperature(Number('36.0')), 1);
  assert.equal(scoreTemperature(Number('38.0')), 0);
  assert.equal(scoreTemperature(Number('38.1')), 1);
});

const WELL: News2Input = {
  respirationRate: 16,
  spo2: 97,
  spo2Scale: 1,
  onOxygen: false,
  systolicBp: 130,
  pulse: 72,
  consciousness: 'alert',
  temperature: 36.8,
};

function pick(result: ReturnType<typeof scoreNews2>) {
  return { spo2: result.scores.spo2, airOrOxygen: result.scores.airOrOxygen, total: result.total };
}

test('the total adds the seven parameter scores, and a well resident scores 0', () => {
  const well = scoreNews2(WELL);
  assert.equal(well.total, 0);
  assert.deepEqual(well.redScores, []);
  assert.equal(well.risk, 'low');
  const unwell = scoreNews2({
    respirationRate: 23, // 2
    spo2: 93, // 2 (scale 1)
    spo2Scale: 1,
    onOxygen: true, // 2
    systolicBp: 105, // 1
    pulse: 115, // 2
    consciousness: 'alert', // 0
    temperature: 38.5, // 1
  });
  assert.deepEqual(unwell.scores, {
    respirationRate: 2,
    spo2: 2,
    airOrOxygen: 2,
    systolicBp: 1,
    pulse: 2,
    consciousness: 0,
    temperature: 1,
  });
  assert.equal(unwell.total, 10);
  const worst = scoreNews2({
    respirationRate: 30,
    spo2: 99,
    spo2Scale: 2,
    onOxygen: true,
    systolicBp: 80,
    pulse: 140,
    consciousness: 'unresponsive',
    temperature: 34,
  });
  assert.equal(worst.total, 20);
  assert.equal(worst.redScores.length, 6);
});

test('clinical risk: 0–4 low; a single 3 low–medium; 5–6 medium; 7 or more high', () => {
  assert.equal(scoreNews2(WELL).risk, 'low');
  assert.equal(scoreNews2({ ...WELL, pulse: 95, temperature: 38.2 }).risk, 'low'); // 2
  assert.equal(scoreNews2({ ...WELL, respirationRate: 22, pulse: 115 }).total, 4);
  assert.equal(scoreNews2({ ...WELL, respirationRate: 22, pulse: 115 }).risk, 'low');
  const red = scoreNews2({ ...WELL, systolicBp: 88 });
  assert.equal(red.total, 3);
  assert.deepEqual(red.redScores, ['systolicBp']);
  assert.equal(red.risk, 'low_medium');
  const redAndFour = scoreNews2({ ...WELL, systolicBp: 88, pulse: 95 });
  assert.equal(redAndFour.total, 4);
  assert.equal(redAndFour.risk, 'low_medium');
  const five = scoreNews2({ ...WELL, respirationRate: 22, pulse: 115, temperature: 38.3 });
  assert.equal(five.total, 5);
  assert.equal(five.risk, 'medium');
  assert.equal(scoreNews2({ ...WELL, respirationRate: 22, pulse: 115, temperature: 39.5 }).total, 6);
  assert.equal(scoreNews2({ ...WELL, respirationRate: 22, pulse: 115, temperature: 39.5 }).risk, 'medium');
  // A red score within a total of 5–6 is medium, and within 7 or more is high.
  assert.equal(scoreNews2({ ...WELL, consciousness: 'voice', respirationRate: 22 }).risk, 'medium');
  const seven = scoreNews2({ ...WELL, respirationRate: 22, pulse: 115, temperature: 39.5, systolicBp: 105 });
  assert.equal(seven.total, 7);
  assert.equal(seven.risk, 'high');
  assert.equal(clinicalRisk(4, false), 'low');
  assert.equal(clinicalRisk(4, true), 'low_medium');
  assert.equal(clinicalRisk(5, false), 'medium');
  assert.equal(clinicalRisk(6, true), 'medium');
  assert.equal(clinicalRisk(7, false), 'high');
});

test('the RCP response row and its monitoring frequency follow the score', () => {
  const row = (input: Partial<News2Input>) => responseRow(scoreNews2({ ...WELL, ...input }));
  assert.equal(row({}), 'zero');
  assert.equal(RCP_RESPONSES.zero.monitoring, 'Minimum 12 hourly');
  assert.equal(row({ pulse: 95 }), 'one_to_four');
  assert.equal(RCP_RESPONSES.one_to_four.monitoring, 'Minimum 4–6 hourly');
  assert.equal(row({ pulse: 35 }), 'single_red');
  assert.equal(RCP_RESPONSES.single_red.monitoring, 'Minimum 1 hourly');
  assert.equal(row({ respirationRate: 22, pulse: 115, temperature: 38.3 }), 'five_or_more');
  assert.equal(row({ respirationRate: 26, pulse: 115, temperature: 39.5 }), 'seven_or_more');
  assert.equal(RCP_RESPONSES.seven_or_more.monitoring, 'Continuous monitoring of vital signs');
  assert.equal(RCP_RESPONSES.seven_or_more.nextSetWithinMinutes, null);
});

test('input that cannot be scored is refused, never scored as 0', () => {
  assert.throws(() => scoreRespirationRate(Number.NaN), /respiration rate: NaN is not a number/);
  assert.throws(() => scoreNews2({ ...WELL, pulse: Number.NaN }), /pulse/);
  assert.throws(() => scoreNews2({ ...WELL, temperature: Number.POSITIVE_INFINITY }), /temperature/);
  assert.throws(() => scoreNews2({ ...WELL, spo2Scale: 3 as never }), /Scale 1 and Scale 2 only/);
  assert.throws(() => scoreNews2({ ...WELL, consciousness: 'drowsy' as never }), /consciousness "drowsy"/);
  assert.throws(() => scoreNews2({ ...WELL, onOxygen: 'yes' as never }), /air or oxygen/);
});
