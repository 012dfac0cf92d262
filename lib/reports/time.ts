/**
 * Day arithmetic shared by every report: whole days, rounded down, between two instants. Events
 * after `now` have not happened yet (a meeting booked for next week is not a touch), so windows
 * and "last activity" only look at `at <= now`.
 */
export const DAY_MS = 86_400_000;

/** Whole days from `fromIso` to `now`, rounded down (never negative). */
export function wholeDays(fromIso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / DAY_MS));
}

/** True when `atIso` is in the `days` days ending at `now`: (now − days, now]. */
export function inLastDays(atIso: string, now: Date, days: number): boolean {
  const at = Date.parse(atIso);
  return at <= now.getTime() && at > now.getTime() - days * DAY_MS;
}

export function hasHappened(atIso: string, now: Date): boolean {
  return Date.parse(atIso) <= now.getTime();
}
