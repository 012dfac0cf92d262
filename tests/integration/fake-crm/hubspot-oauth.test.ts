import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeCrm } from '../../support/fake-crm';
import { HS_SCOPES, REDIRECT, call, hubspotLogin, start } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await start();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const SECRET = 'dealside-demo-hubspot-secret';

async function authorize(params: Record<string, string>) {
  const res = await fetch(`${crm.url}/oauth/authorize?${new URLSearchParams(params)}`, {
    redirect: 'manual',
    headers: { host: 'app.hubspot.com' },
  });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

describe('HubSpot OAuth', () => {
  it('redirects at once with code and state, then exchanges the code for tokens', async () => {
    const auth = await authorize({
      client_id: 'dealside-demo-hubspot',
      scope: HS_SCOPES,
      redirect_uri: REDIRECT,
      state: 'abc',
    });
    expect(auth.status).toBe(302);
    const location = new URL(auth.location ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('abc');
    const code = location.searchParams.get('code') ?? '';
    expect(code).not.toBe('');

    const token = await call(crm, 'POST', '/oauth/v3/token', {
      form: {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        client_id: 'dealside-demo-hubspot',
        client_secret: SECRET,
      },
    });
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'bearer', hub_id: 4242424, expires_in: 1800 });
    expect(token.body.scopes).toContain('crm.objects.deals.write');
    expect(token.body.access_token).toEqual(expect.any(String));
    expect(token.body.refresh_token).toMatch(/^na1-/);

    const owners = await call(crm, 'GET', '/crm/v3/owners?email=sam@ourco.com', {
      token: token.body.access_token,
    });
    expect(owners.status).toBe(200);
    expect(owners.body.results[0]).toMatchObject({
      email: 'sam@ourco.com',
      firstName: 'Sam',
      archived: false,
    });

    // Codes are single use.
    const again = await call(crm, 'POST', '/oauth/v3/token', {
      form: {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        client_id: 'dealside-demo-hubspot',
        client_secret: SECRET,
      },
    });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'invalid_grant', status: 'BAD_AUTH_CODE' });
  });

  it('rejects an unknown client, a malformed redirect URI and a missing scope with an error page', async () => {
    expect((await authorize({ client_id: 'nope', scope: 'oauth', redirect_uri: REDIRECT })).status).toBe(400);
    expect(
      (
        await authorize({
          client_id: 'dealside-demo-hubspot',
          scope: 'oauth',
          redirect_uri: 'https://evil.example/cb',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await authorize({
          client_id: 'dealside-demo-hubspot',
          scope: 'oauth',
          redirect_uri: 'https://abc.chromiumapp.org/x',
        })
      ).status,
    ).toBe(400);
    const noScope = await authorize({ client_id: 'dealside-demo-hubspot', redirect_uri: REDIRECT });
    expect(noScope.status).toBe(400);
    expect(noScope.text).toContain('scope');
  });

  it('requires the same redirect_uri and the client secret at exchange', async () => {
    const auth = await authorize({
      client_id: 'dealside-demo-hubspot',
      scope: HS_SCOPES,
      redirect_uri: REDIRECT,
    });
    const code = new URL(auth.location ?? '').searchParams.get('code') ?? '';
    const noSecret = await call(crm, 'POST', '/oauth/v3/token', {
      form: {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        client_id: 'dealside-demo-hubspot',
      },
    });
    expect(noSecret.body).toMatchObject({ error: 'invalid_client' });
    const otherRedirect = await call(crm, 'POST', '/oauth/v3/token', {
      form: {
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/other',
        client_id: 'dealside-demo-hubspot',
        client_secret: SECRET,
      },
    });
    expect(otherRedirect.body).toMatchObject({ error: 'invalid_grant', status: 'BAD_REDIRECT_URI' });
  });

  it('refreshes without rotating the refresh token, and rejects unknown refresh tokens', async () => {
    const first = await hubspotLogin(crm);
    const refreshed = await call(crm, 'POST', '/oauth/v3/token', {
      form: {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
        client_id: 'dealside-demo-hubspot',
        client_secret: SECRET,
      },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBe(first.refresh_token);
    expect(refreshed.body.access_token).not.toBe(first.access_token);
    const bad = await call(crm, 'POST', '/oauth/v3/token', {
      form: {
        grant_type: 'refresh_token',
        refresh_token: 'na1-nope',
        client_id: 'dealside-demo-hubspot',
        client_secret: SECRET,
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: 'invalid_grant',
      status: 'BAD_REFRESH_TOKEN',
      error_description: expect.any(String),
    });
  });

  it('signs in as the colleague with the user parameter; v3 introspection reports the token owner', async () => {
    const lea = await hubspotLogin(crm, 'lea@ourco.com');
    const info = await call(crm, 'POST', '/oauth/v3/token/introspect', {
      form: {
        token: lea.access_token,
        token_type_hint: 'access_token',
        client_id: 'dealside-demo-hubspot',
        client_secret: SECRET,
      },
    });
    expect(info.body).toMatchObject({
      active: true,
      token_use: 'access_token',
      user: 'lea@ourco.com',
      hub_id: 4242424,
      user_id: 9002,
      signed_access_token: { hubId: 4242424, userId: 9002 },
    });
    expect(info.body.expires_in).toBeLessThanOrEqual(1800);
    const refresh = await call(crm, 'POST', '/oauth/2026-03/token/introspect', {
      form: { token: lea.refresh_token, client_id: 'dealside-demo-hubspot', client_secret: SECRET },
    });
    expect(refresh.body).toMatchObject({ active: true, token_use: 'refresh_token', user_id: 9002 });
    const noSecret = await call(crm, 'POST', '/oauth/v3/token/introspect', {
      form: { token: lea.access_token, client_id: 'dealside-demo-hubspot' },
    });
    expect(noSecret.status).toBe(401);
    expect(noSecret.body).toMatchObject({ error: 'invalid_client' });
  });

  it('introspection can answer the minimal documented shape, and active: false for dead tokens', async () => {
    const t = await hubspotLogin(crm);
    const form = (token: string) => ({
      form: { token, client_id: 'dealside-demo-hubspot', client_secret: SECRET },
    });
    crm.store.settings.hubspotIntrospection = 'active-only';
    expect((await call(crm, 'POST', '/oauth/v3/token/introspect', form(t.access_token))).body).toEqual({
      active: true,
    });
    expect((await call(crm, 'POST', '/oauth/v3/token/introspect', form('nope'))).body).toEqual({
      active: false,
    });
    crm.clock.advance(1801 * 1000);
    expect((await call(crm, 'POST', '/oauth/v3/token/introspect', form(t.access_token))).body).toEqual({
      active: false,
    });
  });

  it.each([
    ['POST', '/oauth/v1/token'],
    ['GET', '/oauth/v1/access-tokens/some-token'],
    ['GET', '/oauth/v1/refresh-tokens/some-token'],
    ['DELETE', '/oauth/v1/refresh-tokens/some-token'],
  ])('answers 410 Gone to %s %s: the OAuth v1 API is retired', async (method, path) => {
    const t = await hubspotLogin(crm);
    const form = {
      grant_type: 'refresh_token',
      refresh_token: t.refresh_token,
      client_id: 'dealside-demo-hubspot',
      client_secret: SECRET,
    };
    const res = await call(
      crm,
      method,
      path.replace('some-token', t.access_token),
      method === 'POST' ? { form } : {},
    );
    expect(res.status).toBe(410);
    expect(res.body).toMatchObject({ status: 'error', category: 'GONE' });
  });

  it('refuses undocumented authorize parameters such as a PKCE challenge', async () => {
    const res = await authorize({
      client_id: 'dealside-demo-hubspot',
      scope: HS_SCOPES,
      redirect_uri: REDIRECT,
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'S256',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('code_challenge');
  });

  it('revokes refresh tokens (and the access tokens minted from them)', async () => {
    const t = await hubspotLogin(crm);
    expect(
      (await call(crm, 'POST', '/oauth/v3/token/revoke', { form: { token: t.refresh_token } })).status,
    ).toBe(204);
    const denied = await call(crm, 'GET', '/crm/v3/owners', { token: t.access_token });
    expect(denied.status).toBe(401);
    expect(denied.body.category).toBe('INVALID_AUTHENTICATION');
    const t2 = await hubspotLogin(crm);
    expect(
      (await call(crm, 'POST', '/oauth/v3/token/revoke', { form: { token: t2.refresh_token } })).status,
    ).toBe(204);
    const refresh = await call(crm, 'POST', '/oauth/v3/token', {
      form: {
        grant_type: 'refresh_token',
        refresh_token: t2.refresh_token,
        client_id: 'dealside-demo-hubspot',
        client_secret: SECRET,
      },
    });
    expect(refresh.body.error).toBe('invalid_grant');
  });

  it('401s unknown and expired tokens in HubSpot shape; the private-app token never expires', async () => {
    const unknown = await call(crm, 'GET', '/crm/v3/owners', { token: 'garbage' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({
      status: 'error',
      category: 'INVALID_AUTHENTICATION',
      correlationId: expect.any(String),
    });
    expect(unknown.body.message).toMatch(/^Authentication credentials not found\./);

    const t = await hubspotLogin(crm);
    crm.clock.advance(1801 * 1000);
    const expired = await call(crm, 'GET', '/crm/v3/owners', { token: t.access_token });
    expect(expired.status).toBe(401);
    expect(expired.body.category).toBe('EXPIRED_AUTHENTICATION');

    const pat = await call(crm, 'GET', '/crm/v3/owners', { token: 'pat-na1-demo-private-app' });
    expect(pat.status).toBe(200);
    expect(pat.headers.get('x-hubspot-ratelimit-daily')).toBe('250000');
  });

  it('answers 403 MISSING_SCOPES when the token lacks a scope', async () => {
    const { accessToken } = crm.issueToken('hubspot', { scopes: ['oauth', 'crm.objects.contacts.read'] });
    const res = await call(crm, 'GET', '/crm/v3/pipelines/deals', { token: accessToken });
    expect(res.status).toBe(403);
    expect(res.body.category).toBe('MISSING_SCOPES');
    expect(res.body.errors[0].context.requiredGranularScopes).toContain('crm.objects.deals.read');
  });
});
