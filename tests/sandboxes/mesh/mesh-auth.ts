/**
 * The test server's check of the `NHSMESH` Authorization header, as
 * mesh-api.yaml describes it: `NHSMESH mailbox:nonce:nonce_count:yyyyMMddHHmm:hmac`,
 * hmac = hex HMAC-SHA256(shared key, `mailbox:nonce:nonce_count:password:timestamp`),
 * each token good for one request, the timestamp within 2 hours of the server's clock.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The sandbox's own wording (mesh-sandbox common/constants.py). */
export const AUTH_ERRORS = {
  unreadable: 'Error reading from Authorization header',
  mailboxMismatch: 'Mailbox id does not match token',
  invalid: 'Invalid Authentication Token',
  duplicated: 'Error Duplicated Authentication Token',
} as const;

export type AuthFailure = (typeof AUTH_ERRORS)[keyof typeof AUTH_ERRORS];

const TOKEN = /^NHSMESH ([^:\s]+):([^:\s]+):(\d+):(\d{12}):([0-9a-f]{64})$/;
const TWO_HOURS_MS = 2 * 60 * 60 * 1000;

export function parseMeshTimestamp(stamp: string): number {
  const [y, mo, d, h, mi] = [
    stamp.slice(0, 4),
    stamp.slice(4, 6),
    stamp.slice(6, 8),
    stamp.slice(8, 10),
    stamp.slice(10, 12),
  ];
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
}

export class TokenChecker {
  /** Every token seen, so that a repeat is refused (the spec: "each token … is valid for one request only"). */
  private readonly seen = new Set<string>();

  constructor(
    private readonly sharedKey: () => string,
    private readonly passwordOf: (mailbox: string) => string | undefined,
    private readonly now: () => number,
  ) {}

  /** Null when the header is good for `pathMailbox`; otherwise the reason, in the sandbox's words. */
  check(header: string | undefined, pathMailbox: string | null): AuthFailure | null {
    const match = TOKEN.exec(header ?? '');
    if (!match) return AUTH_ERRORS.unreadable;
    const [, mailbox, nonce, count, stamp, hash] = match as unknown as [string, string, string, string, string, string];
    if (pathMailbox !== null && mailbox !== pathMailbox) return AUTH_ERRORS.mailboxMismatch;
    const password = this.passwordOf(mailbox);
    if (password === undefined) return AUTH_ERRORS.invalid;
    const when = parseMeshTimestamp(stamp);
    if (!Number.isFinite(when) || Math.abs(this.now() - when) > TWO_HOURS_MS) return AUTH_ERRORS.invalid;
    const expected = createHmac('sha256', this.sharedKey())
      .update(`${mailbox}:${nonce}:${count}:${password}:${stamp}`)
      .digest();
    if (!timingSafeEqual(expected, Buffer.from(hash, 'hex'))) return AUTH_ERRORS.invalid;
    const key = `${mailbox}:${nonce}:${count}`;
    if (this.seen.has(key)) return AUTH_ERRORS.duplicated;
    this.seen.add(key);
    return null;
  }
}
