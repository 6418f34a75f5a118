/**
 * Every server operation has a deadline: a server that stops answering must
 * never leave the app waiting for ever. On expiry `onTimeout` runs (it closes
 * the connection, so the operation itself fails rather than running on).
 */
export class DeadlineExceeded extends Error {
  constructor(
    readonly what: string,
    readonly ms: number,
  ) {
    super(`The mail server did not answer in time (${what}, ${Math.round(ms / 1000)} s).`);
    this.name = 'DeadlineExceeded';
  }
}

export async function withDeadline<T>(
  what: string,
  ms: number,
  operation: Promise<T>,
  onTimeout?: () => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new DeadlineExceeded(what, ms));
    }, ms);
  });
  try {
    return await Promise.race([operation, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits before reconnect attempt `n` (0-based): 1 s, 2 s, 4 s … up to a minute, with jitter so laptops do not stampede. */
export function backoffMs(attempt: number, baseMs = 1000, maxMs = 60_000, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
