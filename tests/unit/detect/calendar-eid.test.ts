import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEventId, expandCalendarId } from '../../../lib/detect/calendar-eid';
import { eidFromCalendarUrl } from '../../../lib/detect/calendar';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const base64url = (text: string) => base64(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('decodeEventId', () => {
  it('splits "<eventId> <calendarId>" and keeps recurring-instance suffixes', () => {
    expect(decodeEventId(base64('542h7vo65mq3614bbkif1tj5o2_20190130T000000Z sam@ourco.com'))).toEqual({
      eventId: '542h7vo65mq3614bbkif1tj5o2_20190130T000000Z',
      calendarId: 'sam@ourco.com',
    });
  });

  it('expands the personal and group calendar abbreviations', () => {
    expect(decodeEventId(base64('abc sam.rep@m'))?.calendarId).toBe('sam.rep@gmail.com');
    expect(decodeEventId(base64('abc c_123@g'))?.calendarId).toBe('c_123@group.calendar.google.com');
    expect(expandCalendarId('team@ourco.com')).toBe('team@ourco.com');
  });

  it('reads padded, unpadded, base64 and base64url forms alike', () => {
    // '~' and '?' make the base64 alphabets differ ('+' '/' vs '-' '_').
    const text = 'ev~?id1 sam@ourco.com';
    expect(base64(text)).toMatch(/[+/]/);
    expect(base64url(text)).toMatch(/[-_]/);
    for (const eid of [base64(text), base64(text).replace(/=+$/, ''), base64url(text)]) {
      expect(decodeEventId(eid)).toEqual({ eventId: 'ev~?id1', calendarId: 'sam@ourco.com' });
    }
  });

  it('round-trips any event id and calendar', () => {
    const token = fc.stringMatching(/^[a-v0-9_]{1,40}$/);
    fc.assert(
      fc.property(token, fc.emailAddress(), (eventId, calendarId) => {
        const expected = { eventId, calendarId: expandCalendarId(calendarId) };
        expect(decodeEventId(base64url(`${eventId} ${calendarId}`))).toEqual(expected);
        expect(decodeEventId(base64(`${eventId} ${calendarId}`))).toEqual(expected);
      }),
    );
  });

  it('treats tasks and garbage as no meeting', () => {
    expect(decodeEventId('tasks_dGFza2lkMTIzNDU2')).toBeNull();
    expect(decodeEventId('tasks.abc')).toBeNull();
    expect(decodeEventId(base64('tasks_abc sam@ourco.com'))).toBeNull();
    expect(decodeEventId('not base64!')).toBeNull();
    expect(decodeEventId(base64('one two three'))).toBeNull();
    expect(decodeEventId(Buffer.from([0xff, 0xfe, 0x20, 0x41]).toString('base64'))).toBeNull();
    expect(decodeEventId('')).toBeNull();
  });

  it('accepts an id without calendar', () => {
    expect(decodeEventId(base64('abc123'))).toEqual({ eventId: 'abc123', calendarId: null });
  });
});

describe('eidFromCalendarUrl', () => {
  it('reads the event page URL, not the duplicate page or the grid', () => {
    expect(eidFromCalendarUrl('https://calendar.google.com/calendar/u/0/r/eventedit/YWJj')).toBe('YWJj');
    expect(eidFromCalendarUrl('https://calendar.google.com/calendar/u/1/r/eventedit?eid=YWJj')).toBe('YWJj');
    expect(eidFromCalendarUrl('https://calendar.google.com/calendar/u/0/r/eventedit/copy/YWJj')).toBeNull();
    expect(eidFromCalendarUrl('https://calendar.google.com/calendar/u/0/r/week/2026/11/24')).toBeNull();
  });
});
