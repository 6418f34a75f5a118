/**
 * Residents as the care home keeps them: who they are, where they are in the
 * home (prospective, current, former), and the recorded basis on which staff
 * may read their GP record. zod schemas shared by main (the boundary checks)
 * and the renderer (the same checks before anything is sent).
 */
import { z } from 'zod';
import { formatNhsNumber, normaliseNhsNumber } from '../nhs/nhs-number';
import { OdsCode, PersonName, ResidentId, StaffId } from '../ipc/types';

export const ResidentStatus = z.enum(['current', 'prospective', 'former']);
export type ResidentStatus = z.infer<typeof ResidentStatus>;

/** Why a resident left the home. */
export const LeavingReason = z.enum(['discharged', 'died']);
export type LeavingReason = z.infer<typeof LeavingReason>;

/** The basis on which a resident's GP record may be read. */
export const AccessBasisKind = z.enum(['consent', 'best_interest']);
export type AccessBasisKind = z.infer<typeof AccessBasisKind>;

export const ACCESS_BASIS_LABELS: Record<AccessBasisKind, string> = {
  consent: 'The resident gave their consent',
  best_interest: 'Best-interest decision (the resident cannot consent)',
};

export function invalidNhsNumberMessage(typed: string): string {
  const digits = typed.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) return 'An NHS number is 10 numbers, for example 943 476 5919';
  if (digits.length !== 10) return `An NHS number is 10 numbers; you entered ${digits.length}`;
  return `${formatNhsNumber(digits)} is not a valid NHS number. Check each number against the resident's letter from their GP.`;
}

/** An NHS number as people type it (spaces or dashes allowed), checked with its Modulus 11 check digit. */
export const NhsNumber = z
  .string()
  .max(20, 'An NHS number is 10 numbers, for example 943 476 5919')
  .transform((value, ctx) => {
    const digits = normaliseNhsNumber(value.trim());
    if (digits) return digits;
    ctx.addIssue({ code: 'custom', message: invalidNhsNumberMessage(value.trim()) });
    return z.NEVER;
  });

/** A calendar date, YYYY-MM-DD, that exists. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date, for example 3 March 1941')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'Enter a real date');

export const DateOfBirth = CalendarDate.refine((value) => value >= '1900-01-01', 'Enter a date of birth after 1900');

/** A room as the home names it: "12", "Rose 3", "Ground floor 4". */
export const Room = z
  .string()
  .trim()
  .max(30, 'Room names must be 30 characters or fewer')
  .regex(/^[^\p{Cc}]*$/u, 'Room names cannot contain control characters');

/** The most a photo may be, so that the store and the screens stay quick. */
export const PHOTO_MAX_BYTES = 512 * 1024;
/** base64 of PHOTO_MAX_BYTES, rounded up to whole 4-character groups. */
const PHOTO_MAX_BASE64 = Math.ceil(PHOTO_MAX_BYTES / 3) * 4;

export const PhotoType = z.enum(['image/jpeg', 'image/png']);
export const ResidentPhoto = z
  .object({
    contentType: PhotoType,
    base64: z
      .string()
      .max(PHOTO_MAX_BASE64, `Photos must be ${PHOTO_MAX_BYTES / 1024} KB or smaller`)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The photo could not be read'),
  })
  .strict();
export type ResidentPhoto = z.infer<typeof ResidentPhoto>;

export const NewResident = z
  .object({
    nhsNumber: NhsNumber,
    givenName: PersonName,
    familyName: PersonName,
    dateOfBirth: DateOfBirth,
    room: Room,
    gpOdsCode: OdsCode,
    photo: ResidentPhoto.optional(),
  })
  .strict();
export type NewResidentInput = z.input<typeof NewResident>;
export type NewResident = z.output<typeof NewResident>;

export const AccessBasis = z
  .object({
    basis: AccessBasisKind,
    /** Who consented, or the decision's reasons and who was consulted. */
    note: z.string(),
    recordedBy: z.object({ staffId: StaffId, displayName: z.string() }).strict(),
    recordedAt: z.string(),
  })
  .strict();
export type AccessBasis = z.infer<typeof AccessBasis>;

export const NewAccessBasis = z
  .object({
    residentId: ResidentId,
    basis: AccessBasisKind,
    note: z
      .string()
      .trim()
      .min(1, 'Say who gave consent, or why the decision is in the resident’s best interest')
      .max(1000, 'Keep the note to 1000 characters or fewer'),
  })
  .strict();
export type NewAccessBasisInput = z.input<typeof NewAccessBasis>;

/** What a resident's row in the lists shows, including how fresh their GP record is. */
export const ResidentSummary = z
  .object({
    residentId: ResidentId,
    displayName: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    nhsNumber: z.string(),
    dateOfBirth: z.string(),
    room: z.string(),
    status: ResidentStatus,
    gpOdsCode: z.string().nullable(),
    hasPhoto: z.boolean(),
    hasAccessBasis: z.boolean(),
    /** When the GP record was last stored (ISO 8601), or null when it never has been. */
    gpRecordUpdatedAt: z.string().nullable(),
    /** From the stored GP record: active allergies, none known, or not known (no record yet). */
    allergies: z.enum(['recorded', 'none_known', 'not_known']),
    /** Names of the active allergies, for the list's flag. */
    allergyNames: z.array(z.string()),
    leftAt: z.string().nullable(),
    leftReason: LeavingReason.nullable(),
  })
  .strict();
export type ResidentSummary = z.infer<typeof ResidentSummary>;

export const ResidentDetails = ResidentSummary.extend({
  admittedAt: z.string().nullable(),
  accessBasis: AccessBasis.nullable(),
}).strict();
export type ResidentDetails = z.infer<typeof ResidentDetails>;
