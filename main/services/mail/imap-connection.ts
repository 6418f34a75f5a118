/**
 * One IMAP connection with deadlines on connecting, the greeting and every
 * socket read, and the server's errors turned into messages a care worker can
 * act on ("the password is wrong", "sign in again"), never a stack trace.
 */
import { ImapFlow } from 'imapflow';
import type { MailServerPolicy } from '../../../common/mail/mail-policy';
import type { MailLogin } from './credentials';
import { withDeadline } from './deadline';

export interface ServerOptions extends MailServerPolicy {
  /** Extra certificate authority (PEM) to trust: the test servers' self-signed certificate. */
  readonly ca?: string;
}

export type MailProblem = 'wrong_password' | 'sign_in_again' | 'unreachable' | 'timeout' | 'server_error';

/** A failure the person can understand, with what to do next. */
export class MailConnectionError extends Error {
  constructor(
    readonly problem: MailProblem,
    message: string,
  ) {
    super(message);
    this.name = 'MailConnectionError';
  }
}

export const CONNECT_DEADLINE_MS = 30_000;

export async function connectImap(
  server: ServerOptions,
  login: MailLogin,
  deadlineMs: number = CONNECT_DEADLINE_MS,
): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: server.security === 'tls',
    doSTARTTLS: server.security === 'starttls' ? true : server.security === 'none' ? false : undefined,
    auth: 'accessToken' in login ? { user: login.user, accessToken: login.accessToken } : login,
    logger: false,
    qresync: true,
    connectionTimeout: Math.min(20_000, deadlineMs),
    greetingTimeout: Math.min(15_000, deadlineMs),
    socketTimeout: 5 * 60_000,
    // Exchange Online drops IDLE after about 30 minutes; restart it well before.
    maxIdleTime: 10 * 60_000,
    // Back into IDLE soon after each sync, so new mail shows within a second or two.
    autoIdleDelay: 1_000,
    tls: server.ca ? { ca: server.ca, servername: server.host } : {},
  });
  // Errors after connecting arrive as events; without a listener they would crash the process.
  client.on('error', () => {});
  try {
    await withDeadline('connecting', deadlineMs, client.connect(), () => client.close());
    return client;
  } catch (error) {
    client.close();
    throw explainImapError(error, 'accessToken' in login);
  }
}

export function explainImapError(error: unknown, usedToken: boolean): Error {
  if (error instanceof MailConnectionError) return error;
  const e = error as { authenticationFailed?: boolean; code?: string; name?: string; message?: string };
  if (e.authenticationFailed || e.code === 'AUTHENTICATIONFAILED') {
    return usedToken
      ? new MailConnectionError('sign_in_again', 'NHSmail did not accept your sign-in. Please sign in again.')
      : new MailConnectionError(
          'wrong_password',
          'The mail server did not accept the username or password. Check them and try again.',
        );
  }
  if (
    e.name === 'DeadlineExceeded' ||
    e.code === 'ETIMEOUT' ||
    e.code === 'ETIMEDOUT' ||
    e.code === 'CONNECT_TIMEOUT'
  ) {
    return new MailConnectionError('timeout', 'The mail server did not answer in time. We will keep trying.');
  }
  if (
    e.code === 'ECONNREFUSED' ||
    e.code === 'ENOTFOUND' ||
    e.code === 'EHOSTUNREACH' ||
    e.code === 'NoConnection' ||
    e.code === 'ECONNRESET'
  ) {
    return new MailConnectionError(
      'unreachable',
      'The mail server cannot be reached. Mail will sync when the connection returns.',
    );
  }
  return new MailConnectionError(
    'server_error',
    `The mail server reported a problem: ${(e.message ?? String(error)).slice(0, 200)}`,
  );
}
