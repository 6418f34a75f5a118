/**
 * What every IPC call returns: a value, or a typed error code with a message a
 * care worker can read. Stack traces never cross the bridge.
 */
import { z } from 'zod';

export const ErrorCode = z.enum([
  'invalid_request', // the request did not match the channel's schema
  'unknown_channel',
  'bad_sender', // the message did not come from the app's own window
  'not_signed_in',
  'session_locked',
  'forbidden', // signed in, but this role may not do this
  'wrong_secret',
  'account_locked',
  'account_disabled',
  'not_found',
  'conflict', // e.g. setting up a care home that already exists
  'store_unavailable',
  'keychain_unavailable',
  'unavailable', // an outside service (e.g. GP Connect) failed or could not be reached; the message says what to do
  'internal', // a fault in the app; the message says so without detail
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const IpcError = z.object({ code: ErrorCode, message: z.string() }).strict();
export type IpcError = z.infer<typeof IpcError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const WireResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: IpcError }).strict(),
]);

/** Thrown by services for an expected failure; the dispatcher turns it into a Result. */
export class CareHomeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CareHomeError';
  }
}
