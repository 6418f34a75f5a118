/**
 * Turns a message from the server into what the store keeps: headers, the text
 * and raw HTML bodies (the renderer sanitises HTML with DOMPurify before
 * showing it), and attachments with their IMAP part numbers, so one not
 * downloaded eagerly can be fetched on first open. Bodies are capped, so a
 * hostile message cannot fill memory or the store.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject } from 'mailparser';
import type { MessageStructureObject } from 'imapflow';
import type { NewMessage, StoredAttachment } from './mail-repository';

export const MAX_TEXT_CHARS = 1_000_000;
export const MAX_HTML_CHARS = 2_000_000;

export interface AttachmentPart {
  readonly part: string;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
}

/** The leaves of a BODYSTRUCTURE that are attachments (or inline files), in order. */
export function attachmentParts(structure: MessageStructureObject | undefined): AttachmentPart[] {
  const out: AttachmentPart[] = [];
  let bodyTextSeen = false;
  let bodyHtmlSeen = false;
  const walk = (node: MessageStructureObject, single: boolean) => {
    if (node.childNodes && node.childNodes.length > 0) {
      for (const child of node.childNodes) walk(child, false);
      return;
    }
    const type = node.type.toLowerCase();
    const filename = node.dispositionParameters?.filename ?? node.parameters?.name;
    const isAttachment = node.disposition?.toLowerCase() === 'attachment';
    if (!isAttachment && type === 'text/plain' && !bodyTextSeen) {
      bodyTextSeen = true;
      return;
    }
    if (!isAttachment && type === 'text/html' && !bodyHtmlSeen) {
      bodyHtmlSeen = true;
      return;
    }
    if (single && !filename && type.startsWith('text/')) return;
    out.push({
      part: node.part ?? '1',
      filename: filename ?? 'attachment',
      contentType: type,
      size: node.size ?? 0,
    });
  };
  if (structure) walk(structure, true);
  return out;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '').filter((s) => s.length > 0)).slice(0, 500);
}

function cap(text: string, max: number): { text: string; truncated: boolean } {
  return text.length > max ? { text: text.slice(0, max), truncated: true } : { text, truncated: false };
}

export async function parseMessage(input: {
  uid: number;
  source: Buffer;
  size: number;
  flags: ReadonlySet<string>;
  modseq: number | null;
  structure: MessageStructureObject | undefined;
  /** Attachments up to this size keep their content now; larger ones are fetched on first open. */
  eagerMaxBytes: number;
}): Promise<NewMessage> {
  const parsed = await simpleParser(input.source, {
    skipImageLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    maxHtmlLengthToParse: MAX_HTML_CHARS,
  });
  const from = parsed.from?.value[0];
  const text = cap(parsed.text ?? '', MAX_TEXT_CHARS);
  const html = typeof parsed.html === 'string' ? cap(parsed.html, MAX_HTML_CHARS) : null;
  const parts = attachmentParts(input.structure);
  const attachments: StoredAttachment[] = parsed.attachments.map((a, i) => ({
    // Matched to BODYSTRUCTURE by order; with no match the whole message is re-read on open.
    part: parts.length === parsed.attachments.length ? parts[i]!.part : '',
    filename: (a.filename ?? parts[i]?.filename ?? `attachment-${i + 1}`).slice(0, 255),
    contentType: a.contentType.slice(0, 200),
    size: a.size,
    content: a.size <= input.eagerMaxBytes ? a.content : null,
    sha256: a.size <= input.eagerMaxBytes ? createHash('sha256').update(a.content).digest('hex') : null,
  }));
  return {
    uid: input.uid,
    messageId: parsed.messageId?.slice(0, 998) ?? null,
    subject: (parsed.subject ?? '').slice(0, 2000),
    sender: from ? `${from.name ?? ''} ${from.address ?? ''}`.trim().slice(0, 1000) : '',
    fromAddress: (from?.address ?? '').slice(0, 320),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    sentAt: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
    size: input.size,
    flags: input.flags,
    modseq: input.modseq,
    textBody: text.text,
    htmlBody: html?.text ?? null,
    bodyTruncated: text.truncated || (html?.truncated ?? false),
    attachments,
  };
}
