/** Messages the panel sends the worker about the optional Google Calendar connection. */
import * as z from 'zod/mini';
import type { MessageSpec } from './core';

export const GoogleCalendarStatus = z.object({
  state: z.enum(['off', 'signed-out', 'connected', 'expired']),
  /** Why the connection cannot be made or does not work now, in words for the rep, or null. */
  problem: z.nullable(z.string()),
  connectedAt: z.nullable(z.string()),
  lastPollAt: z.nullable(z.number()),
  lastSuccessAt: z.nullable(z.number()),
  lastError: z.nullable(z.string()),
  /** Meetings handed to capture in the last check. */
  lastCaptured: z.int(),
  /** External meetings seen that have not ended yet. */
  waiting: z.int(),
  /** Events Google sent that Dealside could not read (last check). */
  unreadable: z.int(),
});
export type GoogleCalendarStatus = z.infer<typeof GoogleCalendarStatus>;

export const googleProtocol = {
  'google.status': { from: ['extension-page'], request: z.object({}), response: GoogleCalendarStatus },
  'google.begin': {
    from: ['extension-page'],
    request: z.object({}),
    response: z.object({ authorizeUrl: z.string() }),
  },
  'google.complete': {
    from: ['extension-page'],
    request: z.object({ redirectUrl: z.string() }),
    response: GoogleCalendarStatus,
  },
  /** "Check now": one poll, then the status. */
  'google.poll': { from: ['extension-page'], request: z.object({}), response: GoogleCalendarStatus },
  'google.signOut': { from: ['extension-page'], request: z.object({}), response: GoogleCalendarStatus },
} as const satisfies Record<string, MessageSpec>;
