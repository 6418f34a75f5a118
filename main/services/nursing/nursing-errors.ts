/**
 * Why a refresh from the shared care record failed, as a sentence for care
 * staff that says what happened and what to do next. The visits already on
 * the laptop are always kept, and every message says so.
 */
import type { NursingProblemKind } from '../../../common/ipc/channels/nursing';
import { OperationOutcome } from './fhir-r4';

const KEPT = 'The visits already on this laptop are still shown.';

export class NursingFetchError extends Error {
  constructor(
    readonly kind: NursingProblemKind,
    message: string,
    /** For the audit log and the administrator: status, issue codes. Never patient data. */
    readonly detail: string = kind,
  ) {
    super(message);
    this.name = 'NursingFetchError';
  }
}

export const notConfigured = () =>
  new NursingFetchError(
    'not_configured',
    `District nursing updates are not set up on this laptop: ask your IT provider to add the shared care record's address. ${KEPT}`,
  );

export const noAccessBasis = () =>
  new NursingFetchError(
    'no_access_basis',
    "No basis for access has been recorded for this resident, so their district nursing record was not fetched. A nurse or manager can record the resident's consent or a best-interest decision on their page.",
  );

export function offline(cause: string): NursingFetchError {
  return new NursingFetchError(
    'offline',
    `Could not reach the shared care record: this laptop may be offline, or the service is down. ${KEPT} Try again when the connection is back.`,
    `offline: ${cause}`,
  );
}

export function timedOut(seconds: number): NursingFetchError {
  return new NursingFetchError(
    'timeout',
    `The shared care record did not answer within ${seconds} ${seconds === 1 ? 'second' : 'seconds'}. ${KEPT} Try again in a few minutes.`,
    `timeout after ${seconds}s`,
  );
}

export function malformed(why: string): NursingFetchError {
  return new NursingFetchError(
    'malformed',
    `The shared care record sent an answer this app could not read, so nothing was changed. ${KEPT} If this keeps happening, tell your IT provider.`,
    `malformed: ${why.slice(0, 300)}`,
  );
}

/** A 4xx or 5xx answer, with the server's OperationOutcome when it sent one. */
export function httpFailure(status: number, body: string): NursingFetchError {
  const outcome = readOutcome(body);
  const said = outcome ? ` It said: "${outcome.text}".` : '';
  const detail = `HTTP ${status}${outcome ? ` ${outcome.codes}` : ''}`;
  if (status >= 500) {
    return new NursingFetchError(
      'server_error',
      `The shared care record had a problem of its own (error ${status}).${said} ${KEPT} Try again later.`,
      detail,
    );
  }
  const next =
    status === 401 || status === 403
      ? "This laptop is not allowed to read the shared care record: tell your IT provider, who can check the laptop's access."
      : status === 404
        ? 'The shared care record does not recognise the request: tell your IT provider the address may be wrong.'
        : 'If this keeps happening, tell your IT provider.';
  return new NursingFetchError(
    'refused',
    `The shared care record refused the request (error ${status}).${said} ${KEPT} ${next}`,
    detail,
  );
}

/** The first issue's words (details.text, else diagnostics), clipped and stripped of control characters. */
export function readOutcome(body: string): { text: string; codes: string } | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = OperationOutcome.safeParse(json);
  if (!parsed.success || parsed.data.issue.length === 0) return null;
  const issue = parsed.data.issue[0]!;
  const words =
    issue.details?.text ?? issue.details?.coding?.find((c) => c.display)?.display ?? issue.diagnostics ?? issue.code;
  const clean = words.replace(/\p{Cc}/gu, ' ').trim();
  return {
    text: clean.length > 200 ? `${clean.slice(0, 199)}…` : clean,
    codes: parsed.data.issue
      .map((i) => [i.code, i.details?.coding?.[0]?.code].filter(Boolean).join(':'))
      .join(',')
      .slice(0, 200),
  };
}
