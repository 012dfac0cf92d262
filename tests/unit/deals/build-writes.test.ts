import { describe, expect, it } from 'vitest';
import { defaultConfig } from '@/lib/config/schema';
import type { Opportunity, Pipeline } from '@/lib/domain/types';
import type { ReadyDealView } from '@/lib/deals/view';
import type { EmailThread, Meeting } from '@/lib/model';
import { planWrites, type LogForm } from '@/lib/panel/build-writes';
import { messageSourceId } from '@/lib/deals/drafts';
import type { Destination } from '@/lib/panel/destination';

const NOW = new Date('2026-11-22T10:00:00Z');
const stage = (id: string, label: string, order: number, isClosed = false) => ({
  id,
  label,
  order,
  probability: null,
  isClosed,
  isWon: false,
  pipelineId: 'default',
});
const pipelines: Pipeline[] = [
  {
    id: 'default',
    label: 'Sales',
    stages: [stage('proposal', 'Proposal', 3), stage('negotiation', 'Negotiation', 4)],
  },
];
const deal: Opportunity = {
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
const view: ReadyDealView = {
  state: 'ready',
  provider: 'hubspot',
  interactionKey: 'k',
  sourceId: 't1',
  result: { decision: 'attach', opportunityId: 'o1', skipReason: null, candidates: [] },
  selectedOpportunityId: 'o1',
  opportunities: [deal],
  accounts: [{ id: 'a1', name: 'Acme', domain: 'acme.com' }],
  people: [
    { id: 'c1', kind: 'contact', email: 'jane@acme.com', name: 'Jane Doe', accountId: 'a1' },
    { id: 'c2', kind: 'contact', email: 'bob@acme.com', name: 'Bob Buyer', accountId: 'a1' },
  ],
  contexts: [],
  notes: [],
  crmUserId: 'u1',
  fetchedAt: NOW.toISOString(),
};
const thread: EmailThread = {
  kind: 'email-thread',
  threadId: 't1',
  subject: 'Pricing',
  userEmail: 'sam@ourco.com',
  participants: [],
  messages: [
    {
      id: 'm1',
      permId: 'msg-f:1',
      from: { email: 'jane@acme.com', name: 'Jane Doe' },
      to: [{ email: 'sam@ourco.com', name: 'Sam Rep' }],
      date: '2026-11-20T13:19:00.000Z',
      state: 'expanded',
      text: 'Send pricing before Thursday?',
      direction: 'received',
    },
  ],
};
/** The message's touch id: built from sender, minute and subject, with its Gmail id as alias. */
const M1 = messageSourceId(thread.messages[0]!, thread.subject)!;

const form = (patch: Partial<LogForm> = {}): LogForm => ({
  subject: 'Pricing',
  body: 'Send pricing before Thursday?',
  call: null,
  nextStep: {
    enabled: true,
    subject: 'Send pricing',
    dueDate: '2026-11-26',
    unblocks: 'Moves the deal toward Negotiation.',
  },
  stageChange: { enabled: false, stageId: '', reasonCode: '' },
  ...patch,
});
const config = defaultConfig();
const onDeal: Destination = { kind: 'opportunity', opportunity: deal };

describe('planning the writes of one log', () => {
  it('logs the email to the deal, its people and account, plus the next step', () => {
    const plan = planWrites({
      interaction: thread,
      view,
      destination: onDeal,
      form: form(),
      config,
      pipelines,
      now: NOW,
    });
    if (!plan.ok) throw new Error(plan.problems.join());
    expect(plan.writes.map((w) => w.payload.kind)).toEqual(['email', 'task']);
    expect(plan.writes[0]).toMatchObject({
      sourceId: M1,
      aliasSourceIds: ['m1'],
      label: 'Email to Acme — Platform',
      payload: {
        direction: 'inbound',
        at: '2026-11-20T13:19:00.000Z',
        target: { opportunityId: 'o1', accountId: 'a1', contactIds: ['c1', 'c2'], ownerId: 'u1' },
      },
    });
    expect(plan.writes[1]).toMatchObject({
      payload: { kind: 'task', dueDate: '2026-11-26', subject: 'Send pricing' },
    });
  });

  it('refuses to log without a next step when the admin requires one', () => {
    const plan = planWrites({
      interaction: thread,
      view,
      destination: onDeal,
      form: form({ nextStep: { enabled: false, subject: '', dueDate: '', unblocks: '' } }),
      config: { ...config, requireNextStep: true },
      pipelines,
      now: NOW,
    });
    expect(plan).toEqual({ ok: false, problems: ['Your team requires a next step with every log.'] });
  });

  it('needs a reason code from the list for a stage change', () => {
    const without = planWrites({
      interaction: thread,
      view,
      destination: onDeal,
      form: form({ stageChange: { enabled: true, stageId: 'negotiation', reasonCode: 'because' } }),
      config,
      pipelines,
      now: NOW,
    });
    expect(without).toEqual({ ok: false, problems: ['A stage change needs a reason from the list.'] });
    const withReason = planWrites({
      interaction: thread,
      view,
      destination: onDeal,
      form: form({
        stageChange: { enabled: true, stageId: 'negotiation', reasonCode: 'commercials-agreed' },
      }),
      config,
      pipelines,
      now: NOW,
    });
    expect(withReason.ok && withReason.writes[2]).toMatchObject({
      sourceId: `${M1}>negotiation`,
      payload: {
        kind: 'stage',
        stageId: 'negotiation',
        reason: { code: 'commercials-agreed', label: 'Commercial terms agreed' },
      },
    });
  });

  it('logs a meeting and, when asked, a call with its disposition and duration', () => {
    const meeting: Meeting = {
      kind: 'meeting',
      eventId: 'ev1',
      calendarId: 'sam@ourco.com',
      title: 'Acme — pricing review',
      start: '2026-11-24T15:00:00.000Z',
      end: '2026-11-24T15:30:00.000Z',
      attendees: [],
      conferenceUrl: 'https://meet.google.com/abc-defg-hij',
      description: '',
    };
    const plan = planWrites({
      interaction: meeting,
      view,
      destination: onDeal,
      form: form({
        call: { enabled: true, dispositionCode: 'left-voicemail', durationMinutes: 30 },
        nextStep: { ...form().nextStep, enabled: false },
      }),
      config,
      pipelines,
      now: NOW,
    });
    if (!plan.ok) throw new Error(plan.problems.join());
    expect(plan.writes.map((w) => [w.sourceId, w.payload.kind])).toEqual([
      ['ev1', 'meeting'],
      ['ev1', 'call'],
    ]);
    expect(plan.writes[1]?.payload).toMatchObject({
      durationSeconds: 1800,
      disposition: { label: 'Left voicemail' },
    });
  });

  it('rejects a next step due in the past', () => {
    const plan = planWrites({
      interaction: thread,
      view,
      destination: onDeal,
      form: form({ nextStep: { ...form().nextStep, dueDate: '2026-11-01' } }),
      config,
      pipelines,
      now: NOW,
    });
    expect(plan).toEqual({ ok: false, problems: ['The next step is due in the past.'] });
  });
});

describe('planning a log with no open deal', () => {
  const noDeal: ReadyDealView = {
    ...view,
    result: { decision: 'none', opportunityId: null, skipReason: null, candidates: [] },
    selectedOpportunityId: null,
    opportunities: [],
  };
  const account: Destination = { kind: 'account', account: { id: 'a1', name: 'Acme', domain: 'acme.com' } };
  const contact: Destination = { kind: 'contact', person: noDeal.people[1]! };
  const plain = form({ nextStep: { ...form().nextStep, enabled: false } });

  it('logs the email to the account and every contact, with no opportunity', () => {
    const plan = planWrites({
      interaction: thread,
      view: noDeal,
      destination: account,
      form: plain,
      config,
      pipelines,
      now: NOW,
    });
    if (!plan.ok) throw new Error(plan.problems.join());
    expect(plan.writes).toHaveLength(1);
    expect(plan.writes[0]).toMatchObject({
      sourceId: M1,
      aliasSourceIds: ['m1'],
      label: 'Email to Acme (account)',
      payload: {
        kind: 'email',
        subject: 'Pricing',
        target: { opportunityId: null, accountId: 'a1', contactIds: ['c1', 'c2'], ownerId: 'u1' },
      },
    });
  });

  it('logs to the contact, first among the contacts, with no account', () => {
    const plan = planWrites({
      interaction: thread,
      view: noDeal,
      destination: contact,
      form: plain,
      config,
      pipelines,
      now: NOW,
    });
    if (!plan.ok) throw new Error(plan.problems.join());
    expect(plan.writes[0]).toMatchObject({
      label: 'Email to Bob Buyer (contact)',
      payload: { target: { opportunityId: null, accountId: null, contactIds: ['c2', 'c1'] } },
    });
  });

  it('never plans a next step or a stage change without a deal', () => {
    const withStep = planWrites({
      interaction: thread,
      view: noDeal,
      destination: account,
      form: form(),
      config,
      pipelines,
      now: NOW,
    });
    expect(withStep).toEqual({
      ok: false,
      problems: ['A next step needs a deal: pick one, or log without it.'],
    });
    const withStage = planWrites({
      interaction: thread,
      view: noDeal,
      destination: contact,
      form: form({
        nextStep: plain.nextStep,
        stageChange: { enabled: true, stageId: 'negotiation', reasonCode: 'commercials-agreed' },
      }),
      config,
      pipelines,
      now: NOW,
    });
    expect(withStage).toEqual({ ok: false, problems: ['Only a deal has a stage to change.'] });
  });

  it('does not hold an account log to the team rule that every deal log has a next step', () => {
    const plan = planWrites({
      interaction: thread,
      view: noDeal,
      destination: account,
      form: plain,
      config: { ...config, requireNextStep: true },
      pipelines,
      now: NOW,
    });
    expect(plan.ok && plan.writes.map((w) => w.payload.kind)).toEqual(['email']);
  });

  it('keeps the call option for meetings', () => {
    const meeting: Meeting = {
      kind: 'meeting',
      eventId: 'ev2',
      calendarId: 'sam@ourco.com',
      title: 'Acme — intro',
      start: '2026-11-24T15:00:00.000Z',
      end: '2026-11-24T15:30:00.000Z',
      attendees: [],
      conferenceUrl: null,
      description: '',
    };
    const plan = planWrites({
      interaction: meeting,
      view: noDeal,
      destination: account,
      form: form({
        nextStep: plain.nextStep,
        call: { enabled: true, dispositionCode: 'connected', durationMinutes: 30 },
      }),
      config,
      pipelines,
      now: NOW,
    });
    if (!plan.ok) throw new Error(plan.problems.join());
    expect(plan.writes.map((w) => [w.label, w.payload.kind, w.payload.target.opportunityId])).toEqual([
      ['Meeting to Acme (account)', 'meeting', null],
      ['Call (Connected) to Acme (account)', 'call', null],
    ]);
  });
});
