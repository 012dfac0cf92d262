import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OAuthProvider } from '../../../lib/auth/provider';
import { salesforceOAuth, salesforceOrigin } from '../../../lib/auth/salesforce';
import { createAuth } from '../../../lib/auth/session';
import { tokenStore } from '../../../lib/auth/tokens';
import { defaultConfig, type Config } from '../../../lib/config/schema';
import { createMemoryCache } from '../../../lib/crm/cache';
import { createLimiter, type LimiterState } from '../../../lib/crm/limiter';
import { createSalesforceAdapter } from '../../../lib/crm/salesforce';
import { startFakeCrm, type FakeCrm, type RecordedRequest } from '../../support/fake-crm';
import { NOW, VERSION, startCrm } from './helpers';

const REDIRECT = 'https://hmdjolibmnimciciepfhdckgegclnedc.chromiumapp.org/salesforce';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => {
  fakeBrowser.reset();
  crm.reset();
});

function config(overrides: Partial<Config> = {}): Config {
  return {
    ...defaultConfig(),
    crmProvider: 'salesforce',
    salesforceLoginUrl: crm.url,
    salesforceClientId: 'dealside-demo-salesforce',
    ...overrides,
  };
}

const unused: OAuthProvider = {
  ...salesforceOAuth,
  provider: 'hubspot',
  configProblem: () => 'not used in these tests',
};

function makeAuth(cfg = config()) {
  return createAuth({
    providers: { hubspot: unused, salesforce: salesforceOAuth },
    loadConfig: async () => cfg,
    redirectUri: () => REDIRECT,
    fetch,
    now: () => Date.now(),
  });
}

const oauthCalls = (path: string): RecordedRequest[] => crm.requests().filter((r) => r.path === path);

async function signIn(auth = makeAuth()) {
  const { authorizeUrl, origins } = await auth.begin('salesforce');
  const res = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const status = await auth.complete(res.headers.get('location') ?? '');
  return { auth, authorizeUrl, origins, status };
}

describe('Salesforce sign-in (PKCE, no secret) through lib/auth/session.ts', () => {
  it('begins, authorizes, exchanges the code without a secret and knows who signed in', async () => {
    const { auth, authorizeUrl, origins, status } = await signIn();
    const url = new URL(authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${crm.url}/services/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'dealside-demo-salesforce',
      redirect_uri: REDIRECT,
      code_challenge_method: 'S256',
      scope: 'api refresh_token id',
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toEqual(expect.any(String));
    expect(authorizeUrl).toContain('scope=api%20refresh_token%20id');
    expect(origins).toEqual(['http://127.0.0.1/*']);

    expect(status).toMatchObject({
      provider: 'salesforce',
      state: 'signed-in',
      method: 'oauth',
      userEmail: 'sam@ourco.com',
      userName: 'Sam Rep',
    });
    const [exchange] = oauthCalls('/services/oauth2/token');
    expect(exchange?.status).toBe(200);
    const form = exchange?.body as Record<string, string>;
    expect(Object.keys(form).sort()).toEqual([
      'client_id',
      'code',
      'code_verifier',
      'grant_type',
      'redirect_uri',
    ]);
    expect(form).toMatchObject({
      grant_type: 'authorization_code',
      client_id: 'dealside-demo-salesforce',
      redirect_uri: REDIRECT,
    });
    expect(form).not.toHaveProperty('client_secret');

    const connection = await auth.connection();
    expect(connection).toMatchObject({
      provider: 'salesforce',
      apiBaseUrl: crm.url,
      authBaseUrl: crm.url,
      tenantId: crm.store.salesforce.orgId,
      crmUserId: crm.store.bookIds.salesforce.u1,
    });
    const token = await auth.accessToken();
    const me = await fetch(`${crm.url}/services/data/${VERSION}/limits`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(200);
    // The login's verifier is single-use.
    await expect(auth.complete(`${REDIRECT}?code=x&state=y`)).rejects.toMatchObject({ kind: 'auth' });
  });

  it('finishes a sign-in begun by a worker that was stopped while the rep was on the login page', async () => {
    const { authorizeUrl } = await makeAuth().begin('salesforce');
    const res = await fetch(authorizeUrl, { redirect: 'manual' });
    // A new worker: nothing in memory, only what begin() stored in storage.session.
    const status = await makeAuth().complete(res.headers.get('location') ?? '');
    expect(status).toMatchObject({ state: 'signed-in', userEmail: 'sam@ourco.com' });
  });

  it('refreshes after a 401 with ONE token request shared by concurrent callers', async () => {
    const { auth } = await signIn();
    const before = await auth.accessToken();
    crm.expireTokens('salesforce');
    crm.clearRequests();
    const tokens = await Promise.all([auth.forceRefresh(), auth.forceRefresh(), auth.forceRefresh()]);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(before);
    const refreshes = oauthCalls('/services/oauth2/token');
    expect(refreshes).toHaveLength(1);
    expect(Object.keys(refreshes[0]?.body as object).sort()).toEqual([
      'client_id',
      'grant_type',
      'refresh_token',
    ]);
    expect(await auth.accessToken()).toBe(tokens[0]);
  });

  it('lets the adapter recover from an expired session through the shared refresh', async () => {
    const { auth } = await signIn();
    const connection = await auth.connection();
    let state: LimiterState | undefined;
    const adapter = createSalesforceAdapter({
      deps: {
        fetch,
        accessToken: () => auth.accessToken(),
        refreshAccessToken: () => auth.forceRefresh(),
        now: () => crm.clock.now(),
      },
      instanceUrl: connection?.apiBaseUrl ?? '',
      apiVersion: VERSION,
      orgId: connection?.tenantId ?? null,
      userId: connection?.crmUserId ?? null,
      limiter: createLimiter({
        store: { load: async () => state, save: async (next) => void (state = next) },
        now: () => 0,
        sleep: async () => undefined,
      }),
      sleep: async () => undefined,
      cache: createMemoryCache(),
      settings: { stageReasonField: '', logKeyField: '' },
    });
    crm.expireTokens('salesforce');
    crm.clearRequests();
    const owner = await adapter.ownerByEmail('sam@ourco.com');
    expect(owner?.name).toBe('Sam Rep');
    expect(crm.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `GET /services/data/${VERSION}/query 401`,
      'POST /services/oauth2/token 200',
      `GET /services/data/${VERSION}/query 200`,
    ]);
  });

  it('keeps a rotated refresh token', async () => {
    crm.store.settings.salesforceRefreshTokenRotation = true;
    const { auth } = await signIn();
    const first = (await tokenStore.connection())?.refreshToken;
    await auth.forceRefresh();
    const second = (await tokenStore.connection())?.refreshToken;
    expect(second).toEqual(expect.any(String));
    expect(second).not.toBe(first);
    await expect(auth.forceRefresh()).resolves.toEqual(expect.any(String));
  });

  it('reports "expired" when the refresh token is refused (invalid_grant)', async () => {
    const { auth } = await signIn();
    const refreshToken = (await tokenStore.connection())?.refreshToken ?? '';
    const revoked = await fetch(`${crm.url}/services/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: refreshToken }),
    });
    expect(revoked.status).toBe(200);
    await expect(auth.forceRefresh()).rejects.toMatchObject({ kind: 'auth' });
    expect((await auth.status()).state).toBe('expired');
  });

  it('revokes the refresh token on sign-out', async () => {
    const { auth } = await signIn();
    const refreshToken = (await tokenStore.connection())?.refreshToken ?? '';
    crm.clearRequests();
    await auth.signOut();
    const [revoke] = oauthCalls('/services/oauth2/revoke');
    expect(revoke).toMatchObject({ method: 'POST', status: 200 });
    expect((revoke?.body as Record<string, string>).token).toBe(`${refreshToken.slice(0, 8)}…`);
    expect((await auth.status()).state).toBe('signed-out');
    const reuse = await fetch(`${crm.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: 'dealside-demo-salesforce',
        refresh_token: refreshToken,
      }),
    });
    expect(reuse.status).toBe(400);
  });
});

describe('salesforceOAuth configuration', () => {
  it('explains what is missing in plain words', () => {
    expect(salesforceOAuth.configProblem(config({ salesforceClientId: '' }))).toMatch(/consumer key/);
    expect(
      salesforceOAuth.configProblem(config({ salesforceLoginUrl: 'http://acme.my.salesforce.com' })),
    ).toMatch(/https:\/\//);
    expect(salesforceOAuth.configProblem(config())).toBeNull();
  });

  it('asks for the login host, plus the My Domain pattern behind the generic login hosts', () => {
    expect(
      salesforceOAuth.originsToRequest(config({ salesforceLoginUrl: 'https://acme.my.salesforce.com/' })),
    ).toEqual(['https://acme.my.salesforce.com/*']);
    expect(
      salesforceOAuth.originsToRequest(config({ salesforceLoginUrl: 'https://login.salesforce.com' })),
    ).toEqual(['https://login.salesforce.com/*', 'https://*.my.salesforce.com/*']);
    expect(
      salesforceOAuth.originsToRequest(config({ salesforceLoginUrl: 'https://test.salesforce.com' })),
    ).toEqual(['https://test.salesforce.com/*', 'https://*.sandbox.my.salesforce.com/*']);
  });

  it('turns a bad client id into a configuration error', async () => {
    const auth = makeAuth(config({ salesforceClientId: 'wrong-client' }));
    const { authorizeUrl } = await auth.begin('salesforce');
    const res = await fetch(authorizeUrl, { redirect: 'manual' });
    expect(res.status).toBe(400);
    await expect(
      salesforceOAuth.exchangeCode({
        config: config({ salesforceClientId: 'wrong-client' }),
        tokenUrl: crm.url,
        code: 'c',
        redirectUri: REDIRECT,
        verifier: 'v'.repeat(43),
        fetch,
      }),
    ).rejects.toMatchObject({
      kind: 'config',
      message: expect.stringMatching(/consumer key and callback URL/),
    });
  });
});

describe('Salesforce hosts are checked and pinned at sign-in', () => {
  it.each([
    ['https://acme.my.salesforce.com', true],
    ['https://acme--uat.sandbox.my.salesforce.com/', true],
    ['https://login.salesforce.com', true],
    ['https://test.salesforce.com', true],
    ['http://127.0.0.1:4444', true],
    ['https://acme.my.salesforce.com.evil.example', false],
    ['https://evil.example/acme.my.salesforce.com', false],
    ['http://acme.my.salesforce.com', false],
    ['https://acme.my.salesforce.com:8443', false],
    ['https://my.salesforce.com', false],
    ['https://login.salesforce.com@evil.example', false],
    ['not a url', false],
  ])('%s is a Salesforce host: %s', (url, ok) => {
    expect(salesforceOrigin(url) !== null).toBe(ok);
  });

  it('refuses a sign-in whose token answer names an instance outside Salesforce, and stores nothing', async () => {
    const rogue = await startFakeCrm({ salesforceInstanceUrl: 'https://instance.evil.example', now: NOW });
    try {
      const auth = makeAuth(config({ salesforceLoginUrl: rogue.url }));
      const { authorizeUrl } = await auth.begin('salesforce');
      const res = await fetch(authorizeUrl, { redirect: 'manual' });
      await expect(auth.complete(res.headers.get('location') ?? '')).rejects.toMatchObject({
        kind: 'auth',
        message: expect.stringMatching(/not a Salesforce host/),
      });
      expect(await tokenStore.connection()).toBeNull();
    } finally {
      await rogue.close();
    }
  });

  it('refreshes at the login host and keeps the instance of the sign-in, whatever the settings say now', async () => {
    const settings = config();
    const { auth } = await signIn(makeAuth(settings));
    settings.salesforceLoginUrl = 'https://other.my.salesforce.com';
    crm.clearRequests();
    await auth.forceRefresh();
    expect(oauthCalls('/services/oauth2/token')).toHaveLength(1);
    expect(await auth.connection()).toMatchObject({ apiBaseUrl: crm.url, authBaseUrl: crm.url });
  });
});
