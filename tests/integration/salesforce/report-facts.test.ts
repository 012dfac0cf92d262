/**
 * My day and the weekly reports on Salesforce: one composite call of GROUP BY / COUNT queries
 * against the fake org gives the same counts, last activities and people touched as reading every
 * activity of the seeded book would.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { factsFromSnapshot } from '../../../lib/reports/facts';
import type { FakeCrm } from '../../support/fake-crm';
import { bookSnapshot } from '../../support/reports/book-snapshot';
import { dataRequests, makeAdapter, NOW, startCrm } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

function team() {
  const ids = crm.store.bookIds.salesforce;
  return { ids, owners: [ids.u1 ?? '', ids.u2 ?? ''] };
}

describe('Salesforce report facts', () => {
  it('reads a team with one composite call of aggregate queries', async () => {
    const { adapter } = makeAdapter(crm, {
      settings: { stageReasonField: 'Dealside_Stage_Reason__c', logKeyField: '' },
    });
    crm.clearRequests();
    const facts = await adapter.reportFacts?.({ owners: team().owners, now: NOW, todayStart: null });
    expect(facts?.notes).toEqual([]);
    const calls = dataRequests(crm);
    expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /services/data/v66.0/composite']);
    const soql = decodeURIComponent(JSON.stringify(calls[0]?.body));
    expect(soql).toContain('GROUP BY OwnerId, TaskSubtype');
    expect(soql).toContain('COUNT(Id)');
  });

  it('agrees with counting every activity of the book', async () => {
    const { adapter } = makeAdapter(crm, {
      settings: { stageReasonField: 'Dealside_Stage_Reason__c', logKeyField: '' },
    });
    const { ids, owners } = team();
    const facts = await adapter.reportFacts?.({ owners, now: NOW, todayStart: null });
    const expected = factsFromSnapshot(bookSnapshot({ now: NOW, ids, owners, firstContactOnly: true }));
    expect(facts?.weekCounts).toEqual(expected.weekCounts);
    // The book has a week of work in it: the comparison is not between two empty answers.
    const total = Object.values(facts?.weekCounts ?? {}).reduce(
      (n, c) => n + c.calls + c.emails + c.meetings,
      0,
    );
    expect(total).toBeGreaterThan(3);
    expect(Object.keys(facts?.touched14d ?? {}).length).toBeGreaterThan(0);
    const open = new Set(facts?.opportunities.filter((o) => !o.isClosed).map((o) => o.id));
    const onOpen = (record: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(record).filter(([id]) => open.has(id)));
    expect(facts?.lastActivityAt).toEqual(onOpen(expected.lastActivityAt));
    const sorted = (record: Record<string, string[]>) =>
      Object.fromEntries(Object.entries(record).map(([id, people]) => [id, [...people].sort()]));
    expect(sorted(facts?.touched14d ?? {})).toEqual(
      sorted(onOpen(expected.touched14d) as Record<string, string[]>),
    );
    const lost = (list: { isClosed: boolean; isWon: boolean; id: string; lossReason: string | null }[]) =>
      list.filter((o) => o.isClosed && !o.isWon).map((o) => [o.id, o.lossReason]);
    expect(lost(facts?.opportunities ?? [])).toEqual(
      lost(
        expected.opportunities.filter(
          (o) => Date.parse(o.closeDate ?? '') >= NOW.getTime() - 90 * 86_400_000,
        ),
      ),
    );
  });

  it('adds today’s counts for My day in a second call', async () => {
    const { adapter } = makeAdapter(crm);
    const { owners } = team();
    crm.clearRequests();
    const todayStart = new Date(Math.floor(NOW.getTime() / 86_400_000) * 86_400_000);
    const facts = await adapter.reportFacts?.({ owners: owners.slice(0, 1), now: NOW, todayStart });
    expect(dataRequests(crm)).toHaveLength(2);
    expect(Object.keys(facts?.todayCounts ?? {})).toEqual(owners.slice(0, 1));
  });
});
