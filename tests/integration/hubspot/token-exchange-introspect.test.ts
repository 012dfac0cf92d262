/**
 * The token exchange's `introspect` action: how the extension learns who signed in now that
 * HubSpot retires its OAuth v1 token-info endpoint (2027-02-16). HubSpot's v3 introspection
 * needs the client secret, so it goes through the exchange with the same allow-lists and limits
 * as the grants.
 */
import { describe, expect, it } from 'vitest';
import { createTokenExchange } from '../../../scripts/hubspot-token-exchange/handler';

const EXTENSION = 'chrome-extension://hmdjolibmnimciciepfhdckgegclnedc';
const SECRET = 'super-secret-value';
const TOKEN_URL = 'https://hubspot.test/oauth/v3/token';
const INTROSPECTED = {
  active: true,
  token_use: 'access_token',
  hub_id: 4242424,
  user_id: 7001,
  user: 'sam@ourco.com',
};

function setup(options: { introspectUrl?: string; answer?: () => Response } = {}) {
  const seen: Array<{ url: string; form: Record<string, string> }> = [];
  const events: Array<{ status: number; action: string }> = [];
  const handle = createTokenExchange({
    clientId: 'client-1',
    clientSecret: SECRET,
    allowedOrigins: [EXTENSION],
    tokenUrl: TOKEN_URL,
    ...(options.introspectUrl ? { introspectUrl: options.introspectUrl } : {}),
    fetch: async (input, init) => {
      seen.push({ url: String(input), form: Object.fromEntries(new URLSearchParams(String(init?.body))) });
      return (
        options.answer?.() ??
        new Response(JSON.stringify(INTROSPECTED), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        })
      );
    },
    onRequest: (event) => events.push({ status: event.status, action: event.action }),
  });
  return { handle, seen, events };
}

function post(body: Record<string, string> | string, headers: Record<string, string> = {}) {
  return new Request('https://exchange.test/hubspot/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: EXTENSION, ...headers },
    body: typeof body === 'string' ? body : new URLSearchParams(body).toString(),
  });
}

describe('HubSpot token exchange: introspect', () => {
  it('asks HubSpot’s v3 introspection about the access token, with the secret added, and returns the answer unchanged', async () => {
    const { handle, seen, events } = setup();
    const response = await handle(post({ action: 'introspect', token: 'at-1' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(INTROSPECTED);
    expect(response.headers.get('access-control-allow-origin')).toBe(EXTENSION);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(seen).toEqual([
      {
        url: `${TOKEN_URL}/introspect`,
        form: {
          token: 'at-1',
          token_type_hint: 'access_token',
          client_id: 'client-1',
          client_secret: SECRET,
        },
      },
    ]);
    expect(events).toEqual([{ status: 200, action: 'introspect' }]);
  });

  it('forwards only the token: a caller cannot choose the hint, the client or the secret', async () => {
    const { handle, seen } = setup();
    await handle(
      post({
        action: 'introspect',
        token: 'at-1',
        token_type_hint: 'refresh_token',
        client_id: 'other-app',
        client_secret: 'guess',
        grant_type: 'refresh_token',
      }),
    );
    expect(seen[0]?.form).toEqual({
      token: 'at-1',
      token_type_hint: 'access_token',
      client_id: 'client-1',
      client_secret: SECRET,
    });
  });

  it('uses a configured introspection URL (the 2026-03 path, for instance)', async () => {
    const { handle, seen } = setup({ introspectUrl: 'https://hubspot.test/oauth/2026-03/token/introspect' });
    await handle(post({ action: 'introspect', token: 'at-1' }));
    expect(seen[0]?.url).toBe('https://hubspot.test/oauth/2026-03/token/introspect');
  });

  it('accepts a JSON body like the other actions', async () => {
    const { handle, seen } = setup();
    const response = await handle(
      post(JSON.stringify({ action: 'introspect', token: 'at-1' }), { 'content-type': 'application/json' }),
    );
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it('keeps the allow-lists and limits: other origins, a missing token, oversize bodies, other methods', async () => {
    const { handle, seen } = setup();
    const otherOrigin = await handle(
      post({ action: 'introspect', token: 'at-1' }, { origin: 'https://evil.example' }),
    );
    expect(otherOrigin.status).toBe(403);
    expect(otherOrigin.headers.get('access-control-allow-origin')).toBeNull();
    const noToken = await handle(post({ action: 'introspect' }));
    expect(noToken.status).toBe(400);
    expect(await noToken.json()).toMatchObject({ error: 'invalid_request' });
    expect((await handle(post(`action=introspect&token=${'x'.repeat(10_000)}`))).status).toBe(413);
    expect(
      (await handle(post('action=introspect&token=at-1', { 'content-type': 'text/plain' }))).status,
    ).toBe(415);
    const get = await handle(
      new Request('https://exchange.test/?action=introspect&token=at-1', { headers: { origin: EXTENSION } }),
    );
    expect(get.status).toBe(405);
    expect(seen).toEqual([]);
  });

  it('passes HubSpot’s answer for an inactive token and its errors through with their status', async () => {
    const inactive = setup({
      answer: () =>
        new Response(JSON.stringify({ active: false }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    });
    expect(await (await inactive.handle(post({ action: 'introspect', token: 'gone' }))).json()).toEqual({
      active: false,
    });
    const refused = setup({
      answer: () =>
        new Response(JSON.stringify({ error: 'invalid_client', echoed: SECRET }), {
          status: 401,
          headers: { 'content-type': 'application/json' },
        }),
    });
    const response = await refused.handle(post({ action: 'introspect', token: 'at-1' }));
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(text).toContain('invalid_client');
    expect(text).not.toContain(SECRET);
  });

  it('answers 502 when HubSpot cannot be reached', async () => {
    const handle = createTokenExchange({
      clientId: 'client-1',
      clientSecret: SECRET,
      allowedOrigins: [EXTENSION],
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const response = await handle(post({ action: 'introspect', token: 'at-1' }));
    expect(response.status).toBe(502);
  });

  it('rejects an unknown action like an unknown grant', async () => {
    const { handle, seen } = setup();
    const response = await handle(post({ action: 'userinfo', token: 'at-1' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'unsupported_grant_type' });
    expect(seen).toEqual([]);
  });
});
