import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CrmError } from '../../../lib/http/errors';
import type { CrmWrite } from '../../../lib/domain/types';
import type { FakeCrm, Faults } from '../../support/fake-crm';
import { harness, lines, startCrm } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const ids = () => crm.store.bookIds.hubspot;

/** Applies `faults` to the next `count` requests only (cleared once they were answered). */
function faultsFor(count: number, faults: Faults) {
  crm.setFaults(faults);
  return (inner: typeof fetch, attempt: () => number): typeof fetch =>
    async (input, init) => {
      try {
        return await inner(input, init);
      } finally {
        if (attempt() >= count) crm.setFaults({});
      }
    };
}

function note(): CrmWrite {
  return {
    kind: 'note',
    target: { opportunityId: ids().o1!, accountId: ids().a1!, contactIds: [ids().c1!], ownerId: ids().u1! },
    body: 'Pricing call went well.',
    at: '2026-11-20T11:00:00.000Z',
  };
}

async function failure(run: Promise<unknown>): Promise<CrmError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CrmError);
  return error as CrmError;
}

describe('HubSpot client resilience', () => {
  it('refreshes once after a 401 and retries the call', async () => {
    const h = harness(crm);
    const stale = h.token();
    crm.expireTokens('hubspot');
    const owner = await h.adapter.ownerByEmail('sam@ourco.com');
    expect(owner).toEqual({ id: ids().u1, name: 'Sam Rep', email: 'sam@ourco.com' });
    expect(h.refreshes).toBe(1);
    expect(h.calls.map((c) => c.status)).toEqual([401, 200]);
    expect(h.token()).not.toBe(stale);
  });

  it('gives up after one refresh when HubSpot still answers 401, without leaking the token', async () => {
    // Every token is expired by the time its request arrives.
    const h = harness(crm, {
      wrapFetch: (inner) => (input, init) => {
        crm.expireTokens('hubspot');
        return inner(input, init);
      },
    });
    const error = await failure(h.adapter.ownerByEmail('sam@ourco.com'));
    expect(error.kind).toBe('auth');
    expect(error.message).toBe('HubSpot: your HubSpot sign-in has expired or was revoked.');
    expect(error.message).not.toContain(h.token());
    expect(h.refreshes).toBe(1);
    expect(h.calls.map((c) => c.status)).toEqual([401, 401]);
  });

  it('blocks the limiter for Retry-After on a 429 and retries the read', async () => {
    const h = harness(crm, { wrapFetch: faultsFor(1, { rateLimit: { retryAfterSeconds: 3 } }) });
    const pipelines = await h.adapter.pipelines();
    expect(pipelines.map((p) => p.label)).toEqual(['Sales Pipeline', 'Renewals']);
    expect(h.calls.map((c) => c.status)).toEqual([429, 200]);
    expect(h.limiterState()?.blockedUntil['hubspot:4242424']).toBeGreaterThan(0);
    // withRetry waited the Retry-After (3 s), so the limiter had nothing left to wait.
    expect(h.sleeps).toEqual([3000]);
  });

  it('blocks the limiter for a default pause on a 429 without Retry-After and retries the read', async () => {
    const h = harness(crm, { wrapFetch: faultsFor(1, { rateLimit: { retryAfterSeconds: null } }) });
    await h.adapter.pipelines();
    expect(h.calls.map((c) => c.status)).toEqual([429, 200]);
    expect(h.limiterState()?.blockedUntil['hubspot:4242424']).toBeGreaterThan(0);
    expect(h.sleeps).toEqual([2000]);
  });

  it('keeps the 5-per-second search budget apart from the burst budget', async () => {
    const h = harness(crm);
    await h.adapter.searchOpportunities({ query: 'acme', accountIds: [] });
    const state = h.limiterState();
    expect(state?.calls['hubspot-search:4242424']).toHaveLength(1);
    // The pipelines read counts against the burst window only.
    expect(state?.calls['hubspot:4242424']).toHaveLength(1);
  });

  it("does not retry within seconds once the portal's daily allowance is used up", async () => {
    const daily = JSON.stringify({
      status: 'error',
      message: 'You have reached your daily limit.',
      errorType: 'RATE_LIMIT',
      policyName: 'DAILY',
    });
    const h = harness(crm, {
      wrapFetch: (inner) => async (input, init) => {
        await inner(input, init);
        return new Response(daily, { status: 429, headers: { 'content-type': 'application/json' } });
      },
    });
    const error = await failure(h.adapter.pipelines());
    expect(error).toMatchObject({ kind: 'rate', retryAfterMs: 3_600_000 });
    expect(error.message).toBe("HubSpot: this HubSpot account has used up today's API allowance.");
    expect(h.calls).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
  });

  it('retries reads after 5xx (JSON 503 and an HTML 502 page)', async () => {
    const h = harness(crm, { wrapFetch: faultsFor(1, { serverError: { status: 503 } }) });
    await h.adapter.pipelines();
    expect(h.calls.map((c) => c.status)).toEqual([503, 200]);

    const h2 = harness(crm, { wrapFetch: faultsFor(1, { serverError: { status: 502 } }) });
    await h2.adapter.ownerByEmail('lea@ourco.com');
    expect(h2.calls.map((c) => c.status)).toEqual([502, 200]);
    expect(h2.sleeps).toHaveLength(1);
  });

  it('retries reads that time out', async () => {
    const h = harness(crm, {
      wrapFetch: (inner, attempt) => async (input, init) => {
        if (attempt() === 0) {
          // What AbortSignal.timeout produces when the CRM does not answer in time.
          await inner(input, init).catch(() => undefined);
          throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
        }
        return inner(input, init);
      },
    });
    const owner = await h.adapter.ownerByEmail('sam@ourco.com');
    expect(owner?.id).toBe(ids().u1);
    expect(h.sleeps).toHaveLength(1);
  });

  it('stops after 3 attempts and reports a readable, transient error', async () => {
    crm.setFaults({ serverError: { status: 500 } });
    const h = harness(crm);
    const error = await failure(h.adapter.pipelines());
    expect(error.kind).toBe('transient');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe('HubSpot: the service had a problem (500); try again shortly.');
    expect(h.calls).toHaveLength(3);
  });

  it('never retries a write that failed with a 5xx (the outbox decides)', async () => {
    const h = harness(crm, {
      wrapFetch: faultsFor(1, { serverError: { status: 500 }, onlyPaths: '/objects/notes$' }),
    });
    const error = await failure(h.adapter.write('hubspot:note:k-5xx', note()));
    expect(error.kind).toBe('transient');
    expect(lines(h.calls)).toEqual(['POST /crm/v3/objects/notes']);
    expect(h.sleeps).toEqual([]);
  });

  it('never retries a rate-limited write, but blocks the limiter and tells the outbox when to come back', async () => {
    const h = harness(crm, { wrapFetch: faultsFor(1, { rateLimit: { retryAfterSeconds: 4 } }) });
    const error = await failure(h.adapter.write('hubspot:note:k-429', note()));
    expect(error).toMatchObject({ kind: 'rate', retryAfterMs: 4000 });
    expect(h.calls).toHaveLength(1);
    expect(h.limiterState()?.blockedUntil['hubspot:4242424']).toBeGreaterThan(0);
  });

  it('reports a dropped connection on a write as a network error (it may have landed)', async () => {
    crm.setFaults({ dropAfterCommit: {}, onlyPaths: '/objects/notes$' });
    const h = harness(crm);
    const error = await failure(h.adapter.write('hubspot:note:k-drop', note()));
    expect(error.kind).toBe('network');
    crm.setFaults({});
    // The outbox then looks the key up before sending again, and finds the record.
    const found = await h.adapter.findWritten('hubspot:note:k-drop', note());
    const created = crm.store.writes.filter((w) => w.object === 'notes' && w.op === 'create');
    expect(created).toHaveLength(1);
    expect(found).toBe(created[0]?.id);
  });
});
