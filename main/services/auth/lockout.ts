/**
 * After five wrong PINs in a row an account locks, each time for longer
 * (1, 2, 4, … minutes, at most an hour), until a manager unlocks it or the
 * time passes. The counters live in the staff_member row, so a restart does
 * not reset them.
 */
export const ATTEMPTS_BEFORE_LOCK = 5;
const MAX_LOCK_MINUTES = 60;

export function lockMinutes(previousLockouts: number): number {
  return Math.min(MAX_LOCK_MINUTES, 2 ** previousLockouts);
}

export function isLockedAt(lockedUntil: string | null, now: Date): boolean {
  return lockedUntil !== null && Date.parse(lockedUntil) > now.getTime();
}

/** "10:42", in the care home's local time, for messages. */
export function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}
