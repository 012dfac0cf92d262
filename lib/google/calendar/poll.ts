/**
 * One poll of the rep's calendar: list what changed since the last sync token (everything since
 * the window start on the first run, or when Google answers 410 for an expired token), remember
 * the external meetings, then hand each one that has ended to capture, once.
 *
 * Two saves make it resumable: the new sync token is saved together with the meetings it brought
 * (before any capture), and each capture is recorded as it happens. A worker stopped anywhere in
 * between picks up the remaining meetings at the next poll; a capture repeated after a stop at
 * the wrong moment carries the same idempotency key, so the CRM still gets one record.
 */
import { CrmError } from '../../http/errors';
import type { Meeting } from '../../model';
import { SyncTokenExpired, type CalendarClient, type ListResult } from './client';
import { judgeEvent, type HeldRules } from './held';
import type { CalendarSyncState } from './state';

/** The first sync looks back a day: yesterday's meetings are not lost on connecting. */
export const FIRST_LOOKBACK_MS = 24 * 60 * 60_000;
/** A full resync (410) reaches back to the last good poll, at most a week. */
export const MAX_RESYNC_LOOKBACK_MS = 7 * 24 * 60 * 60_000;
/**
 * Meetings further ahead are not kept (a year of recurring instances would fill storage); every
 * few days one bounded listing brings the next week's into view, so a meeting that ends without
 * ever changing (which incremental sync never reports) is still captured.
 */
export const HORIZON_MS = 7 * 24 * 60 * 60_000;
/** Captured ids are kept well past the longest resync window, so a resync never repeats one. */
export const CAPTURED_RETENTION_MS = 30 * 24 * 60 * 60_000;

/** What capture did with a meeting, for the status line. Throwing means "try again next poll". */
export type CaptureMeeting = (meeting: Meeting) => Promise<unknown>;

export interface PollDeps {
  client: Pick<CalendarClient, 'listEvents'>;
  rules(): Promise<Omit<HeldRules, 'now'>>;
  capture: CaptureMeeting;
  load(): Promise<CalendarSyncState>;
  save(state: CalendarSyncState): Promise<void>;
  now(): number;
}

export interface PollResult {
  captured: string[];
  fullSync: boolean;
  /** A 410 made this poll start over. */
  resynced: boolean;
  failed: string[];
}

function windowFor(state: CalendarSyncState, now: number): number {
  if (state.lastSuccessAt === null) return now - FIRST_LOOKBACK_MS;
  return Math.max(now - MAX_RESYNC_LOOKBACK_MS, state.lastSuccessAt - FIRST_LOOKBACK_MS);
}

function messageOf(error: unknown): string {
  if (error instanceof CrmError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

export async function pollCalendar(deps: PollDeps): Promise<PollResult> {
  const now = deps.now();
  let state = await deps.load();
  const result: PollResult = {
    captured: [],
    fullSync: state.syncToken === null,
    resynced: false,
    failed: [],
  };

  let listed: ListResult;
  let windowStart = state.windowStart;
  const fullSync = async () => {
    windowStart = new Date(windowFor(state, now)).toISOString();
    result.fullSync = true;
    return deps.client.listEvents({ timeMin: windowStart });
  };
  try {
    if (state.syncToken) {
      try {
        listed = await deps.client.listEvents({ syncToken: state.syncToken });
      } catch (error) {
        if (!(error instanceof SyncTokenExpired)) throw error;
        result.resynced = true;
        listed = await fullSync();
      }
    } else listed = await fullSync();
  } catch (error) {
    await deps.save({ ...state, lastPollAt: now, lastError: messageOf(error) });
    throw error;
  }

  // Coming into view: the next week's meetings, when the last look that far ahead is getting old.
  let horizonUntil = result.fullSync ? now + HORIZON_MS : (state.horizonUntil ?? 0);
  let ahead: ListResult['events'] = [];
  if (horizonUntil - now < HORIZON_MS / 2) {
    try {
      const upcoming = await deps.client.listEvents({
        timeMin: new Date(now).toISOString(),
        timeMax: new Date(now + HORIZON_MS).toISOString(),
      });
      ahead = upcoming.events;
      horizonUntil = now + HORIZON_MS;
    } catch {
      // The sync itself worked; the look ahead is tried again at the next poll.
    }
  }

  const rules: HeldRules = { ...(await deps.rules()), now: new Date(now) };
  // A full listing is the whole truth: what is not in it (deleted meanwhile) is dropped.
  const pending: Record<string, Meeting> = result.fullSync ? {} : { ...state.pending };
  const oldest = windowStart ? Date.parse(windowStart) : -Infinity;
  // Incremental changes last: they are newer than the look ahead.
  for (const event of [...ahead, ...listed.events]) {
    const verdict = judgeEvent(event, rules);
    if (verdict.kind === 'never') {
      delete pending[event.id];
      continue;
    }
    const end = Date.parse(verdict.meeting.end ?? '');
    // An old meeting edited today is not a meeting held today; one far ahead comes back later.
    if (state.captured[event.id] !== undefined || end < oldest || end > horizonUntil) continue;
    pending[event.id] = verdict.meeting;
  }
  const captured = Object.fromEntries(
    Object.entries(state.captured).filter(([, at]) => now - at < CAPTURED_RETENTION_MS),
  );
  state = {
    ...state,
    syncToken: listed.nextSyncToken,
    windowStart,
    horizonUntil,
    pending,
    captured,
    lastPollAt: now,
    unreadable: listed.unreadable,
  };
  await deps.save(state);

  let failure: string | null = null;
  for (const [id, meeting] of Object.entries(state.pending)) {
    if (Date.parse(meeting.end ?? '') > now) continue;
    try {
      await deps.capture(meeting);
    } catch (error) {
      result.failed.push(id);
      failure ??= messageOf(error);
      continue;
    }
    result.captured.push(id);
    const { [id]: _done, ...rest } = state.pending;
    state = { ...state, pending: rest, captured: { ...state.captured, [id]: deps.now() } };
    await deps.save(state);
  }

  state = {
    ...state,
    lastSuccessAt: now,
    lastCaptured: result.captured.length,
    lastError: result.failed.length
      ? `${result.failed.length} ${result.failed.length === 1 ? 'meeting' : 'meetings'} not captured yet (${failure}); trying again at the next check.`
      : null,
  };
  await deps.save(state);
  return result;
}
