/**
 * The durable outbox: flag changes, moves, deletes and messages to send,
 * written to the store before anything is tried, and replayed strictly in the
 * order they were made when the server can be reached.
 *
 * Sending is a state machine kept in the row: queued → sending → sent, or
 * failed (refused; said plainly), or unconfirmed (the connection went after
 * the message data, and the Sent folder does not show it: a person decides,
 * because sending again might send twice). `sending` is written before the
 * SMTP conversation starts, so a crash mid-send is found at the next start and
 * settled by looking in the Sent folder, never by sending blindly again.
 */
import { z } from 'zod';
import type { WritableDB } from '../store/database';
import type { ComposedMessage } from './compose';

export type OutboxState = 'queued' | 'sending' | 'sent' | 'done' | 'failed' | 'unconfirmed';

export const FlagsPayload = z.object({
  folder: z.string(),
  uidvalidity: z.number(),
  uid: z.number(),
  messageRowId: z.number(),
  add: z.array(z.string()),
  remove: z.array(z.string()),
});
export const MovePayload = z.object({
  folder: z.string(),
  uidvalidity: z.number(),
  uid: z.number(),
  messageRowId: z.number(),
  to: z.string(),
});
export const SendPayload = z.object({
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
});

export interface OutboxRow {
  id: number;
  account_id: string;
  kind: 'send' | 'flags' | 'move' | 'delete';
  payload: string;
  raw: Buffer | null;
  message_id_header: string | null;
  state: OutboxState;
  attempts: number;
  outcome: string | null;
}

export class OutboxStore {
  constructor(
    private readonly db: WritableDB,
    private readonly now: () => Date,
  ) {}

  private insert(
    accountId: string,
    kind: OutboxRow['kind'],
    payload: unknown,
    raw: Buffer | null,
    messageId: string | null,
  ): number {
    const at = this.now().toISOString();
    return Number(
      this.db
        .prepare(
          `INSERT INTO mail_outbox (account_id, kind, payload, raw, message_id_header, state, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'queued', ?, ?)`,
        )
        .run(accountId, kind, JSON.stringify(payload), raw, messageId, at, at).lastInsertRowid,
    );
  }

  queueSend(accountId: string, message: ComposedMessage): number {
    return this.insert(
      accountId,
      'send',
      { from: message.envelope.from, to: message.envelope.to, subject: message.subject },
      message.raw,
      message.messageId,
    );
  }

  /** Flags are changed in the store at once (the person sees it) and on the server when it can be reached. */
  queueFlags(accountId: string, payload: z.infer<typeof FlagsPayload>): number {
    return this.db.transaction(() => {
      const set = (flag: string, on: boolean) => {
        const column =
          flag === '\\Seen' ? 'seen' : flag === '\\Flagged' ? 'flagged' : flag === '\\Answered' ? 'answered' : null;
        if (column)
          this.db.prepare(`UPDATE mail_message SET ${column} = ? WHERE id = ?`).run(on ? 1 : 0, payload.messageRowId);
      };
      payload.add.forEach((f) => set(f, true));
      payload.remove.forEach((f) => set(f, false));
      return this.insert(accountId, 'flags', payload, null, null);
    })();
  }

  /**
   * The message moves in the store at once: it is put in the target folder under
   * UIDVALIDITY 0 (not yet known there) until the server move reports its new UID,
   * or the target folder's sync finds it by Message-ID.
   */
  queueMove(
    accountId: string,
    payload: z.infer<typeof MovePayload>,
    targetFolderId: number,
    kind: 'move' | 'delete' = 'move',
  ): number {
    return this.db.transaction(() => {
      const id = this.insert(accountId, kind, payload, null, null);
      this.db
        .prepare('UPDATE mail_message SET folder_id = ?, uidvalidity = 0, uid = ? WHERE id = ?')
        .run(targetFolderId, -id, payload.messageRowId);
      return id;
    })();
  }

  /** What is still to do, oldest first. `sending` rows are from a run that stopped mid-send. */
  pending(accountId: string): OutboxRow[] {
    return this.db
      .prepare(`SELECT * FROM mail_outbox WHERE account_id = ? AND state IN ('queued', 'sending') ORDER BY id`)
      .all(accountId) as OutboxRow[];
  }

  row(id: number): OutboxRow | undefined {
    return this.db.prepare('SELECT * FROM mail_outbox WHERE id = ?').get(id) as OutboxRow | undefined;
  }

  all(accountId: string): OutboxRow[] {
    return this.db.prepare('SELECT * FROM mail_outbox WHERE account_id = ? ORDER BY id').all(accountId) as OutboxRow[];
  }

  setState(id: number, state: OutboxState, outcome: string | null = null): void {
    this.db
      .prepare(
        `UPDATE mail_outbox SET state = ?, outcome = coalesce(?, outcome), updated_at = ?,
           attempts = attempts + (CASE WHEN ? = 'sending' THEN 1 ELSE 0 END) WHERE id = ?`,
      )
      .run(state, outcome, this.now().toISOString(), state, id);
  }

  /** After a server move: the message's new place, so it is not fetched again as new mail. */
  settleMove(messageRowId: number, uidvalidity: number, uid: number): void {
    this.db
      .prepare('UPDATE mail_message SET uidvalidity = ?, uid = ? WHERE id = ?')
      .run(uidvalidity, uid, messageRowId);
  }
}
