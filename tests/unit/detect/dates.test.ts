/** Runs with TZ=UTC (vitest.config.ts), so local times read back as the same clock time in Z. */
import { describe, expect, it } from 'vitest';
import { completeInteraction, parseWhen } from '../../../lib/detect/complete';
import type { Meeting } from '../../../lib/model';

describe('parseWhen (Calendar "when" text)', () => {
  const now = new Date('2026-11-22T10:00:00Z');

  it.each([
    ['Tuesday, November 24, 2026 ⋅ 3:00 – 3:30pm', '2026-11-24T15:00:00.000Z', '2026-11-24T15:30:00.000Z'],
    ['Tuesday, November 24 ⋅ 3:00 – 3:30pm', '2026-11-24T15:00:00.000Z', '2026-11-24T15:30:00.000Z'],
    ['Tuesday, November 24 ⋅ 11:30am – 12:30pm', '2026-11-24T11:30:00.000Z', '2026-11-24T12:30:00.000Z'],
    [
      'Tuesday, November 24 ⋅ 11:30am – 12:30pm\nWeekly on Tuesday',
      '2026-11-24T11:30:00.000Z',
      '2026-11-24T12:30:00.000Z',
    ],
    [
      'Tuesday, November 24, 2026 ⋅ 11:00pm – 12:30am',
      '2026-11-24T23:00:00.000Z',
      '2026-11-25T00:30:00.000Z',
    ],
    ['Tuesday, November 24, 2026', '2026-11-24T00:00:00.000Z', '2026-11-25T00:00:00.000Z'],
    ['November 24 – 26, 2026', '2026-11-24T00:00:00.000Z', '2026-11-27T00:00:00.000Z'],
    ['Tuesday, November 24 – Thursday, November 26', '2026-11-24T00:00:00.000Z', '2026-11-27T00:00:00.000Z'],
    [
      'Tuesday, November 24, 2026, 3:00pm – Wednesday, November 25, 2026, 10:00am',
      '2026-11-24T15:00:00.000Z',
      '2026-11-25T10:00:00.000Z',
    ],
  ])('%s', (text, start, end) => {
    expect(parseWhen(text, now)).toEqual({ start, end });
  });

  it('uses the reference date for a year Calendar leaves out', () => {
    expect(parseWhen('Monday, January 4 ⋅ 9:00 – 9:30am', new Date('2026-12-20T00:00:00Z'))?.start).toBe(
      '2027-01-04T09:00:00.000Z',
    );
  });

  it('gives null for text without a date', () => {
    expect(parseWhen('no date here', now)).toBeNull();
  });
});

describe('completeInteraction', () => {
  const meeting: Meeting = {
    kind: 'meeting',
    eventId: 'abc',
    calendarId: null,
    title: 'Call',
    start: null,
    end: null,
    attendees: [],
    conferenceUrl: null,
    description: '',
    whenText: 'Tuesday, November 24, 2026 ⋅ 3:00 – 3:30pm',
  };

  it('fills start and end from whenText', () => {
    expect(completeInteraction(meeting)).toMatchObject({
      start: '2026-11-24T15:00:00.000Z',
      end: '2026-11-24T15:30:00.000Z',
      whenText: meeting.whenText,
    });
  });

  it('leaves meetings without a readable time as they are', () => {
    const unreadable = { ...meeting, whenText: 'sometime' };
    expect(completeInteraction(unreadable)).toBe(unreadable);
  });
});
