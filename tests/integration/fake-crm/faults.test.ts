import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeCrm } from '../../support/fake-crm';
import { NOW, call, hubspotLogin, salesforceLogin, start } from './helpers';

let crm: FakeCrm;
let hs: string;
let sf: string;
beforeAll(async () => {
  crm = await start();
});
afterAll(() => crm.close());
beforeEach(() => {
  crm.reset();
  hs = crm.issueToken('hubspot').accessToken;
  sf = crm.issueToken('salesforce').accessToken;
});

const owners = () => call(crm, 'GET', '/crm/v3/owners', { token: hs });
const sfLimits = () => call(crm, 'GET', '/services/data/v62.0/limits', { token: sf });

function noteBody() {
  return {
    properties: {
      hs_timestamp: NOW.toISOString(),
      hs_note_body: 'logged before the drop',
      dealside_log_key: 'drop-1',
    },
    associations: [
      {
        to: { id: crm.store.bookIds.hubspot.o1 },
        types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 214 }],
      },
    ],
  };
}

describe('fault injection', () => {
  it('answers HubSpot 429 in HubSpot shape, with Retry-After by default and without when null', async () => {
    crm.setFaults({ rateLimit: { everyNth: 1 } });
    const limited = await owners();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body).toMatchObject({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
      correlationId: expect.any(String),
    });
    expect(limited.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');

    crm.setFaults({ rateLimit: { everyNth: 1, retryAfterSeconds: null } });
    const bare = await owners();
    expect(bare.status).toBe(429);
    expect(bare.headers.get('retry-after')).toBeNull();

    crm.setFaults({ rateLimit: { everyNth: 1, retryAfterSeconds: 7 } });
    expect((await owners()).headers.get('retry-after')).toBe('7');
  });

  it('answers Salesforce rate limiting as 503 SERVER_UNAVAILABLE, and the separate 403 limit fault', async () => {
    crm.setFaults({ rateLimit: { everyNth: 1, retryAfterSeconds: 3 } });
    const busy = await sfLimits();
    expect(busy.status).toBe(503);
    expect(busy.body).toEqual([{ message: 'Server is busy', errorCode: 'SERVER_UNAVAILABLE' }]);
    expect(busy.headers.get('retry-after')).toBe('3');
    expect(busy.headers.get('sforce-limit-info')).toMatch(/^api-usage=/);

    crm.setFaults({ salesforceLimitExceeded: true });
    const exhausted = await sfLimits();
    expect(exhausted.status).toBe(403);
    expect(exhausted.body[0].errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(exhausted.headers.get('retry-after')).toBeNull();
    expect((await owners()).status).toBe(200);
  });

  it('injects 5xx on every Nth request with the configured status', async () => {
    crm.setFaults({ serverError: { everyNth: 2, status: 503 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await owners()).status);
    expect(statuses).toEqual([200, 503, 200, 503]);
    crm.setFaults({ serverError: { everyNth: 1, status: 500 } });
    const sf500 = await sfLimits();
    expect(sf500.status).toBe(500);
    expect(sf500.body[0].errorCode).toBe('UNKNOWN_EXCEPTION');
    crm.setFaults({ serverError: { everyNth: 1, status: 502 } });
    const gateway = await owners();
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get('content-type')).toContain('text/html');
  });

  it('drops the connection after committing a write: the client sees a socket error, the record exists', async () => {
    crm.setFaults({ dropAfterCommit: { everyNth: 1 } });
    await expect(
      call(crm, 'POST', '/crm/v3/objects/notes', { token: hs, json: noteBody() }),
    ).rejects.toThrow();
    const notes = crm.store.hubspot.notes.filter((n) => n.properties.dealside_log_key === 'drop-1');
    expect(notes).toHaveLength(1);
    const recorded = crm.requests().at(-1);
    expect(recorded).toMatchObject({ path: '/crm/v3/objects/notes', status: null, fault: 'dropAfterCommit' });
    // The retry hits the unique key: exactly what an idempotent outbox must handle.
    crm.setFaults({});
    const retry = await call(crm, 'POST', '/crm/v3/objects/notes', { token: hs, json: noteBody() });
    expect(retry.status).toBe(409);
  });

  it('drops the connection before the write when asked', async () => {
    crm.setFaults({ dropBeforeCommit: { everyNth: 1 } });
    await expect(
      call(crm, 'POST', '/crm/v3/objects/notes', { token: hs, json: noteBody() }),
    ).rejects.toThrow();
    expect(crm.store.hubspot.notes.filter((n) => n.properties.dealside_log_key === 'drop-1')).toHaveLength(0);
  });

  it('takes the CRM down for every API request, but never the admin endpoints', async () => {
    crm.setFaults({ down: true });
    await expect(owners()).rejects.toThrow();
    await expect(sfLimits()).rejects.toThrow();
    const health = await call(crm, 'GET', '/__admin/health');
    expect(health.body).toEqual({ ok: true });
    await call(crm, 'POST', '/__admin/faults', { json: {} });
    expect((await owners()).status).toBe(200);
  });

  it('limits faults to paths matching onlyPaths', async () => {
    crm.setFaults({ serverError: { everyNth: 1 }, onlyPaths: '^/crm/v3/objects/notes' });
    expect((await owners()).status).toBe(200);
    expect((await call(crm, 'POST', '/crm/v3/objects/notes', { token: hs, json: noteBody() })).status).toBe(
      500,
    );
  });

  it('adds latency', async () => {
    crm.setFaults({ latencyMs: 40 });
    await owners();
    expect(crm.requests().at(-1)?.durationMs).toBeGreaterThanOrEqual(35);
  });

  it('replays probabilistic faults identically for the same rngSeed', async () => {
    const sequence = async () => {
      crm.setFaults({ serverError: { probability: 0.5 }, rngSeed: 7 });
      const out = [];
      for (let i = 0; i < 12; i++) out.push((await owners()).status);
      return out;
    };
    const first = await sequence();
    const second = await sequence();
    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 500]));
  });

  it('expires tokens through the admin endpoint and through tokenLifetimeSeconds', async () => {
    const login = await hubspotLogin(crm);
    const sfLogin = await salesforceLogin(crm);
    const expired = await call(crm, 'POST', '/__admin/expire-tokens', { json: {} });
    expect(expired.body.expired).toBeGreaterThanOrEqual(2);
    expect((await call(crm, 'GET', '/crm/v3/owners', { token: login.access_token })).status).toBe(401);
    expect(
      (await call(crm, 'GET', '/services/data/v62.0/limits', { token: sfLogin.access_token })).status,
    ).toBe(401);
    // Refresh tokens survive; a fresh access token works.
    const refreshed = await call(crm, 'POST', '/oauth/v3/token', {
      form: {
        grant_type: 'refresh_token',
        refresh_token: login.refresh_token,
        client_id: 'dealside-demo-hubspot',
        client_secret: 'dealside-demo-hubspot-secret',
      },
    });
    expect((await call(crm, 'GET', '/crm/v3/owners', { token: refreshed.body.access_token })).status).toBe(
      200,
    );

    crm.setFaults({ tokenLifetimeSeconds: 0 });
    const short = await hubspotLogin(crm);
    expect(short.expires_in).toBe(0);
    expect((await call(crm, 'GET', '/crm/v3/owners', { token: short.access_token })).status).toBe(401);
  });

  it('rejects invalid fault definitions at the admin endpoint', async () => {
    const res = await call(crm, 'POST', '/__admin/faults', { json: { serverError: { status: 418 } } });
    expect(res.status).toBe(400);
  });
});
