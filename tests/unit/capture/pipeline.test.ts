import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Connection } from '@/lib/auth/tokens';
import {
  captureTouch,
  captureTouches,
  confirmCapture,
  dismissCapture,
  settleCaptures,
  undoCapture,
  type CaptureServices,
} from '@/lib/capture/pipeline';
import { createCaptureStore } from '@/lib/capture/store';
import { defaultConfig, type Config } from '@/lib/config/schema';
import type { CrmAdapter } from '@/lib/crm/adapter';
import type { MatchData, Opportunity } from '@/lib/domain/types';
import type { EmailMessage, EmailThread, Meeting } from '@/lib/model';
import { outboxKey } from '@/lib/outbox/item';
import { createOutboxStore } from '@/lib/outbox/store';
import { planWrites } from '@/lib/panel/build-writes';
import { matchActive } from '@/lib/worker/deal-match';

const NOW = new Date('2026-11-22T10:00:30Z');
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

function crm(data: Partial<MatchData> = {}) {
  return {
    provider: 'hubspot',
    matchData: vi.fn(async () => ({
      people: [{ id: 'c1', kind: 'contact', email: 'jane@acme.com', name: 'Jane Doe', accountId: 'a1' }],
      accounts: [{ id: 'a1', name: 'Acme', domain: 'acme.com' }],
      opportunities: [opportunity('o1')],
      contexts: [],
      notes: [],
      ...data,
    })),
    opportunityContext: vi.fn(async () => {
      throw new Error('not needed');
    }),
    ownerByEmail: vi.fn(async () => null),
  } as unknown as CrmAdapter & { matchData: ReturnType<typeof vi.fn> };
}

function services(config: Partial<Config>, adapter = crm()) {
  const runOutbox = vi.fn();
  const value: CaptureServices = {
    config: async () => ({ ...defaultConfig(), internalDomains: ['ourco.com'], ...config }),
    auth: { connection: async () => connection },
    adapter: async () => adapter,
    outbox: createOutboxStore(),
    capture: createCaptureStore(() => NOW.getTime()),
  };
  return { services: value, adapter, runOutbox };
}

const sent = (patch: Partial<EmailMessage> = {}): EmailMessage => ({
  id: null,
  permId: null,
  from: { email: 'sam@ourco.com', name: 'Sam Rep' },
  to: [{ email: 'jane@acme.com', name: 'Jane Doe' }],
  date: '2026-11-22T10:00:12.000Z',
  state: 'expanded',
  text: 'Pricing attached.',
  direction: 'sent',
  ...patch,
});

function thread(messages: EmailMessage[], subject = 'Re: Pricing'): EmailThread {
  return {
    kind: 'email-thread',
    threadId: '198c6747aabb71a9',
    subject,
    userEmail: 'sam@ourco.com',
    participants: [
      { email: 'jane@acme.com', name: 'Jane Doe' },
      { email: 'sam@ourco.com', name: 'Sam Rep' },
    ],
    messages,
  };
}

const meeting = (patch: Partial<Meeting> = {}): Meeting => ({
  kind: 'meeting',
  eventId: 'evt1',
  calendarId: 'sam@ourco.com',
  title: 'Pricing review',
  start: '2026-11-22T09:00:00.000Z',
  end: '2026-11-22T09:30:00.000Z',
  attendees: [
    { email: 'jane@acme.com', name: 'Jane Doe' },
    { email: 'sam@ourco.com', name: 'Sam Rep' },
  ],
  conferenceUrl: null,
  description: 'Agenda',
  userEmail: 'sam@ourco.com',
  ...patch,
});

describe('auto-capture', () => {
  beforeEach(() => fakeBrowser.reset());

  it('in auto mode queues a sent email under the very key the Log button uses, with no click', async () => {
    const { services: s, runOutbox } = services({ captureSent: 'auto' });
    const email = thread([sent()]);
    const outcome = await captureTouch(s, email, { kind: 'sent', source: 'send', now: NOW, runOutbox });
    expect(outcome).toMatchObject({ status: 'queued', record: { auto: true, destination: 'Deal o1' } });
    const items = await s.outbox.items();
    expect(items).toHaveLength(1);
    expect(runOutbox).toHaveBeenCalledTimes(1);

    // The Log button on the same thread plans the same key.
    const view = await matchActive(
      { tabId: 1, key: 'k', interaction: email, seenAt: NOW.toISOString() },
      {
        config: { ...defaultConfig(), internalDomains: ['ourco.com'] },
        connection,
        adapter: crm(),
        now: NOW,
      },
    );
    if (view.state !== 'ready') throw new Error('ready');
    const plan = planWrites({
      interaction: email,
      view,
      destination: { kind: 'opportunity', opportunity: view.opportunities[0]! },
      form: {
        subject: email.subject,
        body: '',
        call: null,
        nextStep: { enabled: false, subject: '', dueDate: '', unblocks: '' },
        stageChange: { enabled: false, stageId: '', reasonCode: '' },
      },
      config: defaultConfig(),
      pipelines: [],
      now: NOW,
    });
    if (!plan.ok) throw new Error('plan');
    const manual = plan.writes[0]!;
    expect(
      outboxKey({
        provider: 'hubspot',
        op: 'email',
        sourceId: manual.sourceId,
        target: manual.payload.target,
      }),
    ).toBe(items[0]!.key);
    expect(items[0]!.payload).toMatchObject({
      kind: 'email',
      direction: 'outbound',
      target: { opportunityId: 'o1', accountId: 'a1', contactIds: ['c1'] },
    });
  });

  it('by default only suggests, and one click confirms it', async () => {
    const { services: s } = services({});
    const outcome = await captureTouch(s, thread([sent()]), { kind: 'sent', source: 'send', now: NOW });
    expect(outcome).toMatchObject({ status: 'suggested' });
    expect(await s.outbox.items()).toEqual([]);
    if (outcome.status !== 'suggested') throw new Error('suggested');
    await confirmCapture(s, outcome.record.id);
    expect(await s.outbox.items()).toHaveLength(1);
    // A second click changes nothing.
    await confirmCapture(s, outcome.record.id);
    expect(await s.outbox.items()).toHaveLength(1);
  });

  it('never auto-logs a close call: it waits with its candidates, and the rep can pick the other deal', async () => {
    const adapter = crm({
      opportunities: [opportunity('o1'), opportunity('o2', { lastActivityAt: '2026-11-19T10:00:00Z' })],
    });
    const { services: s } = services({ captureSent: 'auto' }, adapter);
    const outcome = await captureTouch(s, thread([sent()]), { kind: 'sent', source: 'send', now: NOW });
    expect(outcome).toMatchObject({ status: 'suggested', record: { decision: 'ask' } });
    if (outcome.status !== 'suggested') throw new Error('suggested');
    expect(outcome.record.candidates.map((c) => c.opportunityId).sort()).toEqual(['o1', 'o2']);
    await confirmCapture(s, outcome.record.id, 'o2');
    const [item] = await s.outbox.items();
    expect(item!.payload.target.opportunityId).toBe('o2');
    expect(item!.label).toBe('Email to Deal o2');
  });

  it('captures nothing and reads no CRM for an internal-only send', async () => {
    const { services: s, adapter } = services({ captureSent: 'auto' });
    const internal = thread([sent({ to: [{ email: 'lea@ourco.com', name: 'Lea' }] })]);
    internal.participants = [{ email: 'lea@ourco.com', name: 'Lea' }];
    const outcome = await captureTouch(s, internal, { kind: 'sent', source: 'send', now: NOW });
    expect(outcome).toMatchObject({ status: 'not-captured', reason: 'internal-only' });
    expect(adapter.matchData).not.toHaveBeenCalled();
    expect(await s.capture.all()).toEqual([]);
    expect(await s.outbox.items()).toEqual([]);
  });

  it('never captures mail with only unknown personal addresses', async () => {
    const adapter = crm({ people: [], opportunities: [opportunity('o1', { contactIds: [] })] });
    const { services: s } = services({ captureSent: 'auto' }, adapter);
    const personal = thread([sent({ to: [{ email: 'pat@gmail.com', name: 'Pat' }] })]);
    personal.participants = [{ email: 'pat@gmail.com', name: 'Pat' }];
    const outcome = await captureTouch(s, personal, { kind: 'sent', source: 'send', now: NOW });
    expect(outcome.status).toBe('not-captured');
    expect(await s.outbox.items()).toEqual([]);
  });

  it('captures nothing when the kind is off', async () => {
    const { services: s, adapter } = services({ captureSent: 'off' });
    expect(await captureTouch(s, thread([sent()]), { kind: 'sent', source: 'send', now: NOW })).toMatchObject(
      {
        status: 'not-captured',
        reason: 'off',
      },
    );
    expect(adapter.matchData).not.toHaveBeenCalled();
  });

  it('recognises the sent message seen later in its thread with its Gmail id, even a minute later, without a CRM read', async () => {
    const { services: s, adapter } = services({ captureSent: 'auto' });
    await captureTouch(s, thread([sent()]), { kind: 'sent', source: 'send', now: NOW });
    // Gmail shows it under its permanent id, and its header reads the next minute.
    const later = sent({ id: '19d847db53731d21', permId: '#msg-f:1', date: '2026-11-22T10:01:00.000Z' });
    const outcome = await captureTouch(s, thread([later]), { kind: 'sent', source: 'thread', now: NOW });
    expect(outcome.status).toBe('already');
    expect(adapter.matchData).toHaveBeenCalledTimes(1);
    expect(await s.outbox.items()).toHaveLength(1);
  });

  it('captures each new received message of a thread once, with one CRM read for all of them', async () => {
    const { services: s, adapter } = services({ captureReceived: 'auto' });
    const received = (id: string, minute: string): EmailMessage => ({
      ...sent({
        id,
        from: { email: 'jane@acme.com', name: 'Jane Doe' },
        date: `2026-11-22T09:${minute}:00.000Z`,
      }),
      to: [{ email: 'sam@ourco.com', name: 'Sam Rep' }],
      direction: 'received',
    });
    const email = thread([received('a1', '10'), received('a2', '40')]);
    const requests = email.messages.map((message) => ({
      kind: 'received' as const,
      source: 'thread' as const,
      message,
      now: NOW,
    }));
    const first = await captureTouches(s, email, requests);
    expect(first.map((o) => o.status)).toEqual(['queued', 'queued']);
    const again = await captureTouches(s, email, requests);
    expect(again.map((o) => o.status)).toEqual(['already', 'already']);
    expect(adapter.matchData).toHaveBeenCalledTimes(1);
    expect(await s.outbox.items()).toHaveLength(2);
  });

  it('skips a touch the Log button already queued, whatever deal it went to', async () => {
    const { services: s, adapter } = services({ captureMeetings: 'auto' });
    await s.outbox.enqueue({
      key: 'hubspot:meeting:evt1:o9',
      provider: 'hubspot',
      op: 'meeting',
      payload: {
        kind: 'meeting',
        target: { opportunityId: 'o9', accountId: null, contactIds: [], ownerId: null },
        title: 'x',
        body: '',
        start: NOW.toISOString(),
        end: NOW.toISOString(),
        location: null,
      },
      sourceId: 'evt1',
      label: 'Meeting',
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
      state: 'pending',
      maybeWritten: false,
      createdAt: 0,
    });
    expect(
      await captureTouch(s, meeting(), { kind: 'meeting', source: 'calendar-page', now: NOW }),
    ).toMatchObject({
      status: 'already',
    });
    expect(adapter.matchData).not.toHaveBeenCalled();
  });

  it('captures a held meeting, but not one that has not ended', async () => {
    const { services: s } = services({ captureMeetings: 'auto' });
    const upcoming = meeting({ eventId: 'evt2', end: '2026-11-22T11:00:00.000Z' });
    expect(
      await captureTouch(s, upcoming, { kind: 'meeting', source: 'calendar-page', now: NOW }),
    ).toMatchObject({
      status: 'not-captured',
      reason: 'not-held',
    });
    expect(
      await captureTouch(s, meeting(), { kind: 'meeting', source: 'calendar-page', now: NOW }),
    ).toMatchObject({
      status: 'queued',
      record: { write: { label: 'Meeting to Deal o1', payload: { kind: 'meeting', outcome: 'completed' } } },
    });
  });

  it('Undo drops a write still waiting, and is never captured again', async () => {
    const { services: s, adapter } = services({ captureSent: 'auto' });
    const outcome = await captureTouch(s, thread([sent()]), { kind: 'sent', source: 'send', now: NOW });
    if (outcome.status !== 'queued') throw new Error('queued');
    await undoCapture(s, outcome.record.id);
    expect(await s.outbox.items()).toEqual([]);
    expect(
      await captureTouch(s, thread([sent()]), { kind: 'sent', source: 'thread', now: NOW }),
    ).toMatchObject({
      status: 'already',
      record: { status: 'undone' },
    });
    expect(adapter.matchData).toHaveBeenCalledTimes(1);
  });

  it('Undo of a landed write deletes the CRM record through the outbox and frees the touch for a manual log', async () => {
    const { services: s } = services({ captureSent: 'auto' });
    const outcome = await captureTouch(s, thread([sent()]), { kind: 'sent', source: 'send', now: NOW });
    if (outcome.status !== 'queued') throw new Error('queued');
    const key = outcome.record.outboxKey!;
    await s.outbox.land({
      key,
      provider: 'hubspot',
      op: 'email',
      sourceId: outcome.record.sourceId,
      opportunityId: 'o1',
      recordId: 'e77',
      label: 'Email',
      loggedAt: NOW.getTime(),
      adopted: false,
    });
    await undoCapture(s, outcome.record.id);
    const items = await s.outbox.items();
    expect(items).toHaveLength(1);
    expect(items[0]!.payload).toMatchObject({ kind: 'remove', recordId: 'e77', activity: 'email' });
    expect((await s.outbox.ledger()).map((e) => e.key)).not.toContain(key);
  });

  it('Undo while the write is being sent deletes it once it lands', async () => {
    const { services: s } = services({ captureSent: 'auto' });
    const outcome = await captureTouch(s, thread([sent()]), { kind: 'sent', source: 'send', now: NOW });
    if (outcome.status !== 'queued') throw new Error('queued');
    const [item] = await s.outbox.items();
    await s.outbox.update([{ ...item!, state: 'sending' }]);
    await undoCapture(s, outcome.record.id);
    await s.outbox.land({
      key: item!.key,
      provider: 'hubspot',
      op: 'email',
      sourceId: item!.sourceId,
      opportunityId: 'o1',
      recordId: 'e78',
      label: 'Email',
      loggedAt: NOW.getTime(),
      adopted: false,
    });
    await settleCaptures(s, NOW.getTime());
    expect((await s.outbox.items()).map((i) => i.payload)).toEqual([
      expect.objectContaining({ kind: 'remove', recordId: 'e78' }),
    ]);
  });

  it('a worker stopped between capture and enqueue still queues the write once', async () => {
    const { services: s } = services({ captureSent: 'auto' });
    const outcome = await captureTouch(s, thread([sent()]), { kind: 'sent', source: 'send', now: NOW });
    if (outcome.status !== 'queued') throw new Error('queued');
    // As if the worker stopped after the claim, before the enqueue.
    await s.outbox.clearItems();
    await s.capture.update(outcome.record.id, (r) => ({ ...r, enqueued: false }));
    await settleCaptures(s, NOW.getTime());
    await settleCaptures(s, NOW.getTime());
    const items = await s.outbox.items();
    expect(items.map((i) => i.key)).toEqual([outcome.record.outboxKey]);
  });

  it('a capture the rep discarded from the outbox stays discarded', async () => {
    const { services: s } = services({ captureSent: 'auto' });
    const outcome = await captureTouch(s, thread([sent()]), { kind: 'sent', source: 'send', now: NOW });
    if (outcome.status !== 'queued') throw new Error('queued');
    await s.outbox.remove(outcome.record.outboxKey!);
    expect(await settleCaptures(s, NOW.getTime())).toBe(false);
    expect(await s.outbox.items()).toEqual([]);
  });

  it('a dismissed suggestion is not suggested again', async () => {
    const { services: s } = services({});
    const outcome = await captureTouch(s, thread([sent()]), { kind: 'sent', source: 'send', now: NOW });
    if (outcome.status !== 'suggested') throw new Error('suggested');
    await dismissCapture(s, outcome.record.id);
    expect(
      await captureTouch(s, thread([sent()]), { kind: 'sent', source: 'thread', now: NOW }),
    ).toMatchObject({
      status: 'already',
      record: { status: 'dismissed' },
    });
  });
});
