/**
 * Ten cold threads opened together on one HubSpot portal: how long Dealside waits for HubSpot's
 * rate limits (110 requests per 10 s for the app, 5 searches per second), against the fake CRM
 * with both limits enforced. Each thread does what the worker and panel do for a cold thread:
 * the match pass (with the likely deal's brief) and the brief of the deal the panel shows.
 * Metadata is warm (pipelines and owners are cached for a day from sign-in).
 *
 *   npx tsx scripts/bench/hubspot-burst.ts
 */
import { createMemoryCache } from '../../lib/crm/cache';
import { createHubSpotAdapter } from '../../lib/crm/hubspot';
import { createLimiter, type LimiterState } from '../../lib/crm/limiter';
import { startFakeCrm } from '../../tests/support/fake-crm';
import { saveFigures } from './figures';

const THREADS = [
  ['jane@acme.com', 'bob@acme.com'],
  ['gina@globex.com'],
  ['dave@hooli.com'],
  ['ian@initech.com', 'peter@initech.com'],
  ['alice@umbrella.io'],
  ['gavin@hooli.com', 'monica@hooli.com'],
  ['art@vandelay.com'],
  ['max@powerplant.io'],
  ['nina@soylent.co'],
  ['hank@globex.com'],
];

async function main() {
  const crm = await startFakeCrm();
  crm.store.settings.hubspotBurstLimit = true;
  let limiterState: LimiterState | undefined;
  let waitedMs = 0;
  let calls = 0;
  let searches = 0;
  let refused = 0;
  const sleep = (ms: number) => {
    waitedMs += ms;
    return new Promise<void>((done) => setTimeout(done, ms));
  };
  try {
    const token = crm.issueToken('hubspot').accessToken;
    const adapter = createHubSpotAdapter({
      deps: {
        fetch: async (input, init) => {
          calls++;
          if (String(input).endsWith('/search')) searches++;
          const response = await fetch(input, init);
          if (response.status === 429) refused++;
          return response;
        },
        accessToken: async () => token,
        refreshAccessToken: async () => token,
        now: () => new Date(),
      },
      apiBaseUrl: crm.url,
      portalId: String(crm.store.hubspot.portalId),
      limiter: createLimiter({
        store: {
          load: async () => limiterState,
          save: async (next) => {
            limiterState = structuredClone(next);
          },
        },
        now: () => Date.now(),
        sleep,
      }),
      sleep,
      cache: createMemoryCache(),
      settings: { stageReasonProperty: '', logKeyProperty: 'dealside_log_key' },
    });
    // Sign-in already cached these for the day.
    await adapter.pipelines();
    await adapter.ownerByEmail('sam@ourco.com');
    calls = 0;
    waitedMs = 0;

    const started = Date.now();
    const shown = await Promise.all(
      THREADS.map(async (emails) => {
        const domains = [...new Set(emails.map((e) => e.slice(e.indexOf('@') + 1)))];
        const data = await adapter.matchData({ emails, domains });
        const deal = data.opportunities[0];
        if (deal && !data.contexts.some((c) => c.opportunity.id === deal.id))
          await adapter.opportunityContext(deal.id);
        return Date.now() - started;
      }),
    );
    const total = Math.max(...shown);
    console.log(
      `hubspot: ${THREADS.length} cold threads opened together: ${calls} calls (${searches} searches), ` +
        `rate-limit wait ${waitedMs} ms, 429s ${refused}, all shown after ${total} ms`,
    );
    saveFigures('hubspot-burst', {
      'hubspot.burst10.rateLimitWaitMs': waitedMs,
      'hubspot.burst10.calls': calls,
      'hubspot.burst10.searches': searches,
      'hubspot.burst10.refused429': refused,
      'hubspot.burst10.allShownMs': total,
    });
  } finally {
    await crm.close();
  }
}

main().catch((error: unknown) => {
  console.error(`bench/hubspot-burst: ${error instanceof Error ? error.message : String(error)}`);
  saveFigures(
    'hubspot-burst',
    { 'hubspot.burst10.rateLimitWaitMs': null },
    {
      'hubspot.burst10.rateLimitWaitMs': `failed: ${error instanceof Error ? error.message : String(error)}`,
    },
  );
  process.exitCode = 1;
});
