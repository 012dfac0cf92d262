/**
 * My day and the weekly reports on HubSpot: search totals on narrow filters (never every
 * activity) agree with counting the seeded book, within 5 searches per second.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { factsFromSnapshot } from '../../../lib/reports/facts';
import type { FakeCrm } from '../../support/fake-crm';
import { bookSnapshot } from '../../support/reports/book-snapshot';
import { harness, NOW, startCrm } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

function team() {
  const ids = crm.store.bookIds.hubspot;
  return { ids, owners: [ids.u1 ?? '', ids.u2 ?? ''] };
}

const isSearch = (path: string) => path.endsWith('/search');

/**
 * The harness's limiter waits in virtual time (recorded in `sleeps`), which the fake's real-time
 * search window cannot see; its own check is off here and the limiter's waits are asserted.
 */
function pacedHarness(settings: { stageReasonProperty?: string } = {}) {
  crm.store.settings.hubspotSearchLimit = false;
  return harness(crm, { settings });
}

describe('HubSpot report facts', () => {
  it('counts a team’s week with one search total per rep and kind, paced to 5 searches a second', async () => {
    const h = pacedHarness({ stageReasonProperty: 'dealside_stage_reason' });
    await h.adapter.pipelines();
    h.resetLog();
    const { owners } = team();
    await h.adapter.reportFacts?.({ owners, now: NOW, todayStart: null });
    const searches = h.calls.filter((c) => isSearch(c.path));
    // 1 deal search + 3 kinds × 2 reps.
    expect(searches).toHaveLength(7);
    for (const c of searches.filter((s) => !s.path.includes('/deals/')))
      expect(c.body).toMatchObject({ limit: 1 });
    // Seven searches at 5 a second: the limiter held the last two back for about a second.
    expect(h.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(900);
    const state = h.limiterState();
    expect(JSON.stringify(state)).toContain('hubspot-search');
  });

  it('agrees with counting every activity of the book', async () => {
    const h = pacedHarness({ stageReasonProperty: 'dealside_stage_reason' });
    const { ids, owners } = team();
    const facts = await h.adapter.reportFacts?.({ owners, now: NOW, todayStart: null });
    const expected = factsFromSnapshot(bookSnapshot({ now: NOW, ids, owners }));
    expect(facts?.weekCounts).toEqual(expected.weekCounts);
    const total = Object.values(facts?.weekCounts ?? {}).reduce(
      (n, c) => n + c.calls + c.emails + c.meetings,
      0,
    );
    expect(total).toBeGreaterThan(3);
    const open = new Set(facts?.opportunities.filter((o) => !o.isClosed).map((o) => o.id));
    expect(open.size).toBeGreaterThan(0);
    const onOpen = (record: Record<string, string>) =>
      Object.fromEntries(Object.entries(record).filter(([id]) => open.has(id)));
    expect(facts?.lastActivityAt).toEqual(onOpen(expected.lastActivityAt));
    const lost = (list: { isClosed: boolean; isWon: boolean; id: string; lossReason: string | null }[]) =>
      list
        .filter((o) => o.isClosed && !o.isWon)
        .map((o) => [o.id, o.lossReason])
        .sort();
    expect(lost(facts?.opportunities ?? [])).toEqual(
      lost(
        expected.opportunities.filter(
          (o) => Date.parse(o.closeDate ?? '') >= NOW.getTime() - 90 * 86_400_000,
        ),
      ),
    );
  });

  it('adds three searches for today’s counts in My day', async () => {
    const h = pacedHarness();
    await h.adapter.pipelines();
    h.resetLog();
    const { owners } = team();
    const todayStart = new Date(Math.floor(NOW.getTime() / 86_400_000) * 86_400_000);
    const facts = await h.adapter.reportFacts?.({ owners: owners.slice(0, 1), now: NOW, todayStart });
    expect(h.calls.filter((c) => isSearch(c.path))).toHaveLength(7);
    expect(Object.keys(facts?.todayCounts ?? {})).toEqual(owners.slice(0, 1));
  });
});
