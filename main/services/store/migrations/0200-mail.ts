import type { Migration } from './migration';

/**
 * The mail cache and outbox (NHSmail). Messages are keyed by (folder, UIDVALIDITY,
 * UID): rows whose UIDVALIDITY is not the folder's current one are left over from
 * before the server renumbered the folder, and are matched up by Message-ID or
 * removed when the resync completes, so a renumbering never duplicates mail.
 * Search is an FTS5 index over subject, sender and text kept in step by triggers.
 * The outbox keeps the exact bytes to send, so a retry sends the same message
 * with the same Message-ID.
 */
export const mail: Migration = {
  version: 200,
  name: 'mail',
  up(db) {
    db.exec(`
      CREATE TABLE mail_account (
        id TEXT PRIMARY KEY,
        address TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('home', 'personal')),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE mail_folder (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES mail_account (id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        name TEXT NOT NULL,
        special_use TEXT,
        uidvalidity INTEGER,
        highest_modseq INTEGER,
        synced_at TEXT,
        UNIQUE (account_id, path)
      ) STRICT;

      CREATE TABLE mail_message (
        id INTEGER PRIMARY KEY,
        folder_id INTEGER NOT NULL REFERENCES mail_folder (id) ON DELETE CASCADE,
        uidvalidity INTEGER NOT NULL,
        uid INTEGER NOT NULL,
        message_id TEXT,
        subject TEXT NOT NULL DEFAULT '',
        sender TEXT NOT NULL DEFAULT '',
        from_address TEXT NOT NULL DEFAULT '',
        to_json TEXT NOT NULL DEFAULT '[]',
        cc_json TEXT NOT NULL DEFAULT '[]',
        sent_at TEXT,
        size INTEGER NOT NULL DEFAULT 0,
        seen INTEGER NOT NULL DEFAULT 0,
        flagged INTEGER NOT NULL DEFAULT 0,
        answered INTEGER NOT NULL DEFAULT 0,
        modseq INTEGER,
        text_body TEXT NOT NULL DEFAULT '',
        html_body TEXT,
        body_truncated INTEGER NOT NULL DEFAULT 0,
        has_attachments INTEGER NOT NULL DEFAULT 0,
        UNIQUE (folder_id, uidvalidity, uid)
      ) STRICT;
      CREATE INDEX mail_message_by_folder_date ON mail_message (folder_id, sent_at DESC);
      CREATE INDEX mail_message_by_message_id ON mail_message (folder_id, message_id);

      CREATE TABLE mail_attachment (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES mail_message (id) ON DELETE CASCADE,
        part TEXT NOT NULL,
        filename TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        content BLOB,
        sha256 TEXT,
        UNIQUE (message_id, part)
      ) STRICT;

      CREATE VIRTUAL TABLE mail_search USING fts5 (
        subject, sender, text_body,
        content = 'mail_message', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER mail_message_indexed AFTER INSERT ON mail_message BEGIN
        INSERT INTO mail_search (rowid, subject, sender, text_body) VALUES (new.id, new.subject, new.sender, new.text_body);
      END;
      CREATE TRIGGER mail_message_unindexed AFTER DELETE ON mail_message BEGIN
        INSERT INTO mail_search (mail_search, rowid, subject, sender, text_body)
          VALUES ('delete', old.id, old.subject, old.sender, old.text_body);
      END;
      CREATE TRIGGER mail_message_reindexed AFTER UPDATE OF subject, sender, text_body ON mail_message BEGIN
        INSERT INTO mail_search (mail_search, rowid, subject, sender, text_body)
          VALUES ('delete', old.id, old.subject, old.sender, old.text_body);
        INSERT INTO mail_search (rowid, subject, sender, text_body) VALUES (new.id, new.subject, new.sender, new.text_body);
      END;

      CREATE TABLE mail_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id TEXT NOT NULL REFERENCES mail_account (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('send', 'flags', 'move', 'delete')),
        payload TEXT NOT NULL,
        raw BLOB,
        message_id_header TEXT,
        state TEXT NOT NULL DEFAULT 'queued'
          CHECK (state IN ('queued', 'sending', 'sent', 'done', 'failed', 'unconfirmed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        outcome TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX mail_outbox_pending ON mail_outbox (account_id, state, id);
    `);
  },
};
