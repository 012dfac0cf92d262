/** Small snapshots for the report tests: one rep, defaults a reader can hold in their head. */
import { factsFromSnapshot, type ReportFacts } from '../../../lib/reports/facts';
import type { ReportActivity, ReportOpportunity, ReportSnapshot } from '../../../lib/reports/snapshot';

export const NOW = '2026-12-02T12:00:00.000Z';
const DAY = 86_400_000;

/** `days` (may be fractional) before NOW, as ISO. */
export function ago(days: number): string {
  return new Date(Date.parse(NOW) - days * DAY).toISOString();
}

export function deal(id: string, patch: Partial<ReportOpportunity> = {}): ReportOpportunity {
  return {
    id,
    name: `Deal ${id}`,
    accountId: 'a1',
    ownerId: 'u1',
    stage: 'Discovery',
    isClosed: false,
    isWon: false,
    amount: 10_000,
    closeDate: '2027-03-01',
    stageEnteredAt: ago(1),
    forecastCategory: 'pipeline',
    lossReason: null,
    contactIds: ['c1', 'c2'],
    ...patch,
  };
}

export function lost(id: string, lossReason: string | null, patch: Partial<ReportOpportunity> = {}) {
  return deal(id, {
    stage: 'Closed Lost',
    isClosed: true,
    isWon: false,
    forecastCategory: 'omitted',
    closeDate: ago(10).slice(0, 10),
    lossReason,
    ...patch,
  });
}

let seq = 0;
export function act(
  kind: ReportActivity['kind'],
  at: string,
  patch: Partial<ReportActivity> = {},
): ReportActivity {
  seq += 1;
  return { id: `t${seq}`, kind, at, ownerId: 'u1', opportunityId: null, contactIds: [], ...patch };
}

export function snapshot(
  crm: { opportunities?: ReportOpportunity[]; activities?: ReportActivity[] },
  patch: Partial<ReportSnapshot> = {},
): ReportSnapshot {
  return {
    now: NOW,
    user: { crmUserId: 'u1' },
    settings: {
      dailyTargets: { calls: 15, emails: 20, meetings: 3 },
      noTouchDays: { open: 14, lateStage: 7 },
      expectedDaysInStage: {},
      defaultExpectedDays: 14,
    },
    crm: { opportunities: crm.opportunities ?? [], activities: crm.activities ?? [] },
    ...patch,
  };
}

/** The facts the reports read, derived from a small snapshot the way the CLI derives them. */
export function facts(
  crm: { opportunities?: ReportOpportunity[]; activities?: ReportActivity[] },
  patch: Partial<ReportSnapshot> = {},
): ReportFacts {
  return factsFromSnapshot(snapshot(crm, patch));
}
