/**
 * Today's meetings from the Calendar connection, for "My day": one `events.list` for the local
 * day (recurring meetings expanded, in start order). Cancelled, declined and all-day events are
 * left out; internal meetings stay in, marked, since they still fill the rep's day.
 */
import type { Meeting } from '../../model';
import type { CalendarClient } from './client';
import { judgeEvent, type HeldRules } from './held';
import { eventToMeeting } from './convert';

export interface TodaysMeeting {
  meeting: Meeting;
  /** Someone from outside the company was invited. */
  external: boolean;
  /** It has ended. */
  over: boolean;
}

/** Midnight to midnight in the machine's time zone, the rep's day. */
export function localDay(now: Date): { timeMin: string; timeMax: string } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { timeMin: start.toISOString(), timeMax: end.toISOString() };
}

export async function listTodaysMeetings(input: {
  client: Pick<CalendarClient, 'listEvents'>;
  rules: Omit<HeldRules, 'now'>;
  now: Date;
}): Promise<TodaysMeeting[]> {
  const { events } = await input.client.listEvents({ ...localDay(input.now), orderBy: 'startTime' });
  const rules: HeldRules = { ...input.rules, now: input.now };
  const today: TodaysMeeting[] = [];
  for (const event of events) {
    const verdict = judgeEvent(event, rules);
    if (verdict.kind === 'never' && verdict.reason !== 'internal') continue;
    const meeting = verdict.kind === 'never' ? eventToMeeting(event, rules.repEmail) : verdict.meeting;
    today.push({
      meeting,
      external: verdict.kind !== 'never',
      over: Date.parse(meeting.end ?? '') <= input.now.getTime(),
    });
  }
  return today;
}
