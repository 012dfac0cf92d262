import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeCrm } from '../../support/fake-crm';
import { call, soql, start } from './helpers';

let crm: FakeCrm;
let token: string;
beforeAll(async () => {
  crm = await start();
  token = crm.issueToken('salesforce').accessToken;
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const ids = () => crm.store.bookIds.salesforce;
const q = (query: string) => soql(crm, token, query);

describe('Salesforce REST basics', () => {
  it('lists API versions without auth, including v60.0 to v66.0', async () => {
    const res = await call(crm, 'GET', '/services/data/');
    expect(res.status).toBe(200);
    const versions = res.body.map((v: { version: string }) => v.version);
    expect(versions).toEqual(expect.arrayContaining(['60.0', '62.0', '66.0']));
    expect(res.body.find((v: { version: string }) => v.version === '62.0')).toEqual({
      label: "Winter '25",
      url: '/services/data/v62.0',
      version: '62.0',
    });
  });

  it('accepts any version from v50.0 and 404s older ones', async () => {
    expect((await call(crm, 'GET', '/services/data/v50.0/limits', { token })).status).toBe(200);
    expect((await call(crm, 'GET', '/services/data/v49.0/limits', { token })).status).toBe(404);
  });

  it('counts real calls in Sforce-Limit-Info on every response', async () => {
    const a = await q('SELECT Id FROM User');
    const b = await q('SELECT Id FROM User');
    const used = (h: Headers) =>
      Number(/api-usage=(\d+)\/100000/.exec(h.get('sforce-limit-info') ?? '')?.[1]);
    expect(used(b.headers)).toBe(used(a.headers) + 1);
    const unauthorized = await call(crm, 'GET', '/services/data/v62.0/limits');
    expect(unauthorized.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/100000$/);
  });
});

describe('SOQL the Dealside adapters need', () => {
  it('finds contacts by email with their account', async () => {
    const res = await q(
      "SELECT Id, Name, Email, AccountId, Account.Name, OwnerId FROM Contact WHERE Email IN ('jane@acme.com','bob@acme.com','nobody@x.com') ORDER BY Name",
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalSize: 2, done: true });
    expect(res.body.records[0]).toEqual({
      attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${ids().c2}` },
      Id: ids().c2,
      Name: 'Bob Buyer',
      Email: 'bob@acme.com',
      AccountId: ids().a1,
      Account: {
        attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${ids().a1}` },
        Name: 'Acme',
      },
      OwnerId: ids().u1,
    });
  });

  it('finds unconverted leads by email', async () => {
    const res = await q(
      "SELECT Id, Name, Email, Company, OwnerId, Status FROM Lead WHERE Email IN ('jane@acme.com','max@powerplant.io') AND IsConverted = false",
    );
    expect(res.body.records.map((r: { Email: string }) => r.Email)).toEqual(['max@powerplant.io']);
  });

  it('finds open opportunities via contact roles with history, tasks and events', async () => {
    const res =
      await q(`SELECT Id, Name, StageName, Amount, CloseDate, IsClosed, LastActivityDate, LastStageChangeDate, NextStep, OwnerId, Owner.Email, Account.Name,
        (SELECT ContactId, Contact.Email, Role, IsPrimary FROM OpportunityContactRoles),
        (SELECT StageName, CreatedDate FROM OpportunityHistories ORDER BY CreatedDate DESC LIMIT 20),
        (SELECT Id, Subject, TaskSubtype, Status, ActivityDate, WhoId, Who.Name FROM Tasks ORDER BY ActivityDate DESC NULLS LAST LIMIT 20),
        (SELECT Id, Subject, StartDateTime FROM Events ORDER BY StartDateTime DESC LIMIT 5)
      FROM Opportunity
      WHERE Id IN (SELECT OpportunityId FROM OpportunityContactRole WHERE Contact.Email IN ('jane@acme.com','bob@acme.com'))
        AND IsClosed = false
      ORDER BY CloseDate ASC`);
    expect(res.status).toBe(200);
    expect(res.body.totalSize).toBe(1);
    const opp = res.body.records[0];
    expect(opp).toMatchObject({
      Id: ids().o1,
      Name: 'Acme — Platform',
      StageName: 'Proposal/Price Quote',
      Amount: 120000,
      CloseDate: '2026-12-14',
      IsClosed: false,
      LastActivityDate: '2026-11-19',
      LastStageChangeDate: '2026-11-11T12:00:00.000+0000',
      NextStep: 'Send revised pricing for 250 seats',
      Owner: { Email: 'sam@ourco.com' },
      Account: { Name: 'Acme' },
    });
    expect(
      opp.OpportunityContactRoles.records.map((r: { Contact: { Email: string } }) => r.Contact.Email).sort(),
    ).toEqual(['bob@acme.com', 'jane@acme.com']);
    expect(opp.OpportunityHistories.records.map((h: { StageName: string }) => h.StageName)).toEqual([
      'Proposal/Price Quote',
      'Id. Decision Makers',
      'Value Proposition',
      'Qualification',
      'Prospecting',
    ]);
    expect(opp.Tasks.records[0]).toMatchObject({
      Subject: 'Send revised pricing for 250 seats',
      Status: 'Not Started',
      ActivityDate: '2026-11-22',
    });
    expect(
      opp.Tasks.records.some(
        (t: { TaskSubtype: string; Who: { Name: string } | null }) =>
          t.TaskSubtype === 'Call' && t.Who?.Name === 'Bob Buyer',
      ),
    ).toBe(true);
    expect(opp.Events.records[0]).toMatchObject({ Subject: 'Acme — proposal walkthrough' });
  });

  it('finds opportunity contact roles with parent fields and open opportunities on matched accounts', async () => {
    const roles =
      await q(`SELECT OpportunityId, ContactId, Role, IsPrimary, Opportunity.Name, Opportunity.StageName, Opportunity.IsClosed
      FROM OpportunityContactRole WHERE ContactId IN ('${ids().c1}','${ids().c3}') AND Opportunity.IsClosed = false ORDER BY Opportunity.Name`);
    expect(roles.body.records.map((r: { Opportunity: { Name: string } }) => r.Opportunity.Name)).toEqual([
      'Acme — Platform',
      'Acme — Services add-on',
    ]);
    const byAccount = await q(`SELECT Id, Name, OwnerId FROM Opportunity
      WHERE AccountId IN (SELECT AccountId FROM Contact WHERE Email IN ('carl.finance@acme.com')) AND IsClosed = false ORDER BY CloseDate ASC`);
    expect(byAccount.body.records.map((r: { Name: string }) => r.Name)).toEqual([
      'Acme — Platform',
      'Acme — Services add-on',
    ]);
    expect(byAccount.body.records[1].OwnerId).toBe(ids().u2);
  });

  it('lists active stages with metadata', async () => {
    const res = await q(
      'SELECT ApiName, MasterLabel, IsClosed, IsWon, DefaultProbability, SortOrder FROM OpportunityStage WHERE IsActive = true ORDER BY SortOrder',
    );
    expect(res.body.totalSize).toBe(10);
    expect(res.body.records.map((r: { ApiName: string }) => r.ApiName)).toEqual([
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
    expect(res.body.records[8]).toMatchObject({ IsClosed: true, IsWon: true, DefaultProbability: 100 });
  });

  it('finds the last inbound email and contacts touched in the last 14 days', async () => {
    const reply = await q(
      `SELECT Id, Subject, MessageDate, FromAddress FROM EmailMessage WHERE RelatedToId = '${ids().o1}' AND Incoming = true ORDER BY MessageDate DESC LIMIT 1`,
    );
    expect(reply.body.records[0]).toMatchObject({
      Subject: 'Re: Acme proposal — platform',
      FromAddress: 'jane@acme.com',
      MessageDate: '2026-11-18T13:19:00.000+0000',
    });
    const touched = await q(
      `SELECT WhoId, MAX(CreatedDate) lastTouch FROM Task WHERE WhatId = '${ids().o1}' AND CreatedDate = LAST_N_DAYS:14 AND WhoId != null GROUP BY WhoId ORDER BY MAX(CreatedDate) DESC`,
    );
    expect(touched.status).toBe(200);
    expect(touched.body.records.map((r: { WhoId: string }) => r.WhoId).sort()).toEqual(
      [ids().c1, ids().c2].sort(),
    );
    expect(touched.body.records[0].attributes).toEqual({ type: 'AggregateResult' });
  });

  it('rejects filtering on Task.Description like real Salesforce', async () => {
    const res = await q("SELECT Id FROM Task WHERE Description = 'dealside:abc'");
    expect(res.status).toBe(400);
    expect(res.body).toHaveLength(1);
    expect(res.body[0].errorCode).toBe('INVALID_FIELD');
    expect(res.body[0].message).toContain("field 'Description' can not be filtered in a query call");
    expect(res.body[0].message).toContain('ERROR at Row:1:Column:');
  });

  it('reports malformed queries, unknown fields and unknown objects', async () => {
    expect((await q('SELECT Id FROM')).body[0].errorCode).toBe('MALFORMED_QUERY');
    const field = await q('SELECT Id, Nope__c FROM Contact');
    expect(field.body[0]).toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect(field.body[0].message).toContain("No such column 'Nope__c' on entity 'Contact'");
    expect((await q('SELECT Id FROM Widget__c')).body[0].errorCode).toBe('INVALID_TYPE');
    expect((await call(crm, 'GET', '/services/data/v62.0/query', { token })).body[0].errorCode).toBe(
      'MALFORMED_QUERY',
    );
  });

  it('pages results with nextRecordsUrl', async () => {
    const sf = crm.store.salesforce;
    const template = sf.tasks[0];
    for (let i = 0; i < 250; i++)
      sf.tasks.push({
        ...template,
        Id: `00TDz0000PAGE${String(i).padStart(3, '0')}AAA`,
        Subject: `Bulk ${i}`,
      });
    const first = await call(
      crm,
      'GET',
      `/services/data/v62.0/query?q=${encodeURIComponent("SELECT Id FROM Task WHERE Subject LIKE 'Bulk%'")}`,
      {
        token,
        headers: { 'sforce-query-options': 'batchSize=200' },
      },
    );
    expect(first.body).toMatchObject({ totalSize: 250, done: false });
    expect(first.body.records).toHaveLength(200);
    expect(first.body.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g\w+-200$/);
    const second = await call(crm, 'GET', first.body.nextRecordsUrl, { token });
    expect(second.body).toMatchObject({ totalSize: 250, done: true });
    expect(second.body.records).toHaveLength(50);
    expect(second.body).not.toHaveProperty('nextRecordsUrl');
  });

  it('answers 414 for URIs over 16,384 bytes', async () => {
    const emails = Array.from({ length: 700 }, (_, i) => `'person${i}@example.com'`).join(',');
    const res = await q(`SELECT Id FROM Contact WHERE Email IN (${emails})`);
    expect(res.status).toBe(414);
  });
});
