/**
 * The background refresher: every policy interval it refreshes every resident
 * whose basis for access is recorded, a few at a time, and reports progress.
 * When the connection goes (refused, DNS, time-out) it stops the round, says
 * "offline", and tries again every `retryMs` with the next resident in the
 * queue; the round resumes where it stopped once an answer comes back.
 */
import type { RefreshStatus } from '../../../common/ipc/channels/records';
import type { Requester } from './gp-connect/audit-jwt';
import type { ConnectionSignal, RecordsService } from './records-service';

export interface BackgroundRefreshOptions {
  readonly service: RecordsService;
  /** The residents to refresh this round (those with a recorded basis for access). */
  readonly residents: () => number[];
  /** Whose name the requests go out under: the staff member who last used the records. Null: wait. */
  readonly requester: () => Requester | null;
  readonly now: () => Date;
  readonly intervalMs: number;
  readonly batchSize: number;
  /** How soon to try again after the connection went. */
  readonly retryMs: number;
}

export class BackgroundRefresher {
  private online: boolean | null = null;
  private running = false;
  private queue: number[] = [];
  private done = 0;
  private total = 0;
  private failed = 0;
  private lastRoundAt: string | null = null;
  private nextRoundAt: Date | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private current: Promise<void> | null = null;

  constructor(private readonly options: BackgroundRefreshOptions) {
    options.service.onConnection = (signal) => this.signal(signal);
  }

  status(): RefreshStatus {
    return {
      online: this.online,
      configured: this.options.service.configured,
      running: this.running,
      done: this.done,
      total: this.total,
      failed: this.failed,
      lastRoundAt: this.lastRoundAt,
      nextRoundAt: this.nextRoundAt?.toISOString() ?? null,
    };
  }

  /** Starts the schedule: the first round after `firstDelayMs`. */
  start(firstDelayMs: number): void {
    this.stopped = false;
    this.schedule(firstDelayMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextRoundAt = null;
  }

  /** Runs (or resumes) a round now; resolves when it ends or stops for the connection. */
  runNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.current ??= this.round().finally(() => {
      this.current = null;
    });
    return this.current;
  }

  private signal(signal: ConnectionSignal): void {
    if (signal === 'online') this.online = true;
    if (signal === 'offline') this.online = false;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.nextRoundAt = new Date(this.options.now().getTime() + ms);
    this.timer = setTimeout(() => void this.runNow(), ms);
    this.timer.unref();
  }

  private async round(): Promise<void> {
    const requester = this.options.requester();
    if (!this.options.service.configured || !requester) {
      this.schedule(this.options.intervalMs);
      return;
    }
    if (this.queue.length === 0) {
      // A new round (an interrupted one keeps its queue and its progress).
      this.queue = this.options.residents();
      this.total = this.queue.length;
      this.done = 0;
      this.failed = 0;
    }
    this.running = true;
    this.nextRoundAt = null;
    try {
      while (this.queue.length > 0 && !this.stopped) {
        // While offline, one resident at a time tells us whether the connection is back.
        const size = this.online === false ? 1 : this.options.batchSize;
        const batch = this.queue.slice(0, size);
        const outcomes = await Promise.all(
          batch.map((id) => this.options.service.refresh(id, requester).catch(() => null)),
        );
        const lostConnection = outcomes.some(
          (o) => o?.outcome === 'failed' && (o.error.kind === 'offline' || o.error.kind === 'timeout'),
        );
        if (lostConnection && this.online === false) {
          // Keep the unreached residents (in order) for when the connection returns.
          const unreached = batch.filter(
            (_, i) =>
              outcomes[i]?.outcome === 'failed' &&
              (outcomes[i]!.error.kind === 'offline' || outcomes[i]!.error.kind === 'timeout'),
          );
          const reached = batch.filter((id) => !unreached.includes(id));
          this.queue = [...unreached, ...this.queue.slice(batch.length)];
          this.done += reached.length;
          this.failed += outcomes.filter((o, i) => reached.includes(batch[i]!) && o?.outcome !== 'refreshed').length;
          this.schedule(this.options.retryMs);
          return;
        }
        this.queue = this.queue.slice(batch.length);
        this.done += batch.length;
        this.failed += outcomes.filter((o) => o?.outcome !== 'refreshed').length;
      }
      this.lastRoundAt = this.options.now().toISOString();
      this.schedule(this.options.intervalMs);
    } finally {
      this.running = false;
    }
  }
}
