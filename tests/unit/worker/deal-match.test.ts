import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Connection } from '@/lib/auth/tokens';
import { defaultConfig } from '@/lib/config/schema';
import type { CrmAdapter } from '@/lib/crm/adapter';
import type { MatchData, Opportunity, OpportunityContext } from '@/lib/domain/types';
import { loadHistory, rememberChoice } from '@/lib/match/history';
import type { EmailThread } from '@/lib/model';
import { matchActive } from '@/lib/worker/deal-match';
import type { ActiveInteraction } from '@/lib/worker/active-interactions';

const NOW = new Date('2026-11-22T10:00:00Z');
const config = { ...defaultConfig(), internalDomains: ['ourco.com'] };
const connection: Connection = {
  provider: 'hubspot',
  method: 'oauth',
  refreshToken: 'r',
  apiBaseUrl: 'https://api.hubapi.com',
  authBaseUrl: null,
  tenantId: '1',
  userEmail: 'sam@ourco.com',
  userName: 'Sam Rep',
  crmUserId: 'u1',
  connectedAt: NOW.toISOString(),
};

function thread(people: string[]): ActiveInteraction {
  const interaction: EmailThread = {
    kind: 'email-thread',
    threadId: 't1',
    subject: 'Pricing',
    userEmail: 'sam@ourco.com',
    participants: people.map((email) => ({ email, name: email })),
    messages: [
      {
        id: 'm1',
        permId: null,
        from: { email: people[0]!, name: people[0]! },
        to: [{ email: 'sam@ourco.com', name: 'Sam' }],
        date: '2026-11-20T10:00:00.000Z',
        state: 'expanded',
        text: 'Can we talk pricing?',
      },
    ],
  };
  return { tabId: 1, key: 'k', interaction, seenAt: NOW.toISOString() };
}

const stage = {
  id: 's',
  label: 'Proposal',
  order: 3,
  probability: 0.6,
  isClosed: false,
  isWon: false,
  pipelineId: 'p',
};
function opportunity(id: string, patch: Partial<Opportunity> = {}): Opportunity {
  return {
    id,
    name: `Deal ${id}`,
    accountId: 'a1',
    stage,
    isClosed: false,
    ownerId: 'u1',
    amount: 1000,
    currency: 'USD',
    closeDate: '2026-12-31',
    lastActivityAt: '2026-11-20T10:00:00Z',
    contactIds: ['c1'],
    nextStepField: null,
    ...patch,
  };
}

function adapter(data: Partial<MatchData>, contexts: Record<string, Partial<OpportunityContext>> = {}) {
  return {
    provider: 'hubspot',
    matchData: vi.fn(async () => ({
      people: [{ id: 'c1', kind: 'contact', email: 'jane@acme.com', name: 'Jane Doe', accountId: 'a1' }],
      accounts: [{ id: 'a1', name: 'Acme', domain: 'acme.com' }],
      opportunities: [],
      contexts: [],
      notes: [],
      ...data,
    })),
    opportunityContext: vi.fn(async (id: string) => {
      const context = contexts[id];
      if (!context) throw new Error('not found');
      return context as OpportunityContext;
    }),
    ownerByEmail: vi.fn(async () => null),
  } as unknown as CrmAdapter & {
    matchData: ReturnType<typeof vi.fn>;
    opportunityContext: ReturnType<typeof vi.fn>;
  };
}

describe('matching a tab in the worker', () => {
  beforeEach(() => fakeBrowser.reset());

  it('decides internal-only threads without a single CRM call', async () => {
    const crm = adapter({});
    const view = await matchActive(thread(['lea@ourco.com']), { config, connection, adapter: crm, now: NOW });
    expect(view).toMatchObject({ state: 'ready', result: { decision: 'skip', skipReason: 'internal-only' } });
    expect(crm.matchData).not.toHaveBeenCalled();
  });

  it('asks to open a thread whose messages the page does not show, without a CRM call', async () => {
    const crm = adapter({});
    const headingOnly = thread(['jane@acme.com']);
    if (headingOnly.interaction.kind !== 'email-thread') throw new Error('a thread');
    headingOnly.interaction = { ...headingOnly.interaction, messages: [], participants: [] };
    const view = await matchActive(headingOnly, { config, connection, adapter: crm, now: NOW });
    expect(view).toEqual({ state: 'unreadable', interactionKey: 'thread:t1:', sourceId: 't1' });
    expect(crm.matchData).not.toHaveBeenCalled();
  });

  it('looks up only the external people and their company domains, in one batched read', async () => {
    const crm = adapter({ opportunities: [opportunity('o1')] });
    const view = await matchActive(thread(['Jane+crm@Acme.com', 'lea@ourco.com', 'pat@gmail.com']), {
      config,
      connection,
      adapter: crm,
      now: NOW,
    });
    expect(crm.matchData).toHaveBeenCalledTimes(1);
    expect(crm.matchData).toHaveBeenCalledWith({
      emails: ['jane+crm@acme.com', 'jane@acme.com', 'pat@gmail.com'],
      domains: ['acme.com'],
    });
    expect(view).toMatchObject({
      result: { decision: 'attach', opportunityId: 'o1' },
      selectedOpportunityId: 'o1',
    });
  });

  it('keeps the rep’s earlier choice for the thread while that deal is open, even outside the read', async () => {
    await rememberChoice('t1', 'o9');
    const crm = adapter(
      { opportunities: [opportunity('o1')] },
      { o9: { opportunity: opportunity('o9', { contactIds: [] }) } },
    );
    const view = await matchActive(thread(['jane@acme.com']), { config, connection, adapter: crm, now: NOW });
    expect(view).toMatchObject({ result: { decision: 'attach', opportunityId: 'o9' } });
  });

  it('forgets that choice once the deal has closed', async () => {
    await rememberChoice('t1', 'o9');
    const closed = opportunity('o9', { isClosed: true, stage: { ...stage, isClosed: true } });
    const crm = adapter({ opportunities: [opportunity('o1')] }, { o9: { opportunity: closed } });
    const view = await matchActive(thread(['jane@acme.com']), { config, connection, adapter: crm, now: NOW });
    expect(view).toMatchObject({ result: { decision: 'attach', opportunityId: 'o1' } });
    expect(await loadHistory(['t1'])).toEqual({ threadOpportunity: {} });
  });
});
