/**
 * The outbox against the fake CRM under fire: 5xx, 429/503 with Retry-After, connections dropped
 * after the CRM committed, latency spikes, tokens expiring mid-run and the worker killed at random
 * points (the outbox rebuilt from storage). Every operation must land exactly once, on the right
 * records, and the queue must drain. Time is virtual: backoff never sleeps.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createMemoryCache } from '@/lib/crm/cache';
import { createHubSpotAdapter } from '@/lib/crm/hubspot';
import { createLimiter, type LimiterState } from '@/lib/crm/limiter';
import { logMarker } from '@/lib/crm/log-key';
import { createSalesforceAdapter } from '@/lib/crm/salesforce';
import type { CrmAdapter, CrmWrite, Provider, Target } from '@/lib/crm/types';
import { nextWakeAt } from '@/lib/outbox/decisions';
import { newItem } from '@/lib/outbox/item';
import { drain } from '@/lib/outbox/processor';
import { createOutboxStore } from '@/lib/outbox/store';
import { startFakeCrm, type FakeCrm } from '../../support/fake-crm';

const OPERATIONS = 500;
const SEED = 20261122;

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
  virtualMinutes: number;
  wallSeconds: number;
}

/** A fetch that counts what the CRM did to us. */
function countingFetch(faults: Record<string, number>, calls: { n: number }): typeof fetch {
  return async (input, init) => {
    calls.n++;
    const started = performance.now();
    try {
      const response = await fetch(input, init);
      if (performance.now() - started >= 40) faults['latency spike'] = (faults['latency spike'] ?? 0) + 1;
      if (response.status >= 500)
        faults[`http ${response.status}`] = (faults[`http ${response.status}`] ?? 0) + 1;
      if (response.status === 429) faults['http 429'] = (faults['http 429'] ?? 0) + 1;
      if (response.status === 401)
        faults['http 401 (expired token)'] = (faults['http 401 (expired token)'] ?? 0) + 1;
      return response;
    } catch (error) {
      faults['dropped connection'] = (faults['dropped connection'] ?? 0) + 1;
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

async function runSuite(
  crm: FakeCrm,
  provider: Provider,
): Promise<{ figures: Figures; keys: { key: string; write: CrmWrite }[] }> {
  const random = rng(SEED);
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
    fetch: countingFetch(faults, calls),
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
  let store = createOutboxStore(browser.storage.local);
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

  crm.setFaults({
    rngSeed: SEED,
    serverError: { probability: 0.2, status: 500 },
    rateLimit: { probability: 0.05, retryAfterSeconds: 2 },
    dropAfterCommit: { probability: 0.05 },
    latencySpikeMs: { probability: 0.02, ms: 40 },
  });
  const started = performance.now();
  const startedVirtual = virtualNow;
  for (let pass = 0; pass < 5_000; pass++) {
    await drain({ store, adapter: async () => mortal, now: () => virtualNow, random, signal: killed.signal });
    if (killed.signal.aborted) {
      // A new worker: fresh objects, the same storage.
      killed = new AbortController();
      store = createOutboxStore(browser.storage.local);
      continue;
    }
    const items = await store.items();
    if (items.length === 0) break;
    expect(items.filter((i) => i.state === 'failed')).toEqual([]);
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
      lost: remaining.length + (OPERATIONS - ledger.length),
      virtualMinutes: Math.round((virtualNow - startedVirtual) / 60_000),
      wallSeconds: Math.round((performance.now() - started) / 100) / 10,
    },
  };
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

  it(`HubSpot (unique log-key property): ${OPERATIONS} operations land exactly once`, async () => {
    const { figures, keys } = await runSuite(crm, 'hubspot');
    const byMarker = new Map<string, { type: string; id: string }[]>();
    for (const type of ['emails', 'calls', 'meetings', 'notes', 'tasks'] as const) {
      for (const record of crm.store.hubspot[type]) {
        const marker = record.properties.dealside_log_key;
        if (marker) byMarker.set(marker, [...(byMarker.get(marker) ?? []), { type, id: record.id }]);
      }
    }
    let duplicates = 0;
    for (const { key, write } of keys) {
      const records = byMarker.get(logMarker(key)) ?? [];
      expect(records, key).toHaveLength(1);
      duplicates += Math.max(0, records.length - 1);
      const [record] = records;
      const edges = crm.store.hubspot.associations.filter(
        (a) => a.fromType === record!.type && a.fromId === record!.id,
      );
      const to = (type: string) =>
        [...new Set(edges.filter((e) => e.toType === type).map((e) => e.toId))].sort();
      expect(to('deals')).toEqual([write.target.opportunityId]);
      expect(to('contacts')).toEqual([...write.target.contactIds].sort());
      expect(to('companies')).toEqual([write.target.accountId]);
    }
    console.log('HubSpot fault injection:', JSON.stringify({ ...figures, duplicates }, null, 1));
    expect(figures.lost).toBe(0);
    expect(figures.workerKills).toBeGreaterThan(0);
    expect(figures.faults['dropped connection']).toBeGreaterThan(0);
    expect(figures.faults['http 401 (expired token)']).toBeGreaterThan(0);
  });

  it(`Salesforce (marker looked up before re-sending): ${OPERATIONS} operations land exactly once`, async () => {
    crm.store.settings.salesforceExternalIdField = false;
    const { figures, keys } = await runSuite(crm, 'salesforce');
    const rows = [...crm.store.salesforce.tasks, ...crm.store.salesforce.events];
    let duplicates = 0;
    for (const { key, write } of keys) {
      const found = rows.filter(
        (r) => typeof r.Description === 'string' && r.Description.includes(logMarker(key)),
      );
      expect(found, key).toHaveLength(1);
      duplicates += Math.max(0, found.length - 1);
      expect(found[0]!.WhatId).toBe(write.target.opportunityId);
      expect(found[0]!.WhoId).toBe(write.target.contactIds[0]);
    }
    console.log('Salesforce fault injection:', JSON.stringify({ ...figures, duplicates }, null, 1));
    expect(figures.lost).toBe(0);
    expect(figures.workerKills).toBeGreaterThan(0);
  });
});
