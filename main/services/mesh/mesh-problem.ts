/**
 * Every way a MESH exchange can fail, as one sentence an administrator can act
 * on. The kind lets the app decide what to do (retry later, stop and ask);
 * the sentence is what people read. No secret ever goes into a sentence.
 */
export type MeshProblemKind =
  | 'not_configured'
  | 'no_credentials'
  | 'sign_in_refused'
  | 'clock_skew'
  | 'token_replayed'
  | 'mailbox_mismatch'
  | 'certificate_refused'
  | 'server_not_trusted'
  | 'unknown_recipient'
  | 'workflow_not_allowed'
  | 'from_address'
  | 'message_refused'
  | 'message_gone'
  | 'message_missing'
  | 'server_error'
  | 'timed_out'
  | 'unreachable'
  | 'connection_dropped'
  | 'bad_answer';

export class MeshProblem extends Error {
  constructor(
    readonly kind: MeshProblemKind,
    /** The plain sentence for an administrator. */
    readonly sentence: string,
    /** HTTP status, when there was one. */
    readonly status: number | null = null,
  ) {
    super(sentence);
    this.name = 'MeshProblem';
  }

  /** Did the server certainly not act on the request? (A send that failed like this can be retried as new.) */
  get refusedBeforeActing(): boolean {
    return this.status !== null && this.status >= 400 && this.status < 500;
  }
}

const TWO_HOURS_MS = 2 * 60 * 60 * 1000;

/** The MeshError body, v2 `{detail: [{event, code, msg}]}` or v1 `{errorCode, errorDescription}`. */
export interface MeshErrorDetail {
  code: string;
  msg: string;
}

/** Turns an HTTP refusal into the sentence for it. `skewMs` is server clock minus ours, from its Date header. */
export function problemFromStatus(
  status: number,
  detail: MeshErrorDetail | null,
  context: { mailboxId: string; recipient?: string; workflowId?: string; skewMs: number | null; messageId?: string },
): MeshProblem {
  const { mailboxId } = context;
  if (status === 403) {
    if (context.skewMs !== null && Math.abs(context.skewMs) > TWO_HOURS_MS - 5 * 60_000) {
      const hours = (Math.abs(context.skewMs) / 3_600_000).toFixed(1);
      const way = context.skewMs > 0 ? 'behind' : 'ahead of';
      return new MeshProblem(
        'clock_skew',
        `This computer's clock is ${hours} hours ${way} the MESH server's clock, and MESH refuses requests more than 2 hours out. ` +
          `Set the computer to take its time automatically; the app will reconnect by itself.`,
        status,
      );
    }
    const msg = detail?.msg ?? '';
    if (/duplicated/i.test(msg))
      return new MeshProblem(
        'token_replayed',
        `MESH refused a request because its sign-in token had been used before. The app makes a new token for every request, ` +
          `so something on the network may be replaying traffic: tell the IT provider.`,
        status,
      );
    if (/does not match token/i.test(msg))
      return new MeshProblem(
        'mailbox_mismatch',
        `MESH refused mailbox ${mailboxId}: the sign-in was made for a different mailbox. Check the mailbox ID in the managed policy.`,
        status,
      );
    if (/certificate/i.test(msg)) return certificateRefused(mailboxId, status);
    return new MeshProblem(
      'sign_in_refused',
      `MESH refused the sign-in for mailbox ${mailboxId}: the mailbox ID, its password or the environment's shared secret is wrong. ` +
        `Check the mailbox ID in the managed policy and the MESH password and shared secret in this computer's keychain ` +
        `(MESH passwords are reset through the National Service Desk).`,
      status,
    );
  }
  if (status === 417) {
    const code = detail?.code ?? '';
    if (code === '12')
      return new MeshProblem(
        'unknown_recipient',
        `MESH does not know the mailbox ${context.recipient ?? ''} that the message was addressed to. ` +
          `Check the recipient's MESH mailbox ID with them; nothing was sent.`,
        status,
      );
    if (code === '17' || code === '16')
      return new MeshProblem(
        'workflow_not_allowed',
        `Mailbox ${mailboxId} is not registered to send ${context.workflowId ?? 'these'} messages to ${context.recipient ?? 'that mailbox'}. ` +
          `Check the workflow IDs in the managed policy, or ask the National Service Desk to register the workflow for both mailboxes; nothing was sent.`,
        status,
      );
    if (code === '07')
      return new MeshProblem(
        'from_address',
        `MESH refused the message because it was not sent from mailbox ${mailboxId} itself. Check the mailbox ID in the managed policy.`,
        status,
      );
    return new MeshProblem(
      'message_refused',
      `MESH refused the message (${code || 'no code'}: ${detail?.msg ?? 'no reason given'}); nothing was sent.`,
      status,
    );
  }
  if (status === 410)
    return new MeshProblem(
      'message_gone',
      `MESH message ${context.messageId ?? ''} has expired or was already collected, so it can no longer be downloaded. ` +
        `If it was not received here, ask the sender to send it again.`,
      status,
    );
  if (status === 404)
    return new MeshProblem(
      'message_missing',
      `MESH has no message ${context.messageId ?? ''} for mailbox ${mailboxId}. It may have been collected already.`,
      status,
    );
  if (status === 400)
    return new MeshProblem(
      'message_refused',
      `MESH said the app's request was malformed (${detail?.msg ?? 'no reason given'}). This is a fault in the app: report it to the supplier.`,
      status,
    );
  if (status >= 500)
    return new MeshProblem(
      'server_error',
      `The MESH service had a problem of its own (HTTP ${status}). Nothing has been lost; the app will try again by itself.`,
      status,
    );
  return new MeshProblem('bad_answer', `MESH answered with HTTP ${status}, which the app does not expect.`, status);
}

export function certificateRefused(mailboxId: string, status: number | null = null): MeshProblem {
  return new MeshProblem(
    'certificate_refused',
    `MESH refused this computer's certificate for mailbox ${mailboxId} (it closed the connection as soon as it was opened, or said so). ` +
      `The certificate in the keychain may have expired, ` +
      `or be for another environment: ask the IT provider for the MESH client certificate of this mailbox.`,
    status,
  );
}

/** Failures below HTTP: no answer, a refused connection, a cut connection, an untrusted server. */
export function problemFromNetwork(
  error: NodeJS.ErrnoException,
  host: string,
  mailboxId: string,
  timeoutMs: number,
): MeshProblem {
  const code = error.code ?? '';
  if (code === 'MESH_TIMEOUT' || code === 'ETIMEDOUT')
    return new MeshProblem(
      'timed_out',
      `MESH did not answer within ${Math.max(1, Math.round(timeoutMs / 1000))} seconds. Nothing has been lost; the app will try again by itself. ` +
        `If this keeps happening, check this computer's internet connection.`,
    );
  if (
    /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT/i.test(code) ||
    (/certificate/i.test(error.message) && !/alert/i.test(error.message))
  )
    return new MeshProblem(
      'server_not_trusted',
      `The app did not trust the certificate of the MESH server at ${host} (${code || error.message}), so it did not connect. ` +
        `Check the MESH address in the managed policy.`,
    );
  if (/alert|handshake/i.test(error.message) || code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED')
    return certificateRefused(mailboxId);
  if (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    /aborted|socket hang up/i.test(error.message)
  )
    return new MeshProblem(
      'connection_dropped',
      `The connection to MESH was cut part-way through. Nothing has been lost; the app will carry on from where it stopped.`,
    );
  return new MeshProblem(
    'unreachable',
    `The app could not reach MESH at ${host} (${code || error.message}). Check this computer's internet connection; the app will try again by itself.`,
  );
}
