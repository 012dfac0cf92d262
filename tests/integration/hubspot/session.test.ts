/**
 * Sign-in end to end, minus the browser window: lib/auth/session.ts with hubspotOAuth, the real
 * token exchange server (scripts/hubspot-token-exchange) on a local port, and the fake CRM as
 * HubSpot. `fetch(authorizeUrl, {redirect: 'manual'})` stands in for launchWebAuthFlow.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { hubspotOAuth } from '../../../lib/auth/hubspot';
import type { OAuthProvider } from '../../../lib/auth/provider';
import { createAuth } from '../../../lib/auth/session';
import { tokenStore } from '../../../lib/auth/tokens';
import { defaultConfig, type Config } from '../../../lib/config/schema';
import { createMemoryCache } from '../../../lib/crm/cache';
import { CrmError } from '../../../lib/http/errors';
import { createHubSpotAdapter } from '../../../lib/crm/hubspot';
import { createLimiter, type LimiterState } from '../../../lib/crm/limiter';
import { startTokenExchangeServer } from '../../../scripts/hubspot-token-exchange/server';
import { HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET, type FakeCrm } from '../../support/fake-crm';
import { startCrm } from './helpers';

const EXTENSION_ID = 'hmdjolibmnimciciepfhdckgegclnedc';
const REDIRECT = `https://${EXTENSION_ID}.chromiumapp.org/hubspot`;

let crm: FakeCrm;
let exchange: { url: string; close(): Promise<void> };
const exchangeLog: string[] = [];

beforeAll(async () => {
  crm = await startCrm();
  exchange = await startTokenExchangeServer({
    clientId: HUBSPOT_CLIENT_ID,
    clientSecret: HUBSPOT_CLIENT_SECRET,
    allowedOrigins: [`chrome-extension://${EXTENSION_ID}`],
    tokenUrl: `${crm.url}/oauth/v3/token`,
    log: (line) => exchangeLog.push(line),
  });
});
afterAll(async () => {
  await exchange.close();
  await crm.close();
});
beforeEach(() => {
  fakeBrowser.reset();
  crm.reset();
  exchangeLog.length = 0;
});

const unused: OAuthProvider = {
  provider: 'salesforce',
  configProblem: () => 'not in this test',
  tokenUrl: () => null,
  originsToRequest: () => [],
  authorizeUrl: () => '',
  exchangeCode: () => Promise.reject(new Error('unused')),
  refresh: () => Promise.reject(new Error('unused')),
  revoke: () => Promise.resolve(),
};

function config(overrides: Partial<Config> = {}): Config {
  return {
    ...defaultConfig(),
    crmProvider: 'hubspot',
    hubspotClientId: HUBSPOT_CLIENT_ID,
    hubspotTokenExchangeUrl: `${exchange.url}/hubspot/token`,
    hubspotAppUrl: crm.url,
    ...overrides,
  };
}

/** The worker's fetch, with api.hubapi.com mapped to the fake (as --host-resolver-rules does in e2e). */
const mappedFetch: typeof fetch = (input, init) =>
  fetch(String(input).replace('https://api.hubapi.com', crm.url), init);

function auth(settings: Config = config(), fetchImpl: typeof fetch = mappedFetch) {
  return createAuth({
    providers: { hubspot: hubspotOAuth, salesforce: unused },
    loadConfig: async () => settings,
    redirectUri: () => REDIRECT,
    fetch: fetchImpl,
    now: () => crm.clock.nowMs(),
  });
}

async function signIn(session: ReturnType<typeof auth>) {
  const { authorizeUrl, origins } = await session.begin('hubspot');
  expect(origins).toEqual([]);
  const approved = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(approved.status).toBe(302);
  return session.complete(approved.headers.get('location') ?? '');
}

const v1Requests = () => crm.requests().filter((r) => r.path.startsWith('/oauth/v1/'));

const tokenRequests = (grant: string) =>
  crm
    .requests()
    .filter((r) => r.path === '/oauth/v3/token' && (r.body as Record<string, string>).grant_type === grant);

describe('HubSpot sign-in through the token exchange', () => {
  it('builds the authorize URL with only documented parameters: client id, minimal scopes, redirect, state', async () => {
    const { authorizeUrl } = await auth().begin('hubspot');
    const url = new URL(authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${crm.url}/oauth/authorize`);
    expect([...url.searchParams.keys()].sort()).toEqual(['client_id', 'redirect_uri', 'scope', 'state']);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: HUBSPOT_CLIENT_ID,
      redirect_uri: REDIRECT,
      scope:
        'oauth crm.objects.contacts.read crm.objects.contacts.write crm.objects.companies.read crm.objects.deals.read crm.objects.deals.write crm.objects.owners.read sales-email-read',
    });
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{32}$/);
  });

  it('signs in: code → exchange (secret added there) → tokens, user, portal and owner id', async () => {
    const session = auth();
    const status = await signIn(session);
    expect(status).toMatchObject({
      provider: 'hubspot',
      state: 'signed-in',
      method: 'oauth',
      userEmail: 'sam@ourco.com',
      userName: 'Sam Rep',
    });
    expect(await session.connection()).toMatchObject({
      tenantId: '4242424',
      crmUserId: crm.store.bookIds.hubspot.u1,
      apiBaseUrl: 'https://api.hubapi.com',
      refreshToken: expect.stringMatching(/^na1-/),
    });
    const exchanged = tokenRequests('authorization_code');
    expect(exchanged).toHaveLength(1);
    // The extension sent no secret; the exchange added it (the recorder shows it truncated).
    expect((exchanged[0]?.body as Record<string, string>).client_secret).toMatch(/^dealside…$/);
    expect((exchanged[0]?.body as Record<string, string>).redirect_uri).toBe(REDIRECT);
    expect(exchangeLog).toEqual([
      expect.stringMatching(/^POST authorization_code → 200 in \d+ ms$/),
      expect.stringMatching(/^POST introspect → 200 in \d+ ms$/),
    ]);
    expect((await session.status()).identityProblem).toBeNull();
    expect(v1Requests()).toEqual([]);

    const token = await session.accessToken();
    const owners = await fetch(`${crm.url}/crm/v3/owners?email=sam@ourco.com`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(owners.status).toBe(200);
  });

  it('refreshes once for many concurrent callers after the token expires', async () => {
    const session = auth();
    await signIn(session);
    const before = await session.accessToken();
    crm.clock.advance(31 * 60_000);
    const tokens = await Promise.all(Array.from({ length: 6 }, () => session.accessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(before);
    expect(tokenRequests('refresh_token')).toHaveLength(1);
    // The refreshed token works.
    const owners = await fetch(`${crm.url}/crm/v3/owners`, {
      headers: { authorization: `Bearer ${tokens[0]}` },
    });
    expect(owners.status).toBe(200);
    // Refresh keeps who signed in, without asking again.
    expect((await session.status()).userEmail).toBe('sam@ourco.com');
    expect(exchangeLog.filter((line) => line.includes('introspect'))).toHaveLength(1);
    expect(v1Requests()).toEqual([]);
  });

  it('drives the adapter: a 401 mid-session refreshes through the exchange and the read succeeds', async () => {
    const session = auth();
    await signIn(session);
    let limiterState: LimiterState | undefined;
    const adapter = createHubSpotAdapter({
      deps: {
        fetch: mappedFetch,
        accessToken: () => session.accessToken(),
        refreshAccessToken: () => session.forceRefresh(),
        now: () => crm.clock.now(),
      },
      apiBaseUrl: crm.url,
      portalId: (await session.connection())?.tenantId ?? null,
      limiter: createLimiter({
        store: { load: async () => limiterState, save: async (s) => void (limiterState = s) },
        now: () => crm.clock.nowMs(),
        sleep: async () => undefined,
      }),
      sleep: async () => undefined,
      cache: createMemoryCache(),
      settings: { stageReasonProperty: '', logKeyProperty: '' },
    });
    crm.expireTokens('hubspot');
    const data = await adapter.matchData({ emails: ['jane@acme.com'], domains: ['acme.com'] });
    expect(data.opportunities.map((o) => o.name)).toContain('Acme — Platform');
    expect(tokenRequests('refresh_token')).toHaveLength(1);
  });

  it('signs out: revokes the refresh token through the exchange and forgets every token', async () => {
    const session = auth();
    await signIn(session);
    const refreshToken = (await session.connection())?.refreshToken ?? '';
    await session.signOut();
    expect(crm.requests().filter((r) => r.path === '/oauth/v3/token/revoke')).toHaveLength(1);
    expect(await session.connection()).toBeNull();
    expect((await session.status()).state).toBe('signed-out');
    // HubSpot no longer honours the refresh token: an invalid_grant, i.e. "sign in again".
    const error = await hubspotOAuth
      .refresh({
        config: config(),
        connection: {
          provider: 'hubspot',
          method: 'oauth',
          refreshToken,
          apiBaseUrl: 'https://api.hubapi.com',
          authBaseUrl: config().hubspotTokenExchangeUrl,
          tenantId: null,
          userEmail: null,
          userName: null,
          crmUserId: null,
          connectedAt: new Date().toISOString(),
        },
        fetch: mappedFetch,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ kind: 'auth' });
    expect((error as CrmError).message).not.toContain(refreshToken);
  });

  it('tells the rep what the admin still has to set, unless a private-app token is pushed', () => {
    expect(hubspotOAuth.configProblem(config({ hubspotClientId: '' }))).toMatch(/client id/);
    expect(hubspotOAuth.configProblem(config({ hubspotTokenExchangeUrl: '' }))).toMatch(/token exchange/);
    expect(hubspotOAuth.configProblem(config())).toBeNull();
    expect(
      hubspotOAuth.configProblem(
        config({
          hubspotClientId: '',
          hubspotTokenExchangeUrl: '',
          hubspotPrivateAppToken: 'pat-na1-demo-private-app',
        }),
      ),
    ).toBeNull();
  });

  it('reports an exchange that refuses this extension as a settings problem', async () => {
    const wrongExchange = auth(config({ hubspotTokenExchangeUrl: `${crm.url}/no-such-exchange` }));
    const { authorizeUrl } = await wrongExchange.begin('hubspot');
    const approved = await fetch(authorizeUrl, { redirect: 'manual' });
    const error = await wrongExchange
      .complete(approved.headers.get('location') ?? '')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ kind: 'config' });
  });
});

describe('the token exchange is pinned at sign-in', () => {
  /** Another address on the fake server: whatever reaches it is recorded, so a leak would show. */
  const elsewhere = () => `${crm.url}/attacker-exchange`;
  const leaked = () => crm.requests().filter((r) => r.path === '/attacker-exchange');

  it('refreshes and revokes through the exchange the rep signed in with, whatever the setting says now', async () => {
    const settings = config();
    const session = auth(settings);
    await signIn(session);
    expect((await session.connection())?.authBaseUrl).toBe(`${exchange.url}/hubspot/token`);

    settings.hubspotTokenExchangeUrl = elsewhere();
    crm.clock.advance(31 * 60_000);
    const token = await session.accessToken();
    expect(tokenRequests('refresh_token')).toHaveLength(1);
    expect(exchangeLog).toContainEqual(expect.stringMatching(/^POST refresh_token → 200/));
    expect(
      (await fetch(`${crm.url}/crm/v3/owners`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
    await session.signOut();
    expect(crm.requests().filter((r) => r.path === '/oauth/v3/token/revoke')).toHaveLength(1);
    expect(leaked()).toEqual([]);
  });

  it('exchanges the code where the sign-in started, even if the setting changed while the rep was on HubSpot', async () => {
    const settings = config();
    const session = auth(settings);
    const { authorizeUrl } = await session.begin('hubspot');
    const approved = await fetch(authorizeUrl, { redirect: 'manual' });
    settings.hubspotTokenExchangeUrl = elsewhere();
    await session.complete(approved.headers.get('location') ?? '');
    expect(tokenRequests('authorization_code')).toHaveLength(1);
    expect(leaked()).toEqual([]);
  });

  it('a connection from before the pinning refreshes only through an exchange the policy sets', async () => {
    const settings = config();
    await signIn(auth(settings));
    const legacy = { ...(await tokenStore.connection())!, authBaseUrl: null };
    await tokenStore.saveConnection(legacy);
    await tokenStore.clearAccessToken();

    // The rep's own (unlocked) setting is not trusted: sign in again, nothing sent anywhere.
    settings.hubspotTokenExchangeUrl = elsewhere();
    const rep = createAuth({
      providers: { hubspot: hubspotOAuth, salesforce: unused },
      loadConfig: async () => settings,
      isLocked: async () => false,
      redirectUri: () => REDIRECT,
      fetch: mappedFetch,
      now: () => crm.clock.nowMs(),
    });
    await expect(rep.accessToken()).rejects.toMatchObject({ kind: 'auth' });
    expect(leaked()).toEqual([]);
    expect((await rep.status()).state).toBe('expired');

    // The administrator's value is: it is pinned and used.
    await tokenStore.saveConnection(legacy);
    settings.hubspotTokenExchangeUrl = `${exchange.url}/hubspot/token`;
    const managed = createAuth({
      providers: { hubspot: hubspotOAuth, salesforce: unused },
      loadConfig: async () => settings,
      isLocked: async (key) => key === 'hubspotTokenExchangeUrl',
      redirectUri: () => REDIRECT,
      fetch: mappedFetch,
      now: () => crm.clock.nowMs(),
    });
    await expect(managed.accessToken()).resolves.toEqual(expect.any(String));
    expect((await managed.connection())?.authBaseUrl).toBe(`${exchange.url}/hubspot/token`);
    expect(tokenRequests('refresh_token')).toHaveLength(1);
  });
});

describe('HubSpot: who signed in, from v3 answers only (OAuth v1 is gone)', () => {
  /** A token answer that names neither the portal nor the user (both are optional in the docs). */
  const withoutIdsInTokenAnswer: typeof fetch = async (input, init) => {
    const response = await mappedFetch(input, init);
    const form = new URLSearchParams(typeof init?.body === 'string' ? init.body : '');
    if (!String(input).startsWith(exchange.url) || !form.get('grant_type')) return response;
    const body = (await response.json()) as Record<string, unknown>;
    delete body.hub_id;
    delete body.user_id;
    return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
  };
  const ownerCalls = () =>
    crm
      .requests()
      .filter((r) => r.path.startsWith('/crm/v3/owners'))
      .map((r) => `${r.path}?${new URLSearchParams(r.query as Record<string, string>).toString()}`);

  it('learns the owner from the user id in the token answer when introspection says only {active: true}', async () => {
    crm.store.settings.hubspotIntrospection = 'active-only';
    const session = auth();
    const status = await signIn(session);
    expect(status).toMatchObject({ state: 'signed-in', userEmail: 'sam@ourco.com', identityProblem: null });
    expect(await session.connection()).toMatchObject({
      tenantId: '4242424',
      crmUserId: crm.store.bookIds.hubspot.u1,
    });
    expect(ownerCalls()).toEqual([`/crm/v3/owners/9001?idProperty=userId`]);
    expect(v1Requests()).toEqual([]);
  });

  it('learns portal, user and email from introspection when the token answer carries no ids', async () => {
    const session = auth(config(), withoutIdsInTokenAnswer);
    const status = await signIn(session);
    expect(status).toMatchObject({ userEmail: 'sam@ourco.com', userName: 'Sam Rep', identityProblem: null });
    expect(await session.connection()).toMatchObject({
      tenantId: '4242424',
      crmUserId: crm.store.bookIds.hubspot.u1,
    });
  });

  it('still finds the owner when the token exchange predates introspection (it refuses the action)', async () => {
    const oldExchange: typeof fetch = async (input, init) => {
      const form = new URLSearchParams(typeof init?.body === 'string' ? init.body : '');
      if (form.get('action') === 'introspect') {
        return new Response(JSON.stringify({ error: 'unsupported_grant_type' }), { status: 400 });
      }
      return mappedFetch(input, init);
    };
    const session = auth(config(), oldExchange);
    const status = await signIn(session);
    expect(status.identityProblem).toBeNull();
    expect((await session.connection())?.crmUserId).toBe(crm.store.bookIds.hubspot.u1);
  });

  it('says so when nothing names the user, keeps the sign-in, and learns it on a later refresh', async () => {
    crm.store.settings.hubspotIntrospection = 'active-only';
    let stripIds = true;
    const session = auth(config(), (input, init) =>
      stripIds ? withoutIdsInTokenAnswer(input, init) : mappedFetch(input, init),
    );
    const status = await signIn(session);
    expect(status.state).toBe('signed-in');
    expect(status.identityProblem).toMatch(/could not tell which HubSpot owner you are/);
    expect(status.identityProblem).toMatch(/neither your user id nor your email/);
    // The portal id still comes from the account details (v3), so caches stay per portal.
    expect(await session.connection()).toMatchObject({ crmUserId: null, tenantId: '4242424' });
    expect(crm.requests().some((r) => r.path === '/account-info/v3/details')).toBe(true);

    stripIds = false;
    crm.clock.advance(31 * 60_000);
    await session.accessToken();
    expect((await session.status()).identityProblem).toBeNull();
    expect((await session.connection())?.crmUserId).toBe(crm.store.bookIds.hubspot.u1);
    expect(v1Requests()).toEqual([]);
  });

  it('says which lookup failed when HubSpot has no owner for the user', async () => {
    const session = auth();
    const { authorizeUrl } = await session.begin('hubspot');
    const approved = await fetch(authorizeUrl, { redirect: 'manual' });
    // Sam approved the app, then an admin removed Sam's owner record.
    crm.store.hubspot.owners = crm.store.hubspot.owners.filter((o) => o.email !== 'sam@ourco.com');
    const status = await session.complete(approved.headers.get('location') ?? '');
    expect(status.state).toBe('signed-in');
    expect(status.identityProblem).toMatch(/no HubSpot owner has the email sam@ourco.com/);
  });
});
