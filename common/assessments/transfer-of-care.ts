/**
 * An ITK3 Transfer of Care as the app keeps it once read: who sent it and
 * what it asks for (the message header and its ITK handling extension), the
 * patient, and the document's PRSB sections as plain text. A section the app
 * does not know is kept under its own title, never dropped.
 */
import { z } from 'zod';

/** The PRSB headings the inbox shows by name; anything else is 'other' with its own title. */
export const PrsbHeading = z.enum([
  'patient',
  'admissionDetails',
  'diagnoses',
  'procedures',
  'medications',
  'allergies',
  'risks',
  'safetyAlerts',
  'socialContext',
  'planAndRequestedActions',
  'personCompletingRecord',
  'other',
]);
export type PrsbHeading = z.infer<typeof PrsbHeading>;

export const PRSB_LABELS: Record<PrsbHeading, string> = {
  patient: 'Patient',
  admissionDetails: 'Admission details and reason for admission',
  diagnoses: 'Diagnoses',
  procedures: 'Procedures',
  medications: 'Medicines changed and why',
  allergies: 'Allergies and adverse reactions',
  risks: 'Risks',
  safetyAlerts: 'Safety alerts',
  socialContext: 'Social context',
  planAndRequestedActions: 'Plan and requested actions',
  personCompletingRecord: 'Person completing the record',
  other: 'Other information',
};

const Text = z.string().max(200_000);

export const Itk3Handling = z
  .object({
    busAckRequested: z.boolean(),
    infAckRequested: z.boolean(),
    /** FA (for action) or FI (for information). */
    recipientType: z.string().max(10).nullable(),
    priority: z.string().max(20).nullable(),
    messageDefinition: z.string().max(500).nullable(),
    senderReference: z.string().max(500).nullable(),
    localExtension: z.string().max(500).nullable(),
  })
  .strict();
export type Itk3Handling = z.infer<typeof Itk3Handling>;

export const Itk3Header = z
  .object({
    bundleId: z.string().max(200),
    messageHeaderId: z.string().max(200),
    eventCode: z.string().max(50),
    eventDisplay: z.string().max(200),
    sentAt: z.string().max(50),
    /** The sender's MESH mailbox, as the header names it. */
    sourceEndpoint: z.string().max(200),
    handling: Itk3Handling,
  })
  .strict();
export type Itk3Header = z.infer<typeof Itk3Header>;

export const DocumentSection = z
  .object({ heading: PrsbHeading, title: z.string().max(500), snomedCode: z.string().max(30).nullable(), text: Text })
  .strict();
export type DocumentSection = z.infer<typeof DocumentSection>;

export const DocumentPatient = z
  .object({
    nhsNumber: z.string().max(20).nullable(),
    givenName: z.string().max(200),
    familyName: z.string().max(200),
    dateOfBirth: z.string().max(20).nullable(),
  })
  .strict();
export type DocumentPatient = z.infer<typeof DocumentPatient>;

export const TransferOfCareDocument = z
  .object({
    bundleId: z.string().max(200),
    title: z.string().max(500),
    writtenAt: z.string().max(50),
    patient: DocumentPatient,
    /** The hospital (the document's custodian), ward and the person who wrote it, where given. */
    hospital: z.string().max(500).nullable(),
    hospitalOdsCode: z.string().max(20).nullable(),
    ward: z.string().max(500).nullable(),
    author: z.string().max(500).nullable(),
    sections: z.array(DocumentSection),
  })
  .strict();
export type TransferOfCareDocument = z.infer<typeof TransferOfCareDocument>;
