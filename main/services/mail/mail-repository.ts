/**
 * The mail cache in the encrypted store: prepared statements over the mail_*
 * tables (migration 0200). Each message is written in its own transaction as
 * it arrives, so a sync cut off at any point keeps everything it had stored
 * and the next one carries on from the highest UID it holds.
 */
import type { ReadableDB, WritableDB } from '../store/database';

export interface FolderRow {
  id: number;
  account_id: string;
  path: string;
  name: string;
  special_use: string | null;
  uidvalidity: number | null;
  highest_modseq: number | null;
  synced_at: string | null;
}

export interface StoredAttachment {
  readonly part: string;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  /** null: not downloaded yet (larger than the eager limit); fetched on first open. */
  readonly content: Buffer | null;
  readonly sha256: string | null;
}

export interface NewMessage {
  readonly uid: number;
  readonly messageId: string | null;
  readonly subject: string;
  readonly sender: string;
  readonly fromAddress: string;
  readonly to: string[];
  readonly cc: string[];
  readonly sentAt: string | null;
  readonly size: number;
  readonly flags: ReadonlySet<string>;
  readonly modseq: number | null;
  readonly textBody: string;
  readonly htmlBody: string | null;
  readonly bodyTruncated: boolean;
  readonly attachments: readonly StoredAttachment[];
}

export interface MessageRow {
  id: number;
  folder_id: number;
  uidvalidity: number;
  uid: number;
  message_id: string | null;
  subject: string;
  sender: string;
  from_address: string;
  sent_at: string | null;
  seen: number;
  flagged: number;
  text_body: string;
  html_body: string | null;
  has_attachments: number;
}

export const MESSAGE_COLUMNS =
  'id, folder_id, uidvalidity, uid, message_id, subject, sender, from_address, sent_at, seen, flagged, text_body, html_body, has_attachments';

export class MailRepository {
  constructor(readonly db: WritableDB) {}

  ensureAccount(id: string, address: string, kind: 'home' | 'personal', now: string): void {
    this.db
      .prepare(
        `INSERT INTO mail_account (id, address, kind, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET address = excluded.address, kind = excluded.kind`,
      )
      .run(id, address, kind, now);
  }

  upsertFolder(accountId: string, path: string, name: string, specialUse: string | null): FolderRow {
    this.db
      .prepare(
        `INSERT INTO mail_folder (account_id, path, name, special_use) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id, path) DO UPDATE SET name = excluded.name, special_use = excluded.special_use`,
      )
      .run(accountId, path, name, specialUse);
    return this.folder(accountId, path)!;
  }

  folder(accountId: string, path: string): FolderRow | undefined {
    return this.db.prepare('SELECT * FROM mail_folder WHERE account_id = ? AND path = ?').get(accountId, path) as
      FolderRow | undefined;
  }

  folderBySpecialUse(accountId: string, specialUse: string): FolderRow | undefined {
    return this.db
      .prepare('SELECT * FROM mail_folder WHERE account_id = ? AND special_use = ? ORDER BY id LIMIT 1')
      .get(accountId, specialUse) as FolderRow | undefined;
  }

  folders(accountId: string): FolderRow[] {
    return this.db
      .prepare('SELECT * FROM mail_folder WHERE account_id = ? ORDER BY path')
      .all(accountId) as FolderRow[];
  }

  /** Folders gone from the server: removed with their cached messages (the server no longer has them either). */
  removeFoldersExcept(accountId: string, paths: readonly string[]): void {
    const keep = new Set(paths);
    for (const f of this.folders(accountId)) {
      if (!keep.has(f.path)) this.db.prepare('DELETE FROM mail_folder WHERE id = ?').run(f.id);
    }
  }

  setFolderState(folderId: number, uidvalidity: number, highestModseq: number | null, syncedAt: string | null): void {
    this.db
      .prepare(
        'UPDATE mail_folder SET uidvalidity = ?, highest_modseq = ?, synced_at = coalesce(?, synced_at) WHERE id = ?',
      )
      .run(uidvalidity, highestModseq, syncedAt, folderId);
  }

  /** The highest UID held under the folder's current UIDVALIDITY: where the next sync starts. */
  highestUid(folderId: number, uidvalidity: number): number {
    return (
      (this.db
        .prepare('SELECT max(uid) FROM mail_message WHERE folder_id = ? AND uidvalidity = ?')
        .pluck()
        .get(folderId, uidvalidity) as number | null) ?? 0
    );
  }

  uids(folderId: number, uidvalidity: number): number[] {
    return this.db
      .prepare('SELECT uid FROM mail_message WHERE folder_id = ? AND uidvalidity = ? ORDER BY uid')
      .pluck()
      .all(folderId, uidvalidity) as number[];
  }

  countCurrent(folderId: number, uidvalidity: number): number {
    return this.db
      .prepare('SELECT count(*) FROM mail_message WHERE folder_id = ? AND uidvalidity = ?')
      .pluck()
      .get(folderId, uidvalidity) as number;
  }

  /**
   * Stores one message. A row left from an earlier UIDVALIDITY (or put here by an
   * offline move) with the same Message-ID is taken over instead of adding a
   * second copy; its attachments already downloaded are kept.
   */
  storeMessage(folderId: number, uidvalidity: number, m: NewMessage): number {
    return this.db.transaction(() => {
      const existing = this.db
        .prepare('SELECT id FROM mail_message WHERE folder_id = ? AND uidvalidity = ? AND uid = ?')
        .pluck()
        .get(folderId, uidvalidity, m.uid) as number | undefined;
      if (existing !== undefined) return existing;
      const flags = flagColumns(m.flags);
      const leftover =
        m.messageId === null
          ? undefined
          : (this.db
              .prepare(
                `SELECT id FROM mail_message WHERE folder_id = ? AND uidvalidity != ? AND message_id = ? ORDER BY id LIMIT 1`,
              )
              .pluck()
              .get(folderId, uidvalidity, m.messageId) as number | undefined);
      if (leftover !== undefined) {
        this.db
          .prepare(
            `UPDATE mail_message SET uidvalidity = ?, uid = ?, seen = ?, flagged = ?, answered = ?, modseq = ? WHERE id = ?`,
          )
          .run(uidvalidity, m.uid, flags.seen, flags.flagged, flags.answered, m.modseq, leftover);
        return leftover;
      }
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO mail_message (folder_id, uidvalidity, uid, message_id, subject, sender, from_address, to_json, cc_json,
               sent_at, size, seen, flagged, answered, modseq, text_body, html_body, body_truncated, has_attachments)
             VALUES (@folderId, @uidvalidity, @uid, @messageId, @subject, @sender, @fromAddress, @to, @cc,
               @sentAt, @size, @seen, @flagged, @answered, @modseq, @textBody, @htmlBody, @bodyTruncated, @hasAttachments)`,
          )
          .run({
            folderId,
            uidvalidity,
            uid: m.uid,
            messageId: m.messageId,
            subject: m.subject,
            sender: m.sender,
            fromAddress: m.fromAddress,
            to: JSON.stringify(m.to),
            cc: JSON.stringify(m.cc),
            sentAt: m.sentAt,
            size: m.size,
            ...flags,
            modseq: m.modseq,
            textBody: m.textBody,
            htmlBody: m.htmlBody,
            bodyTruncated: m.bodyTruncated ? 1 : 0,
            hasAttachments: m.attachments.length > 0 ? 1 : 0,
          }).lastInsertRowid,
      );
      const insert = this.db.prepare(
        `INSERT INTO mail_attachment (message_id, part, filename, content_type, size, content, sha256)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const a of m.attachments) insert.run(id, a.part, a.filename, a.contentType, a.size, a.content, a.sha256);
      return id;
    })();
  }

  updateFlags(
    folderId: number,
    uidvalidity: number,
    uid: number,
    flags: ReadonlySet<string>,
    modseq: number | null,
  ): void {
    this.db
      .prepare(
        `UPDATE mail_message SET seen = @seen, flagged = @flagged, answered = @answered, modseq = coalesce(@modseq, modseq)
         WHERE folder_id = @folderId AND uidvalidity = @uidvalidity AND uid = @uid`,
      )
      .run({ ...flagColumns(flags), modseq, folderId, uidvalidity, uid });
  }

  /** Messages the server no longer has in this folder (expunged or moved away by another client). */
  removeUids(folderId: number, uidvalidity: number, uids: readonly number[]): void {
    const del = this.db.prepare('DELETE FROM mail_message WHERE folder_id = ? AND uidvalidity = ? AND uid = ?');
    this.db.transaction(() => {
      for (const uid of uids) del.run(folderId, uidvalidity, uid);
    })();
  }

  /** After a full resync under a new UIDVALIDITY: rows the server did not send again are gone from the server. */
  removeLeftovers(folderId: number, uidvalidity: number): number {
    return this.db
      .prepare('DELETE FROM mail_message WHERE folder_id = ? AND uidvalidity != ? AND uidvalidity != 0')
      .run(folderId, uidvalidity).changes;
  }

  message(id: number): MessageRow | undefined {
    return this.db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM mail_message WHERE id = ?`).get(id) as
      MessageRow | undefined;
  }

  attachments(messageRowId: number): Array<{
    id: number;
    part: string;
    filename: string;
    content_type: string;
    size: number;
    content: Buffer | null;
    sha256: string | null;
  }> {
    return this.db
      .prepare(
        'SELECT id, part, filename, content_type, size, content, sha256 FROM mail_attachment WHERE message_id = ? ORDER BY id',
      )
      .all(messageRowId) as never;
  }

  saveAttachmentContent(attachmentId: number, content: Buffer, sha256: string): void {
    this.db
      .prepare('UPDATE mail_attachment SET content = ?, sha256 = ? WHERE id = ?')
      .run(content, sha256, attachmentId);
  }
}

export function flagColumns(flags: ReadonlySet<string>): { seen: number; flagged: number; answered: number } {
  return {
    seen: flags.has('\\Seen') ? 1 : 0,
    flagged: flags.has('\\Flagged') ? 1 : 0,
    answered: flags.has('\\Answered') ? 1 : 0,
  };
}

export interface SearchHit {
  id: number;
  folder_id: number;
  subject: string;
  sender: string;
  sent_at: string | null;
  snippet: string;
}

/**
 * Full-text search over subject, sender and body. What the person typed is
 * split into words and each is quoted, so FTS5 syntax in the query (quotes,
 * NEAR, column filters, `*`) is searched for as text, never run.
 */
export function searchMail(db: ReadableDB, accountId: string, query: string, limit = 50): SearchHit[] {
  const words = query
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}@._'-]+/u)
    .map((w) => w.replace(/^[._'-]+|[._'-]+$/g, ''))
    .filter((w) => w.length > 0)
    .slice(0, 12);
  if (words.length === 0) return [];
  const match = words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' AND ');
  return db
    .prepare(
      `SELECT m.id, m.folder_id, m.subject, m.sender, m.sent_at,
              snippet(mail_search, 2, '[', ']', '…', 12) AS snippet
       FROM mail_search JOIN mail_message m ON m.id = mail_search.rowid
       JOIN mail_folder f ON f.id = m.folder_id
       WHERE mail_search MATCH ? AND f.account_id = ?
       ORDER BY rank LIMIT ?`,
    )
    .all(match, accountId, limit) as SearchHit[];
}
