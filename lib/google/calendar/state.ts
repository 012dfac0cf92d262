/**
 * What the Calendar poller remembers between runs, in `storage.local` so a stopped worker (or a
 * closed browser) resumes where it was: the sync token, the external meetings not yet captured
 * (so one that ends without ever changing is still captured), and which were captured.
 */
import * as z from 'zod/mini';
import { Meeting } from '../../model';
import { storedValue } from '../../storage/declare';

export const CalendarSyncState = z.object({
  syncToken: z.nullable(z.string()),
  /** Start of the last full sync: older meetings (edited later) are never captured. */
  windowStart: z.nullable(z.string()),
  /** Pending holds every external meeting ending before this (ms); later ones are listed again. */
  horizonUntil: z.optional(z.nullable(z.number())),
  /** External meetings by event id, captured once they have ended. */
  pending: z.record(z.string(), Meeting),
  /** Event id → when it was captured (ms). Pruned after `CAPTURED_RETENTION_MS`. */
  captured: z.record(z.string(), z.number()),
  lastPollAt: z.nullable(z.number()),
  lastSuccessAt: z.nullable(z.number()),
  /** Why the last poll failed, in words, or null. */
  lastError: z.nullable(z.string()),
  /** Events Google sent that could not be read in the last poll. */
  unreadable: z.int(),
  /** Meetings handed to capture in the last successful poll. */
  lastCaptured: z.int(),
});
export type CalendarSyncState = z.infer<typeof CalendarSyncState>;

export const calendarSync = storedValue('local:google.calendar.sync', CalendarSyncState);

export function emptySyncState(): CalendarSyncState {
  return {
    syncToken: null,
    windowStart: null,
    horizonUntil: null,
    pending: {},
    captured: {},
    lastPollAt: null,
    lastSuccessAt: null,
    lastError: null,
    unreadable: 0,
    lastCaptured: 0,
  };
}
