/**
 * Who may read which mailbox. The home's shared mailbox is for every signed-in
 * staff member; a personal mailbox is for its owner alone (not even a manager
 * reads someone else's mail). A manager links a personal mailbox to its owner;
 * until then nobody can open it. Every refusal is audited, so an attempt to
 * read a colleague's mail is visible to the home.
 */
import type { MailAccountPolicy } from '../../../common/mail/mail-policy';
import { CareHomeError } from '../../../common/ipc/result';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import type { ReadableDB, WritableDB } from '../store/database';

export type MailboxTarget =
  { accountId: string } | { folderId: number } | { messageId: number } | { attachmentId: number };

export class MailboxAccess {
  constructor(
    private readonly options: {
      db: WritableDB;
      reader: ReadableDB;
      audit: AuditLog;
      now: () => Date;
      accounts: readonly MailAccountPolicy[];
    },
  ) {}

  /** The staff member who owns a personal mailbox, if a manager has linked one. */
  owner(accountId: string): { staffId: number; name: string } | null {
    const row = this.options.reader
      .prepare(
        `SELECT o.staff_id AS staffId, s.display_name AS name FROM mail_mailbox_owner o
         JOIN staff_member s ON s.id = o.staff_id WHERE o.account_id = ?`,
      )
      .get(accountId) as { staffId: number; name: string } | undefined;
    return row ?? null;
  }

  /** The personal mailboxes the policy names, with their owners: what a manager needs to link them. */
  personalMailboxes() {
    return this.options.accounts
      .filter((a) => a.kind === 'personal')
      .map((a) => {
        const owner = this.owner(a.id);
        return { id: a.id, address: a.address, ownerStaffId: owner?.staffId ?? null, ownerName: owner?.name ?? null };
      });
  }

  canRead(staffId: number, accountId: string): boolean {
    const account = this.options.accounts.find((a) => a.id === accountId);
    if (!account) return false;
    if (account.kind === 'home') return true;
    return this.owner(accountId)?.staffId === staffId;
  }

  /** The account a request is about; throws unless `actor` may read it. */
  check(actor: AuditActor, target: MailboxTarget): string {
    const accountId = this.accountOf(target);
    if (!this.canRead(actor.staffId, accountId)) {
      this.options.audit.append({ actor, action: 'mail.refused', subject: `mailbox:${accountId}` });
      throw new CareHomeError('forbidden', 'This is someone else’s personal mailbox. Only its owner can open it.');
    }
    return accountId;
  }

  setOwner(actor: AuditActor, accountId: string, staffId: number | null): void {
    const account = this.options.accounts.find((a) => a.id === accountId);
    if (!account) throw new CareHomeError('not_found', 'There is no such mailbox on this laptop.');
    if (account.kind !== 'personal') {
      throw new CareHomeError('conflict', 'The home’s mailbox is shared by all staff: it has no single owner.');
    }
    if (staffId === null) {
      this.options.db.prepare('DELETE FROM mail_mailbox_owner WHERE account_id = ?').run(accountId);
    } else {
      const active = this.options.reader
        .prepare('SELECT active FROM staff_member WHERE id = ?')
        .pluck()
        .get(staffId) as number | undefined;
      if (active !== 1) throw new CareHomeError('not_found', 'That staff member is not on this laptop or is disabled.');
      this.options.db
        .prepare(
          `INSERT INTO mail_mailbox_owner (account_id, staff_id, assigned_by, assigned_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (account_id) DO UPDATE SET staff_id = excluded.staff_id,
             assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at`,
        )
        .run(accountId, staffId, actor.staffId, this.options.now().toISOString());
    }
    this.options.audit.append({
      actor,
      action: 'mail.owner.set',
      subject: `mailbox:${accountId}`,
      detail: staffId === null ? 'no owner' : `staff:${staffId}`,
    });
  }

  private accountOf(target: MailboxTarget): string {
    if ('accountId' in target) {
      if (!this.options.accounts.some((a) => a.id === target.accountId)) {
        throw new CareHomeError('not_found', 'There is no such mailbox on this laptop.');
      }
      return target.accountId;
    }
    const [sql, key, gone] =
      'folderId' in target
        ? ['SELECT account_id FROM mail_folder WHERE id = ?', target.folderId, 'That folder is no longer here.']
        : 'messageId' in target
          ? [
              'SELECT f.account_id FROM mail_message m JOIN mail_folder f ON f.id = m.folder_id WHERE m.id = ?',
              target.messageId,
              'That message is no longer here.',
            ]
          : [
              `SELECT f.account_id FROM mail_attachment a JOIN mail_message m ON m.id = a.message_id
               JOIN mail_folder f ON f.id = m.folder_id WHERE a.id = ?`,
              target.attachmentId,
              'That attachment is no longer here.',
            ];
    const id = this.options.reader.prepare(sql).pluck().get(key);
    if (typeof id !== 'string') throw new CareHomeError('not_found', gone);
    return id;
  }
}
