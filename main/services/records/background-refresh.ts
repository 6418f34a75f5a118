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
      if (await this.refreshQueue(requester)) {
        this.schedule(this.options.retryMs);
        return;
      }
      this.lastRoundAt = this.options.now().toISOString();
      this.schedule(this.options.intervalMs);
    } finally {
      this.running = false;
    }
  }

  /**
   * Refreshes the queue with up to `batchSize` residents in flight: a sliding window, so that one slow
   * practice holds up one slot rather than a whole batch, while network waits overlap with parsing and
   * storing the others (a few suit the laptop's 2 cores; the policy sets how many). While offline, one at
   * a time tells us whether the connection is back, then the window opens up again.
   * Returns true when the connection went: the unreached residents are back at the front, in order.
   */
  private async refreshQueue(requester: Requester): Promise<boolean> {
    const inFlight = new Set<Promise<void>>();
    const unreached: Array<{ order: number; id: number }> = [];
    let started = 0;
    const refreshOne = async (id: number, order: number): Promise<void> => {
      const outcome = await this.options.service.refresh(id, requester).catch(() => null);
      const connectionLost =
        outcome?.outcome === 'failed' && (outcome.error.kind === 'offline' || outcome.error.kind === 'timeout');
      if (connectionLost && this.online === false) {
        unreached.push({ order, id });
        return;
      }
      this.done += 1;
      if (outcome?.outcome !== 'refreshed') this.failed += 1;
    };
    const slots = () => (this.online === false ? 1 : this.options.batchSize);
    while (!this.stopped && unreached.length === 0 && (this.queue.length > 0 || inFlight.size > 0)) {
      while (!this.stopped && unreached.length === 0 && this.queue.length > 0 && inFlight.size < slots()) {
        const task = refreshOne(this.queue.shift()!, started++).finally(() => inFlight.delete(task));
        inFlight.add(task);
      }
      if (inFlight.size > 0) await Promise.race(inFlight);
    }
    await Promise.all(inFlight); // those already asked finish (and are counted) before the round stops
    if (unreached.length === 0) return false;
    unreached.sort((a, b) => a.order - b.order);
    this.queue = [...unreached.map((u) => u.id), ...this.queue];
    return true;
  }
}
