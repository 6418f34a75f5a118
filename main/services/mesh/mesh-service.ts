/**
 * The home's MESH mailbox: a daily handshake, inbox polls at the policy's
 * interval (never more often than every 5 minutes unless someone asks), the
 * outbox sent on each poll, tracking of sent messages. A failure becomes the
 * mailbox's problem sentence and the next poll backs off (doubling, at most an
 * hour); the first success clears it, so it recovers by itself.
 */
import os from 'node:os';
import { DEFAULT_MESH_POLL_MINUTES, type MeshPolicy } from '../../../common/mesh/mesh-policy';
import type { WritableDB } from '../store/database';
import type { Vault } from '../vault/vault';
import { loadMeshCredentials } from './mesh-credentials';
import { MeshConnection } from './mesh-http';
import { MeshInbox, type InboundSummary, type ReceiveResult } from './mesh-inbox';
import { MeshOutbox, type QueueRequest } from './mesh-outbox';
import { MeshProblem } from './mesh-problem';

const MIN_POLL_MS = 5 * 60 * 1000;
const MAX_BACKOFF_MS = 60 * 60 * 1000;
const HANDSHAKE_EVERY_MS = 24 * 60 * 60 * 1000;
export const MESH_CLIENT_VERSION = 'CareHomeDesktop==0.1.0';

export interface MeshServiceOptions {
  readonly db: WritableDB;
  readonly vault: Vault;
  readonly policy: MeshPolicy;
  readonly now?: () => Date;
  readonly timeoutMs?: number;
  readonly onStored?: (m: InboundSummary) => void;
}

export interface MeshMailboxStatus {
  readonly mailboxId: string;
  readonly lastSuccessAt: string | null;
  readonly lastHandshakeAt: string | null;
  readonly consecutiveFailures: number;
  readonly problemKind: string | null;
  /** The sentence for an administrator, while something is wrong. */
  readonly problem: string | null;
}

export interface PollOutcome {
  readonly ok: boolean;
  readonly received: ReceiveResult | null;
  readonly problem: MeshProblem | null;
  /** When the next scheduled poll is due. */
  readonly nextPollInMs: number;
}

export class MeshService {
  readonly outbox: MeshOutbox;
  private readonly now: () => Date;
  private connection: MeshConnection | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<PollOutcome> | null = null;
  private lastPollAt = 0;

  constructor(private readonly options: MeshServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.outbox = new MeshOutbox(options.db, options.policy.mailboxId, this.now);
    options.db
      .prepare('INSERT INTO mesh_mailbox_state (mailbox_id) VALUES (?) ON CONFLICT (mailbox_id) DO NOTHING')
      .run(options.policy.mailboxId);
  }

  get mailboxId(): string {
    return this.options.policy.mailboxId;
  }

  get pollIntervalMs(): number {
    return Math.max(MIN_POLL_MS, (this.options.policy.pollMinutes ?? DEFAULT_MESH_POLL_MINUTES) * 60_000);
  }

  /** The delay before the next scheduled poll: the interval, doubled for each failure in a row, at most an hour. */
  nextDelayMs(failures = this.status().consecutiveFailures): number {
    if (failures === 0) return this.pollIntervalMs;
    return Math.min(
      MAX_BACKOFF_MS,
      Math.max(this.pollIntervalMs, this.pollIntervalMs * 2 ** Math.min(failures - 1, 10)),
    );
  }

  status(): MeshMailboxStatus {
    const r = this.options.db
      .prepare(
        'SELECT last_success_at, last_handshake_at, consecutive_failures, problem_kind, problem FROM mesh_mailbox_state WHERE mailbox_id = ?',
      )
      .get(this.mailboxId) as {
      last_success_at: string | null;
      last_handshake_at: string | null;
      consecutive_failures: number;
      problem_kind: string | null;
      problem: string | null;
    };
    return {
      mailboxId: this.mailboxId,
      lastSuccessAt: r.last_success_at,
      lastHandshakeAt: r.last_handshake_at,
      consecutiveFailures: r.consecutive_failures,
      problemKind: r.problem_kind,
      problem: r.problem,
    };
  }

  /** Starts the schedule: a poll now, then at the interval (or backed off). */
  start(): void {
    if (this.timer) return;
    const loop = async () => {
      const outcome = await this.poll();
      this.timer = setTimeout(() => void loop(), outcome.nextPollInMs);
    };
    this.timer = setTimeout(() => void loop(), 0);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.connection?.close();
    this.connection = null;
  }

  async queue(request: QueueRequest): Promise<string> {
    return this.outbox.queue(request);
  }

  /**
   * One poll cycle: handshake when a day has passed, send the outbox, empty
   * the inbox, track what was sent. `userAsked` lets a person poll sooner than
   * 5 minutes after the last one; the schedule never does.
   */
  poll(userAsked = false): Promise<PollOutcome> {
    if (this.running) return this.running;
    const since = this.now().getTime() - this.lastPollAt;
    if (!userAsked && this.lastPollAt > 0 && since < MIN_POLL_MS) {
      return Promise.resolve({ ok: true, received: null, problem: null, nextPollInMs: MIN_POLL_MS - since });
    }
    this.running = this.cycle().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async cycle(): Promise<PollOutcome> {
    this.lastPollAt = this.now().getTime();
    const db = this.options.db;
    const at = this.now().toISOString();
    db.prepare('UPDATE mesh_mailbox_state SET last_poll_at = ? WHERE mailbox_id = ?').run(at, this.mailboxId);
    try {
      const conn = await this.connect();
      await this.handshakeIfDue(conn);
      await this.outbox.sendQueued(conn);
      const received = await new MeshInbox(db, conn, this.now, this.options.onStored).receiveAll();
      await this.outbox.track(conn);
      db.prepare(
        'UPDATE mesh_mailbox_state SET last_success_at = ?, consecutive_failures = 0, problem_kind = NULL, problem = NULL WHERE mailbox_id = ?',
      ).run(this.now().toISOString(), this.mailboxId);
      return { ok: true, received, problem: null, nextPollInMs: this.nextDelayMs(0) };
    } catch (error) {
      const problem =
        error instanceof MeshProblem
          ? error
          : new MeshProblem(
              'bad_answer',
              `The MESH exchange stopped with an unexpected error: ${(error as Error).message}`,
            );
      // A refused sign-in or certificate may come from a stale connection: build it afresh next time.
      this.connection?.close();
      this.connection = null;
      db.prepare(
        'UPDATE mesh_mailbox_state SET consecutive_failures = consecutive_failures + 1, problem_kind = ?, problem = ? WHERE mailbox_id = ?',
      ).run(problem.kind, problem.sentence, this.mailboxId);
      return { ok: false, received: null, problem, nextPollInMs: this.nextDelayMs() };
    }
  }

  /** Validates the mailbox (the spec's "handshake"), at most once a day unless forced. */
  async handshake(): Promise<void> {
    await this.handshakeIfDue(await this.connect(), true);
  }

  private async handshakeIfDue(conn: MeshConnection, force = false): Promise<void> {
    const last = this.status().lastHandshakeAt;
    if (!force && last && this.now().getTime() - Date.parse(last) < HANDSHAKE_EVERY_MS) return;
    const res = await conn.request('POST', `/messageexchange/${this.mailboxId}`, {
      'mex-clientversion': MESH_CLIENT_VERSION,
      'mex-osname': os.type(),
      'mex-osversion': os.release(),
      'mex-osarchitecture': os.arch(),
    });
    res.body.resume();
    this.options.db
      .prepare('UPDATE mesh_mailbox_state SET last_handshake_at = ? WHERE mailbox_id = ?')
      .run(this.now().toISOString(), this.mailboxId);
  }

  private async connect(): Promise<MeshConnection> {
    if (this.connection) return this.connection;
    const endpoint = this.options.policy.endpoint;
    const credentials = await loadMeshCredentials(this.options.vault, this.mailboxId, endpoint.startsWith('https:'));
    this.connection = new MeshConnection({
      endpoint,
      secrets: credentials.secrets,
      certificate: credentials.certificate,
      now: this.now,
      ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
    });
    return this.connection;
  }
}
