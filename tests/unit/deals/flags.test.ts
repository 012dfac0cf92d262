import { describe, expect, it } from 'vitest';
import type { OpportunityContext } from '@/lib/domain/types';
import { computeFlags, isLateStage } from '@/lib/deals/flags';

const NOW = new Date('2026-11-22T12:00:00Z');
const config = { stageAgeTargets: {}, noTouchDays: { open: 14, lateStage: 7 } };

function context(
  patch: Partial<OpportunityContext> & { stageLabel?: string; closeDate?: string | null } = {},
) {
  const label = patch.stageLabel ?? 'Proposal';
  const stage = {
    id: label.toLowerCase(),
    label,
    order: 3,
    probability: 0.5,
    isClosed: false,
    isWon: false,
    pipelineId: null,
  };
  const base: OpportunityContext = {
    opportunity: {
      id: 'o1',
      name: 'Acme — Platform',
      accountId: 'a1',
      stage,
      isClosed: false,
      ownerId: 'u1',
      amount: 120000,
      currency: 'USD',
      closeDate: patch.closeDate === undefined ? '2026-12-18' : patch.closeDate,
      lastActivityAt: null,
      contactIds: ['c1', 'c2'],
      nextStepField: null,
    },
    accountName: 'Acme',
    ownerName: 'Sam Rep',
    stageEnteredAt: '2026-11-12T09:00:00Z',
    lastTouch: {
      id: 'e1',
      kind: 'email',
      direction: 'inbound',
      at: '2026-11-20T13:19:00Z',
      who: 'Jane',
      summary: 'x',
      contactIds: [],
    },
    lastReply: null,
    nextStep: null,
    contacts: [
      { id: 'c1', name: 'Jane Doe', email: 'jane@acme.com', touchedAt: '2026-11-20T13:19:00Z' },
      { id: 'c2', name: 'Bob Buyer', email: 'bob@acme.com', touchedAt: '2026-11-18T10:00:00Z' },
    ],
    recentActivities: [],
    notes: [],
    fetchedAt: NOW.toISOString(),
  };
  return { ...base, ...patch, opportunity: base.opportunity };
}

describe('pre-call flags', () => {
  it('a healthy late-stage deal raises nothing', () => {
    const flags = computeFlags(context(), config, NOW);
    expect(flags).toEqual({
      stageAge: { days: 10, expectedDays: 21, overdue: false },
      noRecentTouch: null,
      singleThreaded: null,
      closeDatePassed: false,
      nextStepOverdue: null,
    });
  });

  it('flags the previous next step once its due date has passed', () => {
    const nextStep = {
      subject: 'Send revised pricing',
      dueDate: '2026-11-19',
      ownerName: null,
      source: 'task' as const,
    };
    expect(computeFlags(context({ nextStep }), config, NOW).nextStepOverdue).toEqual({
      subject: 'Send revised pricing',
      dueDate: '2026-11-19',
      days: 3,
    });
    const dueToday = { ...nextStep, dueDate: '2026-11-22' };
    expect(computeFlags(context({ nextStep: dueToday }), config, NOW).nextStepOverdue).toBeNull();
    const undated = { ...nextStep, dueDate: null };
    expect(computeFlags(context({ nextStep: undated }), config, NOW).nextStepOverdue).toBeNull();
  });

  it('flags a deal stuck past its expected days in stage', () => {
    const flags = computeFlags(
      context({ stageLabel: 'Discovery', stageEnteredAt: '2026-10-01T00:00:00Z' }),
      config,
      NOW,
    );
    expect(flags.stageAge).toEqual({ days: 52, expectedDays: 14, overdue: true });
  });

  it('uses 7 days without a touch for late stages and 14 otherwise', () => {
    const lastTouch = {
      id: 'e',
      kind: 'email' as const,
      direction: null,
      at: '2026-11-12T00:00:00Z',
      who: null,
      summary: '',
      contactIds: [],
    };
    expect(computeFlags(context({ lastTouch }), config, NOW).noRecentTouch).toEqual({
      days: 10,
      thresholdDays: 7,
    });
    expect(
      computeFlags(context({ lastTouch, stageLabel: 'Discovery' }), config, NOW).noRecentTouch,
    ).toBeNull();
    expect(computeFlags(context({ lastTouch: null }), config, NOW).noRecentTouch).toEqual({
      days: null,
      thresholdDays: 7,
    });
  });

  it('warns when only one person on the deal was touched in 14 days', () => {
    const contacts = [
      { id: 'c1', name: 'Jane Doe', email: null, touchedAt: '2026-11-20T13:19:00Z' },
      { id: 'c2', name: 'Bob Buyer', email: null, touchedAt: null },
    ];
    expect(computeFlags(context({ contacts }), config, NOW).singleThreaded).toEqual({ touched: 1, total: 2 });
  });

  it('flags a close date in the past', () => {
    expect(computeFlags(context({ closeDate: '2026-11-01' }), config, NOW).closeDatePassed).toBe(true);
    expect(computeFlags(context({ closeDate: null }), config, NOW).closeDatePassed).toBe(false);
  });

  it('knows late stages by name or probability', () => {
    expect(isLateStage({ id: 'contractsent', label: 'Contract sent', probability: 0.9 })).toBe(true);
    expect(isLateStage({ id: 'x', label: 'Negotiation/Review', probability: null })).toBe(true);
    expect(isLateStage({ id: 'q', label: 'Qualification', probability: 0.1 })).toBe(false);
  });
});
