/**
 * What staff may type: impossible values refused with a message that says
 * what is possible, unusual values held until confirmed, one decimal place
 * for temperature; the soft signs checklist as RESTORE2 has it; and the
 * escalation ladder with the policy's safety rules.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_ESCALATION_LADDER, escalationFor, IF_WORRIED } from '../../common/triage/escalation';
import { scoreNews2 } from '../../common/triage/news2';
import { NewObservationSet, type ObservationValues } from '../../common/triage/observations';
import { NewSoftSignsCheck, STOP_AND_WATCH } from '../../common/triage/soft-signs';
import { escalationLadder, parsePolicy } from '../../main/services/policy/policy';

const VALUES: ObservationValues = {
  respirationRate: 16,
  spo2: 97,
  onOxygen: false,
  systolicBp: 130,
  pulse: 72,
  consciousness: 'alert',
  temperature: 36.8,
};

function problems(
  values: Partial<Record<keyof ObservationValues, unknown>>,
  confirmedUnusual: string[] = [],
): string[] {
  const parsed = NewObservationSet.safeParse({ residentId: 1, values: { ...VALUES, ...values }, confirmedUnusual });
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

test('a usual set passes as typed', () => {
  assert.deepEqual(problems({}), []);
});

test('impossible values are refused, each with what is possible', () => {
  const cases: Array<[keyof ObservationValues, unknown, RegExp]> = [
    ['respirationRate', 0, /between 1 and 80 breaths a minute.*call 999/],
    ['respirationRate', 81, /between 1 and 80/],
    ['respirationRate', 16.5, /whole number of breaths a minute/],
    ['spo2', 101, /between 40% and 100%/],
    ['spo2', 39, /between 40% and 100%/],
    ['systolicBp', 39, /between 40 and 300 mmHg/],
    ['systolicBp', 301, /between 40 and 300 mmHg/],
    ['pulse', 19, /between 20 and 250/],
    ['pulse', 251, /between 20 and 250/],
    ['temperature', 24.9, /between 25.0 and 45.0/],
    ['temperature', 45.1, /between 25.0 and 45.0/],
    ['temperature', 38.05, /one decimal place/],
    ['temperature', Number.NaN, /./],
    ['pulse', '72', /./],
    ['consciousness', 'drowsy', /./],
  ];
  for (const [field, value, message] of cases) {
    const said = problems({ [field]: value }, ['respirationRate', 'spo2', 'systolicBp', 'pulse', 'temperature']);
    assert.ok(
      said.some((p) => p.startsWith(`values.${field}`) && message.test(p)),
      `${field} ${String(value)}: ${said.join(' | ')}`,
    );
  }
});

test('the limits themselves are possible', () => {
  const all = ['respirationRate', 'spo2', 'systolicBp', 'pulse', 'temperature'];
  assert.deepEqual(problems({ respirationRate: 1, spo2: 40, systolicBp: 40, pulse: 20, temperature: 25.0 }, all), []);
  assert.deepEqual(
    problems({ respirationRate: 80, spo2: 100, systolicBp: 300, pulse: 250, temperature: 45.0 }, all),
    [],
  );
  assert.deepEqual(problems({ temperature: 38.1 }), []);
  assert.deepEqual(problems({ temperature: 38 }), []);
});

test('unusual but possible values must be confirmed, and confirming them lets them through', () => {
  const unusual: Array<[keyof ObservationValues, number, RegExp]> = [
    ['respirationRate', 5, /breathing rate of 5 breaths a minute is unusual/],
    ['respirationRate', 41, /unusual/],
    ['spo2', 79, /oxygen saturation of 79 % is unusual/],
    ['systolicBp', 69, /unusual/],
    ['systolicBp', 251, /unusual/],
    ['pulse', 34, /unusual/],
    ['pulse', 161, /unusual/],
    ['temperature', 33.9, /temperature of 33.9 °C is unusual/],
    ['temperature', 41.1, /unusual/],
  ];
  for (const [field, value, message] of unusual) {
    const said = problems({ [field]: value });
    assert.equal(said.length, 1, `${field} ${value}`);
    assert.match(said[0]!, message);
    assert.ok(said[0]!.startsWith(`values.${field}:`));
    assert.deepEqual(problems({ [field]: value }, [field]), [], `${field} ${value} once confirmed`);
  }
  // Just inside the usual range: no question asked.
  assert.deepEqual(problems({ respirationRate: 6, spo2: 80, systolicBp: 70, pulse: 35, temperature: 34.0 }), []);
  assert.deepEqual(problems({ respirationRate: 40, systolicBp: 250, pulse: 160, temperature: 41.0 }), []);
});

test('the soft signs are the twelve Stop and Watch signs in RESTORE2’s order', () => {
  assert.equal(STOP_AND_WATCH.map((s) => s.letter).join(''), 'STOPANDWATCH');
  assert.equal(new Set(STOP_AND_WATCH.map((s) => s.code)).size, 12);
  assert.ok(NewSoftSignsCheck.safeParse({ residentId: 1, signs: ['ate_less', 'drank_less'] }).success);
  assert.ok(NewSoftSignsCheck.safeParse({ residentId: 1, signs: [], note: 'Not herself: quiet at lunch' }).success);
  const empty = NewSoftSignsCheck.safeParse({ residentId: 1, signs: [] });
  assert.ok(!empty.success && /Tick at least one sign/.test(empty.error.message));
  assert.ok(!NewSoftSignsCheck.safeParse({ residentId: 1, signs: ['ate_less', 'ate_less'] }).success);
  assert.ok(!NewSoftSignsCheck.safeParse({ residentId: 1, signs: ['sneezing'] }).success);
});

const news = (values: Partial<ObservationValues>) => scoreNews2({ ...VALUES, ...values, spo2Scale: 1 });

test('the default ladder: observe, senior review, GP within hours, urgent GP or 111, 999', () => {
  const step = (values: Partial<ObservationValues>, softSigns = 0) =>
    escalationFor(DEFAULT_ESCALATION_LADDER, news(values), softSigns).step;
  assert.equal(step({}), 'observe');
  assert.equal(step({}, 2), 'senior_review');
  assert.equal(step({ pulse: 95 }), 'senior_review'); // 1
  assert.equal(step({ pulse: 115, temperature: 38.2 }), 'gp_within_hours'); // 3
  assert.equal(step({ systolicBp: 85 }), 'urgent_gp_or_111'); // a single red score of 3
  assert.equal(step({ respirationRate: 22, pulse: 115, temperature: 38.3 }), 'urgent_gp_or_111'); // 5
  assert.equal(step({ respirationRate: 26, pulse: 115, temperature: 39.5 }), 'call_999'); // 7
  const advice = escalationFor(DEFAULT_ESCALATION_LADDER, news({ systolicBp: 85 }), 1);
  assert.equal(advice.ifWorried, IF_WORRIED);
  assert.deepEqual(advice.because, ['NEWS2 is 3', 'One reading scores 3 (a red score)', '1 soft sign ticked']);
  assert.equal(escalationFor(DEFAULT_ESCALATION_LADDER, null, 0).ifWorried, IF_WORRIED);
});

test('the policy can change the ladder, and only in the cautious direction', () => {
  const loaded = parsePolicy(
    'policy.json',
    JSON.stringify({
      escalation: {
        steps: { call_999: { label: 'Emergency: 999' } },
        fromTotal: { gp_within_hours: 2, call_999: 6 },
        careAssistantsRecordObservations: false,
      },
    }),
  );
  assert.equal(loaded.state, 'loaded');
  const ladder = escalationLadder(loaded);
  assert.equal(ladder.steps.call_999.label, 'Emergency: 999');
  assert.equal(ladder.steps.call_999.action, DEFAULT_ESCALATION_LADDER.steps.call_999.action);
  assert.deepEqual(ladder.fromTotal, { senior_review: 1, gp_within_hours: 2, urgent_gp_or_111: 5, call_999: 6 });
  assert.equal(ladder.careAssistantsRecordObservations, false);
  assert.equal(escalationFor(ladder, news({ respirationRate: 26, pulse: 115, temperature: 38.3 }), 0).step, 'call_999');

  const unsafe: Array<[unknown, RegExp]> = [
    [{ fromTotal: { call_999: 8 } }, /escalation.fromTotal.call_999: The 999 step must start at a NEWS2 of 7 or lower/],
    [{ fromTotal: { urgent_gp_or_111: 6 } }, /urgent step must start at a NEWS2 of 5 or lower/],
    [{ redScoreStep: 'senior_review' }, /single red score must lead to urgent_gp_or_111 or call_999/],
    [{ fromTotal: { gp_within_hours: 6 } }, /rising NEWS2 totals/],
    [{ steps: { observe: { label: '' } } }, /escalation.steps.observe.label/],
    [{ surprise: true }, /escalation/],
  ];
  for (const [escalation, message] of unsafe) {
    const status = parsePolicy('policy.json', JSON.stringify({ escalation }));
    assert.equal(status.state, 'invalid', JSON.stringify(escalation));
    const said = status.problems.map((p) => `${p.path}: ${p.message}`).join(' | ');
    assert.match(said, message);
    assert.deepEqual(escalationLadder(status), DEFAULT_ESCALATION_LADDER, 'a broken policy falls back to the defaults');
  }
  assert.deepEqual(escalationLadder(parsePolicy('policy.json', '{}')), DEFAULT_ESCALATION_LADDER);
});
