import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeCrm } from '../../support/fake-crm';
import { byWave, harness, startCrm, type LoggedCall } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const ids = () => crm.store.bookIds.hubspot;
const DEMO = { emails: ['jane@acme.com', 'bob@acme.com'], domains: ['acme.com'] };

function bodyOf(calls: LoggedCall[], path: string): Record<string, unknown> {
  const call = calls.find((c) => c.path === path);
  expect(call, path).toBeDefined();
  return call?.body as Record<string, unknown>;
}

describe('HubSpot matchData', () => {
  it('finds Acme — Platform for the demo thread in 3 round trips and 6 calls, and its brief in one more call for the open deal only (metadata cached)', async () => {
    const h = harness(crm);
    await h.adapter.pipelines();
    await h.adapter.ownerByEmail('sam@ourco.com');
    h.resetLog();

    const data = await h.adapter.matchData(DEMO);

    expect(h.waves()).toBe(3);
    expect(h.calls).toHaveLength(6);
    expect(byWave(h.calls)).toEqual([
      ['POST /crm/v3/objects/contacts/batch/read'],
      [
        'POST /crm/v3/objects/companies/batch/read',
        'POST /crm/v4/associations/companies/deals/batch/read',
        'POST /crm/v4/associations/contacts/deals/batch/read',
      ],
      [
        // Jane and Bob are on two deals; only the deal read tells the 2025 renewal is closed, so
        // neither deal's activities are read yet.
        'POST /crm/v3/objects/deals/batch/read',
        'POST /crm/v4/associations/deals/contacts/batch/read',
      ],
    ]);
    console.log(
      `[hubspot] cold matchData + brief (metadata cached): ${h.waves()} round trips, ${h.calls.length} calls`,
    );

    const contacts = bodyOf(h.calls, '/crm/v3/objects/contacts/batch/read');
    expect(contacts).toMatchObject({
      idProperty: 'email',
      inputs: [{ id: 'jane@acme.com' }, { id: 'bob@acme.com' }],
    });
    expect(contacts.properties).toEqual(
      expect.arrayContaining(['email', 'firstname', 'lastname', 'associatedcompanyid']),
    );
    const deals = bodyOf(h.calls, '/crm/v3/objects/deals/batch/read');
    expect(deals.properties).toEqual(
      expect.arrayContaining([
        'dealname',
        'dealstage',
        'pipeline',
        'amount',
        'deal_currency_code',
        'closedate',
        'hubspot_owner_id',
        'hs_next_step',
        'hs_is_closed',
        'hs_v2_date_entered_current_stage',
      ]),
    );
    // The closed Acme renewal was read (via the company) and then left out.
    expect((deals.inputs as Array<{ id: string }>).map((i) => i.id)).toContain(ids().o3);

    const o1 = data.opportunities.find((o) => o.id === ids().o1);
    expect(o1).toMatchObject({
      name: 'Acme — Platform',
      accountId: ids().a1,
      isClosed: false,
      ownerId: ids().u1,
      amount: 120000,
      currency: 'USD',
      closeDate: '2026-12-14',
      nextStepField: 'Send revised pricing for 250 seats',
      stage: { id: 'contractsent', label: 'Contract Sent', isClosed: false, isWon: false, probability: 0.9 },
    });
    expect(o1?.contactIds.sort()).toEqual([ids().c1, ids().c2].sort());
    expect(data.opportunities.every((o) => !o.isClosed && !o.stage.isClosed)).toBe(true);
    expect(data.opportunities.map((o) => o.id)).not.toContain(ids().o3);
    expect(data.people).toEqual([
      { id: ids().c1, kind: 'contact', email: 'jane@acme.com', name: 'Jane Doe', accountId: ids().a1 },
      { id: ids().c2, kind: 'contact', email: 'bob@acme.com', name: 'Bob Buyer', accountId: ids().a1 },
    ]);
    expect(data.accounts).toEqual([{ id: ids().a1, name: 'Acme', domain: 'acme.com' }]);
    expect(data.notes).toEqual([]);
    expect(data.contexts).toEqual([]);

    // The panel's brief request: one call, the open deal's activities; the renewal's never.
    h.resetLog();
    const brief = await h.adapter.opportunityContext(ids().o1!);
    expect(byWave(h.calls)).toEqual([
      ['GET /engagements/v1/engagements/associated/DEAL/' + ids().o1 + '/paged'],
    ]);
    // The same brief as reading the deal on its own.
    const alone = await harness(crm).adapter.opportunityContext(ids().o1!);
    expect(brief).toEqual({ ...alone, fetchedAt: brief.fetchedAt });
    expect(brief.contacts.map((c) => c.name).sort()).toEqual(['Bob Buyer', 'Jane Doe']);
    expect(brief.recentActivities.length).toBeGreaterThan(0);
  });

  it('reads the brief in the match pass when one deal is the likely pick and its people are known (3 round trips, 7 calls)', async () => {
    const h = harness(crm);
    await h.adapter.pipelines();
    await h.adapter.ownerByEmail('sam@ourco.com');
    h.resetLog();

    const data = await h.adapter.matchData({
      emails: ['gina@globex.com', 'pat.founder@gmail.com'],
      domains: ['globex.com'],
    });

    expect(h.waves()).toBe(3);
    expect(h.calls).toHaveLength(7);
    expect(byWave(h.calls)[2]).toEqual([
      'GET /engagements/v1/engagements/associated/DEAL/' + ids().o4 + '/paged',
      'POST /crm/v3/objects/deals/batch/read',
      'POST /crm/v4/associations/deals/contacts/batch/read',
    ]);
    const alone = await harness(crm).adapter.opportunityContext(ids().o4!);
    expect(data.contexts).toEqual([{ ...alone, fetchedAt: data.contexts[0]?.fetchedAt }]);
    // Shared with the panel's request: no call.
    h.resetLog();
    await h.adapter.opportunityContext(ids().o4!);
    expect(h.calls).toHaveLength(0);
  });

  it("leaves the names of a deal's other contacts to the brief request: one call, not a fourth round trip before the deal shows", async () => {
    const h = harness(crm);
    await h.adapter.pipelines();
    await h.adapter.ownerByEmail('sam@ourco.com');
    h.resetLog();

    const data = await h.adapter.matchData({ emails: ['gina@globex.com'], domains: ['globex.com'] });
    expect(h.waves()).toBe(3);
    expect(data.opportunities.map((o) => o.id)).toContain(ids().o4);
    expect(data.contexts).toEqual([]);

    h.resetLog();
    const brief = await h.adapter.opportunityContext(ids().o4!);
    // The activities were read in the match pass: only Pat's name is left.
    expect(byWave(h.calls)).toEqual([['POST /crm/v3/objects/contacts/batch/read']]);
    const alone = await harness(crm).adapter.opportunityContext(ids().o4!);
    expect(brief).toEqual({ ...alone, fetchedAt: brief.fetchedAt });
  });

  it('reads pipelines in the first round trip when they are not cached (still 3 round trips with the owner cached)', async () => {
    const h = harness(crm);
    await h.adapter.ownerByEmail('sam@ourco.com');
    h.resetLog();
    await h.adapter.matchData(DEMO);
    expect(h.waves()).toBe(3);
    expect(h.calls).toHaveLength(7);
    expect(byWave(h.calls)[0]).toEqual([
      'GET /crm/v3/pipelines/deals',
      'POST /crm/v3/objects/contacts/batch/read',
    ]);
    console.log(
      `[hubspot] cold matchData (pipelines cold): ${h.waves()} round trips, ${h.calls.length} calls`,
    );
  });

  it('matches an additional email address and lower-cases inputs', async () => {
    const h = harness(crm);
    const data = await h.adapter.matchData({ emails: ['Jane.Doe@Acme.com'], domains: ['acme.com'] });
    expect(data.people).toEqual([
      { id: ids().c1, kind: 'contact', email: 'jane.doe@acme.com', name: 'Jane Doe', accountId: ids().a1 },
    ]);
    expect(data.opportunities.map((o) => o.id)).toContain(ids().o1);
  });

  it('searches companies by domain only for domains without a matched contact, and their open deals', async () => {
    const h = harness(crm);
    await h.adapter.pipelines();
    h.resetLog();

    const data = await h.adapter.matchData({ emails: ['new.person@globex.com'], domains: ['globex.com'] });

    expect(h.waves()).toBe(3);
    expect(byWave(h.calls)).toEqual([
      ['POST /crm/v3/objects/contacts/batch/read'],
      ['POST /crm/v3/objects/companies/search'],
      ['POST /crm/v3/objects/deals/search'],
    ]);
    expect(bodyOf(h.calls, '/crm/v3/objects/companies/search')).toMatchObject({
      filterGroups: [{ filters: [{ propertyName: 'domain', operator: 'IN', values: ['globex.com'] }] }],
      after: '0',
      sorts: [],
    });
    expect(bodyOf(h.calls, '/crm/v3/objects/deals/search')).toMatchObject({
      filterGroups: [
        {
          filters: [
            { propertyName: 'associations.company', operator: 'EQ', value: ids().a2 },
            { propertyName: 'hs_is_closed', operator: 'EQ', value: 'false' },
          ],
        },
      ],
    });
    expect(data.people).toEqual([]);
    expect(data.accounts).toEqual([{ id: ids().a2, name: 'Globex', domain: 'globex.com' }]);
    expect(data.opportunities.map((o) => o.id).sort()).toEqual([ids().o4, ids().o8].sort());
    expect(data.opportunities.every((o) => o.accountId === ids().a2 && !o.isClosed)).toBe(true);
  });

  it('does not search when every domain has a matched contact', async () => {
    const h = harness(crm);
    await h.adapter.matchData(DEMO);
    expect(h.calls.some((c) => c.path.endsWith('/search'))).toBe(false);
  });

  it('returns nothing, without calls, for no participants', async () => {
    const h = harness(crm);
    await h.adapter.pipelines();
    h.resetLog();
    const data = await h.adapter.matchData({ emails: [], domains: [] });
    expect(data).toEqual({ people: [], accounts: [], opportunities: [], contexts: [], notes: [] });
    expect(h.calls).toHaveLength(0);
  });

  it('tolerates missing, null, malformed and extra properties', async () => {
    const hs = crm.store.hubspot;
    const o1 = hs.deals.find((d) => d.id === ids().o1)!;
    o1.properties.dealname = null;
    o1.properties.amount = 'not a number';
    o1.properties.closedate = null;
    o1.properties.surprise_property = 'extra';
    const jane = hs.contacts.find((c) => c.id === ids().c1)!;
    jane.properties.firstname = null;
    jane.properties.lastname = null;

    const data = await harness(crm).adapter.matchData(DEMO);

    expect(data.opportunities.find((o) => o.id === ids().o1)).toMatchObject({
      name: `Deal ${ids().o1}`,
      amount: null,
      closeDate: null,
      isClosed: false,
    });
    expect(data.people.find((p) => p.id === ids().c1)?.name).toBe('jane@acme.com');
  });

  it("falls back to the deal's closed flag (with a note) when its stage is not in the pipelines", async () => {
    const hs = crm.store.hubspot;
    // A stage deleted from the pipeline: o1 keeps it; o3 (closed) too.
    for (const deal of hs.deals.filter((d) => d.id === ids().o1 || d.id === ids().o3)) {
      deal.properties.dealstage = 'retired-stage';
    }
    const data = await harness(crm).adapter.matchData(DEMO);
    const o1 = data.opportunities.find((o) => o.id === ids().o1);
    expect(o1?.stage).toMatchObject({ id: 'retired-stage', label: 'retired-stage', isClosed: false });
    expect(data.opportunities.map((o) => o.id)).not.toContain(ids().o3);
    expect(data.notes.join(' ')).toMatch(/closed flag/);
  });

  it('degrades with a note when company names cannot be read (missing scope)', async () => {
    const scopes = [
      'oauth',
      'crm.objects.contacts.read',
      'crm.objects.deals.read',
      'crm.objects.owners.read',
    ];
    const data = await harness(crm, { scopes }).adapter.matchData(DEMO);
    expect(data.opportunities.map((o) => o.id)).toContain(ids().o1);
    expect(data.accounts).toEqual([]);
    expect(data.notes).toContain('Company names could not be read (HubSpot permission missing).');
  });
});
