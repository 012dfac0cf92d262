/**
 * Shared setup for the Salesforce adapter contract tests: the fake CRM over real HTTP, the
 * adapter with a memory cache, a limiter over an in-memory store, and a `sleep` that records
 * what it was asked to wait instead of waiting.
 */
import { createMemoryCache, type CrmCache } from '../../../lib/crm/cache';
import { createLimiter, type LimiterState } from '../../../lib/crm/limiter';
import { createSalesforceAdapter, type SalesforceAdapterOptions } from '../../../lib/crm/salesforce';
import type { CrmAdapter } from '../../../lib/crm/adapter';
import type { CrmWrite, Target } from '../../../lib/domain/types';
import { startFakeCrm, type FakeCrm, type RecordedRequest } from '../../support/fake-crm';

export const NOW = new Date('2026-11-20T12:00:00.000Z');
export const VERSION = 'v66.0';
export const DATA = `/services/data/${VERSION}`;

export function startCrm(): Promise<FakeCrm> {
  return startFakeCrm({ salesforceInstanceUrl: 'self', now: NOW });
}

export interface Harness {
  adapter: CrmAdapter;
  cache: CrmCache;
  /** Every delay the adapter (retries) or the limiter asked for. */
  sleeps: number[];
  /** How many times the adapter asked for a fresh token after a 401. */
  refreshes: () => number;
  options: SalesforceAdapterOptions;
}

export function makeAdapter(
  crm: FakeCrm,
  overrides: Partial<Omit<SalesforceAdapterOptions, 'deps'>> & {
    fetch?: typeof fetch;
    cache?: CrmCache;
  } = {},
): Harness {
  let token = crm.issueToken('salesforce').accessToken;
  let refreshes = 0;
  const sleeps: number[] = [];
  let clock = NOW.getTime();
  let state: LimiterState | undefined;
  const limiter = createLimiter({
    store: { load: async () => state, save: async (next) => void (state = next) },
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
  });
  const cache = overrides.cache ?? createMemoryCache();
  const { fetch: fetchOverride, cache: _cache, ...rest } = overrides;
  const options: SalesforceAdapterOptions = {
    deps: {
      fetch: fetchOverride ?? fetch,
      accessToken: async () => token,
      refreshAccessToken: async () => {
        refreshes++;
        token = crm.issueToken('salesforce').accessToken;
        return token;
      },
      now: () => crm.clock.now(),
    },
    instanceUrl: crm.url,
    apiVersion: VERSION,
    orgId: crm.store.salesforce.orgId,
    userId: crm.store.bookIds.salesforce.u1 ?? null,
    limiter,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    cache,
    settings: { stageReasonField: '', logKeyField: 'Dealside_Key__c' },
    ...rest,
  };
  return { adapter: createSalesforceAdapter(options), cache, sleeps, refreshes: () => refreshes, options };
}

/** Data API requests only (not OAuth, not admin). */
export function dataRequests(crm: FakeCrm): RecordedRequest[] {
  return crm.requests().filter((r) => r.path.startsWith('/services/data'));
}

/** The SOQL statements of a recorded composite body, by referenceId. */
export function compositeQueries(request: RecordedRequest | undefined): Record<string, string> {
  const body = request?.body as
    { compositeRequest?: Array<{ url: string; referenceId: string }> } | undefined;
  const out: Record<string, string> = {};
  for (const sub of body?.compositeRequest ?? []) {
    const q = new URL(sub.url, 'http://x').searchParams.get('q');
    out[sub.referenceId] = q ?? sub.url;
  }
  return out;
}

export function ids(crm: FakeCrm) {
  const book = crm.store.bookIds.salesforce;
  const get = (key: string) => {
    const id = book[key];
    if (!id) throw new Error(`no book id ${key}`);
    return id;
  };
  return {
    o1: get('o1'),
    o2: get('o2'),
    o3: get('o3'),
    c1: get('c1'),
    c2: get('c2'),
    u1: get('u1'),
    a1: get('a1'),
    l1: get('l1'),
  };
}

export function target(crm: FakeCrm, extra: Partial<Target> = {}): Target {
  const i = ids(crm);
  return {
    opportunityId: i.o1,
    accountId: i.a1,
    contactIds: [i.c1, i.c2],
    leadIds: [],
    ownerId: i.u1,
    ...extra,
  };
}

export function emailWrite(
  crm: FakeCrm,
  extra: Partial<Extract<CrmWrite, { kind: 'email' }>> = {},
): CrmWrite {
  return {
    kind: 'email',
    target: target(crm),
    subject: 'Acme rollout: pricing for 250 seats',
    body: 'Hi Sam, can you send the 250-seat pricing?',
    from: { email: 'jane@acme.com', name: 'Jane Doe' },
    to: [
      { email: 'sam@ourco.com', name: 'Sam Rep' },
      { email: 'bob@acme.com', name: 'Bob Buyer' },
    ],
    at: '2026-11-20T10:15:00.000Z',
    direction: 'inbound',
    ...extra,
  };
}

/**
 * A fetch that lets a test rewrite Salesforce's JSON answers (drop or add fields, fail one
 * subrequest) while the request still goes to the fake over HTTP.
 */
export function rewritingFetch(
  rewrite: (url: string, body: unknown, init?: RequestInit) => unknown,
): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      return new Response(text, { status: response.status, headers: response.headers });
    }
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const next = rewrite(url, body, init);
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(next === null ? null : JSON.stringify(next), { status: response.status, headers });
  };
}
