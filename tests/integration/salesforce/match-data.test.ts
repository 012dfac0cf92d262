import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeCrm } from '../../support/fake-crm';
import { DATA, compositeQueries, dataRequests, ids, makeAdapter, rewritingFetch, startCrm } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const demo = { emails: ['Jane@Acme.com', 'bob@acme.com'], domains: ['acme.com'] };

describe('Salesforce matchData', () => {
  it('reads the demo thread in exactly ONE composite call once stage metadata is cached', async () => {
    const { adapter } = makeAdapter(crm);
    await adapter.pipelines();
    crm.clearRequests();

    const data = await adapter.matchData(demo);

    const calls = dataRequests(crm);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'POST', path: `${DATA}/composite` });
    const body = calls[0]?.body as { allOrNone: boolean; compositeRequest: unknown[] };
    expect(body.allOrNone).toBe(false);
    expect(body.compositeRequest).toHaveLength(4);
    const q = compositeQueries(calls[0]);
    expect(Object.keys(q)).toEqual(['contacts', 'leads', 'byRole', 'byAccount']);
    const emails = "('jane@acme.com','bob@acme.com')";
    expect(q.contacts).toBe(
      `SELECT Id, Name, FirstName, LastName, Email, AccountId, Account.Name, Account.Website FROM Contact WHERE Email IN ${emails} LIMIT 200`,
    );
    expect(q.leads).toContain(`FROM Lead WHERE IsConverted = false AND Email IN ${emails}`);
    expect(q.byRole).toContain(
      `WHERE IsClosed = false AND Id IN (SELECT OpportunityId FROM OpportunityContactRole WHERE Contact.Email IN ${emails})`,
    );
    expect(q.byAccount).toContain(
      `WHERE IsClosed = false AND AccountId IN (SELECT AccountId FROM Contact WHERE Email IN ${emails} OR Account.Website = 'acme.com' OR Account.Website LIKE 'acme.com/%'`,
    );
    expect(q.byAccount).toContain(
      `) AND Id NOT IN (SELECT OpportunityId FROM OpportunityContactRole WHERE Contact.Email IN ${emails}) ORDER BY CloseDate ASC LIMIT 50`,
    );
    // With the describe facts cached, the org's LastStageChangeDate and currency are read too.
    expect(q.byRole).toContain('LastStageChangeDate');
    expect(q.byRole).toContain('CurrencyIsoCode');
    expect(q.byRole).toContain('FROM Emails');

    const i = ids(crm);
    expect(data.people.map((p) => [p.kind, p.email, p.id])).toEqual([
      ['contact', 'jane@acme.com', i.c1],
      ['contact', 'bob@acme.com', i.c2],
    ]);
    expect(data.accounts).toContainEqual({ id: i.a1, name: 'Acme', domain: 'acme.com' });
    const names = data.opportunities.map((o) => o.name);
    expect(names).toContain('Acme — Platform');
    expect(names).toContain('Acme — Services add-on');
    expect(data.opportunities.every((o) => !o.isClosed && !o.stage.isClosed)).toBe(true);
    expect(data.opportunities.map((o) => o.id)).not.toContain(i.o3);

    const platform = data.opportunities.find((o) => o.id === i.o1);
    expect(platform).toMatchObject({
      accountId: i.a1,
      stage: {
        id: 'Proposal/Price Quote',
        label: 'Proposal/Price Quote',
        isClosed: false,
        pipelineId: 'default',
      },
      amount: 120000,
      currency: 'USD',
      closeDate: '2026-12-14',
      lastActivityAt: '2026-11-19T00:00:00.000Z',
      contactIds: [i.c1, i.c2],
      nextStepField: 'Send revised pricing for 250 seats',
    });

    const context = data.contexts.find((c) => c.opportunity.id === i.o1);
    expect(data.contexts).toHaveLength(data.opportunities.length);
    expect(context).toMatchObject({
      accountName: 'Acme',
      ownerName: 'Sam Rep',
      stageEnteredAt: '2026-11-11T12:00:00.000Z',
      lastReply: { kind: 'email', direction: 'inbound', who: 'Jane Doe', at: '2026-11-18T13:19:00.000Z' },
      nextStep: {
        subject: 'Send revised pricing for 250 seats',
        dueDate: '2026-11-22',
        source: 'task',
        ownerName: 'Sam Rep',
      },
    });
    expect(context?.lastTouch?.at).toBe('2026-11-19T09:05:00.000Z');
    expect(context?.recentActivities.length).toBeGreaterThan(3);
    expect(context?.recentActivities.length).toBeLessThanOrEqual(10);
    const touched = Object.fromEntries(context?.contacts.map((c) => [c.name, c.touchedAt]) ?? []);
    expect(touched['Jane Doe']).toEqual(expect.any(String));
    expect(touched['Bob Buyer']).toEqual(expect.any(String));
    expect(context?.notes).toEqual([]);
  });

  it('fetches stage metadata in the same single call when it is not cached', async () => {
    const { adapter } = makeAdapter(crm);
    const data = await adapter.matchData(demo);

    const calls = dataRequests(crm);
    expect(calls).toHaveLength(1);
    const q = compositeQueries(calls[0]);
    expect(Object.keys(q)).toEqual(['oppDescribe', 'stages', 'contacts', 'leads', 'byRole', 'byAccount']);
    expect(q.oppDescribe).toBe(`${DATA}/sobjects/Opportunity/describe`);
    expect(q.stages).toContain('FROM OpportunityStage');
    // Until the describe is known, fields some orgs lack stay out of the query.
    expect(q.byRole).not.toContain('LastStageChangeDate');
    const context = data.contexts.find((c) => c.opportunity.id === ids(crm).o1);
    // …and the stage entry date comes from OpportunityHistory instead, with the same answer.
    expect(context?.stageEnteredAt).toBe('2026-11-11T12:00:00.000Z');
    expect(context?.opportunity.stage.order).toBe(6);

    crm.clearRequests();
    await adapter.pipelines();
    expect(dataRequests(crm)).toHaveLength(0);
  });

  it('finds unconverted leads and never converted ones', async () => {
    const { adapter } = makeAdapter(crm);
    const data = await adapter.matchData({ emails: ['max@powerplant.io', 'jane@acme.com'], domains: [] });
    expect(data.people).toContainEqual({
      id: ids(crm).l1,
      kind: 'lead',
      email: 'max@powerplant.io',
      name: 'Max Power',
      accountId: null,
    });
    // Jane also exists as a converted lead: only her contact comes back.
    expect(data.people.filter((p) => p.email === 'jane@acme.com').map((p) => p.kind)).toEqual(['contact']);
  });

  it('finds deals by company domain alone, through the account website', async () => {
    const { adapter } = makeAdapter(crm);
    const data = await adapter.matchData({ emails: [], domains: ['globex.com'] });
    const q = compositeQueries(dataRequests(crm)[0]);
    expect(q.contacts).toBeUndefined();
    expect(q.byAccount).toContain(
      "AccountId IN (SELECT AccountId FROM Contact WHERE Account.Website = 'globex.com'",
    );
    expect(data.opportunities.map((o) => o.name).sort()).toEqual(['Globex — Analytics', 'Globex — Pilot']);
    expect(data.people).toEqual([]);
  });

  it('escapes quotes and backslashes in addresses, and the fake accepts the statement', async () => {
    const { adapter } = makeAdapter(crm);
    const data = await adapter.matchData({
      emails: ["o'brien@acme.com", 'back\\slash@acme.com'],
      domains: [],
    });
    const q = compositeQueries(dataRequests(crm)[0]);
    expect(q.contacts).toContain("Email IN ('o\\'brien@acme.com','back\\\\slash@acme.com')");
    expect(data.notes).toEqual([]);
  });

  it('makes no call when there is nobody to look up', async () => {
    const { adapter } = makeAdapter(crm);
    const data = await adapter.matchData({ emails: ['not-an-address'], domains: [] });
    expect(data).toEqual({ people: [], accounts: [], opportunities: [], contexts: [], notes: [] });
    expect(dataRequests(crm)).toHaveLength(0);
  });

  it('degrades on missing, extra, mistyped and id-less fields instead of failing', async () => {
    const mangle = (url: string, body: unknown) => {
      if (!url.endsWith('/composite')) return body;
      const composite = body as {
        compositeResponse: Array<{ referenceId: string; body: { records?: Array<Record<string, unknown>> } }>;
      };
      for (const sub of composite.compositeResponse) {
        for (const record of sub.body.records ?? []) {
          record.Unexpected__c = { nested: true };
          if (sub.referenceId === 'contacts') delete record.Account;
          if (sub.referenceId === 'byRole' || sub.referenceId === 'byAccount') {
            record.Amount = '120000';
            delete record.OpportunityHistories;
            delete record.LastStageChangeDate;
            record.Tasks = 'not a relationship';
            delete record.Owner;
          }
        }
        if (sub.referenceId === 'leads') sub.body.records = [{ Name: 'No id' }];
      }
      return composite;
    };
    const { adapter } = makeAdapter(crm, { fetch: rewritingFetch(mangle) });
    await adapter.pipelines();
    const data = await adapter.matchData(demo);
    const context = data.contexts.find((c) => c.opportunity.id === ids(crm).o1);
    expect(context?.opportunity.amount).toBeNull();
    expect(context?.ownerName).toBeNull();
    expect(context?.stageEnteredAt).toBeNull();
    expect(context?.notes).toContain(
      'Salesforce has no stage history for this deal, so its stage age is unknown.',
    );
    expect(context?.nextStep).toMatchObject({
      source: 'field',
      subject: 'Send revised pricing for 250 seats',
    });
    // Emails still arrive through the EmailMessage relationship.
    expect(context?.lastReply?.who).toBe('Jane Doe');
    expect(data.people.every((p) => p.kind === 'contact')).toBe(true);
    expect(data.notes).toContain('1 Salesforce record could not be read and was left out.');
  });

  it('reports a failed part of the composite and keeps the rest', async () => {
    const failLeads = (url: string, body: unknown) => {
      if (!url.endsWith('/composite')) return body;
      const composite = body as {
        compositeResponse: Array<{ referenceId: string; httpStatusCode: number; body: unknown }>;
      };
      for (const sub of composite.compositeResponse) {
        if (sub.referenceId !== 'leads') continue;
        sub.httpStatusCode = 400;
        sub.body = [{ errorCode: 'INVALID_TYPE', message: "sObject type 'Lead' is not supported." }];
      }
      return composite;
    };
    const { adapter } = makeAdapter(crm, { fetch: rewritingFetch(failLeads) });
    const data = await adapter.matchData(demo);
    expect(data.opportunities.length).toBeGreaterThan(0);
    expect(data.notes).toContain("Could not read leads: Salesforce: sObject type 'Lead' is not supported.");
  });

  it('asks once more without the Emails subquery when the org has no Enhanced Email', async () => {
    const noEnhancedEmail = (url: string, body: unknown, init?: RequestInit) => {
      if (!url.endsWith('/composite')) return body;
      const composite = body as {
        compositeResponse: Array<{ referenceId: string; httpStatusCode: number; body: unknown }>;
      };
      const request = JSON.parse(String(init?.body)) as {
        compositeRequest: Array<{ referenceId: string; url: string }>;
      };
      for (const sub of composite.compositeResponse) {
        const sent = request.compositeRequest.find((r) => r.referenceId === sub.referenceId);
        if (sub.referenceId === 'oppDescribe') {
          const describe = sub.body as { childRelationships: Array<{ relationshipName: string }> };
          describe.childRelationships = describe.childRelationships.filter(
            (c) => c.relationshipName !== 'Emails',
          );
        } else if (sent && decodeURIComponent(sent.url).includes('FROM Emails')) {
          sub.httpStatusCode = 400;
          sub.body = [
            {
              errorCode: 'INVALID_TYPE',
              message: "Didn't understand relationship 'Emails' in FROM part of query call.",
            },
          ];
        }
      }
      return composite;
    };
    const { adapter } = makeAdapter(crm, { fetch: rewritingFetch(noEnhancedEmail) });
    const data = await adapter.matchData(demo);
    const calls = dataRequests(crm);
    expect(calls).toHaveLength(2);
    const retry = compositeQueries(calls[1]);
    expect(Object.keys(retry)).toEqual(['byRole', 'byAccount']);
    expect(retry.byRole).not.toContain('FROM Emails');
    const context = data.contexts.find((c) => c.opportunity.id === ids(crm).o1);
    expect(context?.notes).toContain(
      'Replies are recognised from logged email tasks only (Enhanced Email is off in this org).',
    );

    crm.clearRequests();
    await adapter.matchData(demo);
    expect(dataRequests(crm)).toHaveLength(1);
  });
});
