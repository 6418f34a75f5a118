/**
 * The trusted assessment as the care home reads it: the person's needs under
 * the headings care homes use, plus the few facts the home must act on
 * (equipment, DNACPR, the planned discharge date). It arrives as a FHIR
 * QuestionnaireResponse inside an ITK3 document; which linkId fills which
 * field is the mapping below (see docs/trusted-assessment.md), so that a
 * hospital's own questionnaire can be taken without a code change.
 */
import { z } from 'zod';

/** The needs, each written in words by the assessor. */
export const NeedHeading = z.enum([
  'mobility',
  'fallsRisk',
  'continence',
  'nutritionAndSwallowing',
  'skinAndPressureAreas',
  'cognition',
  'mentalCapacityAndDols',
  'communication',
  'behaviour',
  'medicationSupport',
  'endOfLifeWishes',
]);
export type NeedHeading = z.infer<typeof NeedHeading>;

export const NEED_LABELS: Record<NeedHeading, string> = {
  mobility: 'Moving about and transfers',
  fallsRisk: 'Risk of falls',
  continence: 'Continence',
  nutritionAndSwallowing: 'Eating, drinking and swallowing',
  skinAndPressureAreas: 'Skin and pressure areas',
  cognition: 'Memory and understanding',
  mentalCapacityAndDols: 'Mental capacity and DoLS',
  communication: 'Communication',
  behaviour: 'Behaviour',
  medicationSupport: 'Help with medicines',
  endOfLifeWishes: 'End-of-life wishes',
};

export const FallsRisk = z.enum(['low', 'medium', 'high']);
export const ResuscitationStatus = z.enum(['dnacpr', 'for_cpr', 'not_discussed']);
export const RESUSCITATION_LABELS: Record<z.infer<typeof ResuscitationStatus>, string> = {
  dnacpr: 'Do not attempt CPR (DNACPR) is in place',
  for_cpr: 'For CPR',
  not_discussed: 'Not yet discussed',
};

/** An answer the mapping does not place: kept with its question, shown as text, never lost. */
export const OtherAnswer = z
  .object({ linkId: z.string().max(200), question: z.string().max(2000), answers: z.array(z.string().max(10_000)) })
  .strict();

export const TrustedAssessment = z
  .object({
    needs: z.partialRecord(NeedHeading, z.string().max(10_000)),
    mobilityEquipment: z.array(z.string().max(500)),
    fallsRisk: FallsRisk.nullable(),
    /** A DoLS authorisation is in place or applied for. */
    dolsInPlace: z.boolean().nullable(),
    respectFormInPlace: z.boolean().nullable(),
    resuscitation: ResuscitationStatus.nullable(),
    equipmentForDischarge: z.array(z.string().max(500)),
    plannedDischargeDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable(),
    otherAnswers: z.array(OtherAnswer),
  })
  .strict();
export type TrustedAssessment = z.infer<typeof TrustedAssessment>;

/** What a linkId fills: a need's words, or one of the structured facts. */
export const AssessmentField = z.union([
  NeedHeading,
  z.enum([
    'mobilityEquipment',
    'fallsRisk.level',
    'dols.inPlace',
    'respect.inPlace',
    'resuscitation',
    'equipmentForDischarge',
    'plannedDischargeDate',
  ]),
]);
export type AssessmentField = z.infer<typeof AssessmentField>;

/** linkId → field. Keys are the questionnaire's linkIds exactly as sent. */
export const AssessmentMapping = z.record(z.string().min(1).max(200), AssessmentField);
export type AssessmentMapping = z.infer<typeof AssessmentMapping>;

/**
 * The default mapping: the linkIds of the home's published trusted assessment
 * questionnaire (docs/trusted-assessment.md). A hospital using other linkIds
 * is mapped through the managed policy instead.
 */
export const DEFAULT_ASSESSMENT_MAPPING: AssessmentMapping = {
  mobility: 'mobility',
  'mobility.equipment': 'mobilityEquipment',
  falls: 'fallsRisk',
  'falls.risk-level': 'fallsRisk.level',
  continence: 'continence',
  nutrition: 'nutritionAndSwallowing',
  skin: 'skinAndPressureAreas',
  cognition: 'cognition',
  capacity: 'mentalCapacityAndDols',
  'capacity.dols-in-place': 'dols.inPlace',
  communication: 'communication',
  behaviour: 'behaviour',
  'medication-support': 'medicationSupport',
  'end-of-life': 'endOfLifeWishes',
  'end-of-life.respect-form': 'respect.inPlace',
  'end-of-life.resuscitation': 'resuscitation',
  'discharge.equipment': 'equipmentForDischarge',
  'discharge.planned-date': 'plannedDischargeDate',
};

/** The Questionnaire the home publishes; a QuestionnaireResponse naming it is read as a trusted assessment. */
export const TRUSTED_ASSESSMENT_QUESTIONNAIRE =
  'https://care-home-desktop.example.invalid/Questionnaire/trusted-assessment-1';
