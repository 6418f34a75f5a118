/**
 * Builds the exact bytes of an outgoing message once, when it is queued: the
 * outbox keeps them, so a retry after a crash or a lost connection sends the
 * same message with the same Message-ID, and the Sent folder can be searched
 * for it. The [secure] rule is applied here, on the way out.
 */
import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { subjectForSending } from '../../../common/mail/secure-rule';

export interface OutgoingAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface OutgoingMessage {
  readonly from: string;
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly attachments?: readonly OutgoingAttachment[];
  readonly inReplyTo?: string;
  /** The sender chose to send to a non-secure address without [secure]. */
  readonly declineSecure?: boolean;
}

export interface ComposedMessage {
  readonly raw: Buffer;
  readonly messageId: string;
  readonly subject: string;
  readonly envelope: { readonly from: string; readonly to: string[] };
}

export async function composeMessage(
  message: OutgoingMessage,
  secureDomains: readonly string[],
): Promise<ComposedMessage> {
  const recipients = [...message.to, ...(message.cc ?? [])];
  const subject = subjectForSending({
    subject: message.subject,
    recipients,
    secureDomains,
    senderDeclined: message.declineSecure ?? false,
  });
  const domain = message.from.split('@')[1] ?? 'care-home-desktop.invalid';
  const messageId = `<${randomUUID()}@${domain}>`;
  const composer = new MailComposer({
    from: message.from,
    to: [...message.to],
    cc: [...(message.cc ?? [])],
    subject,
    text: message.text,
    ...(message.html !== undefined ? { html: message.html } : {}),
    messageId,
    date: new Date(),
    ...(message.inReplyTo ? { inReplyTo: message.inReplyTo, references: message.inReplyTo } : {}),
    attachments: (message.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
    })),
  });
  const raw = await new Promise<Buffer>((resolve, reject) =>
    composer.compile().build((error, built) => (error ? reject(error) : resolve(built))),
  );
  return { raw, messageId, subject, envelope: { from: message.from, to: recipients } };
}
