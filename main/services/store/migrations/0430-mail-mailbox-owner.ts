import type { Migration } from './migration';

/**
 * Who owns each personal mailbox. The managed policy names the mailboxes, but
 * staff members are created in the app, so a manager links a personal mailbox
 * to its owner here. A personal mailbox with no row is readable by nobody; the
 * home's shared mailbox never needs a row (every signed-in staff member reads it).
 * Keyed by account id, not a foreign key to mail_account, because the account
 * row is written only when the mailbox first syncs.
 */
export const mailMailboxOwner: Migration = {
  version: 430,
  name: 'mail mailbox owner',
  up(db) {
    db.exec(`
      CREATE TABLE mail_mailbox_owner (
        account_id TEXT PRIMARY KEY,
        staff_id INTEGER NOT NULL REFERENCES staff_member (id),
        assigned_by INTEGER NOT NULL REFERENCES staff_member (id),
        assigned_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
