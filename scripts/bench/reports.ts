/**
 * CRM calls and time for My day (one rep, today + week) and for a 10-rep team's weekly reports,
 * per provider, against the fake CRM answering every call after 30 ms. Real limiter, real
 * waits: HubSpot's 5 searches per second shows in the time. Figures only, no assertions.
 *
 *   npx tsx scripts/bench/reports.ts
 */
import { createMemoryCache } from '../../lib/crm/cache';
import { createHubSpotAdapter } from '../../lib/crm/hubspot';
import { createLimiter, type LimiterState } from '../../lib/crm/limiter';
import { createSalesforceAdapter } from '../../lib/crm/salesforce';
import type { CrmAdapter } from '../../lib/crm/adapter';
import { startFakeCrm, type FakeCrm } from '../../tests/support/fake-crm';
import { saveFigures } from './figures';

const LATENCY_MS = 30;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// One limiter for the whole run, as the worker has one: a fresh one per read would not know the
// searches the previous read spent in the last second (and would meet 429s the product does not).
let limiterState: LimiterState | undefined;
function limiter() {
  const state = {
    get: () => limiterState,
    set: (next: LimiterState) => void (limiterState = structuredClone(next)),
  };
  return createLimiter({
    store: { load: async () => state.get(), save: async (next) => state.set(next) },
    now: () => Date.now(),
    sleep,
  });
}

function adapterFor(crm: FakeCrm, provider: 'hubspot' | 'salesforce'): CrmAdapter {
  const token = crm.issueToken(provider).accessToken;
  const deps = {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
    accessToken: async () => token,
    refreshAccessToken: async () => token,
    now: () => new Date(),
  };
  if (provider === 'hubspot')
    return createHubSpotAdapter({
      deps,
      apiBaseUrl: crm.url,
      portalId: '4242424',
      limiter: limiter(),
      sleep,
      cache: createMemoryCache(),
      settings: { stageReasonProperty: 'dealside_stage_reason', logKeyProperty: '' },
    });
  return createSalesforceAdapter({
    deps,
    instanceUrl: crm.url,
    apiVersion: 'v66.0',
    orgId: crm.store.salesforce.orgId,
    userId: crm.store.bookIds.salesforce.u1 ?? null,
    limiter: limiter(),
    sleep,
    cache: createMemoryCache(),
    settings: { stageReasonField: 'Dealside_Stage_Reason__c', logKeyField: '' },
  });
}

/** The book's two reps and eight more ids shaped like the provider's. */
function team(crm: FakeCrm, provider: 'hubspot' | 'salesforce'): string[] {
  const ids = crm.store.bookIds[provider];
  const more = Array.from({ length: 8 }, (_, i) =>
    provider === 'hubspot' ? String(90_000 + i) : `005Dz00000009${String(i).padStart(2, '0')}IAA`,
  );
  return [ids.u1 ?? '', ids.u2 ?? '', ...more];
}

async function measure(crm: FakeCrm, provider: 'hubspot' | 'salesforce', owners: string[], today: boolean) {
  const adapter = adapterFor(crm, provider);
  await adapter.pipelines(); // cached for hours in the product; not part of a report read
  crm.clearRequests();
  const now = new Date();
  const todayStart = new Date(now);
  todayStart.setHours(0, 0, 0, 0);
  const started = performance.now();
  await adapter.reportFacts!({ owners, now, todayStart: today ? todayStart : null });
  const ms = performance.now() - started;
  const calls = crm.requests().filter((r) => !r.path.startsWith('/oauth') && !r.path.startsWith('/__admin'));
  const searches = calls.filter((r) => r.path.endsWith('/search')).length;
  const limited = calls.filter((r) => (r as { status?: number }).status === 429).length;
  return { calls: calls.length, searches, limited, ms };
}

/** The CRM team and names (once a day, cached in the product): calls and time. */
async function measurePeople(crm: FakeCrm, provider: 'hubspot' | 'salesforce') {
  const adapter = adapterFor(crm, provider);
  crm.clearRequests();
  const started = performance.now();
  const me = crm.store.bookIds[provider].u1 ?? '';
  const team = await adapter.reportPeople!.team(me);
  await adapter.reportPeople!.names(team.map((p) => p.id));
  const ms = performance.now() - started;
  const calls = crm.requests().filter((r) => !r.path.startsWith('/oauth') && !r.path.startsWith('/__admin'));
  return { calls: calls.length, searches: 0, limited: calls.filter((r) => r.status === 429).length, ms };
}

async function main() {
  const crm = await startFakeCrm({ salesforceInstanceUrl: 'self' });
  crm.setFaults({ latencyMs: LATENCY_MS });
  try {
    console.log(`CRM answers every call after ${LATENCY_MS} ms; pipelines/stages already cached.`);
    for (const provider of ['salesforce', 'hubspot'] as const) {
      const me = await measure(crm, provider, team(crm, provider).slice(0, 1), true);
      const ten = await measure(crm, provider, team(crm, provider), false);
      const line = (what: string, m: typeof me) =>
        `${provider.padEnd(10)} ${what.padEnd(24)} ${String(m.calls).padStart(3)} calls (${m.searches} searches, ${m.limited} answered 429)  ${m.ms.toFixed(0).padStart(5)} ms`;
      console.log(line('My day (1 rep)', me));
      console.log(line('weekly reports, 10 reps', ten));
      const people = await measurePeople(crm, provider);
      console.log(line('team + names (daily)', people));
      // The client retries a 429, so it costs time, not data; but the limiter exists to avoid it.
      for (const [what, m] of [
        ['My day', me],
        ['10-rep reports', ten],
      ] as const)
        if (m.limited > 0)
          console.log(`OVER BUDGET: ${provider} ${what}: ${m.limited} answered 429 (expected 0)`);
      saveFigures('reports', {
        [`${provider}.myDay.calls`]: me.calls,
        [`${provider}.myDay.refused429`]: me.limited,
        [`${provider}.myDay.ms`]: Math.round(me.ms),
        [`${provider}.reports10.calls`]: ten.calls,
        [`${provider}.reports10.refused429`]: ten.limited,
        [`${provider}.reports10.ms`]: Math.round(ten.ms),
        [`${provider}.teamAndNames.calls`]: people.calls,
      });
    }
  } finally {
    await crm.close();
  }
}

await main();
