/**
 * events.list as Google documents it: every page followed, the sync token taken from the last
 * page, 410 Gone read as "sync fully again", a 401 refreshed once, odd events skipped and counted.
 */
import { describe, expect, it } from 'vitest';
import { createCalendarClient, SyncTokenExpired } from '../../../lib/google/calendar/client';

type Answer = { status: number; body: unknown };

function stubFetch(answers: Answer[]) {
  const urls: string[] = [];
  const auth: string[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    urls.push(String(input));
    auth.push(new Headers(init?.headers).get('authorization') ?? '');
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return new Response(JSON.stringify(next.body), {
      status: next.status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetchImpl, urls, auth };
}

const event = (id: string) => ({
  id,
  status: 'confirmed',
  start: { dateTime: '2026-11-24T15:00:00Z' },
  end: { dateTime: '2026-11-24T15:30:00Z' },
});

function client(fetchImpl: typeof fetch, tokens = ['t1', 't2']) {
  let refreshed = 0;
  const c = createCalendarClient({
    fetch: fetchImpl,
    accessToken: async () => tokens[0]!,
    refreshAccessToken: async () => {
      refreshed++;
      return tokens[1]!;
    },
  });
  return { c, refreshed: () => refreshed };
}

describe('events.list', () => {
  it('follows nextPageToken to the last page and keeps its nextSyncToken', async () => {
    const { fetchImpl, urls } = stubFetch([
      {
        status: 200,
        body: { summary: 'sam@ourco.com', items: [event('a'), event('b')], nextPageToken: 'p2' },
      },
      { status: 200, body: { items: [event('c')], nextPageToken: 'p3' } },
      { status: 200, body: { items: [], nextSyncToken: 'sync-9' } },
    ]);
    const result = await client(fetchImpl).c.listEvents({ timeMin: '2026-11-23T00:00:00.000Z' });
    expect(result.events.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(result.nextSyncToken).toBe('sync-9');
    expect(result.calendarSummary).toBe('sam@ourco.com');
    const [first, second] = urls.map((u) => new URL(u));
    expect(first!.origin + first!.pathname).toBe(
      'https://www.googleapis.com/calendar/v3/calendars/primary/events',
    );
    expect(first!.searchParams.get('singleEvents')).toBe('true');
    expect(first!.searchParams.get('timeMin')).toBe('2026-11-23T00:00:00.000Z');
    expect(second!.searchParams.get('pageToken')).toBe('p2');
    // Later pages repeat the query, as Google requires.
    expect(second!.searchParams.get('timeMin')).toBe('2026-11-23T00:00:00.000Z');
  });

  it('an incremental sync sends only the sync token (no time bounds, which Google refuses with it)', async () => {
    const { fetchImpl, urls } = stubFetch([{ status: 200, body: { items: [], nextSyncToken: 's2' } }]);
    await client(fetchImpl).c.listEvents({ syncToken: 's1' });
    const query = new URL(urls[0]!).searchParams;
    expect(query.get('syncToken')).toBe('s1');
    expect(query.has('timeMin')).toBe(false);
    expect(query.has('orderBy')).toBe(false);
  });

  it('410 Gone means the sync token expired', async () => {
    const gone = {
      error: {
        code: 410,
        message: 'Sync token is no longer valid, a full sync is required.',
        errors: [{ domain: 'calendar', reason: 'fullSyncRequired', message: '…' }],
      },
    };
    const { fetchImpl } = stubFetch([{ status: 410, body: gone }]);
    await expect(client(fetchImpl).c.listEvents({ syncToken: 'old' })).rejects.toBeInstanceOf(
      SyncTokenExpired,
    );
  });

  it('a 401 refreshes the token once and retries the page', async () => {
    const { fetchImpl, auth } = stubFetch([
      {
        status: 401,
        body: { error: { code: 401, message: 'Invalid Credentials', errors: [{ reason: 'authError' }] } },
      },
      { status: 200, body: { items: [event('a')], nextSyncToken: 's' } },
    ]);
    const { c, refreshed } = client(fetchImpl);
    const result = await c.listEvents({ syncToken: 's0' });
    expect(result.events).toHaveLength(1);
    expect(refreshed()).toBe(1);
    expect(auth).toEqual(['Bearer t1', 'Bearer t2']);
  });

  it('an event Dealside cannot read is skipped and counted, the others kept', async () => {
    const { fetchImpl } = stubFetch([
      { status: 200, body: { items: [event('a'), { status: 'confirmed' }, event('b')], nextSyncToken: 's' } },
    ]);
    const result = await client(fetchImpl).c.listEvents({ syncToken: 's0' });
    expect(result.events.map((e) => e.id)).toEqual(['a', 'b']);
    expect(result.unreadable).toBe(1);
  });

  it('a rate limit is a retryable error, not a crash', async () => {
    const body = {
      error: { code: 403, message: 'Rate Limit Exceeded', errors: [{ reason: 'rateLimitExceeded' }] },
    };
    const { fetchImpl } = stubFetch([{ status: 403, body }]);
    await expect(client(fetchImpl).c.listEvents({ syncToken: 's0' })).rejects.toMatchObject({
      kind: 'rate',
      retryable: true,
    });
  });
});
