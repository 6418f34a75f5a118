/**
 * The raw GP Connect bundle as the store keeps it: gzip-compressed (a large
 * record is 600 KB of JSON but 60 KB compressed, and every byte written to the
 * encrypted store is encrypted and journalled), with the SHA-256 of the text
 * in front, so that a refresh that brings back the same bundle does not write
 * it again. The column is TEXT (the schema predates this), so the compressed
 * bytes are base64. Rows written before this hold the plain JSON text, which
 * always starts with "{" or white space, never with the prefix: both read back.
 */
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';

const PREFIX = 'gzip+base64;sha256=';

export interface EncodedBundle {
  /** What goes into `gp_record.raw_bundle`. */
  readonly stored: string;
  /** The start of `stored` that identifies this exact bundle (prefix and hash). */
  readonly fingerprint: string;
}

/** The fingerprint alone (cheap: a hash, no compression), to compare with the stored one first. */
export function bundleFingerprint(text: string): string {
  return `${PREFIX}${createHash('sha256').update(text).digest('hex')};`;
}

export const FINGERPRINT_LENGTH = bundleFingerprint('').length;

export function encodeRawBundle(text: string, fingerprint = bundleFingerprint(text)): EncodedBundle {
  // Level 1: a third of the time of the default for a few KB more, on a 2-core laptop.
  const gz = zlib.gzipSync(text, { level: 1 });
  return { stored: `${fingerprint}${gz.toString('base64')}`, fingerprint };
}

/** The bundle exactly as received. gzip's own CRC check makes a damaged value fail loudly, never silently. */
export function decodeRawBundle(stored: string): string {
  if (!stored.startsWith(PREFIX)) return stored;
  const gz = Buffer.from(stored.slice(FINGERPRINT_LENGTH), 'base64');
  return zlib.gunzipSync(gz).toString('utf8');
}
