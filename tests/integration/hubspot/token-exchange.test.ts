import { describe, expect, it } from 'vitest';
import { createTokenExchange } from '../../../scripts/hubspot-token-exchange/handler';

const EXTENSION = 'chrome-extension://hmdjolibmnimciciepfhdckgegclnedc';
const REDIRECT = 'https://hmdjolibmnimciciepfhdckgegclnedc.chromiumapp.org/hubspot';
const SECRET = 'super-secret-value';
const TOKEN_URL = 'https://hubspot.test/oauth/v3/token';

interface Upstream {
  url: string;
  form: Record<string, string>;
}

function setup(
  options: { allowedRedirectUris?: string[]; answer?: (form: Record<string, string>) => Response } = {},
) {
  const seen: Upstream[] = [];
  const events: Array<{ method: string; status: number; action: string }> = [];
  const handle = createTokenExchange({
    clientId: 'client-1',
    clientSecret: SECRET,
    allowedOrigins: [EXTENSION],
    ...(options.allowedRedirectUris ? { allowedRedirectUris: options.allowedRedirectUris } : {}),
    tokenUrl: TOKEN_URL,
    fetch: async (input, init) => {
      const form = Object.fromEntries(new URLSearchParams(String(init?.body)));
      seen.push({ url: String(input), form });
      return (
        options.answer?.(form) ??
        new Response(
          JSON.stringify({ access_token: 'at-1', refresh_token: 'rt-1', expires_in: 1800, hub_id: 42 }),
          {
            status: 200,
            headers: { 'content-type': 'application/json;charset=utf-8' },
          },
        )
      );
    },
    onRequest: (event) => events.push(event),
  });
  return { handle, seen, events };
}

function post(body: Record<string, string> | string, headers: Record<string, string> = {}) {
  const form = typeof body === 'string' ? body : new URLSearchParams(body).toString();
  return new Request('https://exchange.test/hubspot/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: EXTENSION, ...headers },
    body: form,
  });
}

const CODE = {
  grant_type: 'authorization_code',
  code: 'code-1',
  redirect_uri: REDIRECT,
  code_verifier: 'v'.repeat(64),
};

describe('HubSpot token exchange', () => {
  it('adds the client id and secret, forwards the code and returns HubSpot’s answer unchanged', async () => {
    const { handle, seen } = setup();
    const response = await handle(post(CODE));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      access_token: 'at-1',
      refresh_token: 'rt-1',
      expires_in: 1800,
      hub_id: 42,
    });
    expect(response.headers.get('access-control-allow-origin')).toBe(EXTENSION);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(seen).toEqual([
      {
        url: TOKEN_URL,
        form: { ...CODE, client_id: 'client-1', client_secret: SECRET },
      },
    ]);
  });

  it('forwards a refresh and accepts JSON bodies too', async () => {
    const { handle, seen } = setup();
    const response = await handle(
      new Request('https://exchange.test/', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: EXTENSION },
        body: JSON.stringify({
          grant_type: 'refresh_token',
          refresh_token: 'rt-1',
          client_secret: 'attacker',
        }),
      }),
    );
    expect(response.status).toBe(200);
    // Only known fields travel, and the exchange's own credentials always win.
    expect(seen[0]?.form).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'rt-1',
      client_id: 'client-1',
      client_secret: SECRET,
    });
  });

  it('revokes through HubSpot’s revoke endpoint', async () => {
    const { handle, seen } = setup({ answer: () => new Response(null, { status: 204 }) });
    const response = await handle(post({ action: 'revoke', token: 'rt-1' }));
    expect(response.status).toBe(204);
    expect(seen[0]).toEqual({
      url: `${TOKEN_URL}/revoke`,
      form: { token: 'rt-1', token_type_hint: 'refresh_token', client_id: 'client-1', client_secret: SECRET },
    });
  });

  it('passes HubSpot’s errors through with their status', async () => {
    const { handle } = setup({
      answer: () =>
        new Response(
          JSON.stringify({ error: 'invalid_grant', error_description: 'missing or unknown auth code' }),
          {
            status: 400,
            headers: { 'content-type': 'application/json' },
          },
        ),
    });
    const response = await handle(post(CODE));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'missing or unknown auth code',
    });
  });

  it('answers the CORS preflight for allowed origins only', async () => {
    const { handle } = setup();
    const preflight = (origin: string) =>
      handle(
        new Request('https://exchange.test/', {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        }),
      );
    const allowed = await preflight(EXTENSION);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(EXTENSION);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('content-type');

    const denied = await preflight('https://evil.example');
    expect(denied.status).toBe(403);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses other origins before contacting HubSpot', async () => {
    const { handle, seen } = setup();
    const response = await handle(
      post(CODE, { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' }),
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(seen).toEqual([]);
  });

  it('accepts calls without an Origin header (no browser involved) but sends no CORS header', async () => {
    const { handle } = setup();
    const request = new Request('https://exchange.test/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(CODE).toString(),
    });
    const response = await handle(request);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each([
    ['client_credentials', { grant_type: 'client_credentials' }],
    ['password', { grant_type: 'password', username: 'a', password: 'b' }],
    ['no grant', { code: 'x' }],
  ])('rejects the %s grant with 400', async (_name, body) => {
    const { handle, seen } = setup();
    const response = await handle(post(body));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'unsupported_grant_type' });
    expect(seen).toEqual([]);
  });

  it('rejects redirect URIs of other extensions or sites', async () => {
    const { handle, seen } = setup();
    for (const uri of [
      'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/hubspot',
      'https://evil.example/cb',
    ]) {
      const response = await handle(post({ ...CODE, redirect_uri: uri }));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    }
    expect(seen).toEqual([]);
  });

  it('uses the exact redirect URI list when one is configured', async () => {
    const { handle } = setup({ allowedRedirectUris: [REDIRECT] });
    expect((await handle(post(CODE))).status).toBe(200);
    expect((await handle(post({ ...CODE, redirect_uri: `${REDIRECT}/other` }))).status).toBe(400);
  });

  it('rejects missing fields, oversize bodies, other content types and other methods', async () => {
    const { handle, seen } = setup();
    expect((await handle(post({ grant_type: 'authorization_code', redirect_uri: REDIRECT }))).status).toBe(
      400,
    );
    expect((await handle(post({ grant_type: 'refresh_token' }))).status).toBe(400);
    expect((await handle(post({ action: 'revoke' }))).status).toBe(400);
    expect((await handle(post(`grant_type=refresh_token&refresh_token=${'x'.repeat(10_000)}`))).status).toBe(
      413,
    );
    expect((await handle(post('grant_type=refresh_token', { 'content-type': 'text/plain' }))).status).toBe(
      415,
    );
    const get = await handle(new Request('https://exchange.test/', { headers: { origin: EXTENSION } }));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    expect(seen).toEqual([]);
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
    const response = await handle(post(CODE));
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: 'temporarily_unavailable' });
  });

  it('never lets the secret out, even if the upstream echoed it', async () => {
    const { handle, events } = setup({
      answer: (form) =>
        new Response(JSON.stringify({ error: 'invalid_client', echoed: form }), {
          status: 400,
          headers: { 'content-type': 'application/json' },
        }),
    });
    const responses = [
      await handle(post(CODE)),
      await handle(post({ grant_type: 'bogus' })),
      await handle(post('x', { 'content-type': 'application/json' })),
    ];
    for (const response of responses) {
      const text = await response.text();
      expect(text).not.toContain(SECRET);
      for (const value of response.headers.values()) expect(value).not.toContain(SECRET);
    }
    // The access log carries metadata only.
    expect(JSON.stringify(events)).not.toMatch(/code-1|super-secret|rt-1/);
    expect(events.map((e) => e.status)).toEqual([400, 400, 400]);
  });
});
