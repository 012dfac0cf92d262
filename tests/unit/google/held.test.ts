/**
 * Which Calendar events the connection captures: ended meetings with someone from outside,
 * never cancelled, declined, internal, all-day or non-meeting events.
 */
import { describe, expect, it } from 'vitest';
import { judgeEvent, type HeldRules } from '../../../lib/google/calendar/held';
import type { CalendarEvent } from '../../../lib/google/calendar/schemas';

const NOW = new Date('2026-11-24T16:00:00Z');
const RULES: HeldRules = {
  repEmail: null,
  internalDomains: ['ourco.com'],
  personalDomains: ['gmail.com'],
  now: NOW,
};

function event(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    id: 'evt1',
    status: 'confirmed',
    summary: 'Acme — pricing review',
    start: { dateTime: '2026-11-24T15:00:00Z' },
    end: { dateTime: '2026-11-24T15:30:00Z' },
    attendees: [
      { email: 'sam@ourco.com', self: true, responseStatus: 'accepted' },
      { email: 'jane@acme.com', displayName: 'Jane Doe', responseStatus: 'accepted' },
    ],
    ...overrides,
  };
}

describe('held meetings', () => {
  it('an ended meeting with an outside attendee is held', () => {
    const verdict = judgeEvent(event(), RULES);
    expect(verdict.kind).toBe('held');
  });

  it('a meeting that has not ended yet waits', () => {
    const verdict = judgeEvent(event({ end: { dateTime: '2026-11-24T16:30:00Z' } }), RULES);
    expect(verdict.kind).toBe('upcoming');
  });

  it('the end exactly now counts as ended', () => {
    expect(judgeEvent(event({ end: { dateTime: NOW.toISOString() } }), RULES).kind).toBe('held');
  });

  it('a cancelled meeting is never captured', () => {
    expect(judgeEvent(event({ status: 'cancelled' }), RULES)).toEqual({ kind: 'never', reason: 'cancelled' });
  });

  it('a meeting the rep declined is never captured, even if others accepted', () => {
    const attendees = [
      { email: 'sam@ourco.com', self: true, responseStatus: 'declined' },
      { email: 'jane@acme.com', responseStatus: 'accepted' },
    ];
    expect(judgeEvent(event({ attendees }), RULES)).toEqual({ kind: 'never', reason: 'declined' });
  });

  it('an outside guest declining does not stop the capture', () => {
    const attendees = [
      { email: 'sam@ourco.com', self: true, responseStatus: 'accepted' },
      { email: 'jane@acme.com', responseStatus: 'declined' },
      { email: 'bob@acme.com', responseStatus: 'accepted' },
    ];
    expect(judgeEvent(event({ attendees }), RULES).kind).toBe('held');
  });

  it('a meeting with colleagues only is internal', () => {
    const attendees = [
      { email: 'sam@ourco.com', self: true },
      { email: 'kim@ourco.com' },
      { email: 'lee@eu.ourco.com' },
    ];
    expect(judgeEvent(event({ attendees }), RULES)).toEqual({ kind: 'never', reason: 'internal' });
  });

  it("the rep's own domain is internal without any configured internal domain", () => {
    const attendees = [{ email: 'sam@ourco.com', self: true }, { email: 'kim@ourco.com' }];
    expect(judgeEvent(event({ attendees }), { ...RULES, internalDomains: [] }).kind).toBe('never');
  });

  it('rooms and resources are not outside people', () => {
    const attendees = [
      { email: 'sam@ourco.com', self: true },
      { email: 'c_188abc@resource.calendar.google.com', resource: true, displayName: 'Room 4' },
    ];
    expect(judgeEvent(event({ attendees }), RULES)).toEqual({ kind: 'never', reason: 'internal' });
  });

  it('a rep on a free-mail address does not make every free-mail guest a colleague', () => {
    const attendees = [{ email: 'sam@gmail.com', self: true }, { email: 'founder@gmail.com' }];
    expect(judgeEvent(event({ attendees }), { ...RULES, internalDomains: [] }).kind).toBe('held');
  });

  it('all-day events, out of office and focus time are not meetings', () => {
    expect(judgeEvent(event({ start: { date: '2026-11-24' }, end: { date: '2026-11-25' } }), RULES)).toEqual({
      kind: 'never',
      reason: 'all-day',
    });
    expect(judgeEvent(event({ eventType: 'outOfOffice' }), RULES)).toEqual({
      kind: 'never',
      reason: 'not-a-meeting',
    });
    expect(judgeEvent(event({ eventType: 'focusTime' }), RULES).kind).toBe('never');
  });

  it('an event the rep organised without a self attendee still knows the rep from the organiser', () => {
    const verdict = judgeEvent(
      event({
        organizer: { email: 'sam@ourco.com', self: true },
        attendees: [{ email: 'kim@ourco.com' }, { email: 'jane@acme.com' }],
      }),
      { ...RULES, internalDomains: [] },
    );
    expect(verdict.kind).toBe('held');
    if (verdict.kind === 'held') expect(verdict.meeting.userEmail).toBe('sam@ourco.com');
  });
});
