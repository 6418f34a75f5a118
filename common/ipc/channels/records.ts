/**
 * The channels of the GP record (GP Connect): the summary banner, each section
 * in full, the documents, the HTML fallback, and refreshing from the practice.
 *
 * Every read comes from the encrypted store on the laptop, so it works with
 * the broadband down; only `records.refresh` (and the background refresher)
 * goes to the network. Every read is written to the audit log in main.
 */
import { z } from 'zod';
import { channel, Empty } from '../channel';
import { ResidentId } from '../types';
import {
  Allergy,
  Consultation,
  GP_RECORD_SECTIONS,
  GpDocument,
  Immunisation,
  Investigation,
  Medication,
  Problem,
  Referral,
} from '../../records/gp-record';
import { ResidentDetails, ResidentPhoto } from '../../residents/resident';

const IsoTime = z.string().max(40);

/**
 * Why the GP record could not be fetched. `message` is the sentence shown to
 * care staff: what happened and what to do next.
 */
export const RecordErrorKind = z.enum([
  'no_access_basis', // no consent or best-interest decision recorded for this resident yet
  'not_configured', // the IT provider has not set up GP Connect on this laptop
  'certificate', // the laptop's NHS certificate is missing, expired or refused
  'offline', // no connection (refused, DNS, network down)
  'timeout', // the practice's system did not answer in time
  'invalid_nhs_number',
  'patient_not_found',
  'no_patient_consent', // the resident has opted out of sharing their GP record
  'no_relationship', // the practice has no record of this care home caring for the resident
  'access_denied',
  'bad_request', // INVALID_RESOURCE, INVALID_PARAMETER, …: a fault in this app; tell the IT provider
  'gp_system_error', // HTTP 5xx, INTERNAL_SERVER_ERROR, …
  'bad_response', // malformed JSON, too large, or a record that fails validation
]);
export type RecordErrorKind = z.infer<typeof RecordErrorKind>;

export const RecordError = z
  .object({
    kind: RecordErrorKind,
    message: z.string().max(1000),
    /** When it happened. */
    at: IsoTime,
  })
  .strict();
export type RecordError = z.infer<typeof RecordError>;

export const GpRecordSectionName = z.enum(GP_RECORD_SECTIONS);

/** Where and when the stored record came from. */
export const RecordProvenance = z
  .object({
    fetchedAt: IsoTime,
    /** The GP Connect provider address it was fetched from (or "demo" for the demo care home). */
    endpoint: z.string().max(2000),
    practiceName: z.string().max(500).nullable(),
    practiceOdsCode: z.string().max(20).nullable(),
  })
  .strict();
export type RecordProvenance = z.infer<typeof RecordProvenance>;

/** How old the stored record is, against the policy's limit. */
export const RecordAge = z
  .object({
    ageMinutes: z.number().int().nonnegative(),
    /** Older than the policy's limit: screens warn plainly. */
    stale: z.boolean(),
    staleAfterHours: z.number().positive(),
  })
  .strict();
export type RecordAge = z.infer<typeof RecordAge>;

/** What every read of a resident's record carries: provenance, age, the last failed refresh. */
const RecordMeta = {
  residentId: ResidentId,
  /** Null when no GP record has been fetched for this resident yet. */
  provenance: RecordProvenance.nullable(),
  age: RecordAge.nullable(),
  /** The last refresh that failed (kept apart: a failure never removes the stored record). Null once one succeeds. */
  lastError: RecordError.nullable(),
  /** False until a nurse or manager records the basis for access; then no fetch is made. */
  hasAccessBasis: z.boolean(),
};

export const RecordSummary = z
  .object({
    ...RecordMeta,
    /** Active allergies: ALWAYS in the summary, for the banner. */
    allergies: z.array(Allergy),
    /** The GP recorded "no known allergies" (distinct from nothing recorded). */
    noKnownAllergies: z.boolean(),
    currentMedications: z.array(Medication),
    activeProblems: z.array(Problem),
    /** The most recent investigations (newest first, at most 5). */
    recentResults: z.array(Investigation),
    /** How many items each section holds, for the tabs. */
    counts: z.record(GpRecordSectionName, z.number().int().nonnegative()),
    /** What the GP system sent that this app does not show yet. */
    unknownCount: z.number().int().nonnegative(),
    warnings: z.array(z.string().max(10_000)),
  })
  .strict();
export type RecordSummary = z.infer<typeof RecordSummary>;

/** One section in full, as a union on `section`, so each section's items are typed. */
export const RecordSection = z.discriminatedUnion('section', [
  z.object({ ...RecordMeta, section: z.literal('allergies'), items: z.array(Allergy) }).strict(),
  z.object({ ...RecordMeta, section: z.literal('medications'), items: z.array(Medication) }).strict(),
  z.object({ ...RecordMeta, section: z.literal('problems'), items: z.array(Problem) }).strict(),
  z.object({ ...RecordMeta, section: z.literal('immunisations'), items: z.array(Immunisation) }).strict(),
  z.object({ ...RecordMeta, section: z.literal('investigations'), items: z.array(Investigation) }).strict(),
  z.object({ ...RecordMeta, section: z.literal('consultations'), items: z.array(Consultation) }).strict(),
  z.object({ ...RecordMeta, section: z.literal('referrals'), items: z.array(Referral) }).strict(),
  z.object({ ...RecordMeta, section: z.literal('documents'), items: z.array(GpDocument) }).strict(),
]);
export type RecordSection = z.infer<typeof RecordSection>;

export const RefreshOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('refreshed'), provenance: RecordProvenance }).strict(),
  /** Nothing stored was removed or changed; `error.message` says what to do next. */
  z.object({ outcome: z.literal('failed'), error: RecordError }).strict(),
]);
export type RefreshOutcome = z.infer<typeof RefreshOutcome>;

/** The background refresher, for the progress indicator and the offline banner. */
export const RefreshStatus = z
  .object({
    /** null until the first attempt to reach GP Connect. */
    online: z.boolean().nullable(),
    /** Whether GP Connect is set up on this laptop (policy); when false nothing is fetched. */
    configured: z.boolean(),
    running: z.boolean(),
    /** Progress of the current (or last) background round. */
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    lastRoundAt: IsoTime.nullable(),
    nextRoundAt: IsoTime.nullable(),
  })
  .strict();
export type RefreshStatus = z.infer<typeof RefreshStatus>;

export const StoredDocument = GpDocument.extend({
  /** Opened before, so it opens offline. */
  cached: z.boolean(),
}).strict();
export type StoredDocument = z.infer<typeof StoredDocument>;

export const OpenedDocument = z
  .object({
    documentId: z.string().max(200),
    title: z.string().max(10_000),
    contentType: z.string().max(200),
    /** The file itself, base64 (at most the policy's size limit). */
    base64: z.string(),
    sizeBytes: z.number().int().nonnegative(),
    /** Came from the laptop's store rather than the practice. */
    fromCache: z.boolean(),
    fetchedAt: IsoTime,
  })
  .strict();
export type OpenedDocument = z.infer<typeof OpenedDocument>;

/** Access Record: HTML sections (GP Connect 0.7): summary, problems, medication, allergies, … */
export const HTML_SECTIONS = ['SUM', 'PRB', 'MED', 'ALL', 'CLI', 'ENC', 'IMM', 'OBS', 'REF', 'ADM'] as const;
export const HtmlSectionCode = z.enum(HTML_SECTIONS);
export type HtmlSectionCode = z.infer<typeof HtmlSectionCode>;

export const HtmlSection = z
  .object({
    residentId: ResidentId,
    section: HtmlSectionCode,
    /**
     * The section's HTML as the practice sent it (script elements removed in main).
     * UNTRUSTED: sanitise with DOMPurify and show only in a sandboxed frame. Null when none is stored.
     */
    html: z.string().nullable(),
    provenance: RecordProvenance.nullable(),
    age: RecordAge.nullable(),
    lastError: RecordError.nullable(),
    hasAccessBasis: z.boolean(),
  })
  .strict();
export type HtmlSection = z.infer<typeof HtmlSection>;

const ByResident = z.object({ residentId: ResidentId }).strict();

/**
 * Everything the first screen of a resident's page needs, in one request: who they are (banner), their photo,
 * the GP record summary and the refresh status. One round trip and one audit row per view, not four.
 */
export const ResidentPage = z
  .object({
    resident: ResidentDetails,
    photo: ResidentPhoto.nullable(),
    summary: RecordSummary,
    refreshStatus: RefreshStatus,
  })
  .strict();
export type ResidentPage = z.infer<typeof ResidentPage>;

export const recordsChannels = {
  'records.residentPage': channel({ request: ByResident, response: ResidentPage, access: 'signedIn' }),
  'records.summary': channel({ request: ByResident, response: RecordSummary, access: 'signedIn' }),
  'records.section': channel({
    request: z.object({ residentId: ResidentId, section: GpRecordSectionName }).strict(),
    response: RecordSection,
    access: 'signedIn',
  }),
  // Fetches now from the practice; the stored record stays as it was if this fails.
  'records.refresh': channel({ request: ByResident, response: RefreshOutcome, access: 'signedIn' }),
  'records.refreshStatus': channel({ request: Empty, response: RefreshStatus, access: 'signedIn' }),
  'records.documents': channel({
    request: ByResident,
    response: z
      .object({
        residentId: ResidentId,
        provenance: RecordProvenance.nullable(),
        documents: z.array(StoredDocument),
      })
      .strict(),
    access: 'signedIn',
  }),
  // From the store when opened before (offline too); otherwise fetched from the practice and kept.
  'records.openDocument': channel({
    request: z.object({ residentId: ResidentId, documentId: z.string().min(1).max(200) }).strict(),
    response: OpenedDocument,
    access: 'signedIn',
  }),
  // From the store; fetched from the practice (and kept) when none is stored and the basis for access exists.
  'records.htmlSection': channel({
    request: z.object({ residentId: ResidentId, section: HtmlSectionCode }).strict(),
    response: HtmlSection,
    access: 'signedIn',
  }),
};
