/**
 * The GP record as this app keeps and shows it: a normalised, typed model of
 * what GP Connect Access Record: Structured returns (FHIR STU3), whichever GP
 * system (EMIS, SystmOne, …) it came from. Every item carries where it came
 * from and when, so that every screen can show its source and age.
 *
 * zod schemas, so that the same shapes validate what main stores and what
 * crosses IPC. Dates are ISO 8601 strings as the GP system gave them (a FHIR
 * date may be just a year, or year-month).
 */
import { z } from 'zod';

const Text = z.string().max(10_000);
const FhirDate = z.string().max(40);

/** Who recorded an item, where and when: shown beside every item. */
export const ItemSource = z
  .object({
    organisation: Text.nullable(), // e.g. "Whitefield Surgery (Y90001)"
    practitioner: Text.nullable(), // e.g. "Dr Jane Smith"
    recordedAt: FhirDate.nullable(),
  })
  .strict();
export type ItemSource = z.infer<typeof ItemSource>;

const Item = { id: z.string().max(200), source: ItemSource };

export const Allergy = z
  .object({
    ...Item,
    substance: Text, // "Penicillin"
    reactions: z.array(Text), // "Rash", "Anaphylaxis"
    severity: Text.nullable(),
    status: z.enum(['active', 'resolved']),
    onset: FhirDate.nullable(),
    resolved: FhirDate.nullable(),
    note: Text.nullable(),
  })
  .strict();
export type Allergy = z.infer<typeof Allergy>;

export const Medication = z
  .object({
    ...Item,
    name: Text, // "Amlodipine 5mg tablets"
    dosage: Text.nullable(), // "One tablet once a day"
    quantity: Text.nullable(),
    status: z.enum(['current', 'past']),
    prescriptionType: Text.nullable(), // acute, repeat, repeat dispensing
    started: FhirDate.nullable(),
    ended: FhirDate.nullable(),
    lastIssued: FhirDate.nullable(),
    note: Text.nullable(),
  })
  .strict();
export type Medication = z.infer<typeof Medication>;

export const Problem = z
  .object({
    ...Item,
    name: Text,
    status: z.enum(['active', 'past']),
    significance: z.enum(['major', 'minor']).nullable(),
    onset: FhirDate.nullable(),
    ended: FhirDate.nullable(),
    note: Text.nullable(),
  })
  .strict();
export type Problem = z.infer<typeof Problem>;

export const Immunisation = z
  .object({ ...Item, vaccine: Text, date: FhirDate.nullable(), given: z.boolean(), note: Text.nullable() })
  .strict();
export type Immunisation = z.infer<typeof Immunisation>;

export const TestResult = z
  .object({
    name: Text, // "Haemoglobin"
    value: Text.nullable(), // "132" or a coded/text answer
    unit: Text.nullable(), // "g/L"
    range: Text.nullable(), // "115 - 165"
    interpretation: Text.nullable(), // "High", "Low", "Abnormal"
    note: Text.nullable(),
  })
  .strict();
export type TestResult = z.infer<typeof TestResult>;

/** A report (e.g. full blood count) with its results. */
export const Investigation = z
  .object({ ...Item, name: Text, date: FhirDate.nullable(), status: Text.nullable(), results: z.array(TestResult) })
  .strict();
export type Investigation = z.infer<typeof Investigation>;

export const Consultation = z
  .object({
    ...Item,
    date: FhirDate.nullable(),
    type: Text.nullable(), // "Surgery consultation", "Home visit"
    clinician: Text.nullable(),
    location: Text.nullable(),
    /** What was recorded, heading by heading, in plain text. */
    entries: z.array(z.object({ heading: Text.nullable(), text: Text }).strict()),
  })
  .strict();
export type Consultation = z.infer<typeof Consultation>;

export const Referral = z
  .object({
    ...Item,
    date: FhirDate.nullable(),
    reason: Text.nullable(),
    to: Text.nullable(),
    priority: Text.nullable(),
    status: Text.nullable(),
  })
  .strict();
export type Referral = z.infer<typeof Referral>;

export const GpDocument = z
  .object({
    ...Item,
    title: Text,
    date: FhirDate.nullable(),
    type: Text.nullable(),
    contentType: Text.nullable(), // application/pdf, image/jpeg, application/msword, …
    sizeBytes: z.number().int().nonnegative().nullable(),
    /** Where the Binary is fetched from (GP Connect Binary URL). */
    binaryUrl: Text.nullable(),
  })
  .strict();
export type GpDocument = z.infer<typeof GpDocument>;

/** What the bundle held that this app does not show yet: kept raw in the store, counted, never a crash. */
export const UnknownContent = z
  .object({ count: z.number().int().nonnegative(), byType: z.record(z.string(), z.number().int()) })
  .strict();

export const GpRecord = z
  .object({
    nhsNumber: z.string().regex(/^\d{10}$/),
    patientName: Text.nullable(),
    practice: z.object({ name: Text.nullable(), odsCode: Text.nullable() }).strict(),
    allergies: z.array(Allergy),
    /** The GP said there are no known allergies (distinct from "none recorded" or "not asked"). */
    noKnownAllergies: z.boolean(),
    medications: z.array(Medication),
    problems: z.array(Problem),
    immunisations: z.array(Immunisation),
    investigations: z.array(Investigation),
    consultations: z.array(Consultation),
    referrals: z.array(Referral),
    documents: z.array(GpDocument),
    /** Warnings the GP system sent (e.g. parameters not supported), in plain words. */
    warnings: z.array(Text),
    unknown: UnknownContent,
  })
  .strict();
export type GpRecord = z.infer<typeof GpRecord>;

export const GP_RECORD_SECTIONS = [
  'allergies',
  'medications',
  'problems',
  'immunisations',
  'investigations',
  'consultations',
  'referrals',
  'documents',
] as const;
export type GpRecordSection = (typeof GP_RECORD_SECTIONS)[number];
