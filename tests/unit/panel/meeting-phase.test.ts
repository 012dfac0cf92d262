import { describe, expect, it } from 'vitest';
import { meetingPhase, nextPhaseChange } from '@/lib/panel/meeting-phase';

const meeting = { start: '2026-11-24T15:00:00.000Z', end: '2026-11-24T15:30:00.000Z' };

describe('a meeting against the clock', () => {
  it('is upcoming before its start, in progress until its end, then ended', () => {
    expect(meetingPhase(meeting, new Date('2026-11-17T15:00:00Z'))).toBe('upcoming');
    expect(meetingPhase(meeting, new Date('2026-11-24T14:59:59Z'))).toBe('upcoming');
    expect(meetingPhase(meeting, new Date('2026-11-24T15:00:00Z'))).toBe('in-progress');
    expect(meetingPhase(meeting, new Date('2026-11-24T15:30:00Z'))).toBe('ended');
  });

  it('keeps the held log when the calendar gave no time', () => {
    expect(meetingPhase({ start: null, end: null }, new Date())).toBe('ended');
  });

  it('knows when the phase next changes', () => {
    expect(nextPhaseChange(meeting, new Date('2026-11-20T00:00:00Z'))).toBe(Date.parse(meeting.start));
    expect(nextPhaseChange(meeting, new Date('2026-11-24T15:10:00Z'))).toBe(Date.parse(meeting.end));
    expect(nextPhaseChange(meeting, new Date('2026-11-25T00:00:00Z'))).toBeNull();
  });
});
