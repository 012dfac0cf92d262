/**
 * The attach audit's closed-deal read against the fake HubSpot: the deals of the activities'
 * contacts and companies that closed since a date come back with when they were created and
 * closed, read with association and batch reads only (no search, so no search rate limit).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDeal } from '../../support/fake-crm/close-deal';
import type { FakeCrm } from '../../support/fake-crm';
import { byWave, harness, NOW, startCrm } from './helpers';

const DAY = 86_400_000;
let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const id = (key: string) => {
  const found = crm.store.bookIds.hubspot[key];
  if (!found) throw new Error(`no book id ${key}`);
  return found;
};
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

describe('HubSpot closed deals for the attach audit', () => {
  it('returns the deals closed since the date, with created and closed times, and leaves open and older ones out', async () => {
    const h = harness(crm);
    closeDeal(crm.store, 'hubspot', id('o1'), { won: true, at: daysAgo(3) });
    await h.adapter.pipelines();
    h.resetLog();

    const read = await h.adapter.audit!.closedDeals!({
      accountIds: [id('a1'), id('a5')],
      contactIds: [id('c1')],
      since: daysAgo(30).toISOString(),
    });

    // o1 (won 3 days ago) and o10 (won 12 days ago); o3 won 340 days ago, o2 and o7 are open.
    expect(read.opportunities.map((o) => o.id).sort()).toEqual([id('o1'), id('o10')].sort());
    const o1 = read.opportunities.find((o) => o.id === id('o1'));
    expect(o1).toMatchObject({
      isClosed: true,
      accountId: id('a1'),
      closedAt: daysAgo(3).toISOString(),
      stage: { isWon: true },
    });
    expect(o1?.contactIds).toContain(id('c1'));
    expect(Date.parse(o1?.createdAt ?? '')).toBeLessThan(daysAgo(50).getTime());
    expect(read.opportunities.find((o) => o.id === id('o10'))).toMatchObject({
      accountId: id('a5'),
      closedAt: daysAgo(12).toISOString().slice(0, 10) + 'T00:00:00.000Z',
    });
    // Two association reads together, then one batch read of the deals.
    expect(byWave(h.calls)).toEqual([
      [
        'POST /crm/v4/associations/companies/deals/batch/read',
        'POST /crm/v4/associations/contacts/deals/batch/read',
      ],
      ['POST /crm/v3/objects/deals/batch/read'],
    ]);
  });

  it('leaves out deals closed before the date', async () => {
    const h = harness(crm);
    const read = await h.adapter.audit!.closedDeals!({
      accountIds: [id('a5')],
      contactIds: [],
      since: daysAgo(5).toISOString(),
    });
    expect(read.opportunities).toEqual([]);
  });

  it('asks nothing when there is nobody to look up', async () => {
    const h = harness(crm);
    const read = await h.adapter.audit!.closedDeals!({
      accountIds: [],
      contactIds: [],
      since: daysAgo(5).toISOString(),
    });
    expect(read.opportunities).toEqual([]);
    expect(h.calls).toEqual([]);
  });
});
