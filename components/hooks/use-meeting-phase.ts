import { useEffect, useState } from 'react';
import type { Meeting } from '@/lib/model';
import { meetingPhase, nextPhaseChange, type MeetingPhase } from '@/lib/panel/meeting-phase';

/** setTimeout's ceiling; a later change is re-armed when this one fires. */
const MAX_DELAY = 2_147_483_647;

/** The meeting's phase now, updated when it starts and when it ends while the panel is open. */
export function useMeetingPhase(meeting: Pick<Meeting, 'start' | 'end'>): MeetingPhase {
  const [now, setNow] = useState(() => new Date());
  const change = nextPhaseChange(meeting, now);
  useEffect(() => {
    if (change === null) return;
    const timer = setTimeout(() => setNow(new Date()), Math.min(MAX_DELAY, change - Date.now()));
    return () => clearTimeout(timer);
  }, [change]);
  return meetingPhase(meeting, now);
}
