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
const v = '/services/data/v62.0';

function callTask(extra: Record<string, unknown> = {}) {
  return {
    Subject: 'Call: Pricing follow-up',
    TaskSubtype: 'Call',
    WhoId: ids().c1,
    WhatId: ids().o1,
    Status: 'Completed',
    ActivityDate: '2026-11-20',
    CallType: 'Outbound',
    CallDurationInSeconds: 420,
    CallDisposition: 'Connected',
    Description: 'Talked pricing for 250 seats.',
    ...extra,
  };
}

describe('Salesforce sObject writes', () => {
  it('creates a call Task, derives AccountId and bumps the opportunity LastActivityDate', async () => {
    const res = await call(crm, 'POST', `${v}/sobjects/Task`, { token, json: callTask() });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^00T\w{15}$/), success: true, errors: [] });
    const task = crm.store.salesforce.tasks.find((t) => t.Id === res.body.id);
    expect(task).toMatchObject({
      AccountId: ids().a1,
      OwnerId: ids().u1,
      IsClosed: true,
      Priority: 'Normal',
    });
    const opp = crm.store.salesforce.opportunities.find((o) => o.Id === ids().o1);
    expect(opp?.LastActivityDate).toBe('2026-11-20');
    expect(crm.store.writes).toEqual([
      expect.objectContaining({ provider: 'salesforce', object: 'Task', id: res.body.id, op: 'create' }),
    ]);
  });

  it('validates fields, picklists and references with Salesforce error codes', async () => {
    const unknown = await call(crm, 'POST', `${v}/sobjects/Task`, { token, json: callTask({ Foo__c: 1 }) });
    expect(unknown.status).toBe(400);
    expect(unknown.body[0]).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: "No such column 'Foo__c' on sobject of type Task",
    });
    const subtype = await call(crm, 'POST', `${v}/sobjects/Task`, {
      token,
      json: callTask({ TaskSubtype: 'Meeting' }),
    });
    expect(subtype.body[0]).toMatchObject({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      fields: ['TaskSubtype'],
    });
    const badRef = await call(crm, 'POST', `${v}/sobjects/Task`, {
      token,
      json: callTask({ WhatId: ids().c2 }),
    });
    expect(badRef.body[0]).toMatchObject({ errorCode: 'INVALID_CROSS_REFERENCE_KEY', fields: ['WhatId'] });
    const malformed = await call(crm, 'POST', `${v}/sobjects/Task`, {
      token,
      json: callTask({ WhoId: 'abc' }),
    });
    expect(malformed.body[0]).toMatchObject({ errorCode: 'MALFORMED_ID', fields: ['WhoId'] });
    const readOnly = await call(crm, 'POST', `${v}/sobjects/Task`, {
      token,
      json: callTask({ IsClosed: true }),
    });
    expect(readOnly.body[0]).toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      fields: ['IsClosed'],
    });
    const event = await call(crm, 'POST', `${v}/sobjects/Event`, {
      token,
      json: { Subject: 'No time', WhatId: ids().o1 },
    });
    expect(event.body[0]).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING' });
    expect(event.body[0].fields).toEqual(expect.arrayContaining(['DurationInMinutes']));
    const email = await call(crm, 'POST', `${v}/sobjects/EmailMessage`, { token, json: { Subject: 'x' } });
    expect(email.body[0]).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Status'] });
    expect(crm.store.writes).toHaveLength(0);
  });

  it('creates an Event from start and end, and an EmailMessage with its Email task', async () => {
    const ev = await call(crm, 'POST', `${v}/sobjects/Event`, {
      token,
      json: {
        Subject: 'Acme — pricing review',
        StartDateTime: '2026-11-24T15:00:00.000Z',
        EndDateTime: '2026-11-24T15:30:00.000Z',
        WhoId: ids().c1,
        WhatId: ids().o1,
      },
    });
    expect(ev.status).toBe(201);
    expect(crm.store.salesforce.events.find((e) => e.Id === ev.body.id)).toMatchObject({
      DurationInMinutes: 30,
      ActivityDate: '2026-11-24',
      StartDateTime: '2026-11-24T15:00:00.000+0000',
    });
    const mail = await call(crm, 'POST', `${v}/sobjects/EmailMessage`, {
      token,
      json: {
        Subject: 'Acme rollout: pricing for 250 seats',
        TextBody: 'Hi',
        FromAddress: 'jane@acme.com',
        ToAddress: 'sam@ourco.com',
        Incoming: true,
        Status: '3',
        RelatedToId: ids().o1,
        MessageDate: '2026-11-20T10:00:00Z',
      },
    });
    expect(mail.status).toBe(201);
    const row = crm.store.salesforce.emailMessages.find((m) => m.Id === mail.body.id);
    const task = crm.store.salesforce.tasks.find((t) => t.Id === row?.ActivityId);
    expect(task).toMatchObject({
      TaskSubtype: 'Email',
      WhatId: ids().o1,
      WhoId: ids().c1,
      Subject: 'Email: Acme rollout: pricing for 250 seats',
    });
  });

  it('rejects a duplicate Dealside_Key__c on plain POST with DUPLICATE_VALUE', async () => {
    const first = await call(crm, 'POST', `${v}/sobjects/Task`, {
      token,
      json: callTask({ Dealside_Key__c: 'call:1' }),
    });
    expect(first.status).toBe(201);
    const second = await call(crm, 'POST', `${v}/sobjects/Task`, {
      token,
      json: callTask({ Dealside_Key__c: 'CALL:1' }),
    });
    expect(second.status).toBe(400);
    expect(second.body[0].errorCode).toBe('DUPLICATE_VALUE');
    expect(second.body[0].message).toContain(first.body.id);
  });

  it('upserts by External ID: 201 created, then 200 updated', async () => {
    const { Subject, WhoId, WhatId, Status, ActivityDate, Description } = callTask();
    const body = { Subject, WhoId, WhatId, Status, ActivityDate, Description };
    const created = await call(crm, 'PATCH', `${v}/sobjects/Task/Dealside_Key__c/gmail-abc`, {
      token,
      json: body,
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), success: true, errors: [], created: true });
    const updated = await call(crm, 'PATCH', `${v}/sobjects/Task/Dealside_Key__c/gmail-abc`, {
      token,
      json: { ...body, Subject: 'Call: updated' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({ id: created.body.id, success: true, errors: [], created: false });
    expect(crm.store.salesforce.tasks.filter((t) => t.Dealside_Key__c === 'gmail-abc')).toHaveLength(1);
    // TaskSubtype is create-only: sending it again on the update path fails, as in Salesforce.
    const withSubtype = await call(crm, 'PATCH', `${v}/sobjects/Task/Dealside_Key__c/gmail-abc`, {
      token,
      json: { ...body, TaskSubtype: 'Call' },
    });
    expect(withSubtype.body[0]).toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      fields: ['TaskSubtype'],
    });
    const read = await call(crm, 'GET', `${v}/sobjects/Task/Dealside_Key__c/gmail-abc`, { token });
    expect(read.body).toMatchObject({ Id: created.body.id, Subject: 'Call: updated' });
  });

  it('has no Dealside_Key__c when the External ID field is switched off', async () => {
    crm.store.settings.salesforceExternalIdField = false;
    const upsert = await call(crm, 'PATCH', `${v}/sobjects/Task/Dealside_Key__c/x`, {
      token,
      json: { Subject: 'x' },
    });
    expect(upsert.status).toBe(404);
    expect(upsert.body[0]).toMatchObject({ errorCode: 'NOT_FOUND' });
    const post = await call(crm, 'POST', `${v}/sobjects/Task`, {
      token,
      json: callTask({ Dealside_Key__c: 'x' }),
    });
    expect(post.body[0].errorCode).toBe('INVALID_FIELD');
    const query = await soql(crm, token, "SELECT Id FROM Task WHERE Dealside_Key__c = 'x'");
    expect(query.body[0].errorCode).toBe('INVALID_FIELD');
    const describe = await call(crm, 'GET', `${v}/sobjects/Task/describe`, { token });
    expect(describe.body.fields.map((f: { name: string }) => f.name)).not.toContain('Dealside_Key__c');
  });

  it('changes the opportunity stage with PATCH and records OpportunityHistory', async () => {
    const res = await call(crm, 'PATCH', `${v}/sobjects/Opportunity/${ids().o1}`, {
      token,
      json: { StageName: 'Negotiation/Review', Dealside_Stage_Reason__c: 'commercials-agreed' },
    });
    expect(res.status).toBe(204);
    const opp = crm.store.salesforce.opportunities.find((o) => o.Id === ids().o1);
    expect(opp).toMatchObject({
      StageName: 'Negotiation/Review',
      Probability: 90,
      ForecastCategoryName: 'Commit',
      IsClosed: false,
      Dealside_Stage_Reason__c: 'commercials-agreed',
    });
    const history = await soql(
      crm,
      token,
      `SELECT StageName, CreatedById FROM OpportunityHistory WHERE OpportunityId = '${ids().o1}' ORDER BY CreatedDate DESC LIMIT 1`,
    );
    expect(history.body.records[0]).toMatchObject({ StageName: 'Negotiation/Review', CreatedById: ids().u1 });

    const won = await call(crm, 'PATCH', `${v}/sobjects/Opportunity/${ids().o1}`, {
      token,
      json: { StageName: 'Closed Won' },
    });
    expect(won.status).toBe(204);
    expect(crm.store.salesforce.opportunities.find((o) => o.Id === ids().o1)).toMatchObject({
      IsClosed: true,
      IsWon: true,
      Probability: 100,
    });

    const bad = await call(crm, 'PATCH', `${v}/sobjects/Opportunity/${ids().o1}`, {
      token,
      json: { StageName: 'Demo' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body[0]).toMatchObject({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      fields: ['StageName'],
    });
    const missing = await call(crm, 'PATCH', `${v}/sobjects/Opportunity/006Dz0000000zzzAAA`, {
      token,
      json: { StageName: 'Closed Won' },
    });
    expect(missing.status).toBe(404);
  });

  it('describes objects: externalId/unique keys, filterability and stage picklist', async () => {
    const task = await call(crm, 'GET', `${v}/sobjects/Task/describe`, { token });
    expect(task.status).toBe(200);
    const field = (name: string) => task.body.fields.find((f: { name: string }) => f.name === name);
    expect(field('Dealside_Key__c')).toMatchObject({ externalId: true, unique: true, custom: true });
    expect(field('Description')).toMatchObject({ type: 'textarea', filterable: false });
    expect(field('TaskSubtype').picklistValues.map((p: { value: string }) => p.value)).toEqual([
      'Task',
      'Email',
      'ListEmail',
      'Cadence',
      'Call',
      'LinkedIn',
    ]);
    expect(field('WhoId')).toMatchObject({
      referenceTo: ['Contact', 'Lead'],
      relationshipName: 'Who',
      polymorphicForeignKey: true,
    });
    const opp = await call(crm, 'GET', `${v}/sobjects/Opportunity/describe`, { token });
    const stage = opp.body.fields.find((f: { name: string }) => f.name === 'StageName');
    expect(stage.picklistValues).toHaveLength(10);
    expect(opp.body.fields.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining(['LastStageChangeDate', 'Dealside_Stage_Reason__c']),
    );
    expect(opp.body.childRelationships).toEqual(
      expect.arrayContaining([expect.objectContaining({ relationshipName: 'OpportunityHistories' })]),
    );
  });
});
