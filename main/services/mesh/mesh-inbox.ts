/**
 * Receiving: list the inbox (following `links.next`), download each message
 * chunk by chunk straight into the encrypted store in 1 MB pieces, and
 * acknowledge it only once it is committed there.
 *
 * Exactly once, by the message id (the table's primary key):
 *  - a download cut part-way resumes at the first chunk not yet stored (the
 *    pieces of a half-stored chunk are thrown away first);
 *  - a message committed but not acknowledged (the app was killed in
 *    between) is acknowledged on the next cycle, never stored again;
 *  - a message offered again after it was stored is only acknowledged again.
 */
import { createHash, type Hash } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { z } from 'zod';
import type { WritableDB } from '../store/database';
import type { MeshConnection } from './mesh-http';
import { MeshProblem, problemFromNetwork } from './mesh-problem';

export const PIECE_BYTES = 1024 * 1024;

export interface InboundSummary {
  readonly messageId: string;
  readonly messageType: 'DATA' | 'REPORT';
  readonly sender: string;
  readonly workflowId: string;
  readonly byteCount: number;
}

export interface ReceiveResult {
  /** Messages stored for the first time in this cycle. */
  readonly stored: InboundSummary[];
  /** Acknowledgements sent in this cycle (a message stored earlier counts here too). */
  readonly acknowledged: string[];
  /** Ids offered again although already stored: acknowledged, not stored twice. */
  readonly offeredAgain: string[];
}

const InboxPage = z
  .object({ messages: z.array(z.string().min(1).max(100)), links: z.record(z.string(), z.string()).optional() })
  .loose();

const ChunkRange = /^(\d+):(\d+)$/;

interface InboundRow {
  message_id: string;
  state: 'downloading' | 'stored' | 'acknowledged';
  total_chunks: number;
  chunks_stored: number;
  byte_count: number;
  checksum: string;
}

export class MeshInbox {
  constructor(
    private readonly db: WritableDB,
    private readonly conn: MeshConnection,
    private readonly now: () => Date,
    /** Called after a message is committed (before its acknowledgement), e.g. to parse it. */
    private readonly onStored: (m: InboundSummary) => void = () => {},
  ) {}

  private get mailboxId(): string {
    return this.conn.mailboxId;
  }

  /** One receive cycle: empty the inbox, page by page. */
  async receiveAll(): Promise<ReceiveResult> {
    const result = { stored: [] as InboundSummary[], acknowledged: [] as string[], offeredAgain: [] as string[] };
    // Finish what a previous run committed but could not acknowledge.
    for (const id of this.db
      .prepare("SELECT message_id FROM mesh_inbound_message WHERE mailbox_id = ? AND state = 'stored'")
      .pluck()
      .all(this.mailboxId) as string[]) {
      await this.acknowledge(id);
      result.acknowledged.push(id);
    }
    let path: string | null = `/messageexchange/${this.mailboxId}/inbox`;
    while (path !== null) {
      const page: z.infer<typeof InboxPage> = await this.conn.json(
        await this.conn.request('GET', path),
        InboxPage,
        'inbox',
      );
      for (const id of new Set(page.messages)) await this.receiveOne(id, result);
      const next: string | undefined = page.links?.next;
      path = next && page.messages.length > 0 ? next : null;
    }
    return result;
  }

  private async receiveOne(
    id: string,
    result: { stored: InboundSummary[]; acknowledged: string[]; offeredAgain: string[] },
  ): Promise<void> {
    const row = this.row(id);
    if (row && row.state !== 'downloading') {
      this.db.prepare('UPDATE mesh_inbound_message SET offered_count = offered_count + 1 WHERE message_id = ?').run(id);
      if (row.state === 'acknowledged') result.offeredAgain.push(id);
      await this.acknowledge(id);
      result.acknowledged.push(id);
      return;
    }
    try {
      const summary = await this.download(id, row);
      if (!summary) return;
      result.stored.push(summary);
      this.onStored(summary);
    } catch (error) {
      if (error instanceof MeshProblem && (error.kind === 'message_gone' || error.kind === 'message_missing')) return;
      throw error;
    }
    await this.acknowledge(id);
    result.acknowledged.push(id);
  }

  private row(id: string): InboundRow | undefined {
    return this.db
      .prepare(
        'SELECT message_id, state, total_chunks, chunks_stored, byte_count, checksum FROM mesh_inbound_message WHERE message_id = ?',
      )
      .get(id) as InboundRow | undefined;
  }

  /** Downloads from the first chunk not yet stored; commits when the last chunk is in. */
  private async download(id: string, existing: InboundRow | undefined): Promise<InboundSummary | null> {
    let row = existing;
    const first = row ? row.chunks_stored + 1 : 1;
    if (row) this.db.prepare('DELETE FROM mesh_inbound_piece WHERE message_id = ? AND chunk_no >= ?').run(id, first);
    let total = row?.total_chunks ?? 1;
    let summary: InboundSummary | null = null;
    // Hashed on the way in when the download starts from the beginning; a resumed one is hashed from the store.
    const md5 = first === 1 ? createHash('md5') : null;
    for (let n = first; n <= total; n++) {
      const path = `/messageexchange/${this.mailboxId}/inbox/${encodeURIComponent(id)}${n === 1 ? '' : `/${n}`}`;
      const res = await this.conn.request('GET', path, {}, undefined, { messageId: id });
      const h = res.headers;
      const range = ChunkRange.exec(String(h['mex-chunk-range'] ?? '1:1'));
      const type = String(h['mex-messagetype'] ?? 'DATA').toUpperCase();
      if (!range || Number(range[1]) !== n || (type !== 'DATA' && type !== 'REPORT')) {
        res.body.resume();
        throw new MeshProblem(
          'bad_answer',
          `MESH sent message ${id} with headers the app does not understand, so it was not stored.`,
          res.status,
        );
      }
      if (!row) {
        total = type === 'REPORT' ? 1 : Number(range[2]);
        this.insertRow(id, type, total, h);
        row = this.row(id)!;
        summary = null;
      }
      if (type === 'REPORT') {
        res.body.resume();
        return this.commitReport(id, h);
      }
      const writer = new PieceWriter(this.db, id, n, md5);
      const decoded = String(h['content-encoding'] ?? '').toLowerCase() === 'gzip';
      try {
        if (decoded) await pipeline(res.body, zlib.createGunzip(), writer);
        else await pipeline(res.body, writer);
      } catch (error) {
        if (error instanceof MeshProblem) throw error;
        throw problemFromNetwork(error as NodeJS.ErrnoException, 'MESH', this.mailboxId, this.conn.timeoutMs);
      }
      if (n < total) writer.finishChunk(false);
      else summary = writer.finishChunk(true, () => this.checksumOk(id, row!.checksum, md5));
    }
    return summary ?? this.summary(id);
  }

  private insertRow(id: string, type: string, total: number, h: Record<string, string | string[] | undefined>): void {
    const s = (name: string) => String(h[name] ?? '').slice(0, 500);
    this.db
      .prepare(
        `INSERT INTO mesh_inbound_message
           (message_id, mailbox_id, message_type, sender, workflow_id, local_id, subject, file_name, content_type, checksum,
            total_chunks, state, first_seen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'downloading', ?)`,
      )
      .run(
        id,
        this.mailboxId,
        type,
        s('mex-from'),
        s('mex-workflowid'),
        s('mex-localid'),
        s('mex-subject'),
        s('mex-filename'),
        s('content-type'),
        s('mex-content-checksum'),
        total,
        this.now().toISOString(),
      );
  }

  /** An error report has no body: what matters is in its headers, and the message it is about. */
  private commitReport(id: string, h: Record<string, string | string[] | undefined>): InboundSummary {
    const linked = String(h['mex-linkedmsgid'] ?? '');
    const code = String(h['mex-statuscode'] ?? '');
    const description = String(h['mex-statusdescription'] ?? '').slice(0, 500);
    const at = this.now().toISOString();
    durably(this.db, () => {
      this.db
        .prepare(
          `UPDATE mesh_inbound_message SET state = 'stored', stored_at = ?, chunks_stored = 1,
             report_linked_message_id = ?, report_status_code = ?, report_status_description = ? WHERE message_id = ?`,
        )
        .run(at, linked, code, description, id);
      this.db
        .prepare(
          `UPDATE mesh_outbound_message SET state = 'undeliverable', report_message_id = ?, report_status_code = ?,
             report_status_description = ? WHERE message_id = ? AND mailbox_id = ?`,
        )
        .run(id, code, description, linked, this.mailboxId);
    });
    return this.summary(id);
  }

  private summary(id: string): InboundSummary {
    const r = this.db
      .prepare('SELECT message_type, sender, workflow_id, byte_count FROM mesh_inbound_message WHERE message_id = ?')
      .get(id) as { message_type: 'DATA' | 'REPORT'; sender: string; workflow_id: string; byte_count: number };
    return {
      messageId: id,
      messageType: r.message_type,
      sender: r.sender,
      workflowId: r.workflow_id,
      byteCount: r.byte_count,
    };
  }

  /** Checks the sender's `mex-content-checksum` when it is an MD5 in hex (the spec's example form); null when there is none to check. */
  private checksumOk(id: string, checksum: string, streamed: Hash | null): 0 | 1 | null {
    const md5 = /^(?:md5:)?([0-9a-f]{32})$/i.exec(checksum.trim());
    if (!md5) return null;
    if (streamed) return streamed.digest('hex') === md5[1]!.toLowerCase() ? 1 : 0;
    const hash = createHash('md5');
    for (const piece of this.db
      .prepare('SELECT data FROM mesh_inbound_piece WHERE message_id = ? ORDER BY chunk_no, seq')
      .pluck()
      .iterate(id) as Iterable<Buffer>)
      hash.update(piece);
    return hash.digest('hex') === md5[1]!.toLowerCase() ? 1 : 0;
  }

  private async acknowledge(id: string): Promise<void> {
    try {
      const res = await this.conn.request(
        'PUT',
        `/messageexchange/${this.mailboxId}/inbox/${encodeURIComponent(id)}/status/acknowledged`,
        {},
        undefined,
        {
          messageId: id,
        },
      );
      res.body.resume();
    } catch (error) {
      // Already gone from the inbox: nothing more to acknowledge.
      if (!(error instanceof MeshProblem && (error.kind === 'message_gone' || error.kind === 'message_missing')))
        throw error;
    }
    this.db
      .prepare(
        "UPDATE mesh_inbound_message SET state = 'acknowledged', acknowledged_at = coalesce(acknowledged_at, ?) WHERE message_id = ?",
      )
      .run(this.now().toISOString(), id);
  }
}

/** A commit that must survive a power cut, not only a crash: the acknowledgement that follows cannot be taken back. */
export function durably(db: WritableDB, work: () => void): void {
  db.pragma('synchronous = FULL');
  try {
    db.transaction(work)();
  } finally {
    db.pragma('synchronous = NORMAL');
  }
}

/** Writes a decoded chunk as 1 MB pieces as it arrives; the last piece goes in with the chunk's commit. */
class PieceWriter extends Writable {
  /** One reusable 1 MB buffer: SQLite copies each piece in, so no per-piece garbage builds up while V8 waits to collect it. */
  private readonly piece = Buffer.allocUnsafe(PIECE_BYTES);
  private size = 0;
  private seq = 0;
  private bytes = 0;
  private readonly insert;

  constructor(
    private readonly db: WritableDB,
    private readonly id: string,
    private readonly chunkNo: number,
    private readonly hash: Hash | null,
  ) {
    super();
    this.insert = db.prepare('INSERT INTO mesh_inbound_piece (message_id, chunk_no, seq, data) VALUES (?, ?, ?, ?)');
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    try {
      this.hash?.update(chunk);
      let offset = 0;
      while (offset < chunk.length) {
        const copied = chunk.copy(this.piece, this.size, offset);
        offset += copied;
        this.size += copied;
        if (this.size === PIECE_BYTES) {
          this.insert.run(this.id, this.chunkNo, this.seq++, this.piece);
          this.bytes += PIECE_BYTES;
          this.size = 0;
        }
      }
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  /** Records the chunk as stored, with its last piece; for the last chunk, marks the message stored, durably. */
  finishChunk(last: false): null;
  finishChunk(last: true, checksum: () => 0 | 1 | null): InboundSummary;
  finishChunk(last: boolean, checksum?: () => 0 | 1 | null): InboundSummary | null {
    const work = () => {
      if (this.size > 0) {
        this.insert.run(this.id, this.chunkNo, this.seq++, this.piece.subarray(0, this.size));
        this.bytes += this.size;
      }
      this.db
        .prepare('UPDATE mesh_inbound_message SET chunks_stored = ?, byte_count = byte_count + ? WHERE message_id = ?')
        .run(this.chunkNo, this.bytes, this.id);
      if (last) {
        this.db
          .prepare(
            "UPDATE mesh_inbound_message SET state = 'stored', stored_at = ?, checksum_ok = ? WHERE message_id = ?",
          )
          .run(new Date().toISOString(), checksum!(), this.id);
      }
    };
    if (last) durably(this.db, work);
    else this.db.transaction(work)();
    if (!last) return null;
    const r = this.db
      .prepare('SELECT message_type, sender, workflow_id, byte_count FROM mesh_inbound_message WHERE message_id = ?')
      .get(this.id) as { message_type: 'DATA' | 'REPORT'; sender: string; workflow_id: string; byte_count: number };
    return {
      messageId: this.id,
      messageType: r.message_type,
      sender: r.sender,
      workflowId: r.workflow_id,
      byteCount: r.byte_count,
    };
  }
}

/** A stored message's content, piece by piece, in order: never the whole message in memory. */
export function* inboundContent(db: WritableDB, messageId: string): Generator<Buffer> {
  yield* db
    .prepare('SELECT data FROM mesh_inbound_piece WHERE message_id = ? ORDER BY chunk_no, seq')
    .pluck()
    .iterate(messageId) as Iterable<Buffer>;
}
