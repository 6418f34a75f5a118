import type { Migration } from './migration';

/**
 * MESH: messages received (stored in pieces, so that a 100 MB message is never
 * held whole), messages to send (a durable outbox: each state is written
 * before the network step it leads to), and each mailbox's connection state.
 */
export const mesh: Migration = {
  version: 300,
  name: 'mesh',
  up(db) {
    db.exec(`
      CREATE TABLE mesh_inbound_message (
        message_id TEXT PRIMARY KEY,
        mailbox_id TEXT NOT NULL,
        message_type TEXT NOT NULL CHECK (message_type IN ('DATA', 'REPORT')),
        sender TEXT NOT NULL DEFAULT '',
        workflow_id TEXT NOT NULL DEFAULT '',
        local_id TEXT NOT NULL DEFAULT '',
        subject TEXT NOT NULL DEFAULT '',
        file_name TEXT NOT NULL DEFAULT '',
        content_type TEXT NOT NULL DEFAULT '',
        checksum TEXT NOT NULL DEFAULT '',
        checksum_ok INTEGER CHECK (checksum_ok IN (0, 1)),
        total_chunks INTEGER NOT NULL,
        chunks_stored INTEGER NOT NULL DEFAULT 0,
        byte_count INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL CHECK (state IN ('downloading', 'stored', 'acknowledged')),
        report_linked_message_id TEXT,
        report_status_code TEXT,
        report_status_description TEXT,
        offered_count INTEGER NOT NULL DEFAULT 1,
        first_seen_at TEXT NOT NULL,
        stored_at TEXT,
        acknowledged_at TEXT
      ) STRICT;
      CREATE INDEX mesh_inbound_by_state ON mesh_inbound_message (mailbox_id, state);

      CREATE TABLE mesh_inbound_piece (
        message_id TEXT NOT NULL REFERENCES mesh_inbound_message (message_id) ON DELETE CASCADE,
        chunk_no INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (message_id, chunk_no, seq)
      ) STRICT;

      CREATE TABLE mesh_outbound_message (
        local_id TEXT PRIMARY KEY,
        mailbox_id TEXT NOT NULL,
        recipient TEXT NOT NULL,
        workflow_id TEXT NOT NULL,
        subject TEXT NOT NULL DEFAULT '',
        file_name TEXT NOT NULL DEFAULT '',
        content_type TEXT NOT NULL DEFAULT 'application/octet-stream',
        checksum TEXT NOT NULL,
        compress INTEGER NOT NULL CHECK (compress IN (0, 1)),
        byte_count INTEGER NOT NULL,
        chunk_bytes INTEGER NOT NULL,
        total_chunks INTEGER NOT NULL,
        chunks_sent INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL CHECK (state IN ('queued', 'posting', 'uploading', 'sent', 'acknowledged', 'undeliverable', 'failed')),
        message_id TEXT UNIQUE,
        attempts INTEGER NOT NULL DEFAULT 0,
        problem TEXT,
        tracking_status TEXT,
        tracked_at TEXT,
        report_message_id TEXT,
        report_status_code TEXT,
        report_status_description TEXT,
        created_at TEXT NOT NULL,
        sent_at TEXT
      ) STRICT;
      CREATE INDEX mesh_outbound_by_state ON mesh_outbound_message (mailbox_id, state, created_at);

      CREATE TABLE mesh_outbound_piece (
        local_id TEXT NOT NULL REFERENCES mesh_outbound_message (local_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (local_id, seq)
      ) STRICT;

      CREATE TABLE mesh_mailbox_state (
        mailbox_id TEXT PRIMARY KEY,
        last_handshake_at TEXT,
        last_poll_at TEXT,
        last_success_at TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        problem_kind TEXT,
        problem TEXT
      ) STRICT;
    `);
  },
};
