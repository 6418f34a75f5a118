/**
 * The demo care home's inbox: an assessment in every state, each read through
 * the real ITK3 parser, with its history.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AssessmentState } from '../../common/assessments/assessment';
import { startTestCore } from '../support/core';

test('the demo home has assessments in each state, with needs and history', async () => {
  const t = await startTestCore();
  const setup = t.core.openSession();
  const demo = await t.ok(setup, 'setup.createDemoCareHome', {});
  const nurseInfo = demo.staff.find((s) => s.role === 'nurse')!;
  const nurse = t.core.openSession();
  await t.ok(nurse, 'auth.login', { staffId: nurseInfo.staffId, secret: nurseInfo.demoPin });
  const { assessments: list } = await t.ok(nurse, 'assessments.list', {});
  assert.deepEqual(new Set(list.map((a) => a.state)), new Set(AssessmentState.options));
  const queried = list.find((a) => a.state === 'queried')!;
  const details = await t.ok(nurse, 'assessments.get', { assessmentId: queried.id });
  assert.match(details.history.at(-1)?.note ?? '', /pressure ulcer/);
  assert.equal(details.assessment?.resuscitation, 'dnacpr');
  assert.ok(list.every((a) => a.plannedDischargeDate && a.hospital === 'Riverside General Hospital'));
});
