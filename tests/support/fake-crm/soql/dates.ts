/**
 * Salesforce date handling: wire formats (`2026-11-20`, `2026-11-20T13:19:00.000+0000`) and
 * the relative date literals (TODAY, LAST_N_DAYS:n, …) as half-open UTC ranges. The fake org's
 * time zone is UTC.
 */
const DAY = 86_400_000;

export function dateMs(value: string): number {
  return Date.parse(`${value.slice(0, 10)}T00:00:00Z`);
}

export function dateTimeMs(value: string): number {
  // Salesforce writes offsets without a colon (+0000), which Date.parse does not accept.
  return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface Range {
  start: number;
  end: number;
}

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** Half-open [start, end) range of a date literal, relative to `now`. */
export function dateLiteralRange(name: string, n: number | null, now: Date): Range {
  const today = startOfDay(now.getTime());
  const d = new Date(today);
  const weekStart = today - d.getUTCDay() * DAY; // weeks start on Sunday (en_US locale)
  const month = (offset: number) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
  const year = (offset: number) => Date.UTC(d.getUTCFullYear() + offset, 0, 1);
  const k = n ?? 0;
  switch (name) {
    case 'TODAY':
      return { start: today, end: today + DAY };
    case 'YESTERDAY':
      return { start: today - DAY, end: today };
    case 'TOMORROW':
      return { start: today + DAY, end: today + 2 * DAY };
    case 'THIS_WEEK':
      return { start: weekStart, end: weekStart + 7 * DAY };
    case 'LAST_WEEK':
      return { start: weekStart - 7 * DAY, end: weekStart };
    case 'NEXT_WEEK':
      return { start: weekStart + 7 * DAY, end: weekStart + 14 * DAY };
    case 'THIS_MONTH':
      return { start: month(0), end: month(1) };
    case 'LAST_MONTH':
      return { start: month(-1), end: month(0) };
    case 'NEXT_MONTH':
      return { start: month(1), end: month(2) };
    case 'THIS_YEAR':
      return { start: year(0), end: year(1) };
    case 'LAST_YEAR':
      return { start: year(-1), end: year(0) };
    case 'NEXT_YEAR':
      return { start: year(1), end: year(2) };
    case 'LAST_90_DAYS':
      return { start: today - 90 * DAY, end: today + DAY };
    case 'NEXT_90_DAYS':
      return { start: today, end: today + 91 * DAY };
    // "Starts with the current day and continues for the past n days" (today included).
    case 'LAST_N_DAYS':
      return { start: today - k * DAY, end: today + DAY };
    case 'NEXT_N_DAYS':
      return { start: today, end: today + (k + 1) * DAY };
    case 'N_DAYS_AGO':
      return { start: today - k * DAY, end: today - (k - 1) * DAY };
    case 'N_DAYS_FROM_NOW':
      return { start: today + k * DAY, end: today + (k + 1) * DAY };
    default:
      throw new Error(`unknown date literal ${name}`);
  }
}
