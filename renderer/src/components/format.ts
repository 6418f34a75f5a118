/** Formatting of dates, times and NHS numbers the way UK care staff read them. */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "943 476 5919": NHS numbers are read and written in groups of 3, 3 and 4. */
export function formatNhsNumber(value: string): string {
  const digits = value.replace(/\s+/g, '');
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : value;
}

/** "3 March 1941" from "1941-03-03" (a calendar date, so no time zone is involved). */
export function formatDateOfBirth(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  const monthName = MONTHS[Number(month) - 1];
  return monthName ? `${Number(day)} ${monthName} ${year}` : value;
}

function parse(value: string): Date | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

function clock(date: Date): string {
  return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** "14:35" today, or "14:35 on 3 March" on another day. */
export function formatTimeOfDay(value: string, now: Date = new Date()): string {
  const date = parse(value);
  if (!date) return value;
  if (sameDay(date, now)) return clock(date);
  return `${clock(date)} on ${date.getDate()} ${MONTHS[date.getMonth()]}`;
}

/** "29 November 2025, 14:03:12": for the audit log, where seconds matter. */
export function formatDateTime(value: string): string {
  const date = parse(value);
  if (!date) return value;
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}, ${time}`;
}

/** The lock time when an account is locked now, otherwise null. */
export function activeLockUntil(lockedUntil: string | null, now: Date = new Date()): string | null {
  if (!lockedUntil) return null;
  const until = parse(lockedUntil);
  return until && until.getTime() > now.getTime() ? lockedUntil : null;
}

/** "1 minute", "5 minutes", "90 seconds". */
export function formatDuration(seconds: number): string {
  if (seconds % 60 === 0) {
    const minutes = seconds / 60;
    return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  }
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
