/**
 * Google Calendar `events.list` on the rep's primary calendar
 * (GET https://www.googleapis.com/calendar/v3/calendars/primary/events), every page followed
 * (`nextPageToken`) until the last one, which carries `nextSyncToken`. A sync token Google no
 * longer accepts answers 410 Gone: `SyncTokenExpired` tells the caller to sync fully again
 * (https://developers.google.com/workspace/calendar/api/guides/sync).
 */
import * as z from 'zod/mini';
import { CrmError } from '../../http/errors';
import { request, type ErrorReader } from '../../http/request';
import { CalendarEvent, EventsPage } from './schemas';

/** events.list on the rep's primary calendar. */
export const EVENTS_LIST_URL = 'https://www.googleapis.com/calendar/v3/calendars/primary/events';
const LABEL = 'Google Calendar';
/** Google's largest page; fewer round trips per poll. */
const PAGE_SIZE = 2500;
/** A runaway pager (a token that never ends) stops here; the next poll starts over. */
const MAX_PAGES = 50;

export class SyncTokenExpired extends Error {
  override name = 'SyncTokenExpired';
}

export interface CalendarClientDeps {
  fetch: typeof fetch;
  accessToken(): Promise<string>;
  /** After a 401: a new token, once. */
  refreshAccessToken(): Promise<string>;
  /** Another origin for the same path (tests). */
  baseUrl?: string;
}

export type ListQuery = { syncToken: string } | { timeMin: string; timeMax?: string; orderBy?: 'startTime' };

export interface ListResult {
  events: CalendarEvent[];
  /** Events Google sent that Dealside could not read (skipped, and said so). */
  unreadable: number;
  nextSyncToken: string | null;
  /** The primary calendar's title: the rep's address. */
  calendarSummary: string | null;
}

const GoogleErrorBody = z.looseObject({
  error: z.optional(
    z.union([
      z.string(),
      z.looseObject({
        message: z.optional(z.string()),
        errors: z.optional(z.array(z.looseObject({ reason: z.optional(z.string()) }))),
      }),
    ]),
  ),
});

const readGoogleError: ErrorReader = (status, raw) => {
  const parsed = GoogleErrorBody.safeParse(raw);
  const error = parsed.success ? parsed.data.error : undefined;
  if (typeof error === 'object') {
    const reason = error.errors?.[0]?.reason;
    const limited = reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded';
    return {
      message: error.message ?? `Google answered ${status}`,
      code: reason,
      ...(limited ? { kind: 'rate' as const } : {}),
    };
  }
  return typeof error === 'string' ? { message: error, code: error } : undefined;
};

function pageUrl(url: string, query: ListQuery, pageToken: string | null): string {
  const params = new URLSearchParams({ maxResults: String(PAGE_SIZE), singleEvents: 'true' });
  if ('syncToken' in query) params.set('syncToken', query.syncToken);
  else {
    params.set('timeMin', query.timeMin);
    if (query.timeMax) params.set('timeMax', query.timeMax);
    if (query.orderBy) params.set('orderBy', query.orderBy);
  }
  if (pageToken) params.set('pageToken', pageToken);
  return `${url}?${params.toString()}`;
}

export function createCalendarClient(deps: CalendarClientDeps) {
  const url = deps.baseUrl
    ? new URL(new URL(EVENTS_LIST_URL).pathname, deps.baseUrl).toString()
    : EVENTS_LIST_URL;

  async function get(url: string) {
    const send = async (token: string) =>
      request(
        deps.fetch,
        { method: 'GET', url, headers: { authorization: `Bearer ${token}` } },
        readGoogleError,
        LABEL,
      );
    try {
      try {
        return await send(await deps.accessToken());
      } catch (error) {
        if (!(error instanceof CrmError) || error.status !== 401) throw error;
        return await send(await deps.refreshAccessToken());
      }
    } catch (error) {
      if (error instanceof CrmError && error.status === 410) throw new SyncTokenExpired(error.message);
      throw error;
    }
  }

  return {
    async listEvents(query: ListQuery): Promise<ListResult> {
      const events: CalendarEvent[] = [];
      let unreadable = 0;
      let pageToken: string | null = null;
      let calendarSummary: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const res = await get(pageUrl(url, query, pageToken));
        const parsed = EventsPage.safeParse(res.body);
        if (!parsed.success) throw new CrmError('validation', `${LABEL}: an answer Dealside cannot read.`);
        calendarSummary ??= parsed.data.summary ?? null;
        for (const raw of parsed.data.items ?? []) {
          const event = CalendarEvent.safeParse(raw);
          if (event.success) events.push(event.data);
          else unreadable++;
        }
        pageToken = parsed.data.nextPageToken ?? null;
        if (!pageToken)
          return { events, unreadable, nextSyncToken: parsed.data.nextSyncToken ?? null, calendarSummary };
      }
      throw new CrmError(
        'transient',
        `${LABEL}: more pages than Dealside reads at once; trying again later.`,
      );
    },
  };
}
export type CalendarClient = ReturnType<typeof createCalendarClient>;
