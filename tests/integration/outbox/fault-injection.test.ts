/**
 * The outbox against the fake CRM under fire: 5xx, 429/503 with Retry-After, connections dropped
 * after the CRM committed, the browser resending a write by itself, tokens expiring mid-run and
 * the worker killed at random points (the outbox rebuilt from storage). Every operation must land
 * exactly once, on the right records, and the queue must drain. HubSpot runs once per style of
 * duplicate-unique-value answer (409 "Existing ID" and 400 "already has that value").
 *
 * Time is virtual (backoff never sleeps) and the run is bounded by operations: a fixed number of
 * writes, a cap on drain passes and on CRM calls, so no vitest wall-clock timeout applies and a
 * busy machine only makes it slower, never red.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createMemoryCache } from '@/lib/crm/cache';
import { createHubSpotAdapter } from '@/lib/crm/hubspot';
import { createLimiter, type LimiterState } from '@/lib/crm/limiter';
import { logMarker } from '@/lib/crm/log-key';
import { createSalesforceAdapter } from '@/lib/crm/salesforce';
import type { CrmAdapter } from '@/lib/crm/adapter';
import type { CrmWrite, Provider, Target } from '@/lib/domain/types';
import { nextWakeAt } from '@/lib/outbox/decisions';
import { newItem } from '@/lib/outbox/item';
import { drain } from '@/lib/outbox/processor';
import { createOutboxStore } from '@/lib/outbox/store';
import { startFakeCrm, type FakeCrm } from '../../support/fake-crm';
import { isWriteRequest } from '../../support/fake-crm/faults';

const OPERATIONS = 500;
const SEED = 20261122;
/** Far above what a correct run needs (about 5 calls per operation): a runaway loop fails, it does not hang. */
const MAX_CALLS = OPERATIONS * 40;
/** Bounded by operations, not by the clock (see above). */
const NO_WALL_CLOCK_LIMIT = 0;

function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Figures {
  operations: number;
  duplicateClicks: number;
  attempts: number;
  calls: number;
  faults: Record<string, number>;
  tokenExpiries: number;
  workerKills: number;
  duplicates: number;
  lost: number;
  parked: number;
  virtualMinutes: number;
  wallSeconds: number;
}

/**
 * A fetch that counts what the CRM did to us, and now and then behaves like Chromium on a reused
 * keep-alive connection closed after the commit: it sends the same write again by itself and
 * hands back only the second answer (one fetch(), two requests).
 */
function countingFetch(
  faults: Record<string, number>,
  calls: { n: number },
  resend: () => boolean,
): typeof fetch {
  const count = (name: string) => (faults[name] = (faults[name] ?? 0) + 1);
  return async (input, init) => {
    calls.n++;
    if (calls.n > MAX_CALLS) throw new Error(`More than ${MAX_CALLS} CRM calls: the outbox is looping`);
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    try {
      if (isWriteRequest(method, url.pathname) && typeof init?.body === 'string' && resend()) {
        count('browser resend (one fetch, two writes)');
        calls.n++;
        // The first answer never reaches the page: the connection closed before it.
        await (await fetch(input, init)).arrayBuffer().catch(() => undefined);
      }
      const response = await fetch(input, init);
      if (response.status >= 500) count(`http ${response.status}`);
      if (response.status === 429) count('http 429');
      if (response.status === 401) count('http 401 (expired token)');
      return response;
    } catch (error) {
      count('dropped connection');
      throw error;
    }
  };
}

function targetsOf(crm: FakeCrm, provider: Provider): Target[] {
  const ids = crm.store.bookIds[provider];
  const deals: [string, string, string[]][] = [
    ['o1', 'a1', ['c1', 'c2']],
    ['o2', 'a1', ['c3']],
    ['o4', 'a2', ['c4', 'c5']],
  ];
  return deals.map(([o, a, cs]) => ({
    opportunityId: ids[o]!,
    accountId: ids[a]!,
    contactIds: cs.map((c) => ids[c]!),
    ownerId: provider === 'hubspot' ? '71000001' : (crm.store.salesforce.users[0]!.Id as string),
  }));
}

function writeFor(i: number, target: Target, at: string): CrmWrite {
  const body = `Operation ${i}: notes from the conversation.`;
  switch (i % 5) {
    case 0:
      return {
        kind: 'email',
        target,
        subject: `Re: rollout ${i}`,
        body,
        from: { email: 'sam@ourco.com', name: 'Sam Rep' },
        to: [{ email: 'jane@acme.com', name: 'Jane Doe' }],
        at,
        direction: 'outbound',
      };
    case 1:
      return {
        kind: 'call',
        target,
        title: `Call ${i}`,
        body,
        at,
        durationSeconds: 300,
        disposition: { code: 'connected', label: 'Connected' },
        direction: 'outbound',
      };
    case 2:
      return {
        kind: 'meeting',
        target,
        title: `Meeting ${i}`,
        body,
        start: at,
        end: new Date(Date.parse(at) + 1_800_000).toISOString(),
        location: null,
      };
    case 3:
      return { kind: 'note', target, body, at };
    default:
      return {
        kind: 'task',
        target,
        subject: `Follow up ${i}`,
        body,
        dueDate: '2026-12-01',
        ownerId: target.ownerId,
      };
  }
}

type DuplicateStyle = '409' | '400';

async function runSuite(
  crm: FakeCrm,
  provider: Provider,
  uniqueConflict: DuplicateStyle = '409',
): Promise<{ figures: Figures; keys: { key: string; write: CrmWrite }[] }> {
  const random = rng(SEED);
  const resendRandom = rng(SEED + 1);
  const faults: Record<string, number> = {};
  const calls = { n: 0 };
  const figures = { tokenExpiries: 0, workerKills: 0, attempts: 0, duplicateClicks: 0 };
  let virtualNow = Date.parse('2026-11-22T09:00:00Z');
  let token = crm.issueToken(provider).accessToken;
  let limiterState: LimiterState | undefined;
  const limiter = createLimiter({
    store: { load: async () => limiterState, save: async (s) => void (limiterState = s) },
    now: () => virtualNow,
    sleep: async (ms) => void (virtualNow += ms),
  });
  const deps = {
    fetch: countingFetch(faults, calls, () => resendRandom() < 0.03),
    accessToken: async () => token,
    refreshAccessToken: async () => (token = crm.issueToken(provider).accessToken),
    now: () => new Date(),
  };
  const cache = createMemoryCache();
  const sleep = async (ms: number) => void (virtualNow += ms);
  const adapter: CrmAdapter =
    provider === 'hubspot'
      ? createHubSpotAdapter({
          deps,
          apiBaseUrl: crm.url,
          portalId: '4242424',
          limiter,
          sleep,
          cache,
          settings: { stageReasonProperty: '', logKeyProperty: 'dealside_log_key' },
        })
      : createSalesforceAdapter({
          deps,
          instanceUrl: crm.url,
          apiVersion: 'v66.0',
          orgId: crm.store.salesforce.orgId,
          userId: null,
          limiter,
          sleep,
          cache,
          settings: { stageReasonField: '', logKeyField: '' },
        });

  // The worker may die right after the CRM answered, before anything is persisted.
  let killed = new AbortController();
  const dying = (run: () => Promise<unknown>) => {
    // Tokens expire mid-run: the adapter must refresh and retry once, transparently.
    if (figures.attempts > 0 && figures.attempts % 150 === 0) {
      figures.tokenExpiries++;
      crm.expireTokens(provider);
    }
    return run().finally(() => {
      figures.attempts++;
      if (random() < 0.03) {
        figures.workerKills++;
        killed.abort();
      }
    });
  };
  const mortal: CrmAdapter = {
    ...adapter,
    write: (key, write) => dying(() => adapter.write(key, write)) as ReturnType<CrmAdapter['write']>,
    findWritten: (key, write) =>
      dying(() => adapter.findWritten(key, write)) as ReturnType<CrmAdapter['findWritten']>,
  };

  const targets = targetsOf(crm, provider);
  const keys: { key: string; write: CrmWrite }[] = [];
  let store = createOutboxStore();
  for (let i = 0; i < OPERATIONS; i++) {
    const write = writeFor(i, targets[i % targets.length]!, new Date(virtualNow - i * 60_000).toISOString());
    const item = newItem({ provider, payload: write, sourceId: `src-${i}`, label: `op ${i}` }, virtualNow);
    keys.push({ key: item.key, write });
    expect(await store.enqueue(item)).toBe('queued');
    if (random() < 0.05) {
      figures.duplicateClicks++;
      expect(await store.enqueue(item)).toBe('already-queued');
    }
  }

  // No latency faults: they would only cost wall-clock time; time here is virtual.
  crm.setFaults({
    rngSeed: SEED,
    serverError: { probability: 0.2, status: 500 },
    rateLimit: { probability: 0.05, retryAfterSeconds: 2 },
    dropAfterCommit: { probability: 0.05 },
    uniqueConflict,
  });
  const started = performance.now();
  const startedVirtual = virtualNow;
  for (let pass = 0; pass < 5_000; pass++) {
    await drain({ store, adapter: async () => mortal, now: () => virtualNow, random, signal: killed.signal });
    if (killed.signal.aborted) {
      // A new worker: fresh objects, the same storage.
      killed = new AbortController();
      store = createOutboxStore();
      continue;
    }
    const items = await store.items();
    if (items.length === 0) break;
    // A parked item waits for the rep: nothing more would happen to it on its own.
    if (items.every((i) => i.state === 'failed')) break;
    const wake = nextWakeAt(items);
    virtualNow = Math.max(virtualNow + 1, wake ?? virtualNow);
  }
  crm.setFaults({});
  const remaining = await store.items();
  const ledger = await store.ledger();
  return {
    keys,
    figures: {
      operations: OPERATIONS,
      ...figures,
      calls: calls.n,
      faults,
      duplicates: 0,
      // Not in the ledger: still queued or parked (the rep would see "Not logged").
      lost: OPERATIONS - ledger.length,
      parked: remaining.filter((i) => i.state === 'failed').length,
      virtualMinutes: Math.round((virtualNow - startedVirtual) / 60_000),
      wallSeconds: Math.round((performance.now() - started) / 100) / 10,
    },
  };
}

/** Live (not archived) HubSpot activities per marker in the unique log-key property. */
function hubspotByMarker(crm: FakeCrm) {
  const byMarker = new Map<string, { type: string; id: string }[]>();
  for (const type of ['emails', 'calls', 'meetings', 'notes', 'tasks'] as const) {
    for (const record of crm.store.hubspot[type]) {
      const marker = record.properties.dealside_log_key;
      if (marker && !record.archived)
        byMarker.set(marker, [...(byMarker.get(marker) ?? []), { type, id: record.id }]);
    }
  }
  return byMarker;
}

describe('outbox under faults', () => {
  let crm: FakeCrm;
  beforeAll(async () => {
    crm = await startFakeCrm({ salesforceInstanceUrl: 'self', rngSeed: SEED });
  });
  afterAll(() => crm?.close());
  beforeEach(() => {
    fakeBrowser.reset();
    crm.reset();
    crm.store.settings.hubspotBurstLimit = false;
    crm.store.settings.hubspotSearchLimit = false;
  });

  it.each(['409', '400'] as const)(
    `HubSpot (unique log-key property, duplicate answered %s): ${OPERATIONS} operations land exactly once`,
    async (style) => {
      const { figures, keys } = await runSuite(crm, 'hubspot', style);
      const byMarker = hubspotByMarker(crm);
      let duplicates = 0;
      let missing = 0;
      const misfiled: string[] = [];
      for (const { key, write } of keys) {
        const records = byMarker.get(logMarker(key)) ?? [];
        duplicates += Math.max(0, records.length - 1);
        if (records.length === 0) missing++;
        const [record] = records;
        if (!record) continue;
        const edges = crm.store.hubspot.associations.filter(
          (a) => a.fromType === record.type && a.fromId === record.id,
        );
        const to = (type: string) =>
          [...new Set(edges.filter((e) => e.toType === type).map((e) => e.toId))].sort();
        const expected = {
          deals: [write.target.opportunityId],
          contacts: [...write.target.contactIds].sort(),
          companies: [write.target.accountId],
        };
        const actual = { deals: to('deals'), contacts: to('contacts'), companies: to('companies') };
        if (JSON.stringify(actual) !== JSON.stringify(expected)) misfiled.push(key);
      }
      console.log(
        `HubSpot fault injection (${style}):`,
        JSON.stringify({ ...figures, duplicates, missing }, null, 1),
      );
      expect({ lost: figures.lost, parked: figures.parked, missing, duplicates, misfiled }).toEqual({
        lost: 0,
        parked: 0,
        missing: 0,
        duplicates: 0,
        misfiled: [],
      });
      expect(figures.workerKills).toBeGreaterThan(0);
      expect(figures.faults['dropped connection']).toBeGreaterThan(0);
      expect(figures.faults['browser resend (one fetch, two writes)']).toBeGreaterThan(0);
      expect(figures.faults['http 401 (expired token)']).toBeGreaterThan(0);
      // The duplicate answers really came in the style under test.
      const conflicts = crm.requests().filter((r) => r.status === (style === '409' ? 409 : 400));
      expect(conflicts.length).toBeGreaterThan(0);
    },
    NO_WALL_CLOCK_LIMIT,
  );

  it(
    `Salesforce (marker looked up before re-sending): ${OPERATIONS} operations land exactly once`,
    async () => {
      crm.store.settings.salesforceExternalIdField = false;
      const { figures, keys } = await runSuite(crm, 'salesforce');
      const rows = [...crm.store.salesforce.tasks, ...crm.store.salesforce.events];
      let duplicates = 0;
      let missing = 0;
      const misfiled: string[] = [];
      for (const { key, write } of keys) {
        const found = rows.filter(
          (r) => typeof r.Description === 'string' && r.Description.includes(logMarker(key)),
        );
        duplicates += Math.max(0, found.length - 1);
        if (found.length === 0) missing++;
        const [row] = found;
        if (row && (row.WhatId !== write.target.opportunityId || row.WhoId !== write.target.contactIds[0]))
          misfiled.push(key);
      }
      console.log(
        'Salesforce fault injection:',
        JSON.stringify({ ...figures, duplicates, missing }, null, 1),
      );
      expect({ lost: figures.lost, parked: figures.parked, missing, duplicates, misfiled }).toEqual({
        lost: 0,
        parked: 0,
        missing: 0,
        duplicates: 0,
        misfiled: [],
      });
      expect(figures.workerKills).toBeGreaterThan(0);
      expect(figures.faults['browser resend (one fetch, two writes)']).toBeGreaterThan(0);
    },
    NO_WALL_CLOCK_LIMIT,
  );
});
