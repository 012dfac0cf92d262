/**
 * The same meeting through the Calendar page and through the Calendar connection is one touch:
 * the API event converts to the Meeting the page's detector reports, with the same source id,
 * so the outbox key (and the capture record) is the same whichever path comes first.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '../../../lib/detect/detect';
import { eventToMeeting, plainText } from '../../../lib/google/calendar/convert';
import { CalendarEvent } from '../../../lib/google/calendar/schemas';
import { interactionSourceId, type Meeting } from '../../../lib/model';
import { outboxKey } from '../../../lib/outbox/item';
import { captureId } from '../../../lib/capture/record';
import { meetingTouch } from '../../../lib/capture/touch';

const FIXTURE = fileURLToPath(new URL('../../fixtures/calendar/calendar-event-dialog', import.meta.url));
const target = { opportunityId: 'o1', accountId: 'a1', contactIds: ['c1'] };

/** The event as events.list sends it for the fixture's meeting (documented shape). */
const API_EVENT = {
  kind: 'calendar#event',
  etag: '"3371234567890000"',
  id: '4k2l9v0aqbd3f6s1m8h7p5c2ne',
  status: 'confirmed',
  htmlLink:
    'https://www.google.com/calendar/event?eid=NGsybDl2MGFxYmQzZjZzMW04aDdwNWMybmUgc2FtQG91cmNvLmNvbQ',
  summary: 'Acme — pricing review',
  description: 'Agenda:<br>1. Pricing<br>2. Next steps &amp; timeline',
  organizer: { email: 'sam@ourco.com', self: true },
  start: { dateTime: '2026-11-24T10:00:00-05:00', timeZone: 'America/New_York' },
  end: { dateTime: '2026-11-24T10:30:00-05:00', timeZone: 'America/New_York' },
  attendees: [
    { email: 'Jane@Acme.com', displayName: 'Jane Doe', responseStatus: 'accepted' },
    { email: 'sam@ourco.com', self: true, organizer: true, responseStatus: 'accepted' },
    { email: 'bob@acme.com', responseStatus: 'needsAction' },
    { email: 'c_1@resource.calendar.google.com', displayName: 'Room', resource: true },
  ],
  hangoutLink: 'https://meet.google.com/abc-defg-hij',
  eventType: 'default',
  // A field Google may add tomorrow: tolerated.
  somethingNew: { nested: true },
};

function pageMeeting(): Meeting {
  const { document } = parseHTML(readFileSync(`${FIXTURE}.html`, 'utf8'));
  const spec = JSON.parse(readFileSync(`${FIXTURE}.json`, 'utf8')) as { url: string };
  const interaction = detect(document as unknown as Document, spec.url, new Date('2026-11-24T16:00:00Z'));
  if (interaction?.kind !== 'meeting') throw new Error('fixture is not a meeting');
  return interaction;
}

describe('Calendar API event → meeting', () => {
  it('reads the documented event, unknown fields and all', () => {
    expect(CalendarEvent.safeParse(API_EVENT).success).toBe(true);
  });

  it('keys the meeting exactly as the Calendar page and the Log button do', () => {
    const fromApi = eventToMeeting(CalendarEvent.parse(API_EVENT), 'sam@ourco.com');
    const fromPage = pageMeeting();
    expect(interactionSourceId(fromApi)).toBe(interactionSourceId(fromPage));
    const key = (m: Meeting) =>
      outboxKey({ provider: 'hubspot', op: 'meeting', sourceId: m.eventId, target });
    expect(key(fromApi)).toBe(key(fromPage));
    const ended = new Date('2026-11-24T18:00:00Z');
    const touch = (m: Meeting) => meetingTouch({ ...m, end: '2026-11-24T15:30:00.000Z' }, ended);
    const [a, b] = [touch(fromApi), touch(fromPage)];
    if ('skip' in a || 'skip' in b) throw new Error('not held');
    expect(captureId(a.kind, a.sourceId)).toBe(captureId(b.kind, b.sourceId));
    expect(fromApi.calendarId).toBe(fromPage.calendarId);
  });

  it('has the same people as the page shows (rooms left out), so the match is the same', () => {
    const fromApi = eventToMeeting(CalendarEvent.parse(API_EVENT), 'sam@ourco.com');
    const emails = (m: Meeting) => m.attendees.map((a) => a.email).sort();
    expect(emails(fromApi)).toEqual(emails(pageMeeting()));
    expect(fromApi.attendees.find((a) => a.email === 'jane@acme.com')?.name).toBe('Jane Doe');
  });

  it('carries times in UTC, the Meet link and the description as plain text', () => {
    const meeting = eventToMeeting(CalendarEvent.parse(API_EVENT), 'sam@ourco.com');
    expect(meeting).toMatchObject({
      start: '2026-11-24T15:00:00.000Z',
      end: '2026-11-24T15:30:00.000Z',
      conferenceUrl: 'https://meet.google.com/abc-defg-hij',
      description: 'Agenda:\n1. Pricing\n2. Next steps & timeline',
      userEmail: 'sam@ourco.com',
    });
  });

  it('recurring instances keep the instance id the page decodes (<id>_<instant>)', () => {
    const instance = CalendarEvent.parse({
      ...API_EVENT,
      id: '542h7vo65mq3614bbkif1tj5o2_20261124T150000Z',
      recurringEventId: '542h7vo65mq3614bbkif1tj5o2',
    });
    expect(eventToMeeting(instance, 'sam@ourco.com').eventId).toBe(
      '542h7vo65mq3614bbkif1tj5o2_20261124T150000Z',
    );
  });

  it('never passes markup on', () => {
    expect(plainText('<p>Hi <b>there</b></p><script>x</script>&lt;b&gt;')).toBe('Hi there\nx<b>');
  });
});
