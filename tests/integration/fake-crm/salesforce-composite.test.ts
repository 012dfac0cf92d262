import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeCrm } from '../../support/fake-crm';
import { call, start } from './helpers';

let crm: FakeCrm;
let token: string;
beforeAll(async () => {
  crm = await start();
  token = crm.issueToken('salesforce').accessToken;
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const ids = () => crm.store.bookIds.salesforce;
const v = '/services/data/v62.0';
const usage = (h: Headers) => Number(/api-usage=(\d+)/.exec(h.get('sforce-limit-info') ?? '')?.[1]);
const composite = (body: unknown) => call(crm, 'POST', `${v}/composite`, { token, json: body });
const queryUrl = (soql: string) => `${v}/query/?q=${encodeURIComponent(soql).replace(/%20/g, '+')}`;

describe('Salesforce composite', () => {
  it('runs queries and writes with @{ref} references as ONE API call', async () => {
    const before = usage((await call(crm, 'GET', `${v}/limits`, { token })).headers);
    const res = await composite({
      allOrNone: false,
      collateSubrequests: false,
      compositeRequest: [
        {
          method: 'GET',
          url: queryUrl("SELECT Id, AccountId FROM Contact WHERE Email IN ('jane@acme.com')"),
          referenceId: 'contacts',
        },
        {
          method: 'GET',
          url: queryUrl(
            "SELECT Id FROM Opportunity WHERE Id IN (SELECT OpportunityId FROM OpportunityContactRole WHERE Contact.Email = 'jane@acme.com') AND IsClosed = false",
          ),
          referenceId: 'opp',
        },
        {
          method: 'POST',
          url: `${v}/sobjects/Task`,
          referenceId: 't1',
          body: {
            Subject: 'Email: pricing',
            TaskSubtype: 'Email',
            Status: 'Completed',
            WhoId: '@{contacts.records[0].Id}',
            WhatId: '@{opp.records[0].Id}',
          },
        },
        { method: 'GET', url: `${v}/sobjects/Task/@{t1.id}`, referenceId: 'readBack' },
      ],
    });
    expect(res.status).toBe(200);
    const [contacts, opp, t1, readBack] = res.body.compositeResponse;
    expect(contacts).toMatchObject({ httpStatusCode: 200, referenceId: 'contacts', body: { totalSize: 1 } });
    expect(opp.body.records[0].Id).toBe(ids().o1);
    expect(t1).toMatchObject({
      httpStatusCode: 201,
      body: { success: true },
      httpHeaders: { Location: expect.stringContaining('/sobjects/Task/') },
    });
    expect(readBack.body).toMatchObject({ WhoId: ids().c1, WhatId: ids().o1, AccountId: ids().a1 });
    expect(usage(res.headers)).toBe(before + 1);
  });

  it('rolls everything back with allOrNone when a subrequest fails', async () => {
    const tasksBefore = crm.store.salesforce.tasks.length;
    const res = await composite({
      allOrNone: true,
      compositeRequest: [
        {
          method: 'POST',
          url: `${v}/sobjects/Task`,
          referenceId: 'ok',
          body: { Subject: 'kept?', WhatId: ids().o1 },
        },
        {
          method: 'POST',
          url: `${v}/sobjects/Task`,
          referenceId: 'bad',
          body: { Subject: 'x', TaskSubtype: 'Nope' },
        },
        { method: 'POST', url: `${v}/sobjects/Task`, referenceId: 'after', body: { Subject: 'never' } },
      ],
    });
    const [ok, bad, after] = res.body.compositeResponse;
    expect(bad).toMatchObject({
      httpStatusCode: 400,
      body: [{ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' }],
    });
    expect(ok).toMatchObject({ httpStatusCode: 400, body: [{ errorCode: 'PROCESSING_HALTED' }] });
    expect(after).toMatchObject({ httpStatusCode: 400, body: [{ errorCode: 'PROCESSING_HALTED' }] });
    expect(crm.store.salesforce.tasks).toHaveLength(tasksBefore);
    expect(crm.store.writes).toHaveLength(0);
  });

  it('without allOrNone keeps successes and halts only dependent subrequests', async () => {
    const res = await composite({
      compositeRequest: [
        {
          method: 'POST',
          url: `${v}/sobjects/Task`,
          referenceId: 'bad',
          body: { Subject: 'x', WhoId: 'nope' },
        },
        {
          method: 'POST',
          url: `${v}/sobjects/Task`,
          referenceId: 'dependent',
          body: { Subject: 'y', WhatId: '@{bad.id}' },
        },
        { method: 'POST', url: `${v}/sobjects/Task`, referenceId: 'independent', body: { Subject: 'z' } },
      ],
    });
    const [bad, dependent, independent] = res.body.compositeResponse;
    expect(bad.httpStatusCode).toBe(400);
    expect(dependent).toMatchObject({ httpStatusCode: 400, body: [{ errorCode: 'PROCESSING_HALTED' }] });
    expect(independent.httpStatusCode).toBe(201);
  });

  it('supports upsert and PATCH subrequests', async () => {
    const res = await composite({
      compositeRequest: [
        {
          method: 'PATCH',
          url: `${v}/sobjects/Task/Dealside_Key__c/k-1`,
          referenceId: 'up',
          body: { Subject: 'Upserted', WhatId: ids().o1 },
        },
        {
          method: 'PATCH',
          url: `${v}/sobjects/Opportunity/${ids().o2}`,
          referenceId: 'stage',
          body: { StageName: 'Needs Analysis' },
        },
      ],
    });
    expect(res.body.compositeResponse[0]).toMatchObject({ httpStatusCode: 201, body: { created: true } });
    expect(res.body.compositeResponse[1]).toMatchObject({ httpStatusCode: 204, body: null });
  });

  it('enforces 25 subrequests and 5 queries', async () => {
    const many = Array.from({ length: 26 }, (_, i) => ({
      method: 'GET',
      url: `${v}/limits`,
      referenceId: `r${i}`,
    }));
    expect((await composite({ compositeRequest: many })).status).toBe(400);
    const queries = Array.from({ length: 6 }, (_, i) => ({
      method: 'GET',
      url: queryUrl('SELECT Id FROM User'),
      referenceId: `q${i}`,
    }));
    const res = await composite({ compositeRequest: queries });
    expect(res.status).toBe(400);
    expect(res.body[0].errorCode).toBe('LIMIT_EXCEEDED');
  });

  it('creates sObject collections in order, with allOrNone rollback', async () => {
    const ok = await call(crm, 'POST', `${v}/composite/sobjects`, {
      token,
      json: {
        allOrNone: false,
        records: [
          { attributes: { type: 'Task' }, Subject: 'A', WhatId: ids().o1 },
          {
            attributes: { type: 'Event' },
            Subject: 'B',
            StartDateTime: '2026-11-21T10:00:00Z',
            DurationInMinutes: 15,
          },
          { attributes: { type: 'Task' }, Subject: 'C', Status: 'Bogus' },
        ],
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.map((r: { success: boolean }) => r.success)).toEqual([true, true, false]);
    expect(ok.body[2].errors[0]).toMatchObject({
      statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      fields: ['Status'],
    });
    const before = crm.store.salesforce.tasks.length;
    const rolled = await call(crm, 'POST', `${v}/composite/sobjects`, {
      token,
      json: {
        allOrNone: true,
        records: [
          { attributes: { type: 'Task' }, Subject: 'A' },
          { attributes: { type: 'Task' }, Status: 'Bogus' },
        ],
      },
    });
    expect(rolled.body[0].errors[0].statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(crm.store.salesforce.tasks).toHaveLength(before);
  });
});
