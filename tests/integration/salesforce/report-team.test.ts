/**
 * The weekly reports' team from Salesforce's user hierarchy: a manager's team is the active users
 * whose ManagerId is them; names come from User.Name.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeCrm } from '../../support/fake-crm';
import { dataRequests, makeAdapter, startCrm } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const people = () => makeAdapter(crm).adapter.reportPeople!;
const soqlOf = (path: string, query: Record<string, unknown>) => `${path} ${String(query.q ?? '')}`;

describe('Salesforce report team', () => {
  it('gives a manager their direct reports, by the documented ManagerId query', async () => {
    const ids = crm.store.bookIds.salesforce;
    crm.clearRequests();
    const team = await people().team(ids.u1 ?? '');
    expect(team).toEqual([
      { id: ids.u1, name: 'Sam Rep' },
      { id: ids.u2, name: 'Lea Lead' },
    ]);
    const queries = dataRequests(crm).map((r) => soqlOf(r.path, r.query));
    expect(queries[0]).toContain(
      `SELECT Id, Name FROM User WHERE ManagerId = '${ids.u1}' AND IsActive = true`,
    );
  });

  it('gives a rep who manages no one no team, in one call', async () => {
    const ids = crm.store.bookIds.salesforce;
    crm.clearRequests();
    expect(await people().team(ids.u2 ?? '')).toEqual([]);
    expect(dataRequests(crm)).toHaveLength(1);
  });

  it('leaves out reports who are no longer active', async () => {
    const ids = crm.store.bookIds.salesforce;
    const lea = crm.store.salesforce.users.find((u) => u.Id === ids.u2);
    if (lea) lea.IsActive = false;
    expect(await people().team(ids.u1 ?? '')).toEqual([]);
  });

  it('names owners by User.Name and skips ids it does not know', async () => {
    const ids = crm.store.bookIds.salesforce;
    const names = await people().names([ids.u1 ?? '', ids.u2 ?? '', '005000000000000AAA', 'not-an-id']);
    expect(names).toEqual({ [ids.u1 ?? '']: 'Sam Rep', [ids.u2 ?? '']: 'Lea Lead' });
  });
});
