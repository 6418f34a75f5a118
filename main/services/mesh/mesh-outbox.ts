/**
 * Sending, through a durable outbox in the encrypted store. Each message gets
 * a `mex-localid` when it is queued, and its state is written before the
 * network step it leads to:
 *
 *   queued ─► posting ─► uploading ─► sent ─► acknowledged | undeliverable
 *                 │  (first chunk answered with a message id)
 *                 └─ answer lost (crash, cut, time-out, 5xx): on the next run the
 *                    outbox asks MESH by local id whether it has the message,
 *                    and carries on with it, or sends it afresh if MESH never got it.
 *
 * So a message survives restarts and is never sent twice. Large messages are
 * split (uncompressed) into chunks and each chunk is gzip-compressed on its own,
 * as the spec asks; chunks stream from the store, never whole in memory.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { z } from 'zod';
import type { WritableDB } from '../store/database';
import { MESH_V2, type MeshConnection } from './mesh-http';
import { PIECE_BYTES } from './mesh-inbox';
import { MeshProblem } from './mesh-problem';

export const DEFAULT_CHUNK_BYTES = 20 * 1024 * 1024;
/** Messages above this are gzip-compressed (the spec asks for large messages to be). */
const COMPRESS_ABOVE_BYTES = 64 * 1024;

export type OutboundState = 'queued' | 'posting' | 'uploading' | 'sent' | 'acknowledged' | 'undeliverable' | 'failed';

export interface QueueRequest {
  readonly recipient: string;
  readonly workflowId: string;
  readonly content: Buffer | AsyncIterable<Buffer> | Iterable<Buffer>;
  readonly subject?: string;
  readonly fileName?: string;
  readonly contentType?: string;
  readonly chunkBytes?: number;
  readonly compress?: boolean;
}

export interface OutboundView {
  readonly localId: string;
  readonly recipient: string;
  readonly workflowId: string;
  readonly subject: string;
  readonly state: OutboundState;
  readonly messageId: string | null;
  readonly totalChunks: number;
  readonly chunksSent: number;
  /** For the sender: what happened and what to do, when something needs doing. */
  readonly whatToDo: string | null;
}

interface OutboundRow {
  local_id: string;
  mailbox_id: string;
  recipient: string;
  workflow_id: string;
  subject: string;
  file_name: string;
  content_type: string;
  checksum: string;
  compress: 0 | 1;
  byte_count: number;
  chunk_bytes: number;
  total_chunks: number;
  chunks_sent: number;
  state: OutboundState;
  message_id: string | null;
  problem: string | null;
  report_status_code: string | null;
  report_status_description: string | null;
  tracked_at: string | null;
}

const SendAnswer = z.object({ message_id: z.string().min(1) }).loose();
const TrackingV2 = z
  .object({
    message_id: z.string(),
    status: z.string().optional(),
    status_code: z.string().optional(),
    status_description: z.string().optional(),
  })
  .loose();
const TrackingByLocalId = z.object({ messageId: z.string().min(1) }).loose();

export class MeshOutbox {
  constructor(
    private readonly db: WritableDB,
    private readonly mailboxId: string,
    private readonly now: () => Date,
  ) {}

  /** Puts a message in the outbox (in the store, in pieces); returns its local id. Nothing goes on the network yet. */
  async queue(request: QueueRequest): Promise<string> {
    const localId = `chd-${randomUUID()}`;
    const requested = request.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    // Chunks are whole pieces, so that a chunk is read back as a run of rows.
    const pieceBytes = Math.min(PIECE_BYTES, requested);
    const chunkBytes = Math.ceil(requested / pieceBytes) * pieceBytes;
    const insert = this.db.prepare('INSERT INTO mesh_outbound_piece (local_id, seq, data) VALUES (?, ?, ?)');
    const md5 = createHash('md5');
    let bytes = 0;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingSize = 0;
    const source: AsyncIterable<Buffer> | Iterable<Buffer> = Buffer.isBuffer(request.content)
      ? [request.content]
      : request.content;
    // The row goes in first (with a placeholder size) so the pieces can reference it; all in one transaction at the end
    // would hold the whole message in memory, so pieces are written as they come and the row is completed last.
    this.db
      .prepare(
        `INSERT INTO mesh_outbound_message (local_id, mailbox_id, recipient, workflow_id, subject, file_name, content_type, checksum,
           compress, byte_count, chunk_bytes, total_chunks, state, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, '', 0, 0, ?, 0, 'failed', ?)`,
      )
      .run(
        localId,
        this.mailboxId,
        request.recipient,
        request.workflowId,
        request.subject ?? '',
        request.fileName ?? '',
        request.contentType ?? 'application/octet-stream',
        chunkBytes,
        this.now().toISOString(),
      );
    for await (const part of source) {
      md5.update(part);
      bytes += part.length;
      pending.push(part);
      pendingSize += part.length;
      while (pendingSize >= pieceBytes) {
        const all = Buffer.concat(pending, pendingSize);
        insert.run(localId, seq++, all.subarray(0, pieceBytes));
        pending = [Buffer.from(all.subarray(pieceBytes))];
        pendingSize -= pieceBytes;
      }
    }
    if (pendingSize > 0) insert.run(localId, seq++, Buffer.concat(pending, pendingSize));
    const total = Math.max(1, Math.ceil(bytes / chunkBytes));
    const compress = request.compress ?? bytes > COMPRESS_ABOVE_BYTES;
    this.db
      .prepare(
        `UPDATE mesh_outbound_message SET checksum = ?, compress = ?, byte_count = ?, total_chunks = ?, state = 'queued' WHERE local_id = ?`,
      )
      .run(md5.digest('hex'), compress ? 1 : 0, bytes, total, localId);
    return localId;
  }

  /** Sends everything waiting, oldest first. Stops at the first failure that is not about one message. */
  async sendQueued(conn: MeshConnection): Promise<string[]> {
    const sent: string[] = [];
    const rows = this.db
      .prepare(
        "SELECT * FROM mesh_outbound_message WHERE mailbox_id = ? AND state IN ('queued', 'posting', 'uploading') ORDER BY created_at, rowid",
      )
      .all(this.mailboxId) as OutboundRow[];
    for (const row of rows) {
      try {
        await this.sendOne(conn, row);
        sent.push(row.local_id);
      } catch (error) {
        if (!(error instanceof MeshProblem)) throw error;
        if (error.refusedBeforeActing && error.status !== 403 && error.status !== 429) {
          // MESH refused this message itself (unknown recipient, workflow not allowed…): it will not go by retrying.
          this.set(row.local_id, { state: 'failed', problem: error.sentence });
          continue;
        }
        this.set(row.local_id, { problem: error.sentence });
        throw error;
      }
    }
    return sent;
  }

  private async sendOne(conn: MeshConnection, row: OutboundRow): Promise<void> {
    this.db.prepare('UPDATE mesh_outbound_message SET attempts = attempts + 1 WHERE local_id = ?').run(row.local_id);
    if (row.state === 'posting') {
      // The answer to the first request was lost: does MESH have the message?
      const found = await this.findByLocalId(conn, row.local_id);
      if (found) {
        this.set(row.local_id, { state: 'uploading', message_id: found, chunks_sent: Math.max(row.chunks_sent, 1) });
        row = { ...row, state: 'uploading', message_id: found, chunks_sent: Math.max(row.chunks_sent, 1) };
      } else {
        row = { ...row, state: 'queued' };
      }
    }
    if (row.state === 'queued') {
      this.set(row.local_id, { state: 'posting' });
      row.state = 'posting';
      const res = await conn.request(
        'POST',
        `/messageexchange/${this.mailboxId}/outbox`,
        this.firstChunkHeaders(row),
        this.chunkStream(row, 1),
        {
          recipient: row.recipient,
          workflowId: row.workflow_id,
        },
      );
      const answer = await conn.json(res, SendAnswer, 'send');
      row = {
        ...row,
        message_id: answer.message_id,
        chunks_sent: 1,
        state: row.total_chunks === 1 ? 'sent' : 'uploading',
      };
      this.set(row.local_id, {
        message_id: answer.message_id,
        chunks_sent: 1,
        state: row.state,
        problem: null,
        ...(row.state === 'sent' ? { sent_at: this.now().toISOString() } : {}),
      });
    }
    for (let n = row.chunks_sent + 1; n <= row.total_chunks; n++) {
      const res = await conn.request(
        'POST',
        `/messageexchange/${this.mailboxId}/outbox/${encodeURIComponent(row.message_id!)}/${n}`,
        {
          'content-type': 'application/octet-stream',
          'mex-chunk-range': `${n}:${row.total_chunks}`,
          ...(row.compress ? { 'content-encoding': 'gzip' } : {}),
        },
        this.chunkStream(row, n),
        { messageId: row.message_id!, recipient: row.recipient, workflowId: row.workflow_id },
      );
      res.body.resume();
      // 423: MESH already has every chunk (our record of the last one was lost), so the message is complete.
      if (res.status === 423) break;
      this.set(row.local_id, { chunks_sent: n });
    }
    if (row.total_chunks > 1)
      this.set(row.local_id, { state: 'sent', problem: null, sent_at: this.now().toISOString() });
  }

  private firstChunkHeaders(row: OutboundRow): Record<string, string> {
    return {
      'content-type': row.content_type,
      'mex-from': this.mailboxId,
      'mex-to': row.recipient,
      'mex-workflowid': row.workflow_id,
      'mex-localid': row.local_id,
      'mex-content-checksum': row.checksum,
      'mex-chunk-range': `1:${row.total_chunks}`,
      ...(row.subject ? { 'mex-subject': row.subject } : {}),
      ...(row.file_name ? { 'mex-filename': row.file_name } : {}),
      ...(row.compress ? { 'content-encoding': 'gzip' } : {}),
    };
  }

  /** Chunk n's bytes, read from the store piece by piece and compressed on the way when asked. */
  private chunkStream(row: OutboundRow, n: number): Readable {
    const pieceBytes = Math.min(PIECE_BYTES, row.chunk_bytes);
    const perChunk = row.chunk_bytes / pieceBytes;
    const statement = this.db
      .prepare('SELECT data FROM mesh_outbound_piece WHERE local_id = ? AND seq >= ? AND seq < ? ORDER BY seq')
      .pluck();
    const from = (n - 1) * perChunk;
    const db = this.db;
    const pieces = function* (): Generator<Buffer> {
      // One row at a time (not .iterate, which would hold the connection busy across the network writes).
      for (let seq = from; seq < from + perChunk; seq++) {
        const piece = statement.get(row.local_id, seq, seq + 1) as Buffer | undefined;
        if (!piece) return;
        yield piece;
      }
      void db;
    };
    const raw = Readable.from(pieces(), { objectMode: false });
    return row.compress ? raw.pipe(zlib.createGzip()) : raw;
  }

  /** The deprecated tracking-by-local-id endpoint: the one way to learn whether a send whose answer was lost arrived. */
  private async findByLocalId(conn: MeshConnection, localId: string): Promise<string | null> {
    try {
      const res = await conn.request(
        'GET',
        `/messageexchange/${this.mailboxId}/outbox/tracking/${encodeURIComponent(localId)}`,
        {
          accept: 'application/json',
        },
      );
      return (await conn.json(res, TrackingByLocalId, 'tracking')).messageId;
    } catch (error) {
      if (error instanceof MeshProblem && error.kind === 'message_missing') return null;
      throw error;
    }
  }

  /** Asks MESH about sent messages not yet acknowledged (at most once per `minIntervalMs` each: the spec asks for restraint). */
  async track(conn: MeshConnection, minIntervalMs = 60 * 60 * 1000): Promise<void> {
    const cutoff = new Date(this.now().getTime() - minIntervalMs).toISOString();
    const rows = this.db
      .prepare(
        "SELECT * FROM mesh_outbound_message WHERE mailbox_id = ? AND state = 'sent' AND (tracked_at IS NULL OR tracked_at < ?)",
      )
      .all(this.mailboxId, cutoff) as OutboundRow[];
    for (const row of rows) {
      const res = await conn.request(
        'GET',
        `/messageexchange/${this.mailboxId}/outbox/tracking?messageID=${encodeURIComponent(row.message_id!)}`,
        { accept: MESH_V2 },
        undefined,
        { messageId: row.message_id! },
      );
      const t = await conn.json(res, TrackingV2, 'tracking');
      const status = (t.status ?? '').toLowerCase();
      const changes: Partial<Record<keyof OutboundRow | 'tracking_status' | 'sent_at', string | number | null>> = {
        tracking_status: status,
        tracked_at: this.now().toISOString(),
      };
      if (status === 'acknowledged') changes.state = 'acknowledged';
      if (status === 'undeliverable' || status === 'error') {
        changes.state = 'undeliverable';
        changes.report_status_code = t.status_code ?? null;
        changes.report_status_description = t.status_description ?? null;
      }
      this.set(row.local_id, changes);
    }
  }

  list(): OutboundView[] {
    const rows = this.db
      .prepare('SELECT * FROM mesh_outbound_message WHERE mailbox_id = ? ORDER BY created_at, rowid')
      .all(this.mailboxId) as OutboundRow[];
    return rows.map((r) => ({
      localId: r.local_id,
      recipient: r.recipient,
      workflowId: r.workflow_id,
      subject: r.subject,
      state: r.state,
      messageId: r.message_id,
      totalChunks: r.total_chunks,
      chunksSent: r.chunks_sent,
      whatToDo: whatToDo(r),
    }));
  }

  private set(localId: string, changes: Record<string, string | number | null>): void {
    const keys = Object.keys(changes);
    if (keys.length === 0) return;
    for (const k of keys) if (!/^[a-z_]+$/.test(k)) throw new Error(`Bad column ${k}`);
    this.db
      .prepare(
        `UPDATE mesh_outbound_message SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE local_id = @local_id`,
      )
      .run({ ...changes, local_id: localId });
  }
}

/** The sentence a sender sees for a message that needs something from them. */
function whatToDo(r: OutboundRow): string | null {
  if (r.state === 'undeliverable') {
    if (r.report_status_code === '14')
      return (
        `Mailbox ${r.recipient} did not collect this message within 5 days, so MESH stopped trying to deliver it. ` +
        `Phone the ward or team to check that ${r.recipient} is still their mailbox, then send it again.`
      );
    return (
      `MESH could not deliver this message to ${r.recipient} (code ${r.report_status_code ?? 'unknown'}: ${r.report_status_description ?? 'no reason given'}). ` +
      `Check the recipient's mailbox ID and send it again; if it fails again, call the National Service Desk quoting message ${r.message_id ?? r.local_id}.`
    );
  }
  if (r.state === 'failed') return `Not sent: ${r.problem ?? 'MESH refused it.'} Correct this, then send it again.`;
  if ((r.state === 'queued' || r.state === 'posting' || r.state === 'uploading') && r.problem)
    return `Waiting to send. ${r.problem}`;
  return null;
}
