/**
 * The daily My day reminder: when it is due, and what it says. At most once a calendar day
 * (the rep's local day), never when nothing needs a touch.
 */
export const REMINDER_ALARM = 'dealside-my-day';
/** How often the worker refreshes the badge and checks the reminder. */
export const REMINDER_PERIOD_MINUTES = 30;

/** The rep's local calendar day, `YYYY-MM-DD`. */
export function localDay(now: Date): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Due once the local time has reached `time` ("08:30"), unless shown already today. */
export function reminderDue(now: Date, time: string, lastShownDay: string | null): boolean {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) return false;
  if (lastShownDay === localDay(now)) return false;
  const minutes = now.getHours() * 60 + now.getMinutes();
  return minutes >= Number(match[1]) * 60 + Number(match[2]);
}

export function reminderText(needsTouch: number, noTouchDays: number): string | null {
  if (needsTouch <= 0) return null;
  return needsTouch === 1
    ? `1 deal has had no touch in ${noTouchDays} days.`
    : `${needsTouch} deals have had no touch in ${noTouchDays} days.`;
}

export function badgeText(needsTouch: number): string {
  if (needsTouch <= 0) return '';
  return needsTouch > 99 ? '99+' : String(needsTouch);
}
