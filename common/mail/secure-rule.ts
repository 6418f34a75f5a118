/**
 * NHSmail's encryption rule. Mail between secure NHSmail addresses (nhs.net and
 * the accredited secure domains) is protected in transit already; mail to any
 * other address is encrypted only when its subject carries `[secure]`. So the
 * app adds `[secure]` whenever a recipient is outside the secure domains,
 * unless the sender chooses otherwise, and warns before what looks like
 * patient information goes to such an address.
 *
 * Pure functions: no Node, DOM or Electron.
 */
import { normaliseNhsNumber } from '../nhs/nhs-number';

/** NHSmail itself; the policy may add accredited secure domains (see mail-policy.ts). */
export const NHSMAIL_DOMAIN = 'nhs.net';
export const SECURE_MARKER = '[secure]';

const MARKER_PATTERN = /\[secure\]/i;

function domainOf(address: string): string | null {
  const at = address.trim().lastIndexOf('@');
  if (at <= 0) return null;
  const domain = address
    .trim()
    .slice(at + 1)
    .replace(/>$/, '')
    .toLowerCase()
    .replace(/\.$/, '');
  return domain.length > 0 ? domain : null;
}

/**
 * True for an address at nhs.net or a listed secure domain. Only the exact
 * domain counts: `nhs.net.example.com` or `evil-nhs.net` are not NHSmail, and
 * a sub-domain is secure only when the policy lists it.
 */
export function isSecureAddress(address: string, secureDomains: readonly string[] = []): boolean {
  const domain = domainOf(address);
  if (!domain) return false;
  const secure = new Set([NHSMAIL_DOMAIN, ...secureDomains.map((d) => d.trim().toLowerCase().replace(/^@/, ''))]);
  return secure.has(domain);
}

export function nonSecureRecipients(recipients: readonly string[], secureDomains: readonly string[] = []): string[] {
  return recipients.filter((r) => !isSecureAddress(r, secureDomains));
}

export function hasSecureMarker(subject: string): boolean {
  return MARKER_PATTERN.test(subject);
}

export interface SecureSubjectChoice {
  readonly subject: string;
  readonly recipients: readonly string[];
  readonly secureDomains?: readonly string[];
  /** The sender chose to send without encryption (e.g. nothing personal in it). */
  readonly senderDeclined?: boolean;
}

/** The subject to send: `[secure] ` put in front when a recipient is outside the secure domains. */
export function subjectForSending(choice: SecureSubjectChoice): string {
  const { subject, recipients, secureDomains = [], senderDeclined = false } = choice;
  if (senderDeclined || hasSecureMarker(subject)) return subject;
  if (nonSecureRecipients(recipients, secureDomains).length === 0) return subject;
  return subject.trim().length > 0 ? `${SECURE_MARKER} ${subject}` : SECURE_MARKER;
}

export interface PatientInformationCheck {
  readonly subject: string;
  readonly body: string;
  readonly attachmentNames: readonly string[];
  readonly recipients: readonly string[];
  readonly secureDomains?: readonly string[];
  /** The message was written from, or filed against, a resident's record. */
  readonly aboutResident?: boolean;
  /** Whether the subject as it will be sent carries `[secure]`. */
  readonly willBeEncrypted: boolean;
}

export type PatientInformationReason = 'resident' | 'nhs_number' | 'date_of_birth' | 'attachment' | 'clinical_words';

export interface PatientInformationWarning {
  readonly warn: boolean;
  /** The addresses that are not secure NHSmail. */
  readonly nonSecure: string[];
  /** Why the message looks like it holds patient information. */
  readonly reasons: PatientInformationReason[];
}

const DATE_OF_BIRTH = /\b(d\.?o\.?b\.?|date of birth|born)\b/i;
const CLINICAL =
  /\b(diagnos\w*|medication|prescri\w*|discharge|referral|allerg\w*|nhs number|blood|dementia|wound|pressure (sore|ulcer)|care plan)\b/i;
const TEN_DIGITS = /\b\d{3}[ -]?\d{3}[ -]?\d{4}\b/g;

/** Does anything in this text look like a valid NHS number (checksum included)? */
export function containsNhsNumber(text: string): boolean {
  for (const match of text.matchAll(TEN_DIGITS)) {
    if (normaliseNhsNumber(match[0]) !== null) return true;
  }
  return false;
}

/**
 * Warn before sending when a recipient is outside the secure domains, the
 * message will not be encrypted, and it looks like patient information. It
 * errs towards warning: a needless question costs a click, a leak costs far more.
 */
export function checkPatientInformation(check: PatientInformationCheck): PatientInformationWarning {
  const nonSecure = nonSecureRecipients(check.recipients, check.secureDomains ?? []);
  const text = `${check.subject}\n${check.body}`;
  const reasons: PatientInformationReason[] = [];
  if (check.aboutResident) reasons.push('resident');
  if (containsNhsNumber(text)) reasons.push('nhs_number');
  if (DATE_OF_BIRTH.test(text)) reasons.push('date_of_birth');
  if (check.attachmentNames.length > 0) reasons.push('attachment');
  if (CLINICAL.test(text)) reasons.push('clinical_words');
  return { warn: nonSecure.length > 0 && !check.willBeEncrypted && reasons.length > 0, nonSecure, reasons };
}
