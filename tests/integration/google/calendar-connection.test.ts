/**
 * The Calendar connection over real HTTP: lib/google (sign-in, events.list, the poller) against
 * the fake Google, with the real token exchange (scripts/hubspot-token-exchange, run for the
 * Google client) adding the client secret. `fetch(authorizeUrl, {redirect: 'manual'})` stands in
 * for launchWebAuthFlow; Google's hosts are mapped to the fake as --host-resolver-rules does.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { GOOGLE_CALENDAR_SCOPE } from '../../../lib/auth/google';
import { defaultConfig, type Config } from '../../../lib/config/schema';
import { createCalendarClient } from '../../../lib/google/calendar/client';
import { pollCalendar } from '../../../lib/google/calendar/poll';
import { calendarSync, emptySyncState } from '../../../lib/google/calendar/state';
import { listTodaysMeetings } from '../../../lib/google/calendar/today';
import { googleAccess, googleConnection } from '../../../lib/google/connection';
import { createGoogleAuth } from '../../../lib/google/session';
import type { Meeting } from '../../../lib/model';
import { startTokenExchangeServer } from '../../../scripts/hubspot-token-exchange/server';
import {
  GOOGLE_CLIENT_ID,
  GOOGLE_CLIENT_SECRET,
  startFakeGoogle,
  type FakeGoogle,
} from '../../support/fake-google';

const EXTENSION_ID = 'hmdjolibmnimciciepfhdckgegclnedc';
const REDIRECT = `https://${EXTENSION_ID}.chromiumapp.org/google`;
const HOUR = 3_600_000;

let google: FakeGoogle;
let exchange: { url: string; close(): Promise<void> };

beforeAll(async () => {
  google = await startFakeGoogle({ pageSize: 2 });
  exchange = await startTokenExchangeServer({
    clientId: GOOGLE_CLIENT_ID,
    clientSecret: GOOGLE_CLIENT_SECRET,
    allowedOrigins: [`chrome-extension://${EXTENSION_ID}`],
    tokenUrl: `${google.url}/token`,
  });
});
afterAll(async () => {
  await exchange.close();
  await google.close();
});
beforeEach(() => {
  fakeBrowser.reset();
  google.calendar.clear();
  google.clearRequests();
});

/** www.googleapis.com, oauth2.googleapis.com and accounts.google.com → the fake. */
const mappedFetch: typeof fetch = (input, init) =>
  fetch(
    String(input).replace(
      /^https:\/\/(www|oauth2)\.googleapis\.com|^https:\/\/accounts\.google\.com/,
      google.url,
    ),
    init,
  );

const config = (): Config => ({
  ...defaultConfig(),
  googleClientId: GOOGLE_CLIENT_ID,
  googleTokenExchangeUrl: `${exchange.url}/google/token`,
});

const auth = () =>
  createGoogleAuth({
    loadConfig: async () => config(),
    redirectUri: () => REDIRECT,
    fetch: mappedFetch,
    now: Date.now,
  });

async function connect(session = auth()) {
  const { authorizeUrl } = await session.begin();
  const approved = await mappedFetch(authorizeUrl, { redirect: 'manual' });
  expect(approved.status).toBe(302);
  return session.complete(approved.headers.get('location') ?? '');
}

const tokenCalls = () => google.requests().filter((r) => r.path === '/token');

describe('connecting Google Calendar', () => {
  it('asks Google for read-only calendar events, offline, with a PKCE challenge', async () => {
    const url = new URL((await auth().begin()).authorizeUrl);
    expect(url.origin + url.pathname).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: GOOGLE_CLIENT_ID,
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: GOOGLE_CALENDAR_SCOPE,
      access_type: 'offline',
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  });

  it('redeems the code through the exchange (the secret is added there, never by the extension)', async () => {
    const connection = await connect();
    expect(connection).toMatchObject({
      tokenUrl: `${exchange.url}/google/token`,
      scope: GOOGLE_CALENDAR_SCOPE,
    });
    expect(connection.refreshToken).toBeTruthy();
    const [call] = tokenCalls();
    expect(call!.form).toMatchObject({
      grant_type: 'authorization_code',
      client_id: GOOGLE_CLIENT_ID,
      client_secret: '<client_secret>',
      code_verifier: '<code_verifier>',
      redirect_uri: REDIRECT,
    });
    // The tokens sit where only the worker reads them.
    expect((await googleAccess.read())?.token).toMatch(/^ya29\./);
    expect(JSON.stringify(await fakeBrowser.storage.sync.get())).not.toContain('ya29.');
  });

  it('a code sent straight to Google without the secret is refused, as Google documents', async () => {
    const session = createGoogleAuth({
      loadConfig: async () => ({ ...config(), googleTokenExchangeUrl: `${google.url}/token` }),
      redirectUri: () => REDIRECT,
      fetch: mappedFetch,
      now: Date.now,
    });
    await expect(connect(session)).rejects.toThrow(/Google refused|client_secret is missing/);
  });

  it('refreshes an expired access token through the pinned exchange and carries on', async () => {
    const session = auth();
    await connect(session);
    const before = await session.accessToken();
    google.expireAccessTokens();
    const client = createCalendarClient({
      fetch: mappedFetch,
      accessToken: () => session.accessToken(),
      refreshAccessToken: () => session.forceRefresh(),
    });
    await expect(client.listEvents({ timeMin: new Date().toISOString() })).resolves.toBeTruthy();
    expect(await session.accessToken()).not.toBe(before);
    expect(tokenCalls().map((c) => c.form?.grant_type)).toEqual(['authorization_code', 'refresh_token']);
  });

  it('a refresh token revoked in the Google account ends the connection with a clear message', async () => {
    const session = auth();
    await connect(session);
    google.revokeAll();
    await expect(session.forceRefresh()).rejects.toThrow(/Connect again/);
    expect((await session.state()).state).toBe('expired');
  });

  it('disconnecting revokes the refresh token at Google and forgets every token', async () => {
    const session = auth();
    const connection = await connect(session);
    await session.signOut();
    expect(google.revoked()).toEqual([connection.refreshToken]);
    expect(await googleConnection.read()).toBeNull();
    expect(await googleAccess.read()).toBeNull();
    expect((await session.state()).state).toBe('signed-out');
  });
});

describe('polling over HTTP', () => {
  const me = { email: 'sam@ourco.com', self: true, responseStatus: 'accepted' as const };
  const jane = { email: 'jane@acme.com', displayName: 'Jane Doe', responseStatus: 'accepted' as const };
  const at = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

  it('pages through events.list, follows the sync token, and starts over after 410', async () => {
    const session = auth();
    await connect(session);
    const client = createCalendarClient({
      fetch: mappedFetch,
      accessToken: () => session.accessToken(),
      refreshAccessToken: () => session.forceRefresh(),
    });
    const ids = ['p1', 'p2', 'p3', 'p4', 'p5'];
    for (const id of ids)
      google.calendar.put({ id, summary: id, start: at(-3), end: at(-2), attendees: [me, jane] });
    google.calendar.put({
      id: 'declined',
      start: at(-3),
      end: at(-2),
      attendees: [{ ...me, responseStatus: 'declined' }, jane],
    });
    const captured: Meeting[] = [];
    const deps = {
      client,
      rules: async () => ({ repEmail: null, internalDomains: ['ourco.com'], personalDomains: [] }),
      capture: async (m: Meeting) => void captured.push(m),
      load: async () => (await calendarSync.read()) ?? emptySyncState(),
      save: (s: Awaited<ReturnType<typeof emptySyncState>>) => calendarSync.write(s),
      now: Date.now,
    };
    google.clearRequests();
    await pollCalendar(deps);
    const lists = () => google.requests().filter((r) => r.path === '/calendar/v3/calendars/primary/events');
    // Six events, two a page: three pages, the last with the sync token.
    expect(lists()).toHaveLength(3);
    expect(captured.map((m) => m.eventId).sort()).toEqual(ids);

    google.calendar.put({ id: 'new', summary: 'new', start: at(-1), end: at(-0.5), attendees: [me, jane] });
    await pollCalendar(deps);
    expect(lists().at(-1)!.query.syncToken).toBeTruthy();
    expect(captured.map((m) => m.eventId)).toContain('new');

    google.expireSyncTokens();
    google.clearRequests();
    const result = await pollCalendar(deps);
    expect(result.resynced).toBe(true);
    expect(lists().map((r) => r.status)).toEqual([410, 200, 200, 200, 200]);
    // Six meetings, each once: the resync repeats none.
    expect(captured).toHaveLength(6);
  });

  it("lists today's meetings for My day, in start order, without declined ones", async () => {
    const session = auth();
    await connect(session);
    const client = createCalendarClient({
      fetch: mappedFetch,
      accessToken: () => session.accessToken(),
      refreshAccessToken: () => session.forceRefresh(),
    });
    const now = new Date();
    const day = (h: number) =>
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), h)).toISOString();
    google.calendar.put({
      id: 't-late',
      summary: 'late',
      start: day(16),
      end: day(17),
      attendees: [me, jane],
    });
    google.calendar.put({
      id: 't-early',
      summary: 'early',
      start: day(9),
      end: day(10),
      attendees: [me, { email: 'kim@ourco.com' }],
    });
    google.calendar.put({
      id: 't-no',
      summary: 'no',
      start: day(11),
      end: day(12),
      attendees: [{ ...me, responseStatus: 'declined' }, jane],
    });
    const today = await listTodaysMeetings({
      client,
      rules: { repEmail: null, internalDomains: ['ourco.com'], personalDomains: [] },
      now,
    });
    expect(today.map((t) => [t.meeting.eventId, t.external])).toEqual([
      ['t-early', false],
      ['t-late', true],
    ]);
  });
});
