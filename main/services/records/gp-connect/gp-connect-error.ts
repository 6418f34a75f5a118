/**
 * Every way a GP Connect call can fail, as one typed error with the sentence
 * care staff read: what happened, and what to do next. The technical detail
 * (HTTP status, GP Connect code, socket error) is kept apart for the IT log.
 */
import type { RecordErrorKind } from '../../../../common/ipc/channels/records';
import { arr, conceptText, obj, str } from './fhir-read';

const KEPT = 'The record already on this laptop can still be read.';

export const CARE_STAFF_MESSAGES: Record<RecordErrorKind, string> = {
  no_access_basis:
    "The GP record has not been fetched because no basis for access is recorded for this resident. A nurse or manager must first record the resident's consent or a best-interest decision.",
  not_configured: `GP Connect is not set up on this laptop, so the GP record cannot be fetched. ${KEPT} Ask your IT provider to set up GP Connect.`,
  certificate: `The laptop's NHS security certificate is missing, out of date or was not accepted, so the GP record could not be fetched. ${KEPT} Ask your IT provider to check the GP Connect certificate.`,
  offline: `The laptop could not reach the GP system: the internet connection may be down. ${KEPT} It will be refreshed when the connection is back.`,
  timeout: `The GP system did not answer in time. ${KEPT} Try again in a few minutes.`,
  invalid_nhs_number:
    "The GP system says this resident's NHS number is not valid. Check the NHS number in the resident's details against a letter from the GP or hospital.",
  patient_not_found:
    "The GP practice has no record with this NHS number. Check the resident's NHS number and GP practice: the resident may be registered with another practice.",
  no_patient_consent:
    'The resident has asked their GP practice not to share their GP record, so it cannot be shown here. Phone the GP practice if you need information.',
  no_relationship:
    'The GP practice does not show this care home as caring for the resident. Phone the practice and ask them to record that the resident lives here.',
  access_denied: `The GP system refused access to this record. ${KEPT} Phone the GP practice, and tell your IT provider.`,
  bad_request: `The GP system could not accept the app's request. This is a fault to report to your IT provider. ${KEPT}`,
  gp_system_error: `The GP system had a problem and could not send the record. ${KEPT} Try again later, and tell your IT provider if it keeps happening.`,
  bad_response: `The GP system sent a record this app could not read, so nothing was changed. ${KEPT} Tell your IT provider.`,
};

export class GpConnectError extends Error {
  constructor(
    readonly kind: RecordErrorKind,
    /** For the technical log only; never shown to care staff. */
    readonly detail: string,
  ) {
    super(CARE_STAFF_MESSAGES[kind]);
    this.name = 'GpConnectError';
  }
}

/** GP Connect (Spine) error codes → what they mean for the care home. */
const SPINE_CODES: Record<string, RecordErrorKind> = {
  INVALID_NHS_NUMBER: 'invalid_nhs_number',
  PATIENT_NOT_FOUND: 'patient_not_found',
  INVALID_PATIENT_DEMOGRAPHICS: 'patient_not_found',
  NO_PATIENT_CONSENT: 'no_patient_consent',
  NO_RELATIONSHIP: 'no_relationship',
  ACCESS_DENIED: 'access_denied',
  AUTHENTICATION_FAILED: 'certificate',
  INVALID_RESOURCE: 'bad_request',
  INVALID_PARAMETER: 'bad_request',
  BAD_REQUEST: 'bad_request',
  INVALID_IDENTIFIER_SYSTEM: 'bad_request',
  INVALID_IDENTIFIER_VALUE: 'bad_request',
  MALFORMED_REQUEST: 'bad_request',
  UNSUPPORTED_MEDIA_TYPE: 'bad_request',
  NOT_IMPLEMENTED: 'bad_request',
  REFERENCE_NOT_FOUND: 'bad_request',
  NO_RECORD_FOUND: 'patient_not_found',
  INTERNAL_SERVER_ERROR: 'gp_system_error',
};

/** The Spine error code in an OperationOutcome (e.g. NO_PATIENT_CONSENT), or null. */
export function spineErrorCode(body: unknown): string | null {
  const outcome = obj(body);
  if (outcome?.['resourceType'] !== 'OperationOutcome') return null;
  for (const issue of arr(outcome['issue'])) {
    for (const coding of arr(obj(obj(issue)?.['details'])?.['coding'])) {
      const code = str(obj(coding)?.['code']);
      if (code) return code;
    }
  }
  return null;
}

/** A non-2xx response → the typed error, from its OperationOutcome when it has one, else its HTTP status. */
export function errorFromResponse(status: number, body: unknown): GpConnectError {
  const code = spineErrorCode(body);
  const issue = obj(arr(obj(body)?.['issue'])[0]);
  const diagnostics = str(issue?.['diagnostics']) ?? conceptText(issue?.['details']) ?? '';
  const detail = `HTTP ${status}${code ? ` ${code}` : ''}${diagnostics ? `: ${diagnostics}` : ''}`.slice(0, 1000);
  const kind = code ? SPINE_CODES[code] : undefined;
  if (kind) return new GpConnectError(kind, detail);
  if (status === 401 || status === 403) return new GpConnectError('access_denied', detail);
  if (status === 404) return new GpConnectError('patient_not_found', detail);
  if (status >= 400 && status < 500) return new GpConnectError('bad_request', detail);
  return new GpConnectError('gp_system_error', detail);
}

const OFFLINE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'ECONNRESET',
  'EPIPE',
]);

/** A socket or TLS failure → offline, time-out or certificate. */
export function errorFromTransport(error: unknown): GpConnectError {
  if (error instanceof GpConnectError) return error;
  const e = error as NodeJS.ErrnoException;
  const code = e?.code ?? '';
  const detail = `${code} ${e?.message ?? String(error)}`.trim().slice(0, 1000);
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return new GpConnectError('timeout', detail);
  if (
    /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_OSSL/i.test(code) ||
    /alert|certificate/i.test(e?.message ?? '')
  )
    return new GpConnectError('certificate', detail);
  if (OFFLINE_CODES.has(code)) return new GpConnectError('offline', detail);
  return new GpConnectError('offline', detail);
}

/** Kinds that mean "we could not reach the practice": the background refresher waits for the connection. */
export const CONNECTION_KINDS: ReadonlySet<RecordErrorKind> = new Set(['offline', 'timeout']);
