/** How old stored data is, in words: "just now", "25 minutes ago", "3 hours ago", "2 days ago". */
export function formatAge(then: string, now: string): string {
  const ms = Date.parse(now) - Date.parse(then);
  if (Number.isNaN(ms)) return 'at an unknown time';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

export function isStale(then: string, now: string, staleAfterHours: number): boolean {
  return Date.parse(now) - Date.parse(then) > staleAfterHours * 3_600_000;
}

/** "10:15" for a visit time, in the laptop's time zone. */
export function clockTime(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime())
    ? value
    : date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** "Today", "Yesterday" or "Monday 3 November" for a visit's day. */
export function visitDay(value: string, now: string): string {
  const date = new Date(value);
  const today = new Date(now);
  if (Number.isNaN(date.getTime())) return value;
  const startOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOf(today) - startOf(date)) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return date.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}
