/**
 * Mail for the rest of the app: the accounts the managed policy names, each a
 * MailAccount over the store, with what the IPC handlers need. Every view of a
 * message and every change is audited (never with a token or body text).
 */
import { mailSettings, type MailSettings } from '../../../common/mail/mail-policy';
import { checkPatientInformation, subjectForSending } from '../../../common/mail/secure-rule';
import type { PolicyStatus } from '../../../common/ipc/types';
import { CareHomeError } from '../../../common/ipc/result';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import type { ReadableDB, WritableDB } from '../store/database';
import type { Vault } from '../vault/vault';
import { MailCredentials } from './credentials';
import { MailAccount } from './mail-account';
import { MailRepository, searchMail } from './mail-repository';
import { MailboxAccess } from './mailbox-access';
import { OutboxStore } from './outbox';

export class MailService {
  readonly settings: MailSettings;
  private readonly accounts = new Map<string, MailAccount>();
  private readonly repo: MailRepository;
  /** Who may read which mailbox: the handlers check it before every call about a mailbox. */
  readonly access: MailboxAccess;

  constructor(
    private readonly options: {
      db: WritableDB;
      reader: ReadableDB;
      audit: AuditLog;
      vault: Vault | null;
      now: () => Date;
      policy: PolicyStatus;
    },
  ) {
    this.settings = mailSettings(options.policy.effective.mail);
    this.repo = new MailRepository(options.db);
    this.access = new MailboxAccess({ ...options, accounts: this.settings.accounts });
    if (!options.vault) return;
    const credentials = new MailCredentials(options.vault);
    const outbox = new OutboxStore(options.db, options.now);
    for (const a of this.settings.accounts) {
      this.accounts.set(
        a.id,
        new MailAccount(
          {
            id: a.id,
            address: a.address,
            kind: a.kind,
            imap: this.settings.imap,
            smtp: this.settings.smtp,
            settings: this.settings,
          },
          this.repo,
          outbox,
          credentials,
          options.now,
        ),
      );
    }
  }

  account(id: string): MailAccount {
    const a = this.accounts.get(id);
    if (!a) throw new CareHomeError('not_found', 'There is no such mailbox on this laptop.');
    return a;
  }

  /** The mailboxes this staff member may read: the home's, and a personal one only if it is theirs. */
  list(staffId: number) {
    const readable = [...this.accounts.values()].filter((a) => this.access.canRead(staffId, a.config.id));
    return readable.map((a) => ({
      id: a.config.id,
      address: a.config.address,
      kind: a.config.kind,
      ownerName: a.config.kind === 'personal' ? (this.access.owner(a.config.id)?.name ?? null) : null,
      state: a.status.state,
      message: a.status.state === 'problem' ? a.status.message : null,
      signInNeeded: a.status.state === 'problem' && a.status.signIn,
    }));
  }

  async syncNow(accountId: string): Promise<void> {
    try {
      await this.account(accountId).syncAll();
    } catch (error) {
      if (error instanceof CareHomeError) throw error;
      throw new CareHomeError('conflict', (error as Error).message.slice(0, 300));
    }
  }

  folders(accountId: string) {
    this.account(accountId);
    return this.options.reader
      .prepare(
        `SELECT f.id, f.path, f.name, f.special_use AS specialUse,
           (SELECT count(*) FROM mail_message m WHERE m.folder_id = f.id AND m.seen = 0) AS unread
         FROM mail_folder f WHERE f.account_id = ? ORDER BY f.path`,
      )
      .all(accountId) as Array<{ id: number; path: string; name: string; specialUse: string | null; unread: number }>;
  }

  messages(folderId: number, offset: number, limit: number) {
    const rows = this.options.reader
      .prepare(
        `SELECT id, subject, sender, sent_at, seen, flagged, has_attachments FROM mail_message
         WHERE folder_id = ? ORDER BY sent_at DESC, id DESC LIMIT ? OFFSET ?`,
      )
      .all(folderId, limit, offset) as Array<{
      id: number;
      subject: string;
      sender: string;
      sent_at: string | null;
      seen: number;
      flagged: number;
      has_attachments: number;
    }>;
    return rows.map((r) => ({
      id: r.id,
      subject: r.subject,
      sender: r.sender,
      sentAt: r.sent_at,
      seen: r.seen === 1,
      flagged: r.flagged === 1,
      hasAttachments: r.has_attachments === 1,
    }));
  }

  message(actor: AuditActor, messageId: number) {
    const m = this.options.reader
      .prepare(
        'SELECT id, subject, sender, to_json, cc_json, sent_at, text_body, html_body FROM mail_message WHERE id = ?',
      )
      .get(messageId) as
      | {
          id: number;
          subject: string;
          sender: string;
          to_json: string;
          cc_json: string;
          sent_at: string | null;
          text_body: string;
          html_body: string | null;
        }
      | undefined;
    if (!m) throw new CareHomeError('not_found', 'That message is no longer here.');
    const attachments = this.options.reader
      .prepare(
        'SELECT id, filename, content_type AS contentType, size, content IS NOT NULL AS downloaded FROM mail_attachment WHERE message_id = ? ORDER BY id',
      )
      .all(messageId) as Array<{ id: number; filename: string; contentType: string; size: number; downloaded: number }>;
    this.options.audit.append({ actor, action: 'mail.viewed', subject: `mail:${messageId}` });
    return {
      id: m.id,
      subject: m.subject,
      sender: m.sender,
      to: JSON.parse(m.to_json) as string[],
      cc: JSON.parse(m.cc_json) as string[],
      sentAt: m.sent_at,
      text: m.text_body,
      html: m.html_body,
      attachments: attachments.map((a) => ({ ...a, downloaded: a.downloaded === 1 })),
    };
  }

  search(actor: AuditActor, accountId: string, query: string) {
    this.account(accountId);
    // The query itself is not logged: it may hold a resident's name.
    this.options.audit.append({ actor, action: 'mail.searched', subject: `mailbox:${accountId}` });
    return searchMail(this.options.reader, accountId, query).map((h) => ({
      id: h.id,
      subject: h.subject,
      sender: h.sender,
      sentAt: h.sent_at,
      snippet: h.snippet,
    }));
  }

  async openAttachment(actor: AuditActor, attachmentId: number) {
    const accountId = this.options.reader
      .prepare(
        `SELECT f.account_id FROM mail_attachment a JOIN mail_message m ON m.id = a.message_id
         JOIN mail_folder f ON f.id = m.folder_id WHERE a.id = ?`,
      )
      .pluck()
      .get(attachmentId) as string | undefined;
    if (!accountId) throw new CareHomeError('not_found', 'That attachment is no longer here.');
    let file: { filename: string; contentType: string; content: Buffer };
    try {
      file = await this.account(accountId).openAttachment(attachmentId);
    } catch (error) {
      if (error instanceof CareHomeError) throw error;
      throw new CareHomeError(
        'unavailable',
        `The attachment could not be downloaded: ${(error as Error).message.slice(0, 200)}. Try again when the laptop is online.`,
      );
    }
    this.options.audit.append({ actor, action: 'mail.attachment.opened', subject: `mail-attachment:${attachmentId}` });
    return { filename: file.filename, contentType: file.contentType, base64: file.content.toString('base64') };
  }

  private accountOf(messageId: number): MailAccount {
    const id = this.options.reader
      .prepare('SELECT f.account_id FROM mail_message m JOIN mail_folder f ON f.id = m.folder_id WHERE m.id = ?')
      .pluck()
      .get(messageId) as string | undefined;
    if (!id) throw new CareHomeError('not_found', 'That message is no longer here.');
    return this.account(id);
  }

  setFlag(actor: AuditActor, messageId: number, flag: 'seen' | 'flagged', on: boolean): void {
    this.accountOf(messageId).setFlag(messageId, flag === 'seen' ? '\\Seen' : '\\Flagged', on);
    this.options.audit.append({
      actor,
      action: `mail.${flag}.${on ? 'set' : 'cleared'}`,
      subject: `mail:${messageId}`,
    });
  }

  move(actor: AuditActor, messageId: number, toFolderId: number): void {
    const account = this.accountOf(messageId);
    const target = this.repo.folders(account.config.id).find((f) => f.id === toFolderId);
    if (!target) throw new CareHomeError('not_found', 'That folder is not in the same mailbox.');
    account.move(messageId, target.path);
    this.options.audit.append({ actor, action: 'mail.moved', subject: `mail:${messageId}`, detail: target.path });
  }

  delete(actor: AuditActor, messageId: number): void {
    this.accountOf(messageId).delete(messageId);
    this.options.audit.append({ actor, action: 'mail.deleted', subject: `mail:${messageId}` });
  }

  checkSecure(input: {
    recipients: string[];
    subject: string;
    body: string;
    attachmentNames: string[];
    aboutResident: boolean;
    declineSecure: boolean;
  }) {
    const secureDomains = this.settings.secureDomains;
    const subject = subjectForSending({
      subject: input.subject,
      recipients: input.recipients,
      secureDomains,
      senderDeclined: input.declineSecure,
    });
    const check = checkPatientInformation({
      ...input,
      secureDomains,
      willBeEncrypted: /\[secure\]/i.test(subject),
    });
    return { subject, warn: check.warn, nonSecure: check.nonSecure, reasons: check.reasons };
  }

  async send(
    actor: AuditActor,
    m: {
      accountId: string;
      to: string[];
      cc: string[];
      subject: string;
      text: string;
      declineSecure: boolean;
      attachments: Array<{ filename: string; contentType: string; base64: string }>;
    },
  ) {
    const account = this.account(m.accountId);
    const outboxId = await account.queueSend({
      from: account.config.address,
      to: m.to,
      cc: m.cc,
      subject: m.subject,
      text: m.text,
      declineSecure: m.declineSecure,
      attachments: m.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.base64, 'base64'),
      })),
    });
    const row = this.options.reader
      .prepare('SELECT payload FROM mail_outbox WHERE id = ?')
      .pluck()
      .get(outboxId) as string;
    const subject = (JSON.parse(row) as { subject: string }).subject;
    this.options.audit.append({
      actor,
      action: 'mail.queued',
      subject: `outbox:${outboxId}`,
      detail: `to ${m.to.length + m.cc.length} recipient(s)${m.declineSecure ? ', sent without [secure] by choice' : ''}`,
    });
    // Try at once; if the server cannot be reached it stays queued and goes at the next sync.
    void account.replayOutbox().catch(() => {});
    return { outboxId, subject };
  }

  outbox(accountId: string) {
    this.account(accountId);
    const rows = this.options.reader
      .prepare(
        'SELECT id, kind, state, payload, outcome FROM mail_outbox WHERE account_id = ? ORDER BY id DESC LIMIT 200',
      )
      .all(accountId) as Array<{ id: number; kind: string; state: string; payload: string; outcome: string | null }>;
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      state: r.state,
      subject: r.kind === 'send' ? ((JSON.parse(r.payload) as { subject?: string }).subject ?? null) : null,
      outcome: r.outcome,
    }));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.accounts.values()].map((a) => a.stop()));
  }
}
