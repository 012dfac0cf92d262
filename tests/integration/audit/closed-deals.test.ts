/**
 * A live audit pass, both providers, for deals that have closed since: the deal that counts is
 * the one open when the activity happened. An email from 10 days ago whose deal was won 3 days
 * ago goes onto that deal; one whose only deal closed 20 days before the email stays where it is.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { auditPass, type AuditDeps } from '@/lib/audit/service';
import type { AuditState } from '@/lib/audit/state';
import { defaultConfig } from '@/lib/config/schema';
import type { CrmAdapter } from '@/lib/crm/adapter';
import type { Provider } from '@/lib/domain/types';
import { createOutboxStore } from '@/lib/outbox/store';
import { startFakeCrm, type FakeCrm } from '../../support/fake-crm';
import { closeDeal } from '../../support/fake-crm/close-deal';
import { formatDateTime } from '../../support/fake-crm/soql/dates';
import { harness } from '../hubspot/helpers';
import { makeAdapter } from '../salesforce/helpers';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
const EMAIL_AT = daysAgo(10);

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startFakeCrm({ now: NOW, salesforceInstanceUrl: 'self' });
});
afterAll(() => crm.close());
beforeEach(() => {
  fakeBrowser.reset();
  crm.reset();
  crm.store.settings.hubspotSearchLimit = false;
});

const book = (provider: Provider, key: string) => {
  const id = crm.store.bookIds[provider][key];
  if (!id) throw new Error(`no ${provider} id ${key}`);
  return id;
};

function adapterFor(provider: Provider): CrmAdapter {
  return provider === 'hubspot'
    ? harness(crm).adapter
    : makeAdapter(crm, { settings: { stageReasonField: '', logKeyField: '' } }).adapter;
}

/** Jane's email to Sam from 10 days ago, logged to her contact and company only (as CRM sync does). */
async function contactOnlyEmail(provider: Provider, adapter: CrmAdapter): Promise<string> {
  const { recordId } = await adapter.write(`${provider}:email:k1:account`, {
    kind: 'email',
    target: {
      opportunityId: null,
      accountId: book(provider, 'a1'),
      contactIds: [book(provider, 'c1')],
      ...(provider === 'salesforce' ? { leadIds: [] } : {}),
      ownerId: book(provider, 'u1'),
    },
    subject: 'Kickoff date',
    body: 'Hi Sam, when can we start?',
    from: { email: 'jane@acme.com', name: 'Jane Doe' },
    to: [{ email: 'sam@ourco.com', name: 'Sam Rep' }],
    at: EMAIL_AT.toISOString(),
    direction: 'inbound',
  });
  if (provider === 'salesforce') {
    // Salesforce completes a synced email Task when the email happened, not when it is read back.
    const task = crm.store.salesforce.tasks.find((t) => t.Id === recordId);
    if (task) task.CompletedDateTime = formatDateTime(EMAIL_AT.getTime());
  }
  return recordId;
}

function depsFor(provider: Provider, adapter: CrmAdapter): AuditDeps {
  let state: AuditState | null = null;
  return {
    adapter: async () => adapter,
    signedIn: async () => ({
      provider,
      tenantId: null,
      crmUserId: book(provider, 'u1'),
      userEmail: 'sam@ourco.com',
    }),
    config: async () => ({ ...defaultConfig(), internalDomains: ['ourco.com'], auditAutoAttach: true }),
    outbox: createOutboxStore(),
    state: { read: async () => state, write: async (next) => void (state = next) },
    now: () => crm.clock.now().getTime(),
    runOutbox: () => undefined,
    continueIn: () => undefined,
  };
}

describe.each(['hubspot', 'salesforce'] as const)('attach audit and closed deals on %s', (provider) => {
  it('attaches an email from 10 days ago to the deal that was open then and was won 3 days ago', async () => {
    closeDeal(crm.store, provider, book(provider, 'o1'), { won: true, at: daysAgo(3) });
    const adapter = adapterFor(provider);
    const recordId = await contactOnlyEmail(provider, adapter);

    const view = await auditPass(depsFor(provider, adapter));
    const line = view.lines.find((l) => l.activityId === recordId);
    expect(line).toMatchObject({ decision: 'attach', status: 'queued', opportunityId: book(provider, 'o1') });
    expect(line?.reasons).toContain('Jane Doe is a contact on this deal');
  });

  it('leaves an email alone when its only deal closed 20 days before it', async () => {
    closeDeal(crm.store, provider, book(provider, 'o1'), { won: true, at: daysAgo(30) });
    // Acme's other open deal, closed long ago: o1 is the account's only recent deal.
    closeDeal(crm.store, provider, book(provider, 'o2'), { won: false, at: daysAgo(100) });
    const adapter = adapterFor(provider);
    const recordId = await contactOnlyEmail(provider, adapter);

    const deps = depsFor(provider, adapter);
    const view = await auditPass(deps);
    // Read and judged, but no deal counts: nothing to move, nothing to review.
    expect((await deps.state.read())?.findings[recordId]).toMatchObject({
      decision: 'none',
      opportunityId: null,
    });
    expect(view.lines.some((l) => l.activityId === recordId)).toBe(false);
    expect(await deps.outbox.items()).toEqual([]);
  });
});
