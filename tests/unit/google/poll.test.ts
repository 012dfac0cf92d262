/**
 * The poller over a calendar that changes between polls (the fake Google's calendar model, in
 * memory): each ended external meeting is handed to capture once, across incremental polls, an
 * expired sync token, a worker stopped mid-poll and meetings that end without ever changing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { SyncTokenExpired, type ListQuery } from '../../../lib/google/calendar/client';
import { pollCalendar, type PollDeps } from '../../../lib/google/calendar/poll';
import { CalendarEvent } from '../../../lib/google/calendar/schemas';
import { emptySyncState, type CalendarSyncState } from '../../../lib/google/calendar/state';
import type { Meeting } from '../../../lib/model';
import { FakeCalendar, type FakeAttendee } from '../../support/fake-google/calendar';

const HOUR = 60 * 60_000;
let now: number;
let calendar: FakeCalendar;
let stored: CalendarSyncState | null;
let captured: Meeting[];
let listCalls: ListQuery[];

const me: FakeAttendee = { email: 'sam@ourco.com', self: true, responseStatus: 'accepted' };
const jane: FakeAttendee = { email: 'jane@acme.com', displayName: 'Jane Doe', responseStatus: 'accepted' };
const kim: FakeAttendee = { email: 'kim@ourco.com', responseStatus: 'accepted' };

const at = (offsetHours: number) => new Date(now + offsetHours * HOUR).toISOString();

function meeting(id: string, startH: number, endH: number, attendees: FakeAttendee[] = [me, jane]) {
  calendar.put({ id, summary: id, start: at(startH), end: at(endH), attendees });
}

const client: PollDeps['client'] = {
  async listEvents(query) {
    listCalls.push(query);
    let events;
    if ('syncToken' in query) {
      const since = calendar.readToken(query.syncToken);
      if (since === 'expired' || since === 'invalid') throw new SyncTokenExpired('410');
      events = calendar.changedSince(since);
    } else {
      events = calendar
        .all()
        .filter((e) => e.status !== 'cancelled' && Date.parse(e.end) > Date.parse(query.timeMin))
        .filter((e) => !query.timeMax || Date.parse(e.start) < Date.parse(query.timeMax));
    }
    return {
      events: events.map((e) => CalendarEvent.parse(calendar.resource(e))),
      unreadable: 0,
      nextSyncToken: calendar.syncToken(),
      calendarSummary: calendar.owner,
    };
  },
};

function deps(overrides: Partial<PollDeps> = {}): PollDeps {
  return {
    client,
    rules: async () => ({
      repEmail: 'sam@ourco.com',
      internalDomains: ['ourco.com'],
      personalDomains: ['gmail.com'],
    }),
    capture: async (m) => void captured.push(m),
    load: async () => structuredClone(stored ?? emptySyncState()),
    save: async (state) => void (stored = structuredClone(state)),
    now: () => now,
    ...overrides,
  };
}

const ids = () => captured.map((m) => m.eventId);

beforeEach(() => {
  now = Date.parse('2026-11-24T16:00:00Z');
  calendar = new FakeCalendar('sam@ourco.com', () => new Date(now));
  stored = null;
  captured = [];
  listCalls = [];
});

describe('polling the Calendar connection', () => {
  it('the first poll captures meetings held in the last day, and nothing internal, declined or cancelled', async () => {
    meeting('held', -2, -1);
    meeting('yesterday-morning', -30, -29); // older than the first look-back
    meeting('internal', -2, -1, [me, kim]);
    meeting('declined', -2, -1, [{ ...me, responseStatus: 'declined' }, jane]);
    meeting('cancelled', -2, -1);
    calendar.cancel('cancelled');
    meeting('later', 1, 2);
    const result = await pollCalendar(deps());
    expect(ids()).toEqual(['held']);
    expect(result.fullSync).toBe(true);
    expect(listCalls[0]).toEqual({ timeMin: at(-24) });
    expect(Object.keys(stored!.pending)).toEqual(['later']);
    expect(stored!.syncToken).toBe(calendar.syncToken());
  });

  it('a second poll asks only for changes and captures nothing twice', async () => {
    meeting('held', -2, -1);
    await pollCalendar(deps());
    now += 15 * 60_000;
    await pollCalendar(deps());
    expect(listCalls[1]).toEqual({ syncToken: stored!.syncToken });
    expect(ids()).toEqual(['held']);
  });

  it('a meeting that ends between polls is captured even though Google reports no change', async () => {
    meeting('soon', -0.5, 0.25);
    await pollCalendar(deps());
    expect(ids()).toEqual([]);
    now += HOUR;
    await pollCalendar(deps());
    expect(ids()).toEqual(['soon']);
    now += HOUR;
    await pollCalendar(deps());
    expect(ids()).toEqual(['soon']);
  });

  it('a meeting declined or cancelled after it was scheduled is never captured', async () => {
    meeting('to-decline', 1, 2);
    meeting('to-cancel', 1, 2);
    await pollCalendar(deps());
    calendar.patch('to-decline', { attendees: [{ ...me, responseStatus: 'declined' }, jane] });
    calendar.cancel('to-cancel');
    now += 3 * HOUR;
    await pollCalendar(deps());
    expect(ids()).toEqual([]);
    expect(stored!.pending).toEqual({});
  });

  it('an expired sync token (410) starts a full sync that captures the new meeting and repeats none', async () => {
    meeting('first', -2, -1);
    await pollCalendar(deps());
    now += HOUR;
    meeting('second', -0.75, -0.25);
    calendar.generation++; // every earlier token now answers 410
    const result = await pollCalendar(deps());
    expect(result.resynced).toBe(true);
    expect(ids()).toEqual(['first', 'second']);
    expect(listCalls.map((q) => ('syncToken' in q ? 'sync' : 'full'))).toEqual(['full', 'sync', 'full']);
    // The resync reaches back to a day before the last good poll.
    expect(listCalls[2]).toEqual({ timeMin: new Date(now - HOUR - 24 * HOUR).toISOString() });
  });

  it('a worker stopped after reading the calendar captures the meeting at the next poll', async () => {
    meeting('held', -2, -1);
    const stop = new Error('worker stopped');
    await expect(
      pollCalendar(
        deps({
          capture: async () => {
            throw stop;
          },
        }),
      ),
    ).resolves.toMatchObject({ failed: ['held'] });
    expect(stored!.lastError).toBe(
      '1 meeting not captured yet (worker stopped); trying again at the next check.',
    );
    await pollCalendar(deps());
    expect(ids()).toEqual(['held']);
    expect(stored!.lastError).toBeNull();
  });

  it('a stop between a capture and its record hands the same meeting (same key) to capture again', async () => {
    meeting('held', -2, -1);
    let saves = 0;
    await expect(
      pollCalendar(
        deps({
          save: async (state) => {
            // The save right after the capture never happens.
            if (++saves === 2) throw new Error('worker stopped');
            stored = structuredClone(state);
          },
        }),
      ),
    ).rejects.toThrow('worker stopped');
    await pollCalendar(deps());
    // Twice to capture, with one event id: the pipeline's idempotency key makes it one record.
    expect(ids()).toEqual(['held', 'held']);
    expect(new Set(ids()).size).toBe(1);
  });

  it('a meeting booked weeks ahead, never changed again, is captured once it has ended', async () => {
    meeting('in-three-weeks', 21 * 24, 21 * 24 + 1);
    await pollCalendar(deps());
    // Not kept while far ahead: storage holds about a week of meetings, not a year of instances.
    expect(stored!.pending).toEqual({});
    for (let day = 1; day <= 22; day++) {
      now += 24 * HOUR;
      await pollCalendar(deps());
    }
    expect(ids()).toEqual(['in-three-weeks']);
    // The look ahead costs one bounded listing every few days, not one per poll.
    const bounded = listCalls.filter((q) => 'timeMax' in q);
    expect(bounded.length).toBeGreaterThan(0);
    expect(bounded.length).toBeLessThanOrEqual(8);
  });

  it('an old meeting edited today is not a meeting held today', async () => {
    meeting('recent', -2, -1);
    await pollCalendar(deps());
    calendar.put({
      id: 'last-month',
      summary: 'old',
      start: at(-24 * 30),
      end: at(-24 * 30 + 1),
      attendees: [me, jane],
    });
    await pollCalendar(deps());
    expect(ids()).toEqual(['recent']);
  });

  it('a failed listing is recorded for Settings and changes nothing else', async () => {
    meeting('held', -2, -1);
    await pollCalendar(deps());
    const before = structuredClone(stored!);
    const failing: PollDeps['client'] = {
      listEvents: async () => {
        throw new Error('Google Calendar: could not reach Google.');
      },
    };
    await expect(pollCalendar(deps({ client: failing }))).rejects.toThrow();
    expect(stored).toMatchObject({
      syncToken: before.syncToken,
      lastError: 'Google Calendar: could not reach Google.',
    });
  });
});
