/**
 * Which of a deal's activities the brief shows: the 10 most recent things that happened (open
 * tasks are plans, not history), touches in the last 14 days (emails, calls, meetings: notes are
 * internal), the last touch and last reply, and the open task due first as the next step. Also
 * how an activity's people read in one line ("Jane Doe, Bob Buyer +1").
 */
import { emailCounterpart, newestFirst, type Activity, type ActivityType } from './activities';

const RECENT_COUNT = 10;
export const TOUCH_WINDOW_MS = 14 * 24 * 60 * 60_000;
const TOUCH_TYPES: readonly ActivityType[] = ['emails', 'calls', 'meetings'];

export const keyOf = (activity: Activity) => `${activity.type}:${activity.record.id}`;

export function selectTimeline(activities: Activity[], now: number) {
  const past = activities
    .filter((a) => !a.isOpenTask && a.summary.at !== null && Date.parse(a.summary.at) <= now)
    .sort(newestFirst);
  const recent = past.slice(0, RECENT_COUNT);
  const touches = past.filter(
    (a) => TOUCH_TYPES.includes(a.type) && Date.parse(a.summary.at ?? '') >= now - TOUCH_WINDOW_MS,
  );
  const lastTouch = past.find((a) => a.type !== 'tasks') ?? null;
  const lastReply = past.find((a) => a.type === 'emails' && a.summary.direction === 'inbound') ?? null;
  const nextTask =
    activities
      .filter((a) => a.isOpenTask)
      .sort((a, b) => Date.parse(a.summary.at ?? '') - Date.parse(b.summary.at ?? '') || 0)[0] ?? null;
  return {
    recent,
    touches,
    lastTouch,
    lastReply,
    nextTask,
    /** Ids (by type) of every shown activity whose people must be read. */
    idsToExplain(): Map<ActivityType, string[]> {
      const shown = new Map<string, Activity>();
      for (const a of [...recent, ...touches, lastTouch, lastReply]) if (a) shown.set(keyOf(a), a);
      const byType = new Map<ActivityType, string[]>();
      for (const a of shown.values()) byType.set(a.type, [...(byType.get(a.type) ?? []), a.record.id]);
      return byType;
    },
  };
}

/** Known names first (two at most), then a count of the rest; emails fall back to their headers. */
export function whoOf(activity: Activity, contactIds: string[], names: Map<string, string>): string | null {
  const known = contactIds.flatMap((id) => names.get(id) ?? []);
  const others = contactIds.length - known.length;
  if (known.length === 0) {
    if (activity.type === 'emails') return emailCounterpart(activity.record);
    return others > 0 ? `${others} contact${others === 1 ? '' : 's'}` : null;
  }
  const shown = known.slice(0, 2).join(', ');
  const more = known.length - 2 + others;
  return more > 0 ? `${shown} +${more}` : shown;
}
