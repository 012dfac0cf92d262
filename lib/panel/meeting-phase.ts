/**
 * Where a meeting stands against the clock. Before its start it has not happened: the panel
 * offers the brief and a prep note, never a "held" log. Once it has started it counts as held
 * (reps log while wrapping up), and the form says it is still in progress until its end.
 */
import type { Meeting } from '../model';

export type MeetingPhase = 'upcoming' | 'in-progress' | 'ended';

export function meetingPhase(meeting: Pick<Meeting, 'start' | 'end'>, now: Date): MeetingPhase {
  const start = meeting.start ? Date.parse(meeting.start) : NaN;
  // Without a start time nothing says it is in the future: keep the held log as before.
  if (Number.isNaN(start)) return 'ended';
  if (now.getTime() < start) return 'upcoming';
  const end = meeting.end ? Date.parse(meeting.end) : NaN;
  return !Number.isNaN(end) && now.getTime() < end ? 'in-progress' : 'ended';
}

/** The next moment the phase changes, in epoch ms, or null when it will not change again. */
export function nextPhaseChange(meeting: Pick<Meeting, 'start' | 'end'>, now: Date): number | null {
  for (const iso of [meeting.start, meeting.end]) {
    const at = iso ? Date.parse(iso) : NaN;
    if (!Number.isNaN(at) && at > now.getTime()) return at;
  }
  return null;
}
