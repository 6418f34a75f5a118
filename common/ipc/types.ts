/**
 * The shapes that cross the IPC boundary, as zod schemas with their inferred types.
 * Names are the care home's words: staff member, resident, care home.
 */
import { z } from 'zod';
import { GpConnectPolicy } from '../records/gp-connect-settings';
import { MailPolicy } from '../mail/mail-policy';
import { EscalationLadder } from '../triage/escalation';
import { MeshPolicy } from '../mesh/mesh-policy';
import { AssessmentsPolicy } from '../assessments/assessments-policy';

export const Role = z.enum(['care_assistant', 'nurse', 'manager', 'it_admin']);
export type RoleName = z.infer<typeof Role>;

export const ROLE_LABELS: Record<RoleName, string> = {
  care_assistant: 'Care assistant',
  nurse: 'Nurse',
  manager: 'Home manager',
  it_admin: 'IT administrator',
};

export const StaffId = z.number().int().positive();
export const ResidentId = z.number().int().positive();

/** A person's name as typed by staff: trimmed, 1 to 80 characters, no control characters. */
export const PersonName = z
  .string()
  .trim()
  .min(1, 'Enter a name')
  .max(80, 'Names must be 80 characters or fewer')
  .regex(/^[^\p{Cc}]+$/u, 'Names cannot contain control characters');

/**
 * A PIN of at least 6 digits, or a passphrase of at least 10 characters.
 * The upper bound keeps hashing cheap for hostile input.
 */
export const Secret = z
  .string()
  .max(128, 'PINs and passphrases must be 128 characters or fewer')
  .refine((s) => /^\d{6,}$/.test(s) || (s.length >= 10 && !/^\d+$/.test(s)), {
    message: 'Use a PIN of at least 6 numbers, or a passphrase of at least 10 characters',
  });

/** Organisation Data Service code: 3 to 10 letters and digits, e.g. VM123 or RX1. */
export const OdsCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{3,10}$/, 'An ODS code is 3 to 10 letters and numbers, for example VM123');

export const CareHomeSetup = z
  .object({
    careHomeName: PersonName,
    odsCode: OdsCode.optional(),
    managerName: PersonName,
    managerSecret: Secret,
  })
  .strict();
export type CareHomeSetupInput = z.input<typeof CareHomeSetup>;

export const SessionInfo = z
  .object({
    staffId: StaffId,
    displayName: z.string(),
    role: Role,
    locked: z.boolean(),
    idleLockSeconds: z.number().int().positive(),
  })
  .strict();
export type SessionInfo = z.infer<typeof SessionInfo>;

export const LoginCandidate = z
  .object({
    staffId: StaffId,
    displayName: z.string(),
    role: Role,
    /** When set, the account is locked after wrong PINs until this time (ISO 8601). */
    lockedUntil: z.string().nullable(),
  })
  .strict();
export type LoginCandidate = z.infer<typeof LoginCandidate>;

export const StaffMember = z
  .object({
    staffId: StaffId,
    displayName: z.string(),
    role: Role,
    active: z.boolean(),
    failedAttempts: z.number().int().nonnegative(),
    lockedUntil: z.string().nullable(),
    createdAt: z.string(),
  })
  .strict();
export type StaffMember = z.infer<typeof StaffMember>;

export const NewStaffMember = z.object({ displayName: PersonName, role: Role, secret: Secret }).strict();
export type NewStaffMemberInput = z.input<typeof NewStaffMember>;

export const DemoHomeCreated = z
  .object({
    careHomeName: z.string(),
    staff: z.array(z.object({ staffId: StaffId, displayName: z.string(), role: Role, demoPin: z.string() })),
    residentCount: z.number().int(),
  })
  .strict();
export type DemoHomeCreated = z.infer<typeof DemoHomeCreated>;

export const Resident = z
  .object({
    residentId: ResidentId,
    displayName: z.string(),
    nhsNumber: z.string(),
    dateOfBirth: z.string(),
    room: z.string(),
    status: z.enum(['current', 'prospective', 'former']),
  })
  .strict();
export type Resident = z.infer<typeof Resident>;

export const PolicyProblem = z.object({ path: z.string(), message: z.string() }).strict();
export type PolicyProblem = z.infer<typeof PolicyProblem>;

export const EffectivePolicy = z
  .object({
    kiosk: z.boolean(),
    idleLockMinutes: z.number(),
    updates: z.object({ url: z.string().nullable(), channel: z.string() }).strict(),
    endpoints: z.record(z.string(), z.string()),
    /** GP Connect (records), when the IT provider has configured it. */
    gpConnect: GpConnectPolicy.optional(),
    /** NHSmail (mail), when the IT provider has configured it. */
    mail: MailPolicy.optional(),
    /** Crisis triage's escalation ladder, when the policy sets one (else the defaults in common/triage/escalation.ts). */
    escalation: EscalationLadder.optional(),
    /** MESH (assessments), when the IT provider has configured a mailbox. */
    mesh: MeshPolicy.optional(),
    /** Trusted assessments: waiting times and linkId mapping, when the policy sets them. */
    assessments: AssessmentsPolicy.optional(),
  })
  .strict();
export type EffectivePolicy = z.infer<typeof EffectivePolicy>;

export const PolicyStatus = z
  .object({
    source: z.string(),
    state: z.enum(['loaded', 'absent', 'invalid']),
    problems: z.array(PolicyProblem),
    effective: EffectivePolicy,
  })
  .strict();
export type PolicyStatus = z.infer<typeof PolicyStatus>;

/** Why the app cannot open its store; each has its own screen text for an administrator. */
export const StoreProblem = z.enum([
  'keychain_unavailable',
  'key_missing',
  'key_wrong_or_file_corrupt',
  'from_newer_version',
  'cannot_open',
]);
export type StoreProblem = z.infer<typeof StoreProblem>;

export const AppStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('needs_setup'), policyProblems: z.array(PolicyProblem) }).strict(),
  z
    .object({
      state: z.literal('ready'),
      careHomeName: z.string(),
      isDemo: z.boolean(),
      policyProblems: z.array(PolicyProblem),
    })
    .strict(),
  z
    .object({
      state: z.literal('store_error'),
      problem: StoreProblem,
      /** Plain-English explanation for the administrator, with what to do next. */
      message: z.string(),
      /** The technical detail (e.g. the D-Bus error), for the IT provider. */
      detail: z.string(),
      databasePath: z.string(),
      policyProblems: z.array(PolicyProblem),
    })
    .strict(),
]);
export type AppStatus = z.infer<typeof AppStatus>;

export const AuditEntry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    staffId: StaffId.nullable(),
    staffName: z.string().nullable(),
    action: z.string(),
    subject: z.string().nullable(),
    detail: z.string().nullable(),
  })
  .strict();
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditVerification = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    /** The id of the first row whose hash does not match, when `ok` is false. */
    firstBrokenId: z.number().int().nullable(),
  })
  .strict();
export type AuditVerification = z.infer<typeof AuditVerification>;
