/**
 * CRM calls per 100 activities audited, for each provider: the fake CRM holds 100 emails of the
 * rep from the last 14 days (60 logged to a contact only, 40 already on deals); one full pass
 * reads and judges them, then the confident moves are sent through the outbox. A second pass
 * with nothing changed shows the cost of the hourly incremental run.
 *
 *   npx tsx scripts/bench/audit.ts
 */
import { runAudit } from '../../lib/audit/run';
import { automaticMoves } from '../../lib/audit/moves';
import { EMPTY_AUDIT_STATE, mergeRun } from '../../lib/audit/state';
import { createMemoryCache } from '../../lib/crm/cache';
import { createHubSpotAdapter } from '../../lib/crm/hubspot';
import { createLimiter } from '../../lib/crm/limiter';
import { createSalesforceAdapter } from '../../lib/crm/salesforce';
import type { CrmAdapter } from '../../lib/crm/adapter';
import type { CrmWrite, Provider } from '../../lib/domain/types';
import { startFakeCrm, type FakeCrm } from '../../tests/support/fake-crm';

const ACTIVITIES = 100;
const ON_DEALS = 40;
const NOW = new Date('2026-11-20T12:00:00.000Z');
const DAY = 86_400_000;

function counted(): { fetch: typeof fetch; calls: () => number; reset: () => void } {
  let calls = 0;
  return {
    fetch: (input, init) => {
      calls++;
      return fetch(input, init);
    },
    calls: () => calls,
    reset: () => void (calls = 0),
  };
}

function adapterFor(crm: FakeCrm, provider: Provider, fetchImpl: typeof fetch): CrmAdapter {
  const limiter = createLimiter({
    store: { load: async () => undefined, save: async () => undefined },
    now: () => Date.now(),
    sleep: async () => undefined,
  });
  const token = crm.issueToken(provider).accessToken;
  const deps = {
    fetch: fetchImpl,
    accessToken: async () => token,
    refreshAccessToken: async () => token,
    now: () => crm.clock.now(),
  };
  const cache = createMemoryCache();
  if (provider === 'hubspot') {
    return createHubSpotAdapter({
      deps,
      apiBaseUrl: crm.url,
      portalId: '4242424',
      limiter,
      sleep: async () => undefined,
      cache,
      settings: { stageReasonProperty: '', logKeyProperty: '' },
    });
  }
  return createSalesforceAdapter({
    deps,
    instanceUrl: crm.url,
    apiVersion: 'v66.0',
    orgId: crm.store.salesforce.orgId,
    userId: crm.store.bookIds.salesforce.u1 ?? null,
    limiter,
    sleep: async () => undefined,
    cache,
    settings: { stageReasonField: '', logKeyField: '' },
  });
}

/** Book contacts with their accounts and (where the book has one) an open deal. */
const PEOPLE = [
  ['c1', 'a1', 'o1', 'jane@acme.com', 'Jane Doe'],
  ['c4', 'a2', 'o4', 'gina@globex.com', 'Gina Globex'],
  ['c6', 'a4', null, 'dave@hooli.com', 'Dave Hooli'],
  ['c2', 'a1', 'o1', 'bob@acme.com', 'Bob Buyer'],
] as const;

async function seed(crm: FakeCrm, provider: Provider, adapter: CrmAdapter): Promise<void> {
  const id = (key: string) => crm.store.bookIds[provider][key]!;
  for (let i = 0; i < ACTIVITIES; i++) {
    const [contact, account, deal, email, name] = PEOPLE[i % PEOPLE.length]!;
    const onDeal = i < ON_DEALS && deal !== null;
    const write: CrmWrite = {
      kind: 'email',
      target: {
        opportunityId: onDeal ? id(deal) : null,
        accountId: id(account),
        contactIds: [id(contact)],
        ...(provider === 'salesforce' ? { leadIds: [] } : {}),
        ownerId: id('u1'),
      },
      subject: `Rollout question ${i}`,
      body: 'Can we talk about the rollout?',
      from: { email, name },
      to: [{ email: 'sam@ourco.com', name: 'Sam Rep' }],
      at: new Date(NOW.getTime() - ((i % 12) + 1) * DAY).toISOString(),
      direction: 'inbound',
    };
    await adapter.write(`${provider}:email:bench-${i}:x`, write);
  }
}

async function measure(provider: Provider): Promise<void> {
  const crm = await startFakeCrm({ now: NOW, salesforceInstanceUrl: 'self' });
  try {
    crm.store.settings.hubspotBurstLimit = false;
    crm.store.settings.hubspotSearchLimit = false;
    const counter = counted();
    const adapter = adapterFor(crm, provider, counter.fetch);
    await seed(crm, provider, adapter);
    const input = {
      adapter,
      user: { email: 'sam@ourco.com', crmUserId: crm.store.bookIds[provider].u1 ?? null },
      team: [],
      settings: {
        internalDomains: ['ourco.com'],
        excludedDomains: [],
        personalDomains: [],
        lookbackDays: 14,
      },
      now: crm.clock.now(),
      cursor: null,
    };
    counter.reset();
    const first = await runAudit(input);
    const readCalls = counter.calls();
    const audited = first.report.summary.scanned;

    const state = mergeRun(
      EMPTY_AUDIT_STATE,
      {
        findings: first.report.findings,
        cursor: first.read.cursor,
        truncated: false,
        notes: [],
        ...(first.read.whatIds ? { whatIds: first.read.whatIds } : {}),
      },
      crm.clock.now().getTime(),
      14,
      () => false,
    );
    const moves = automaticMoves(state, { provider, now: Date.now() });
    counter.reset();
    for (const move of moves) {
      if (move.payload.kind === 'attach') await adapter.audit!.move(move.payload);
    }
    const moveCalls = counter.calls();

    crm.clock.advance(60_000);
    counter.reset();
    await runAudit({ ...input, now: crm.clock.now(), cursor: first.read.cursor });
    const incrementalCalls = counter.calls();

    const per100 = (calls: number) => ((calls / Math.max(1, audited)) * 100).toFixed(1);
    const s = first.report.summary;
    console.log(
      `${provider}: ${audited} activities audited (${s.already} on a deal, ${s.attach} attach, ${s.ask} ask, ${s.none} none, ${s.skip} skip)`,
    );
    console.log(`  read + judge: ${readCalls} CRM calls = ${per100(readCalls)} per 100 activities audited`);
    console.log(
      `  moves: ${moveCalls} CRM calls for ${moves.length} attaches (${(moveCalls / Math.max(1, moves.length)).toFixed(1)} each)`,
    );
    console.log(`  total first pass: ${per100(readCalls + moveCalls)} per 100 activities audited`);
    console.log(`  next hourly pass (the moved ones changed since): ${incrementalCalls} CRM calls`);
  } finally {
    await crm.close();
  }
}

for (const provider of ['hubspot', 'salesforce'] as const) await measure(provider);
