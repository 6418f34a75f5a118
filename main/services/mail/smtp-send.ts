/**
 * Hands one message to the SMTP server. The answer is sorted three ways,
 * because the outbox must never send twice nor lose a message:
 * - accepted (perhaps with some recipients refused, which is reported);
 * - refused before the message went (safe to try again, or a plain failure);
 * - ambiguous: the connection failed after the message data had gone, so the
 *   server may have accepted it. The outbox then looks in the Sent folder.
 */
import nodemailer from 'nodemailer';
import type { MailLogin } from './credentials';
import type { ServerOptions } from './imap-connection';

export type SendOutcome =
  | { readonly kind: 'accepted'; readonly accepted: string[]; readonly rejected: string[] }
  | { readonly kind: 'refused'; readonly retry: boolean; readonly signIn: boolean; readonly message: string }
  | { readonly kind: 'ambiguous'; readonly message: string };

export const SEND_DEADLINE_MS = 120_000;

export async function sendRaw(
  server: ServerOptions,
  login: MailLogin,
  envelope: { from: string; to: string[] },
  raw: Buffer,
): Promise<SendOutcome> {
  const transport = nodemailer.createTransport({
    host: server.host,
    port: server.port,
    secure: server.security === 'tls',
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'none',
    auth:
      'accessToken' in login
        ? { type: 'OAuth2', user: login.user, accessToken: login.accessToken }
        : { user: login.user, pass: login.pass },
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: SEND_DEADLINE_MS,
    tls: server.ca ? { ca: server.ca, servername: server.host } : {},
    logger: false,
  });
  try {
    const info = await transport.sendMail({ envelope, raw });
    const list = (v: unknown) =>
      Array.isArray(v)
        ? v.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address ?? a)))
        : [];
    return { kind: 'accepted', accepted: list(info.accepted), rejected: list(info.rejected) };
  } catch (error) {
    return classifySendError(error);
  } finally {
    transport.close();
  }
}

export function classifySendError(error: unknown): SendOutcome {
  const e = error as { code?: string; command?: string; responseCode?: number; message?: string };
  const command = (e.command ?? '').toUpperCase();
  const detail = (e.message ?? String(error)).slice(0, 300);
  if (e.code === 'EAUTH') {
    return { kind: 'refused', retry: true, signIn: true, message: 'The mail server did not accept the sign-in.' };
  }
  if (e.code === 'EENVELOPE') {
    return { kind: 'refused', retry: false, signIn: false, message: `No recipient was accepted: ${detail}` };
  }
  // After the message data went, a lost connection or a timeout leaves us not knowing.
  if (command === 'DATA' || command === '' || (e.code === 'ECONNECTION' && command !== 'CONN')) {
    if (e.responseCode !== undefined && e.responseCode >= 500) {
      return {
        kind: 'refused',
        retry: false,
        signIn: false,
        message: `The mail server refused the message: ${detail}`,
      };
    }
    if (e.responseCode !== undefined && e.responseCode >= 400) {
      return {
        kind: 'refused',
        retry: true,
        signIn: false,
        message: `The mail server asked us to try later: ${detail}`,
      };
    }
    return { kind: 'ambiguous', message: detail };
  }
  if (e.responseCode !== undefined && e.responseCode >= 500) {
    return { kind: 'refused', retry: false, signIn: false, message: `The mail server refused the message: ${detail}` };
  }
  return { kind: 'refused', retry: true, signIn: false, message: detail };
}
