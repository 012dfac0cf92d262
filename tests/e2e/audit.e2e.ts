/**
 * The attach audit end to end, both CRMs: the fake CRM holds an email of the rep's that the
 * CRM's own sync logged to Jane (a contact) and not to her open deal. After sign-in the rep asks
 * the audit to check; with auto-attach on, the email ends up on "Acme — Platform" in the CRM and
 * the panel shows the week's figure and the move with its reason and an Undo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryCache } from '@/lib/crm/cache';
import { createHubSpotAdapter } from '@/lib/crm/hubspot';
import { createLimiter } from '@/lib/crm/limiter';
import { createSalesforceAdapter } from '@/lib/crm/salesforce';
import type { CrmAdapter } from '@/lib/crm/adapter';
import type { Provider } from '@/lib/domain/types';
import type { FakeCrm } from '../support/fake-crm';
import { localHttpsFetch } from '../support/local-fetch';
import { settingsFor, startStack, type Stack } from '../support/stack';
import { fixtureHtml, fixtureUrl } from './support/env';
import { openPanelFor, signIn } from './support/panel';

/** A Node-side adapter, as the CRM's own email sync: writes straight to the fake CRM's API. */
function syncAdapter(crm: FakeCrm, provider: Provider): CrmAdapter {
  const token = crm.issueToken(provider).accessToken;
  const deps = {
    fetch: localHttpsFetch,
    accessToken: async () => token,
    refreshAccessToken: async () => token,
    now: () => crm.clock.now(),
  };
  const limiter = createLimiter({
    store: { load: async () => undefined, save: async () => undefined },
    now: () => Date.now(),
    sleep: async () => undefined,
  });
  const common = { limiter, sleep: async () => undefined, cache: createMemoryCache() };
  return provider === 'hubspot'
    ? createHubSpotAdapter({
        ...common,
        deps,
        apiBaseUrl: crm.url,
        portalId: null,
        settings: { stageReasonProperty: '', logKeyProperty: '' },
      })
    : createSalesforceAdapter({
        ...common,
        deps,
        instanceUrl: crm.url,
        apiVersion: 'v66.0',
        orgId: crm.store.salesforce.orgId,
        userId: crm.store.bookIds.salesforce.u1 ?? null,
        settings: { stageReasonField: '', logKeyField: '' },
      });
}

function onDeal(crm: FakeCrm, provider: Provider, recordId: string): boolean {
  const deal = crm.store.bookIds[provider].o1;
  if (provider === 'hubspot') {
    return crm.store.hubspot.associations.some(
      (a) => a.fromType === 'emails' && a.fromId === recordId && a.toType === 'deals' && a.toId === deal,
    );
  }
  return crm.store.salesforce.tasks.find((t) => t.Id === recordId)?.WhatId === deal;
}

describe.each([
  ['hubspot', 'HubSpot'],
  ['salesforce', 'Salesforce'],
] as const)('attach audit on %s', (provider, crmName) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await stack.configure({ ...settingsFor(provider), auditAutoAttach: true });
  });
  afterAll(() => stack?.close());

  it('puts the contact-only email on its deal and shows the figure', async () => {
    const ids = stack.crm.store.bookIds[provider];
    const { recordId } = await syncAdapter(stack.crm, provider).write(`sync:${provider}:1`, {
      kind: 'email',
      target: {
        opportunityId: null,
        accountId: ids.a1!,
        contactIds: [ids.c1!],
        ...(provider === 'salesforce' ? { leadIds: [] } : {}),
        ownerId: ids.u1!,
      },
      subject: 'Rollout timing',
      body: 'Hi Sam, can we start in January?',
      from: { email: 'jane@acme.com', name: 'Jane Doe' },
      to: [{ email: 'sam@ourco.com', name: 'Sam Rep' }],
      at: new Date(Date.now() - 86_400_000).toISOString(),
      direction: 'inbound',
    });
    expect(onDeal(stack.crm, provider, recordId)).toBe(false);

    const { tabId } = await stack.open(
      fixtureUrl('gmail/gmail-thread-basic.html'),
      fixtureHtml('gmail/gmail-thread-basic.html'),
    );
    const panel = await openPanelFor(stack, tabId);
    await signIn(panel, crmName);
    const card = panel.getByRole('region', { name: 'Activities on no deal' });
    await expect.poll(() => card.count(), { timeout: 60_000 }).toBe(1);
    await card.getByRole('button', { name: 'Check now' }).click();

    await expect.poll(() => onDeal(stack.crm, provider, recordId), { timeout: 60_000 }).toBe(true);
    await expect
      .poll(
        () =>
          card.getByText(/^last 7 days: \d+ activities, \d+ on no deal, 1 attached, \d+ to review$/).count(),
        {
          timeout: 60_000,
        },
      )
      .toBe(1);
    const line = card.locator('li.audit-line', { hasText: 'Rollout timing' });
    await expect.poll(() => line.getByText('Moved to Acme — Platform').count()).toBe(1);
    expect(await line.getByText('Jane Doe is a contact on this deal').count()).toBe(1);
    expect(await line.getByRole('button', { name: 'Undo' }).count()).toBe(1);
  });
});
