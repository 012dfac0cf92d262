/**
 * The attach audit's closed-deal read against the fake Salesforce: one SOQL query for the
 * accounts' opportunities closed since a date, with CreatedDate; the CloseDate day stands for
 * its start (UTC).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDeal } from '../../support/fake-crm/close-deal';
import type { FakeCrm } from '../../support/fake-crm';
import { dataRequests, makeAdapter, NOW, startCrm } from './helpers';

const DAY = 86_400_000;
let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const id = (key: string) => {
  const found = crm.store.bookIds.salesforce[key];
  if (!found) throw new Error(`no book id ${key}`);
  return found;
};
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
const startOfDay = (date: Date) => `${date.toISOString().slice(0, 10)}T00:00:00.000Z`;
const NO_KEY_FIELD = { stageReasonField: '', logKeyField: '' };

describe('Salesforce closed opportunities for the attach audit', () => {
  it('returns the opportunities closed since the date in one query, with created and closed times', async () => {
    const { adapter } = makeAdapter(crm, { settings: NO_KEY_FIELD });
    closeDeal(crm.store, 'salesforce', id('o1'), { won: true, at: daysAgo(3) });
    crm.clearRequests();

    const read = await adapter.audit!.closedDeals!({
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
      closedAt: startOfDay(daysAgo(3)),
      stage: { isWon: true },
    });
    expect(o1?.contactIds).toContain(id('c1'));
    expect(Date.parse(o1?.createdAt ?? '')).toBeLessThan(daysAgo(50).getTime());
    expect(read.opportunities.find((o) => o.id === id('o10'))?.closedAt).toBe(startOfDay(daysAgo(12)));
    expect(read.accounts.map((a) => a.id).sort()).toEqual([id('a1'), id('a5')].sort());

    const requests = dataRequests(crm);
    expect(requests).toHaveLength(1);
    const soql = String(requests[0]?.query.q ?? '');
    expect(soql).toContain(`IsClosed = true AND CloseDate >= ${daysAgo(30).toISOString().slice(0, 10)}`);
    expect(soql).toContain('CreatedDate');
  });

  it('leaves out opportunities closed before the date', async () => {
    const { adapter } = makeAdapter(crm, { settings: NO_KEY_FIELD });
    const read = await adapter.audit!.closedDeals!({
      accountIds: [id('a5')],
      contactIds: [],
      since: daysAgo(5).toISOString(),
    });
    expect(read.opportunities).toEqual([]);
  });

  it('asks nothing without an account', async () => {
    const { adapter } = makeAdapter(crm, { settings: NO_KEY_FIELD });
    crm.clearRequests();
    const read = await adapter.audit!.closedDeals!({
      accountIds: [],
      contactIds: [id('c1')],
      since: daysAgo(5).toISOString(),
    });
    expect(read.opportunities).toEqual([]);
    expect(dataRequests(crm)).toEqual([]);
  });
});
