import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CrmError } from '../../../lib/http/errors';
import type { FakeCrm } from '../../support/fake-crm';
import { DATA, dataRequests, emailWrite, ids, makeAdapter, startCrm } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const demo = { emails: ['jane@acme.com', 'bob@acme.com'], domains: ['acme.com'] };

async function caught(promise: Promise<unknown>): Promise<CrmError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CrmError) return error;
    throw error;
  }
  throw new Error('expected a CrmError');
}

describe('Salesforce sessions', () => {
  it('refreshes once after 401 INVALID_SESSION_ID and retries the call once', async () => {
    const h = makeAdapter(crm);
    crm.expireTokens('salesforce');
    const data = await h.adapter.matchData(demo);
    expect(data.opportunities.length).toBeGreaterThan(0);
    expect(h.refreshes()).toBe(1);
    expect(dataRequests(crm).map((r) => r.status)).toEqual([401, 200]);
  });

  it('asks to sign in again when the refreshed token is refused too (no loop)', async () => {
    const h = makeAdapter(crm);
    let refreshes = 0;
    h.options.deps.refreshAccessToken = async () => {
      refreshes++;
      return 'still-not-valid';
    };
    crm.expireTokens('salesforce');
    const error = await caught(h.adapter.ownerByEmail('sam@ourco.com'));
    expect(refreshes).toBe(1);
    expect(error.kind).toBe('auth');
    expect(error.message).toBe('Salesforce: your session has ended. Sign in to Salesforce again.');
    expect(dataRequests(crm)).toHaveLength(2);
  });

  it('says "ask your admin to approve the app" when the org blocks the client, without refreshing', async () => {
    const blocked: typeof fetch = async () =>
      new Response(
        JSON.stringify([
          { message: 'This session is not valid for use with the REST API', errorCode: 'INVALID_SESSION_ID' },
        ]),
        { status: 401, headers: { 'content-type': 'application/json' } },
      );
    const h = makeAdapter(crm, { fetch: blocked });
    const error = await caught(h.adapter.matchData(demo));
    expect(error.kind).toBe('permission');
    expect(error.message).toMatch(/ask your Salesforce admin to approve the Dealside app/i);
    expect(h.refreshes()).toBe(0);
    expect(h.sleeps).toEqual([]);
  });
});

describe('Salesforce limits and failures', () => {
  it('turns 403 REQUEST_LIMIT_EXCEEDED into a clear rate error, not retried', async () => {
    const h = makeAdapter(crm);
    crm.setFaults({ salesforceLimitExceeded: true });
    const error = await caught(h.adapter.matchData(demo));
    expect(error).toMatchObject({ kind: 'rate', status: 403, retryAfterMs: 15 * 60_000 });
    expect(error.details.code).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(error.message).toMatch(/^Salesforce: your org has used up today's Salesforce API requests/);
    expect(dataRequests(crm)).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
  });

  it('retries a read after 503 with Retry-After, waiting at least that long', async () => {
    const h = makeAdapter(crm);
    crm.setFaults({ rateLimit: { everyNth: 2, retryAfterSeconds: 3 }, onlyPaths: '^/services/data' });
    await h.adapter.ownerByEmail('sam@ourco.com');
    const data = await h.adapter.matchData(demo);
    expect(data.opportunities.length).toBeGreaterThan(0);
    expect(dataRequests(crm).map((r) => r.status)).toEqual([200, 503, 200]);
    expect(h.sleeps).toHaveLength(1);
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(3000);
  });

  it('retries reads on 5xx with backoff and gives up after three attempts', async () => {
    const h = makeAdapter(crm);
    crm.setFaults({ serverError: { status: 500 }, onlyPaths: '^/services/data' });
    const error = await caught(h.adapter.searchOpportunities({ query: 'acme', accountIds: [] }));
    expect(error.kind).toBe('transient');
    expect(error.message).toMatch(/^Salesforce: An unexpected error occurred/);
    expect(dataRequests(crm)).toHaveLength(3);
    expect(h.sleeps).toHaveLength(2);
    expect(h.sleeps.every((ms) => ms > 0)).toBe(true);
  });

  it('times out a call that never answers, and retries the read', async () => {
    let attempts = 0;
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        attempts++;
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const h = makeAdapter(crm, { fetch: hanging, timeoutMs: 30 });
    const error = await caught(h.adapter.ownerByEmail('sam@ourco.com'));
    expect(error.kind).toBe('transient');
    expect(error.message).toBe('Salesforce: the CRM did not answer in time.');
    expect(attempts).toBe(3);
    expect(h.sleeps).toHaveLength(2);
  });

  it('never retries a failing write itself (the outbox decides)', async () => {
    const h = makeAdapter(crm);
    crm.setFaults({ serverError: { status: 503 }, onlyPaths: '/sobjects/Task' });
    const error = await caught(h.adapter.write('k-fail', emailWrite(crm)));
    expect(error.kind).toBe('transient');
    expect(dataRequests(crm)).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
  });

  it('reports a dropped connection on a write as "network" (it may have landed)', async () => {
    const h = makeAdapter(crm);
    crm.setFaults({ dropAfterCommit: {}, onlyPaths: '/sobjects/Task' });
    const error = await caught(h.adapter.write('k-drop', emailWrite(crm)));
    expect(error.kind).toBe('network');
    crm.setFaults({});
    expect(await h.adapter.findWritten('k-drop', emailWrite(crm))).toEqual(expect.any(String));
  });
});

describe('Salesforce daily-limit back-pressure (Sforce-Limit-Info)', () => {
  it('above 90 % refuses refreshes and searches, still matches and writes', async () => {
    const h = makeAdapter(crm);
    crm.store.salesforce.apiUsage = 94_500;
    await h.adapter.matchData(demo);

    const refresh = await caught(h.adapter.opportunityContext(ids(crm).o1));
    expect(refresh.kind).toBe('rate');
    expect(refresh.message).toBe(
      'Salesforce: your org has used 94% of its daily API requests (94,501 of 100,000). Dealside pauses refreshes and searches until usage drops; logging still works.',
    );
    await expect(h.adapter.searchOpportunities({ query: 'acme', accountIds: [] })).rejects.toMatchObject({
      kind: 'rate',
    });
    const written = await h.adapter.write('k-bp', emailWrite(crm));
    expect(written.adopted).toBe(false);
    await h.adapter.matchData(demo);
    expect(dataRequests(crm).map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${DATA}/composite`,
      expect.stringMatching(new RegExp(`^PATCH ${DATA}/sobjects/Task/Dealside_Key__c/dealside[0-9a-f]{16}$`)),
      `POST ${DATA}/composite`,
    ]);
  });

  it('below 90 % lets every read through', async () => {
    const h = makeAdapter(crm);
    crm.store.salesforce.apiUsage = 80_000;
    await h.adapter.matchData(demo);
    await expect(h.adapter.opportunityContext(ids(crm).o1)).resolves.toMatchObject({ accountName: 'Acme' });
  });
});
