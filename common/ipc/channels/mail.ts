/**
 * The channels of mail (NHSmail): accounts and their sync state, folders,
 * message lists, one message, search, flags, moves, deletes, sending (through
 * the outbox) and the [secure] check before sending. HTML bodies cross raw:
 * the renderer sanitises them with DOMPurify and shows them in a sandboxed frame.
 */
import { z } from 'zod';
import { channel, MANAGERS, Ok } from '../channel';

const AccountId = z.string().regex(/^[a-z0-9-]{1,40}$/);
const RowId = z.number().int().positive();
const Address = z.string().email().max(320);

export const MailAccountInfo = z
  .object({
    id: AccountId,
    address: z.string(),
    kind: z.enum(['home', 'personal']),
    /** A personal mailbox's owner (only its owner ever sees it listed). */
    ownerName: z.string().nullable(),
    state: z.string(),
    message: z.string().nullable(),
    signInNeeded: z.boolean(),
  })
  .strict();

export const MailFolderInfo = z
  .object({ id: RowId, path: z.string(), name: z.string(), specialUse: z.string().nullable(), unread: z.number() })
  .strict();

export const MailListItem = z
  .object({
    id: RowId,
    subject: z.string(),
    sender: z.string(),
    sentAt: z.string().nullable(),
    seen: z.boolean(),
    flagged: z.boolean(),
    hasAttachments: z.boolean(),
  })
  .strict();

export const MailMessageView = z
  .object({
    id: RowId,
    subject: z.string(),
    sender: z.string(),
    to: z.array(z.string()),
    cc: z.array(z.string()),
    sentAt: z.string().nullable(),
    text: z.string(),
    /** Raw HTML as received: sanitise before showing. */
    html: z.string().nullable(),
    attachments: z.array(
      z
        .object({ id: RowId, filename: z.string(), contentType: z.string(), size: z.number(), downloaded: z.boolean() })
        .strict(),
    ),
  })
  .strict();

export const OutgoingMail = z
  .object({
    accountId: AccountId,
    to: z.array(Address).min(1).max(100),
    cc: z.array(Address).max(100).default([]),
    subject: z.string().max(998),
    text: z.string().max(1_000_000),
    declineSecure: z.boolean().default(false),
    attachments: z
      .array(
        z
          .object({
            filename: z.string().min(1).max(255),
            contentType: z.string().max(200),
            base64: z.string().max(35_000_000),
          })
          .strict(),
      )
      .max(20)
      .default([]),
  })
  .strict();

export const SecureCheck = z
  .object({
    recipients: z.array(z.string().max(320)).max(200),
    subject: z.string().max(998),
    body: z.string().max(1_000_000),
    attachmentNames: z.array(z.string().max(255)).max(20),
    aboutResident: z.boolean().default(false),
    declineSecure: z.boolean().default(false),
  })
  .strict();

export const mailChannels = {
  /** The mailboxes the signed-in staff member may read: the home's, and their own personal one. */
  'mail.accounts': channel({ request: z.object({}).strict(), response: z.array(MailAccountInfo), access: 'signedIn' }),
  /** A manager links a personal mailbox to its owner (null: nobody), the only person who can then read it. */
  'mail.setOwner': channel({
    request: z.object({ accountId: AccountId, staffId: RowId.nullable() }).strict(),
    response: Ok,
    access: MANAGERS,
  }),
  /** For managers: the personal mailboxes on this laptop and who owns each (never their mail). */
  'mail.personalMailboxes': channel({
    request: z.object({}).strict(),
    response: z.array(
      z
        .object({
          id: AccountId,
          address: z.string(),
          ownerStaffId: RowId.nullable(),
          ownerName: z.string().nullable(),
        })
        .strict(),
    ),
    access: MANAGERS,
  }),
  /** An attachment's bytes, downloaded from the server on first open. */
  'mail.attachment': channel({
    request: z.object({ attachmentId: RowId }).strict(),
    response: z.object({ filename: z.string(), contentType: z.string(), base64: z.string().max(70_000_000) }).strict(),
    access: 'signedIn',
  }),
  'mail.syncNow': channel({ request: z.object({ accountId: AccountId }).strict(), response: Ok, access: 'signedIn' }),
  'mail.folders': channel({
    request: z.object({ accountId: AccountId }).strict(),
    response: z.array(MailFolderInfo),
    access: 'signedIn',
  }),
  'mail.messages': channel({
    request: z
      .object({
        folderId: RowId,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    response: z.array(MailListItem),
    access: 'signedIn',
  }),
  'mail.message': channel({
    request: z.object({ messageId: RowId }).strict(),
    response: MailMessageView,
    access: 'signedIn',
  }),
  'mail.search': channel({
    request: z.object({ accountId: AccountId, query: z.string().max(200) }).strict(),
    response: z.array(
      MailListItem.pick({ id: true, subject: true, sender: true, sentAt: true }).extend({ snippet: z.string() }),
    ),
    access: 'signedIn',
  }),
  'mail.setFlag': channel({
    request: z.object({ messageId: RowId, flag: z.enum(['seen', 'flagged']), on: z.boolean() }).strict(),
    response: Ok,
    access: 'signedIn',
  }),
  'mail.move': channel({
    request: z.object({ messageId: RowId, toFolderId: RowId }).strict(),
    response: Ok,
    access: 'signedIn',
  }),
  'mail.delete': channel({ request: z.object({ messageId: RowId }).strict(), response: Ok, access: 'signedIn' }),
  'mail.checkSecure': channel({
    request: SecureCheck,
    response: z
      .object({ subject: z.string(), warn: z.boolean(), nonSecure: z.array(z.string()), reasons: z.array(z.string()) })
      .strict(),
    access: 'signedIn',
  }),
  'mail.send': channel({
    request: OutgoingMail,
    response: z.object({ outboxId: RowId, subject: z.string() }).strict(),
    access: 'signedIn',
  }),
  'mail.outbox': channel({
    request: z.object({ accountId: AccountId }).strict(),
    response: z.array(
      z
        .object({
          id: RowId,
          kind: z.string(),
          state: z.string(),
          subject: z.string().nullable(),
          outcome: z.string().nullable(),
        })
        .strict(),
    ),
    access: 'signedIn',
  }),
} as const;
