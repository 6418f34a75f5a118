/**
 * The parts of FHIR STU3 that an ITK3 Transfer of Care is read through, as
 * zod schemas over the JSON shape. Loose objects: FHIR allows much more than
 * the app reads, and what it does not read is kept in the stored bundle.
 */
import { z } from 'zod';

const Str = z.string().max(100_000);

export const Coding = z.object({ system: Str.optional(), code: Str.optional(), display: Str.optional() }).loose();
export const CodeableConcept = z.object({ coding: z.array(Coding).optional(), text: Str.optional() }).loose();
export const Reference = z.object({ reference: Str.optional(), display: Str.optional() }).loose();
export const Identifier = z.object({ system: Str.optional(), value: Str.optional() }).loose();
export const HumanName = z
  .object({
    use: Str.optional(),
    text: Str.optional(),
    family: Str.optional(),
    given: z.array(Str).optional(),
    prefix: z.array(Str).optional(),
  })
  .loose();
export const Narrative = z.object({ status: Str.optional(), div: Str }).loose();

export interface Extension {
  url: string;
  extension?: Extension[] | undefined;
  [key: string]: unknown;
}
export const Extension: z.ZodType<Extension> = z.lazy(() =>
  z.object({ url: Str, extension: z.array(Extension).optional() }).loose(),
);

export const Resource = z.object({ resourceType: z.string().regex(/^[A-Z][A-Za-z]+$/), id: Str.optional() }).loose();
export type Resource = z.infer<typeof Resource>;

export const BundleEntry = z.object({ fullUrl: Str.optional(), resource: Resource.optional() }).loose();
export const Bundle = z
  .object({
    resourceType: z.literal('Bundle'),
    id: Str.optional(),
    meta: z
      .object({ profile: z.array(Str).optional() })
      .loose()
      .optional(),
    type: Str,
    entry: z.array(BundleEntry).optional(),
  })
  .loose();
export type Bundle = z.infer<typeof Bundle>;

export const MessageHeader = z
  .object({
    resourceType: z.literal('MessageHeader'),
    id: Str.optional(),
    extension: z.array(Extension).optional(),
    event: Coding,
    timestamp: Str,
    sender: Reference.optional(),
    receiver: Reference.optional(),
    source: z.object({ endpoint: Str, name: Str.optional() }).loose(),
    focus: z.array(Reference).min(1, 'The MessageHeader does not point to the document (focus).'),
  })
  .loose();
export type MessageHeader = z.infer<typeof MessageHeader>;

export interface Section {
  title?: string | undefined;
  code?: z.infer<typeof CodeableConcept> | undefined;
  text?: z.infer<typeof Narrative> | undefined;
  entry?: z.infer<typeof Reference>[] | undefined;
  section?: Section[] | undefined;
}
export const Section: z.ZodType<Section> = z.lazy(() =>
  z
    .object({
      title: Str.optional(),
      code: CodeableConcept.optional(),
      text: Narrative.optional(),
      entry: z.array(Reference).optional(),
      section: z.array(Section).optional(),
    })
    .loose(),
);

export const Composition = z
  .object({
    resourceType: z.literal('Composition'),
    id: Str.optional(),
    status: Str,
    type: CodeableConcept,
    subject: Reference,
    date: Str,
    title: Str,
    author: z.array(Reference).optional(),
    custodian: Reference.optional(),
    encounter: Reference.optional(),
    section: z.array(Section).optional(),
  })
  .loose();
export type Composition = z.infer<typeof Composition>;

export const Patient = z
  .object({
    resourceType: z.literal('Patient'),
    identifier: z.array(Identifier).optional(),
    name: z.array(HumanName).optional(),
    birthDate: Str.optional(),
  })
  .loose();

export const Practitioner = z
  .object({ resourceType: z.literal('Practitioner'), name: z.array(HumanName).optional() })
  .loose();
export const Organization = z
  .object({ resourceType: z.literal('Organization'), name: Str.optional(), identifier: z.array(Identifier).optional() })
  .loose();
export const Location = z.object({ resourceType: z.literal('Location'), name: Str.optional() }).loose();
export const Encounter = z
  .object({
    resourceType: z.literal('Encounter'),
    location: z.array(z.object({ location: Reference }).loose()).optional(),
    serviceProvider: Reference.optional(),
  })
  .loose();

export interface ResponseItem {
  linkId: string;
  text?: string | undefined;
  answer?: ({ item?: ResponseItem[] | undefined } & Record<string, unknown>)[] | undefined;
  item?: ResponseItem[] | undefined;
}
export const ResponseItem: z.ZodType<ResponseItem> = z.lazy(() =>
  z
    .object({
      linkId: z.string().min(1).max(200),
      text: Str.optional(),
      answer: z.array(z.object({ item: z.array(ResponseItem).optional() }).loose()).optional(),
      item: z.array(ResponseItem).optional(),
    })
    .loose(),
);
export const QuestionnaireResponse = z
  .object({
    resourceType: z.literal('QuestionnaireResponse'),
    questionnaire: Reference.optional(),
    status: Str,
    authored: Str.optional(),
    author: Reference.optional(),
    item: z.array(ResponseItem).optional(),
  })
  .loose();
export type QuestionnaireResponse = z.infer<typeof QuestionnaireResponse>;

/** The text of a zod failure as one sentence that names where in the message it is. */
export function describeIssue(error: z.ZodError, what: string): string {
  const issue = error.issues[0];
  if (!issue) return `${what} could not be read.`;
  const where = issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
  return `${what} could not be read: ${issue.message}${where}.`;
}
