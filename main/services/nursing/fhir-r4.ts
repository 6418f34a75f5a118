/**
 * The parts of FHIR R4 that district nursing reads, as zod schemas checked at
 * the network boundary. Loose objects: a server may send any other element
 * (extensions, meta, narrative), and we keep reading what we understand.
 * Field names and value sets follow the R4 specification
 * (https://hl7.org/fhir/R4/encounter.html, task.html, observation.html).
 */
import { z } from 'zod';

const Str = z.string().max(10_000);
const Id = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'a FHIR id is 1 to 64 letters, digits, - and .');
const DateTime = z.string().max(40);

export const Coding = z.looseObject({ system: Str.optional(), code: Str.optional(), display: Str.optional() });
export const CodeableConcept = z.looseObject({ text: Str.optional(), coding: z.array(Coding).max(50).optional() });
export type CodeableConcept = z.infer<typeof CodeableConcept>;
export const Reference = z.looseObject({ reference: Str.optional(), display: Str.optional() });
export type Reference = z.infer<typeof Reference>;
export const Period = z.looseObject({ start: DateTime.optional(), end: DateTime.optional() });
export const Annotation = z.looseObject({
  text: Str,
  authorString: Str.optional(),
  authorReference: Reference.optional(),
  time: DateTime.optional(),
});
export type Annotation = z.infer<typeof Annotation>;
export const Quantity = z.looseObject({
  value: z.number().optional(),
  unit: Str.optional(),
  code: Str.optional(),
  comparator: z.enum(['<', '<=', '>=', '>']).optional(),
});
export type Quantity = z.infer<typeof Quantity>;

export const Encounter = z.looseObject({
  resourceType: z.literal('Encounter'),
  id: Id,
  status: z.enum([
    'planned',
    'arrived',
    'triaged',
    'in-progress',
    'onleave',
    'finished',
    'cancelled',
    'entered-in-error',
    'unknown',
  ]),
  period: Period.optional(),
  participant: z
    .array(z.looseObject({ individual: Reference.optional() }))
    .max(50)
    .optional(),
  reasonCode: z.array(CodeableConcept).max(50).optional(),
  serviceProvider: Reference.optional(),
});
export type Encounter = z.infer<typeof Encounter>;

export const Task = z.looseObject({
  resourceType: z.literal('Task'),
  id: Id,
  status: z.enum([
    'draft',
    'requested',
    'received',
    'accepted',
    'rejected',
    'ready',
    'cancelled',
    'in-progress',
    'on-hold',
    'failed',
    'completed',
    'entered-in-error',
  ]),
  description: Str.optional(),
  code: CodeableConcept.optional(),
  encounter: Reference.optional(),
  executionPeriod: Period.optional(),
  lastModified: DateTime.optional(),
  authoredOn: DateTime.optional(),
  note: z.array(Annotation).max(50).optional(),
});
export type Task = z.infer<typeof Task>;

const ObservationValue = {
  valueQuantity: Quantity.optional(),
  valueString: Str.optional(),
  valueCodeableConcept: CodeableConcept.optional(),
  valueBoolean: z.boolean().optional(),
  valueInteger: z.number().int().optional(),
};

export const Observation = z.looseObject({
  resourceType: z.literal('Observation'),
  id: Id,
  status: z.enum([
    'registered',
    'preliminary',
    'final',
    'amended',
    'corrected',
    'cancelled',
    'entered-in-error',
    'unknown',
  ]),
  code: CodeableConcept,
  encounter: Reference.optional(),
  effectiveDateTime: DateTime.optional(),
  performer: z.array(Reference).max(20).optional(),
  ...ObservationValue,
  component: z
    .array(z.looseObject({ code: CodeableConcept, ...ObservationValue }))
    .max(20)
    .optional(),
  note: z.array(Annotation).max(50).optional(),
});
export type Observation = z.infer<typeof Observation>;

export const Practitioner = z.looseObject({
  resourceType: z.literal('Practitioner'),
  id: Id,
  name: z
    .array(
      z.looseObject({
        text: Str.optional(),
        prefix: z.array(Str).max(5).optional(),
        given: z.array(Str).max(5).optional(),
        family: Str.optional(),
      }),
    )
    .max(10)
    .optional(),
});
export type Practitioner = z.infer<typeof Practitioner>;

export const Organization = z.looseObject({
  resourceType: z.literal('Organization'),
  id: Id,
  name: Str.optional(),
});
export type Organization = z.infer<typeof Organization>;

/** The search result envelope; each entry's resource is checked on its own, so one bad entry is counted, not fatal. */
export const SearchBundle = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: z.literal('searchset'),
  total: z.number().int().min(0).optional(),
  link: z
    .array(z.looseObject({ relation: Str, url: Str }))
    .max(20)
    .optional(),
  entry: z
    .array(z.looseObject({ fullUrl: Str.optional(), resource: z.looseObject({ resourceType: Str }) }))
    .max(5000)
    .optional(),
});
export type SearchBundle = z.infer<typeof SearchBundle>;

export const OperationOutcome = z.looseObject({
  resourceType: z.literal('OperationOutcome'),
  issue: z
    .array(
      z.looseObject({
        severity: Str,
        code: Str,
        details: CodeableConcept.optional(),
        diagnostics: Str.optional(),
      }),
    )
    .max(50),
});
export type OperationOutcome = z.infer<typeof OperationOutcome>;
