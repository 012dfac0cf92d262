/** A deal, its view and brief, as the worker would hand them to the panel. */
import { defaultConfig, type Config } from '@/lib/config/schema';
import type { Opportunity, OpportunityContext, Pipeline } from '@/lib/domain/types';
import type { ReadyDealView } from '@/lib/deals/view';
import type { EmailThread, Meeting } from '@/lib/model';

export const NOW = new Date('2026-11-22T10:00:00Z');

const stage = (id: string, label: string, order: number) => ({
  id,
  label,
  order,
  probability: null,
  isClosed: false,
  isWon: false,
  pipelineId: 'default',
});

export const PIPELINES: Pipeline[] = [
  {
    id: 'default',
    label: 'Sales',
    stages: [stage('proposal', 'Proposal', 3), stage('negotiation', 'Negotiation', 4)],
  },
];

export const DEAL: Opportunity = {
  id: 'o1',
  name: 'Acme — Platform',
  accountId: 'a1',
  stage: stage('proposal', 'Proposal', 3),
  isClosed: false,
  ownerId: 'u1',
  amount: 120000,
  currency: 'USD',
  closeDate: '2026-12-18',
  lastActivityAt: null,
  contactIds: ['c1'],
  nextStepField: null,
};

export const VIEW: ReadyDealView = {
  state: 'ready',
  provider: 'hubspot',
  interactionKey: 'k',
  sourceId: 't1',
  result: { decision: 'attach', opportunityId: 'o1', skipReason: null, candidates: [] },
  selectedOpportunityId: 'o1',
  opportunities: [DEAL],
  accounts: [{ id: 'a1', name: 'Acme', domain: 'acme.com' }],
  people: [{ id: 'c1', kind: 'contact', email: 'jane@acme.com', name: 'Jane Doe', accountId: 'a1' }],
  contexts: [],
  notes: [],
  crmUserId: 'u1',
  fetchedAt: NOW.toISOString(),
};

export function emailThread(text: string, from = 'jane@acme.com'): EmailThread {
  return {
    kind: 'email-thread',
    threadId: 't1',
    subject: 'Rollout',
    userEmail: 'sam@ourco.com',
    participants: [{ email: 'jane@acme.com', name: 'Jane Doe' }],
    messages: [
      {
        id: 'm1',
        permId: null,
        from: { email: from, name: from === 'jane@acme.com' ? 'Jane Doe' : 'Sam Rep' },
        to: [],
        date: '2026-11-20T13:19:00.000Z',
        state: 'expanded',
        text,
      },
    ],
  };
}

export function meeting(start: string, end: string): Meeting {
  return {
    kind: 'meeting',
    eventId: 'ev1',
    calendarId: 'sam@ourco.com',
    title: 'Acme — pricing review',
    start,
    end,
    attendees: [{ email: 'jane@acme.com', name: 'Jane Doe' }],
    conferenceUrl: null,
    description: 'Agenda: pricing.',
    userEmail: 'sam@ourco.com',
  } as Meeting;
}

export function config(patch: Partial<Config> = {}): Config {
  return { ...defaultConfig(), ...patch };
}

export function context(patch: Partial<OpportunityContext> = {}): OpportunityContext {
  return {
    opportunity: DEAL,
    accountName: 'Acme',
    ownerName: 'Sam Rep',
    stageEnteredAt: '2026-11-12T09:00:00Z',
    lastTouch: null,
    lastReply: null,
    nextStep: null,
    contacts: [],
    recentActivities: [],
    notes: [],
    fetchedAt: NOW.toISOString(),
    ...patch,
  };
}
