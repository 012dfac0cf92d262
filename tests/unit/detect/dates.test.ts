/** Runs with TZ=UTC (vitest.config.ts), so local times read back as the same clock time in Z. */
import { describe, expect, it } from 'vitest';
import { completeInteraction, parseWhen } from '../../../lib/detect/complete';
import { parseGmailDate } from '../../../lib/detect/gmail-date';
import type { Meeting } from '../../../lib/model';

describe('parseGmailDate', () => {
  it.each([
    ['Fri, Nov 20, 2026, 1:19 PM', '2026-11-20T13:19:00.000Z'],
    ['Fri, Nov 20, 2026, 1:19\u202fPM', '2026-11-20T13:19:00.000Z'],
    ['Fri, Nov 20, 2026 at 12:05 AM', '2026-11-20T00:05:00.000Z'],
    ['Sun, Nov 22, 2026, 12:00 PM', '2026-11-22T12:00:00.000Z'],
    ['Fri, 20 Nov 2026, 13:19', '2026-11-20T13:19:00.000Z'],
    ['Fr., 20. Nov. 2026, 13:19', '2026-11-20T13:19:00.000Z'],
    ['Di., 2. März 2027, 09:05', '2027-03-02T09:05:00.000Z'],
    ['Mi., 6. Mai 2026 um 17:45', '2026-05-06T17:45:00.000Z'],
    ['Wednesday, September 2, 2026, 8:00 a.m.', '2026-09-02T08:00:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseGmailDate(text)).toBe(iso);
  });

  it.each([
    [null],
    [''],
    ['Nov 20'],
    ['3:02 PM'],
    ['Fri, Nov 20, 2026'],
    ['20 novembre 2026, 13:19'],
    ['Feb 31, 2026, 1:00 PM'],
    ['Fri, Nov 20, 2026, 13:19 PM'],
    ['Fri, Nov 20, 2026, 25:00'],
  ])('%s → null', (text) => {
    expect(parseGmailDate(text)).toBeNull();
  });
});

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

  it('leaves meetings without a readable time, and threads, as they are', () => {
    const unreadable = { ...meeting, whenText: 'sometime' };
    expect(completeInteraction(unreadable)).toBe(unreadable);
    const thread = {
      kind: 'email-thread' as const,
      threadId: '198c6747aabb71a9',
      subject: '',
      messages: [],
      participants: [],
    };
    expect(completeInteraction(thread)).toBe(thread);
  });
});
