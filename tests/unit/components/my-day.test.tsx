// @vitest-environment happy-dom
/** My day as the rep reads it: today's meetings with their deals, the brief one click away, the audit's list. */
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MyDay } from '@/components/MyDay';
import type { AuditView } from '@/lib/audit/view';
import type { MyDayView } from '@/lib/reports/my-day';
import { config, context } from './fixtures';
import { renderPanel } from './render';

const worker = vi.hoisted(() => ({
  sent: [] as Array<{ type: string; data: unknown }>,
  day: null as unknown,
  audit: null as unknown,
}));
vi.mock('@/lib/messaging', () => ({
  sendToWorker: async (type: string, data: unknown) => {
    worker.sent.push({ type, data });
    if (type === 'myday.get') return worker.day;
    if (type === 'audit.view') return worker.audit;
    if (type === 'config.get') return { config: config(), locked: [], warnings: [] };
    if (type === 'deal.context') return context();
    throw new Error(`unexpected ${type}`);
  },
}));

const counts = { calls: 1, emails: 2, meetings: 1 };
function day(patch: Partial<MyDayView> = {}): MyDayView {
  return {
    state: 'ready',
    asOf: '2026-11-22T09:00:00Z',
    refreshing: false,
    activity: {
      today: counts,
      week: counts,
      dailyTarget: { calls: 15, emails: 20, meetings: 3 },
      weeklyTarget: { calls: 75, emails: 100, meetings: 15 },
      lowestToday: 'calls',
      lowestWeek: 'calls',
    },
    attention: [],
    nextCalls: [],
    meetings: [],
    needsTouch: 0,
    notes: [],
    ...patch,
  };
}

const noAudit: AuditView = {
  available: false,
  lastRunAt: null,
  autoAttach: false,
  figure: { ownerId: null, days: 7, activities: 0, onNoDeal: 0, attached: 0, toReview: 0 },
  byOwner: [],
  lines: [],
  notes: [],
};

afterEach(() => {
  cleanup();
  worker.sent = [];
});

describe('My day', () => {
  it('lists today’s calendar meetings with their deal and flags, and opens the pre-call brief in one click', async () => {
    worker.audit = noAudit;
    worker.day = day({
      ownerName: 'Sam Rep',
      meetings: [
        {
          title: 'Acme rollout review',
          start: '2026-11-22T15:00:00Z',
          tabId: null,
          source: 'google-calendar',
          eventId: 'ev1',
          external: true,
          over: false,
          deal: {
            opportunityId: 'o1',
            name: 'Acme — Platform',
            url: 'https://crm.example/o1',
            certain: true,
            flags: ['No activity in 20 days (target: every 7).'],
          },
        },
        {
          title: 'Team standup',
          start: '2026-11-22T09:30:00Z',
          tabId: null,
          source: 'google-calendar',
          eventId: 'ev2',
          external: false,
          over: true,
        },
        {
          title: 'Intro with Umbrella',
          start: '2026-11-22T17:00:00Z',
          tabId: null,
          source: 'google-calendar',
          eventId: 'ev3',
          external: true,
          over: false,
          deal: null,
        },
      ],
    });
    renderPanel(<MyDay />);
    expect(await screen.findByRole('heading', { name: 'My day — Sam Rep' })).toBeTruthy();
    const meetings = within(screen.getByRole('region', { name: 'Today’s meetings' }));
    const items = meetings.getAllByRole('listitem').filter((li) => li.classList.contains('meeting'));
    expect(items).toHaveLength(3);
    const acme = within(items[0]!);
    expect(acme.getByRole('link', { name: 'Acme — Platform' }).getAttribute('href')).toBe(
      'https://crm.example/o1',
    );
    expect(acme.getByText('No activity in 20 days (target: every 7).')).toBeTruthy();
    expect(within(items[1]!).getByText('Internal meeting')).toBeTruthy();
    expect(within(items[2]!).getByText('No open deal found for these people.')).toBeTruthy();
    expect(meetings.getByText('From your Google Calendar.')).toBeTruthy();

    fireEvent.click(acme.getByRole('button', { name: 'Show the pre-call brief for Acme — Platform' }));
    // The brief itself: the deal's stage and owner, read from the CRM on that click.
    expect(await acme.findByText(/Sam Rep/)).toBeTruthy();
    expect(worker.sent).toContainEqual({ type: 'deal.context', data: { opportunityId: 'o1' } });
    expect(acme.getByRole('button', { name: 'Hide the pre-call brief for Acme — Platform' })).toBeTruthy();
  });

  it('shows the attach audit’s review list, and leaves it to the panel’s audit card when asked', async () => {
    worker.day = day();
    worker.audit = {
      ...noAudit,
      available: true,
      figure: { ownerId: null, days: 7, activities: 20, onNoDeal: 3, attached: 1, toReview: 2 },
      lines: [
        {
          activityId: 'e1',
          kind: 'email',
          at: new Date().toISOString(),
          ownerId: 'u1',
          subject: 'Rollout timing',
          decision: 'attach',
          status: 'to-review',
          opportunityId: 'o1',
          dealName: 'Acme — Platform',
          reasons: ['Jane Doe is a contact on this deal'],
          candidates: [],
          problem: null,
        },
      ],
    } satisfies AuditView;
    renderPanel(<MyDay />);
    const audit = within(await screen.findByRole('region', { name: 'Activities on no deal' }));
    expect(audit.getByRole('button', { name: 'Attach to Acme — Platform' })).toBeTruthy();
    cleanup();

    renderPanel(<MyDay audit={false} />);
    expect(await screen.findByRole('heading', { name: 'My day' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Activities on no deal' })).toBeNull();
  });
});
