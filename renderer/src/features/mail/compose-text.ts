/** What a reply or forward starts with: the subject prefixed once, the original quoted. */
import { longDate } from './mail-format';
import type { MailMessage } from './mail-types';

export interface ComposeDraft {
  readonly to: string;
  readonly cc: string;
  readonly subject: string;
  readonly text: string;
  readonly aboutResident: boolean;
  readonly declineSecure: boolean;
}

export const EMPTY_DRAFT: ComposeDraft = {
  to: '',
  cc: '',
  subject: '',
  text: '',
  aboutResident: false,
  declineSecure: false,
};

const ADDRESS_IN = /<([^<>\s]+@[^<>\s]+)>|([^\s<>,;]+@[^\s<>,;]+)/;

/** The bare address in "Ward 7 <ward7@nhs.net>". */
export function bareAddress(sender: string): string {
  const m = ADDRESS_IN.exec(sender);
  return m ? (m[1] ?? m[2] ?? '') : '';
}

function prefixed(prefix: 'Re' | 'Fwd', subject: string): string {
  const bare = subject.replace(/^\s*\[secure\]\s*/i, '');
  return new RegExp(`^${prefix}:`, 'i').test(bare) ? bare : `${prefix}: ${bare}`;
}

function quoted(m: MailMessage): string {
  return m.text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

export function replyDraft(m: MailMessage): ComposeDraft {
  return {
    ...EMPTY_DRAFT,
    to: bareAddress(m.sender),
    subject: prefixed('Re', m.subject),
    text: `\n\nOn ${m.sentAt ? longDate(m.sentAt) : 'an earlier date'}, ${m.sender} wrote:\n${quoted(m)}`,
  };
}

export function forwardDraft(m: MailMessage): ComposeDraft {
  return {
    ...EMPTY_DRAFT,
    subject: prefixed('Fwd', m.subject),
    text: `\n\n---------- Forwarded message ----------\nFrom: ${m.sender}\nSubject: ${m.subject}\n\n${m.text}`,
  };
}

/** Addresses typed into a box, separated by commas, semicolons or spaces. */
export function splitAddresses(typed: string): string[] {
  return typed
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const LOOKS_LIKE_ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function badAddresses(typed: string): string[] {
  return splitAddresses(typed).filter((a) => !LOOKS_LIKE_ADDRESS.test(a));
}
