import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CrmError } from '../../../lib/http/errors';
import type { FakeCrm } from '../../support/fake-crm';
import { DATA, dataRequests, ids, makeAdapter, startCrm } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const soqlOf = (crmRequest: { query: Record<string, string | string[]> } | undefined) =>
  String(crmRequest?.query.q ?? '');

describe('Salesforce pipelines', () => {
  it('maps active OpportunityStages to one pipeline, in sort order, fetched once', async () => {
    const { adapter } = makeAdapter(crm);
    const [pipeline, ...others] = await adapter.pipelines();
    expect(others).toEqual([]);
    expect(pipeline?.id).toBe('default');
    expect(pipeline?.stages.map((s) => s.id)).toEqual([
      'Prospecting',
      'Qualification',
      'Needs Analysis',
      'Value Proposition',
      'Id. Decision Makers',
      'Perception Analysis',
      'Proposal/Price Quote',
      'Negotiation/Review',
      'Closed Won',
      'Closed Lost',
    ]);
    expect(pipeline?.stages[8]).toEqual({
      id: 'Closed Won',
      label: 'Closed Won',
      order: 8,
      probability: 100,
      isClosed: true,
      isWon: true,
      pipelineId: 'default',
    });
    const calls = dataRequests(crm);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([`POST ${DATA}/composite`]);
    await adapter.pipelines();
    expect(dataRequests(crm)).toHaveLength(1);
  });

  it('leaves inactive stages out of the pipeline but still names deals sitting in them', async () => {
    const stage = crm.store.salesforce.opportunityStages.find((s) => s.ApiName === 'Perception Analysis');
    if (stage) stage.IsActive = false;
    const { adapter } = makeAdapter(crm);
    const [pipeline] = await adapter.pipelines();
    expect(pipeline?.stages.map((s) => s.id)).not.toContain('Perception Analysis');
    expect(pipeline?.stages.map((s) => s.order)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('Salesforce ownerByEmail', () => {
  it('finds the active User by email, escapes it, and caches the answer (also "nobody")', async () => {
    const { adapter } = makeAdapter(crm);
    expect(await adapter.ownerByEmail('Sam@OurCo.com')).toEqual({
      id: ids(crm).u1,
      name: 'Sam Rep',
      email: 'sam@ourco.com',
    });
    expect(await adapter.ownerByEmail("o'hara@ourco.com")).toBeNull();
    const calls = dataRequests(crm);
    expect(calls).toHaveLength(2);
    expect(soqlOf(calls[0])).toBe(
      "SELECT Id, Name, Email FROM User WHERE Email = 'sam@ourco.com' AND IsActive = true ORDER BY CreatedDate ASC LIMIT 5",
    );
    expect(soqlOf(calls[1])).toContain("Email = 'o\\'hara@ourco.com'");
    await adapter.ownerByEmail('sam@ourco.com');
    await adapter.ownerByEmail("o'hara@ourco.com");
    expect(dataRequests(crm)).toHaveLength(2);
  });
});

describe('Salesforce opportunityContext', () => {
  it('reads one deal with one query once metadata is cached', async () => {
    const { adapter } = makeAdapter(crm);
    await adapter.pipelines();
    crm.clearRequests();
    const context = await adapter.opportunityContext(ids(crm).o1);
    const calls = dataRequests(crm);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'GET', path: `${DATA}/query` });
    expect(soqlOf(calls[0])).toContain(`FROM Opportunity WHERE Id = '${ids(crm).o1}' LIMIT 1`);
    expect(soqlOf(calls[0])).toContain('LastStageChangeDate');
    expect(context).toMatchObject({
      opportunity: { name: 'Acme — Platform', stage: { label: 'Proposal/Price Quote' } },
      accountName: 'Acme',
      ownerName: 'Sam Rep',
      stageEnteredAt: '2026-11-11T12:00:00.000Z',
      lastReply: { who: 'Jane Doe', direction: 'inbound' },
      nextStep: { subject: 'Send revised pricing for 250 seats', source: 'task' },
    });
    expect(context.contacts.map((c) => [c.name, c.email])).toEqual([
      ['Jane Doe', 'jane@acme.com'],
      ['Bob Buyer', 'bob@acme.com'],
    ]);
    expect(context.recentActivities).toHaveLength(10);
    const times = context.recentActivities.map((a) => a.at ?? '');
    expect([...times].sort().reverse()).toEqual(times);
    expect(context.recentActivities.some((a) => a.kind === 'call' && a.direction === 'outbound')).toBe(true);
    expect(context.recentActivities.some((a) => a.kind === 'meeting')).toBe(true);
  });

  it('fetches stage metadata in the same composite when it is cold', async () => {
    const { adapter } = makeAdapter(crm);
    const context = await adapter.opportunityContext(ids(crm).o1);
    const calls = dataRequests(crm);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe(`${DATA}/composite`);
    expect(context.stageEnteredAt).toBe('2026-11-11T12:00:00.000Z');
  });

  it('says "not found" for a deal that is gone, and never sends a malformed id', async () => {
    const { adapter } = makeAdapter(crm);
    await adapter.pipelines();
    await expect(adapter.opportunityContext('006Dz0000000099IAA')).rejects.toMatchObject({
      kind: 'notFound',
    });
    crm.clearRequests();
    await expect(adapter.opportunityContext("x' OR Name != '")).rejects.toBeInstanceOf(CrmError);
    expect(dataRequests(crm)).toHaveLength(0);
  });

  it('falls back to the Opportunity next-step field when no task is open', async () => {
    for (const task of crm.store.salesforce.tasks) if (task.WhatId === ids(crm).o1) task.Status = 'Completed';
    for (const task of crm.store.salesforce.tasks) if (task.WhatId === ids(crm).o1) task.IsClosed = true;
    const { adapter } = makeAdapter(crm);
    const context = await adapter.opportunityContext(ids(crm).o1);
    expect(context.nextStep).toEqual({
      subject: 'Send revised pricing for 250 seats',
      dueDate: null,
      ownerName: null,
      source: 'field',
    });
  });
});

describe('Salesforce searchOpportunities', () => {
  it('finds open deals by name, never closed ones, at most 20', async () => {
    const { adapter } = makeAdapter(crm);
    const found = await adapter.searchOpportunities({ query: 'acme', accountIds: [] });
    expect(found.map((o) => o.name).sort()).toEqual(['Acme — Platform', 'Acme — Services add-on']);
    const soql = soqlOf(dataRequests(crm)[0]);
    expect(soql).toContain("WHERE IsClosed = false AND Name LIKE '%acme%'");
    expect(soql).toContain('LIMIT 20');
  });

  it('sends a query whose URL would be long inside a composite body instead', async () => {
    const { adapter } = makeAdapter(crm);
    const i = ids(crm);
    const many = [
      i.a1,
      ...Array.from({ length: 99 }, (_, n) => `001Dz00000${String(n).padStart(5, '0')}AAA`),
    ];
    const found = await adapter.searchOpportunities({ query: '', accountIds: many });
    expect(found.map((o) => o.id).sort()).toEqual([i.o1, i.o2].sort());
    const [call] = dataRequests(crm);
    expect(call).toMatchObject({ method: 'POST', path: `${DATA}/composite` });
    expect(call?.body).toMatchObject({ compositeRequest: [{ method: 'GET', referenceId: 'q' }] });
  });

  it('escapes LIKE wildcards and quotes, and restricts to accounts', async () => {
    const { adapter } = makeAdapter(crm);
    const i = ids(crm);
    const found = await adapter.searchOpportunities({ query: "50%_off' OR", accountIds: [i.a1, 'bad id'] });
    expect(found).toEqual([]);
    expect(soqlOf(dataRequests(crm)[0])).toContain(
      `Name LIKE '%50\\%\\_off\\' OR%' AND AccountId IN ('${i.a1}')`,
    );
    const onAccount = await adapter.searchOpportunities({ query: '', accountIds: [i.a1] });
    expect(onAccount.map((o) => o.id).sort()).toEqual([i.o1, i.o2].sort());
    expect(await adapter.searchOpportunities({ query: '  ', accountIds: [] })).toEqual([]);
  });
});
