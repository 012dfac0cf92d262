import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeCrm } from '../../support/fake-crm';
import { harness, lines, startCrm } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const ids = () => crm.store.bookIds.hubspot;

describe('HubSpot owners and pipelines', () => {
  it('finds the rep by email and caches the answer', async () => {
    const h = harness(crm);
    expect(await h.adapter.ownerByEmail('Sam@OurCo.com')).toEqual({
      id: ids().u1,
      name: 'Sam Rep',
      email: 'sam@ourco.com',
    });
    expect(await h.adapter.ownerByEmail('sam@ourco.com')).toEqual({
      id: ids().u1,
      name: 'Sam Rep',
      email: 'sam@ourco.com',
    });
    expect(lines(h.calls)).toEqual(['GET /crm/v3/owners']);
    expect(h.calls[0]?.query.get('email')).toBe('sam@ourco.com');
    expect(await h.adapter.ownerByEmail('nobody@ourco.com')).toBeNull();
  });

  it('types stage metadata (strings in HubSpot) and caches pipelines', async () => {
    const h = harness(crm);
    const pipelines = await h.adapter.pipelines();
    await h.adapter.pipelines();
    expect(lines(h.calls)).toEqual(['GET /crm/v3/pipelines/deals']);
    const sales = pipelines[0]!;
    expect(sales).toMatchObject({ id: 'default', label: 'Sales Pipeline' });
    expect(sales.stages[0]).toEqual({
      id: 'appointmentscheduled',
      label: 'Appointment Scheduled',
      order: 0,
      probability: 0.2,
      isClosed: false,
      isWon: false,
      pipelineId: 'default',
    });
    expect(sales.stages.find((s) => s.id === 'closedwon')).toMatchObject({
      isClosed: true,
      isWon: true,
      probability: 1,
    });
    expect(sales.stages.find((s) => s.id === 'closedlost')).toMatchObject({
      isClosed: true,
      isWon: false,
      probability: 0,
    });
    expect(pipelines[1]?.stages.map((s) => s.order)).toEqual([0, 1, 2, 3]);
  });

  it('keeps reading stages when metadata is missing or malformed', async () => {
    const stage = crm.store.hubspot.pipelines[0]!.stages[0]!;
    // The fake serialises probability with toFixed; NaN becomes "NaN".
    stage.probability = Number.NaN;
    const pipelines = await harness(crm).adapter.pipelines();
    expect(pipelines[0]?.stages[0]).toMatchObject({
      id: 'appointmentscheduled',
      probability: null,
      isWon: false,
    });
  });
});

describe('HubSpot searchOpportunities', () => {
  it('finds open deals by name with a deals search', async () => {
    const h = harness(crm);
    const found = await h.adapter.searchOpportunities({ query: 'Acme', accountIds: [] });
    expect(found.map((o) => o.id).sort()).toEqual([ids().o1, ids().o2].sort());
    const search = h.calls.find((c) => c.path === '/crm/v3/objects/deals/search');
    expect(search?.body).toMatchObject({
      filterGroups: [
        {
          filters: [
            { propertyName: 'dealname', operator: 'CONTAINS_TOKEN', value: '*acme*' },
            { propertyName: 'hs_is_closed', operator: 'EQ', value: 'false' },
          ],
        },
      ],
      limit: 20,
      after: '0',
    });
  });

  it('narrows a name search to the given accounts', async () => {
    const found = await harness(crm).adapter.searchOpportunities({ query: 'pilot', accountIds: [ids().a2!] });
    expect(found.map((o) => [o.id, o.accountId])).toEqual([[ids().o4, ids().a2]]);
  });

  it("lists the accounts' open deals without searching when there is no query", async () => {
    const h = harness(crm);
    const found = await h.adapter.searchOpportunities({ query: '', accountIds: [ids().a1!] });
    expect(found.map((o) => o.id).sort()).toEqual([ids().o1, ids().o2].sort());
    expect(found.every((o) => o.accountId === ids().a1)).toBe(true);
    expect(h.calls.some((c) => c.path.endsWith('/search'))).toBe(false);
  });

  it('returns nothing for an empty request', async () => {
    const h = harness(crm);
    expect(await h.adapter.searchOpportunities({ query: '  ', accountIds: [] })).toEqual([]);
    expect(h.calls).toHaveLength(0);
  });
});
