/**
 * The trusted assessment from its FHIR QuestionnaireResponse, through the
 * linkId mapping (docs/trusted-assessment.md). Every answer lands somewhere:
 * a mapped field, or `otherAnswers` with its question, so nothing the
 * assessor wrote is lost. Answers that cannot be what their field needs (a
 * falls risk of "purple") are a clear error, not a guess.
 */
import {
  type AssessmentField,
  type AssessmentMapping,
  FallsRisk,
  NeedHeading,
  ResuscitationStatus,
  type TrustedAssessment,
} from '../../../../common/assessments/trusted-assessment';
import type { QuestionnaireResponse, ResponseItem } from './fhir-stu3';
import { Itk3Error } from './transfer-of-care';

type Answer = NonNullable<ResponseItem['answer']>[number];

/** An answer in words: FHIR's value[x] of any kind. */
export function answerText(answer: Answer): string | null {
  for (const [key, value] of Object.entries(answer)) {
    if (!key.startsWith('value')) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      if (typeof value === 'boolean') return value ? 'Yes' : 'No';
      return String(value);
    }
    if (value && typeof value === 'object') {
      const v = value as { display?: unknown; code?: unknown; value?: unknown; unit?: unknown; text?: unknown };
      if (typeof v.display === 'string') return v.display;
      if (typeof v.text === 'string') return v.text;
      if (typeof v.code === 'string') return v.code;
      if (typeof v.value === 'number') return `${v.value}${typeof v.unit === 'string' ? ` ${v.unit}` : ''}`;
    }
  }
  return null;
}

function answerCode(answer: Answer): string | boolean | null {
  for (const [key, value] of Object.entries(answer)) {
    if (!key.startsWith('value')) continue;
    if (typeof value === 'string' || typeof value === 'boolean') return value;
    const v = value as { code?: unknown } | null;
    if (v && typeof v.code === 'string') return v.code;
  }
  return null;
}

export function readTrustedAssessment(response: QuestionnaireResponse, mapping: AssessmentMapping): TrustedAssessment {
  const out: TrustedAssessment = {
    needs: {},
    mobilityEquipment: [],
    fallsRisk: null,
    dolsInPlace: null,
    respectFormInPlace: null,
    resuscitation: null,
    equipmentForDischarge: [],
    plannedDischargeDate: null,
    otherAnswers: [],
  };
  const visit = (items: readonly ResponseItem[]) => {
    for (const item of items) {
      const answers = item.answer ?? [];
      const field = mapping[item.linkId];
      if (field) place(out, field, item, answers);
      else if (answers.length > 0) {
        out.otherAnswers.push({
          linkId: item.linkId,
          question: item.text ?? item.linkId,
          answers: answers.map((a) => answerText(a) ?? '(an answer the app cannot show)'),
        });
      }
      visit(item.item ?? []);
      for (const a of answers) visit(a.item ?? []);
    }
  };
  visit(response.item ?? []);
  return out;
}

function place(out: TrustedAssessment, field: AssessmentField, item: ResponseItem, answers: Answer[]): void {
  const texts = answers.map(answerText).filter((t): t is string => t !== null && t.trim() !== '');
  const one = () => {
    if (answers.length > 1)
      throw new Itk3Error(`The assessment gives ${answers.length} answers to "${item.linkId}", which takes one.`);
    return answers[0] ? answerCode(answers[0]) : null;
  };
  const wrong = (value: unknown, expected: string) =>
    new Itk3Error(`The assessment answers "${item.linkId}" with "${String(value)}"; it should be ${expected}.`);
  const parsedNeed = NeedHeading.safeParse(field);
  if (parsedNeed.success) {
    if (texts.length > 0) {
      const earlier = out.needs[parsedNeed.data];
      out.needs[parsedNeed.data] = [earlier, ...texts].filter(Boolean).join('\n');
    }
    return;
  }
  switch (field) {
    case 'mobilityEquipment':
      out.mobilityEquipment.push(...texts);
      return;
    case 'equipmentForDischarge':
      out.equipmentForDischarge.push(...texts);
      return;
    case 'fallsRisk.level': {
      const value = one();
      if (value === null) return;
      const level = FallsRisk.safeParse(typeof value === 'string' ? value.toLowerCase() : value);
      if (!level.success) throw wrong(value, 'low, medium or high');
      out.fallsRisk = level.data;
      return;
    }
    case 'dols.inPlace':
    case 'respect.inPlace': {
      const value = one();
      if (value === null) return;
      if (typeof value !== 'boolean') throw wrong(value, 'yes or no');
      if (field === 'dols.inPlace') out.dolsInPlace = value;
      else out.respectFormInPlace = value;
      return;
    }
    case 'resuscitation': {
      const value = one();
      if (value === null) return;
      const status = ResuscitationStatus.safeParse(value);
      if (!status.success) throw wrong(value, 'dnacpr, for_cpr or not_discussed');
      out.resuscitation = status.data;
      return;
    }
    case 'plannedDischargeDate': {
      const value = one();
      if (value === null) return;
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw wrong(value, 'a date (YYYY-MM-DD)');
      out.plannedDischargeDate = value;
      return;
    }
  }
}
