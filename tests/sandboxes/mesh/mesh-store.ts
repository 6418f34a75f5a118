/**
 * The test server's mailboxes, workflows and messages, held in memory. Seeded
 * from the mesh-sandbox store layout (mailboxes.jsonl, workflows.jsonl,
 * mailboxes/<id>/in/<message>.json + chunk files), copied into tests/fixtures/mesh.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export interface Mailbox {
  mailbox_id: string;
  mailbox_name: string;
  billing_entity: string;
  ods_code: string;
  org_code: string;
  password: string;
}

export interface Workflow {
  workflow_id: string;
  senders: string[];
  receivers: string[];
}

export type MessageStatus = 'uploading' | 'accepted' | 'acknowledged' | 'undeliverable' | 'error';

export interface StoredMessage {
  message_id: string;
  sender: string;
  recipient: string;
  workflow_id: string;
  message_type: 'DATA' | 'REPORT';
  status: MessageStatus;
  local_id: string;
  subject: string;
  file_name: string;
  checksum: string;
  content_type: string;
  /** '' or 'gzip': how the sender encoded each chunk; chunks are kept as sent. */
  content_encoding: string;
  total_chunks: number;
  chunks: (Buffer | undefined)[];
  upload_timestamp: Date;
  status_timestamp: Date;
  acknowledged_at: Date | null;
  /** For an error report: what it is about. */
  report?: { linked_message_id: string; status_code: string; status_event: string; description: string; to: string };
}

let sequence = 0;

/** `20200529155357895317_3573F8`: the timestamp with microseconds, then six hex digits (as the spec's examples). */
export function newMessageId(now: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp =
    `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}` +
    `${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}` +
    `${p(now.getUTCMilliseconds(), 3)}${p(sequence++ % 1000, 3)}`;
  return `${stamp}_${randomBytes(3).toString('hex').toUpperCase()}`;
}

export class MeshStore {
  readonly mailboxes = new Map<string, Mailbox>();
  readonly workflows = new Map<string, Workflow>();
  readonly messages = new Map<string, StoredMessage>();

  addMailbox(m: Mailbox): void {
    this.mailboxes.set(m.mailbox_id, m);
  }

  addWorkflow(w: Workflow): void {
    this.workflows.set(w.workflow_id, w);
  }

  /** Loads a mesh-sandbox store folder: mailboxes, workflows and the messages waiting in each inbox. */
  loadSandboxStore(dir: string): void {
    for (const line of readJsonl(path.join(dir, 'mailboxes.jsonl'))) this.addMailbox(line as Mailbox);
    for (const line of readJsonl(path.join(dir, 'workflows.jsonl'))) this.addWorkflow(line as Workflow);
    const root = path.join(dir, 'mailboxes');
    for (const mailbox of fs.readdirSync(root)) {
      const inbox = path.join(root, mailbox, 'in');
      for (const file of fs.readdirSync(inbox).filter((f) => f.endsWith('.json'))) {
        const meta = JSON.parse(fs.readFileSync(path.join(inbox, file), 'utf8')) as SandboxMessage;
        const chunkDir = path.join(inbox, meta.message_id);
        const chunks = Array.from({ length: meta.total_chunks }, (_, i) => {
          const f = path.join(chunkDir, String(i + 1));
          return fs.existsSync(f) ? fs.readFileSync(f) : undefined;
        });
        // The sandbox lists a message's events newest first: the first is its status now.
        const status = (meta.events[0]?.status ?? 'accepted') as MessageStatus;
        this.messages.set(meta.message_id, {
          message_id: meta.message_id,
          sender: meta.sender.mailbox_id,
          recipient: meta.recipient.mailbox_id,
          workflow_id: meta.workflow_id,
          message_type: meta.message_type,
          status,
          local_id: '',
          subject: '',
          file_name: meta.metadata.file_name ?? '',
          checksum: '',
          content_type: 'application/octet-stream',
          content_encoding: meta.metadata.content_encoding ?? '',
          total_chunks: meta.total_chunks,
          chunks,
          upload_timestamp: new Date(`${meta.created_timestamp}Z`),
          status_timestamp: new Date(`${meta.last_modified}Z`),
          acknowledged_at: null,
        });
      }
    }
  }

  /** The recipient's deliverable messages, oldest first (message ids sort by time). */
  inbox(mailbox: string): StoredMessage[] {
    return [...this.messages.values()]
      .filter((m) => m.recipient === mailbox && m.status === 'accepted')
      .sort((a, b) => (a.message_id < b.message_id ? -1 : a.message_id > b.message_id ? 1 : 0));
  }
}

interface SandboxMessage {
  message_id: string;
  recipient: { mailbox_id: string };
  sender: { mailbox_id: string };
  events: { status: string; timestamp: string }[];
  metadata: { file_name?: string; content_encoding?: string };
  workflow_id: string;
  message_type: 'DATA' | 'REPORT';
  total_chunks: number;
  created_timestamp: string;
  last_modified: string;
}

function readJsonl(file: string): unknown[] {
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n|(?<=\})(?=\{)/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => JSON.parse(l) as unknown);
}
