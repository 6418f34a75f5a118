/**
 * The trusted assessment read from its QuestionnaireResponse through the
 * linkId mapping: every heading filled from the synthetic example, a
 * hospital's own linkIds taken through a different mapping, unmapped answers
 * kept with their question, and impossible answers refused.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  AssessmentMapping,
  DEFAULT_ASSESSMENT_MAPPING,
  NeedHeading,
  TrustedAssessment,
} from '../../common/assessments/trusted-assessment';
import { parseTransferOfCare, Itk3Error } from '../../main/services/assessments/itk3/transfer-of-care';
import { readTrustedAssessment } from '../../main/services/assessments/itk3/trusted-assessment-reader';

const EXAMPLE = fs.readFileSync(
  path.join(__dirname, '..', 'fixtures', 'transfer-of-care', 'synthetic-trusted-assessment.json'),
  'utf8',
);
const response = () => parseTransferOfCare(EXAMPLE).questionnaireResponses[0]!;

test('the synthetic example fills every need heading and every structured fact', () => {
  const assessment = TrustedAssessment.parse(readTrustedAssessment(response(), DEFAULT_ASSESSMENT_MAPPING));
  for (const heading of NeedHeading.options) assert.ok(assessment.needs[heading], `${heading} is filled`);
  assert.match(assessment.needs.mobility!, /frame and one carer/);
  assert.match(assessment.needs.nutritionAndSwallowing!, /IDDSI level 6/);
  assert.deepEqual(assessment.mobilityEquipment, ['Walking frame', 'Sara Stedy standing aid']);
  assert.equal(assessment.fallsRisk, 'high');
  assert.equal(assessment.dolsInPlace, true);
  assert.equal(assessment.respectFormInPlace, true);
  assert.equal(assessment.resuscitation, 'dnacpr');
  assert.deepEqual(assessment.equipmentForDischarge, ['Pressure-relieving mattress', 'Sensor mat']);
  assert.equal(assessment.plannedDischargeDate, '2026-12-04');
  assert.deepEqual(assessment.otherAnswers, [
    {
      linkId: 'hospital.notes',
      question: 'Anything else the home should know',
      answers: ['Daughter (Susan) visits daily and would like a call before discharge.'],
    },
  ]);
});

test('a hospital with its own linkIds is read through its own mapping; what is not mapped is kept as text', () => {
  const qr = response();
  const renamed = JSON.parse(JSON.stringify(qr).replace(/"linkId":"mobility"/, '"linkId":"RX1-Q1"')) as typeof qr;
  const withDefault = readTrustedAssessment(renamed, DEFAULT_ASSESSMENT_MAPPING);
  assert.equal(withDefault.needs.mobility, undefined);
  assert.equal(withDefault.otherAnswers.find((a) => a.linkId === 'RX1-Q1')?.question, 'Mobility and transfers');
  const mapping = AssessmentMapping.parse({ ...DEFAULT_ASSESSMENT_MAPPING, 'RX1-Q1': 'mobility' });
  assert.match(readTrustedAssessment(renamed, mapping).needs.mobility!, /frame and one carer/);
  assert.throws(() => AssessmentMapping.parse({ 'RX1-Q1': 'shoe size' }));
});

test('answers that cannot be what their field needs are refused with the question named', () => {
  const qr = response();
  const bad = (from: string, to: string, pattern: RegExp) => {
    const changed = JSON.parse(JSON.stringify(qr).replace(from, to)) as typeof qr;
    assert.throws(
      () => readTrustedAssessment(changed, DEFAULT_ASSESSMENT_MAPPING),
      (e: unknown) => e instanceof Itk3Error && pattern.test(e.message),
    );
  };
  bad('"code":"high"', '"code":"purple"', /"falls.risk-level" with "purple"; it should be low, medium or high/);
  bad('"valueDate":"2026-12-04"', '"valueDate":"next week"', /"discharge.planned-date".*a date/);
  bad(
    '{"valueBoolean":true}]',
    '{"valueString":"maybe"}]',
    /"capacity.dols-in-place" with "maybe"; it should be yes or no/,
  );
});
