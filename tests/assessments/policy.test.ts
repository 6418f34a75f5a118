/**
 * The policy's assessments section: waiting times (amber before red) and a
 * linkId mapping, validated; the inbox's wait colours from them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitingLevel, waitingTimes } from '../../common/assessments/assessments-policy';
import { parsePolicy } from '../../main/services/policy/policy';

test('waiting times and mapping from the policy; red before amber is refused with a clear problem', () => {
  const ok = parsePolicy(
    'policy.json',
    JSON.stringify({ assessments: { waitingAmberHours: 2, waitingRedHours: 8, linkIds: { Q1: 'mobility' } } }),
  );
  assert.equal(ok.state, 'loaded');
  assert.deepEqual(waitingTimes(ok.effective.assessments), { amberHours: 2, redHours: 8 });
  assert.deepEqual(ok.effective.assessments?.linkIds, { Q1: 'mobility' });
  const bad = parsePolicy(
    'policy.json',
    JSON.stringify({ assessments: { waitingAmberHours: 10, waitingRedHours: 8 } }),
  );
  assert.equal(bad.state, 'invalid');
  assert.deepEqual(bad.problems, [
    { path: 'assessments.waitingRedHours', message: 'The red time must be later than the amber time' },
  ]);
  const unknownField = parsePolicy('policy.json', JSON.stringify({ assessments: { linkIds: { Q1: 'shoe size' } } }));
  assert.equal(unknownField.state, 'invalid');
  assert.deepEqual(waitingTimes(undefined), { amberHours: 4, redHours: 24 });
});

test('a wait turns amber and red at the set times', () => {
  const times = { amberHours: 4, redHours: 24 };
  const now = new Date('2026-11-30T12:00:00Z');
  assert.deepEqual(waitingLevel('2026-11-30T09:00:00Z', now, times), { hours: 3, level: 'ok' });
  assert.deepEqual(waitingLevel('2026-11-30T08:00:00Z', now, times), { hours: 4, level: 'amber' });
  assert.deepEqual(waitingLevel('2026-11-29T12:00:00Z', now, times), { hours: 24, level: 'red' });
});
