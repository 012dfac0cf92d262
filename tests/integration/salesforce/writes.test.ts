import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { logMarker, markerLine } from '../../../lib/crm/log-key';
import type { CrmWrite } from '../../../lib/domain/types';
import type { FakeCrm } from '../../support/fake-crm';
import { DATA, dataRequests, emailWrite, ids, makeAdapter, startCrm, target } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const row = (table: 'tasks' | 'events', id: string) => crm.store.salesforce[table].find((r) => r.Id === id);

function callWrite(): CrmWrite {
  return {
    kind: 'call',
    target: target(crm),
    title: 'Pricing follow-up',
    body: 'Walked Jane through the 250-seat ramp.',
    at: '2026-11-20T09:00:00.000Z',
    durationSeconds: 420,
    disposition: { code: 'connected', label: 'Connected' },
    direction: 'outbound',
  };
}

function meetingWrite(): CrmWrite {
  return {
    kind: 'meeting',
    target: target(crm),
    title: 'Acme — pricing review',
    body: 'Agenda: ramp, multi-year.',
    start: '2026-11-24T15:00:00.000Z',
    end: '2026-11-24T15:30:00.000Z',
    location: 'https://meet.google.com/abc-defg-hij',
  };
}

function stageWrite(): CrmWrite {
  return {
    kind: 'stage',
    target: target(crm),
    stageId: 'Negotiation/Review',
    stageLabel: 'Negotiation/Review',
    reason: { code: 'commercials-agreed', label: 'Commercial terms agreed' },
    at: '2026-11-20T12:00:00.000Z',
  };
}

describe('Salesforce writes with the External ID field (Dealside_Key__c)', () => {
  it('logs an email as a completed Email task by upsert; the same key again adopts it', async () => {
    const { adapter } = makeAdapter(crm);
    const i = ids(crm);
    const first = await adapter.write('gmail:msg-1:o1', emailWrite(crm));
    expect(first.adopted).toBe(false);

    const [upsert] = dataRequests(crm);
    expect(upsert).toMatchObject({
      method: 'PATCH',
      path: `${DATA}/sobjects/Task/Dealside_Key__c/${logMarker('gmail:msg-1:o1')}`,
    });
    expect(upsert?.body).toEqual({
      WhatId: i.o1,
      WhoId: i.c1,
      OwnerId: i.u1,
      Subject: 'Email: Acme rollout: pricing for 250 seats',
      Description: `From: Jane Doe <jane@acme.com>\nTo: Sam Rep <sam@ourco.com>, Bob Buyer <bob@acme.com>\nDate: Fri, 20 Nov 2026 10:15:00 GMT\n\nHi Sam, can you send the 250-seat pricing?\n\nAlso with (Salesforce ids): ${i.c2}`,
      TaskSubtype: 'Email',
      Status: 'Completed',
      Priority: 'Normal',
      ActivityDate: '2026-11-20',
    });
    expect(row('tasks', first.recordId)).toMatchObject({
      TaskSubtype: 'Email',
      WhatId: i.o1,
      WhoId: i.c1,
      Dealside_Key__c: logMarker('gmail:msg-1:o1'),
    });

    const tasksBefore = crm.store.salesforce.tasks.length;
    const again = await adapter.write('gmail:msg-1:o1', emailWrite(crm));
    expect(again).toEqual({ recordId: first.recordId, adopted: true });
    expect(crm.store.salesforce.tasks.length).toBe(tasksBefore);
    // TaskSubtype is create-only: the upsert's update path is refused, then the key is looked up.
    expect(
      dataRequests(crm)
        .slice(1)
        .map((r) => `${r.method} ${r.status}`),
    ).toEqual(['PATCH 400', 'GET 200']);
    expect(await adapter.findWritten('gmail:msg-1:o1', emailWrite(crm))).toBe(first.recordId);
    expect(await adapter.findWritten('gmail:other:o1', emailWrite(crm))).toBeNull();
  });

  it('reads a logged inbound email back as the last reply, and an outbound one as a touch', async () => {
    const { adapter } = makeAdapter(crm);
    await adapter.write('gmail:in:o1', emailWrite(crm));
    let context = await adapter.opportunityContext(ids(crm).o1);
    expect(context.lastReply).toMatchObject({
      kind: 'email',
      direction: 'inbound',
      who: 'Jane Doe',
      summary: 'Email: Acme rollout: pricing for 250 seats',
      at: '2026-11-20T10:15:00.000Z',
    });
    await adapter.write(
      'gmail:out:o1',
      emailWrite(crm, {
        subject: 'Re: pricing',
        from: { email: 'sam@ourco.com', name: 'Sam Rep' },
        to: [{ email: 'jane@acme.com', name: 'Jane Doe' }],
        direction: 'outbound',
      }),
    );
    context = await adapter.opportunityContext(ids(crm).o1);
    expect(context.lastReply?.summary).toBe('Email: Acme rollout: pricing for 250 seats');
    expect(context.recentActivities.find((a) => a.summary === 'Email: Re: pricing')?.direction).toBe(
      'outbound',
    );
  });

  it('logs a call with type, disposition label and duration', async () => {
    const { adapter } = makeAdapter(crm);
    const { recordId } = await adapter.write('call-1', callWrite());
    expect(row('tasks', recordId)).toMatchObject({
      Subject: 'Call: Pricing follow-up',
      TaskSubtype: 'Call',
      CallType: 'Outbound',
      CallDisposition: 'Connected',
      CallDurationInSeconds: 420,
      Status: 'Completed',
      ActivityDate: '2026-11-20',
      WhatId: ids(crm).o1,
    });
  });

  it('logs a meeting as an Event; the same key again updates nothing new and adopts it', async () => {
    const { adapter } = makeAdapter(crm);
    const first = await adapter.write('cal:evt-1:o1', meetingWrite());
    expect(row('events', first.recordId)).toMatchObject({
      Subject: 'Acme — pricing review',
      StartDateTime: '2026-11-24T15:00:00.000+0000',
      EndDateTime: '2026-11-24T15:30:00.000+0000',
      Location: 'https://meet.google.com/abc-defg-hij',
      WhoId: ids(crm).c1,
      WhatId: ids(crm).o1,
    });
    const eventsBefore = crm.store.salesforce.events.length;
    expect(await adapter.write('cal:evt-1:o1', meetingWrite())).toEqual({
      recordId: first.recordId,
      adopted: true,
    });
    expect(crm.store.salesforce.events.length).toBe(eventsBefore);
    expect(await adapter.findWritten('cal:evt-1:o1', meetingWrite())).toBe(first.recordId);
  });

  it('creates the next step as an open task due on its date, and a note as a completed task', async () => {
    const { adapter } = makeAdapter(crm);
    const step = await adapter.write('next-1', {
      kind: 'task',
      target: target(crm),
      subject: 'Send the 3-year quote',
      body: 'Unblocks procurement review.',
      dueDate: '2026-11-25',
      ownerId: null,
    });
    expect(row('tasks', step.recordId)).toMatchObject({
      Subject: 'Send the 3-year quote',
      Description: `Unblocks procurement review.\n\nAlso with (Salesforce ids): ${ids(crm).c2}`,
      TaskSubtype: 'Task',
      Status: 'Not Started',
      Priority: 'Normal',
      ActivityDate: '2026-11-25',
      OwnerId: ids(crm).u1,
      IsClosed: false,
    });
    const note = await adapter.write('note-1', {
      kind: 'note',
      target: target(crm),
      body: 'Bob prefers a ramp.\nMore detail.',
      at: '2026-11-20T10:00:00.000Z',
    });
    expect(row('tasks', note.recordId)).toMatchObject({
      Subject: 'Note: Bob prefers a ramp.',
      Status: 'Completed',
    });
  });

  it('never makes a lead the Who of an opportunity task (Salesforce forbids WhatId then)', async () => {
    const { adapter } = makeAdapter(crm);
    const i = ids(crm);
    const write = emailWrite(crm, { target: target(crm, { contactIds: [], leadIds: [i.l1] }) });
    const { recordId } = await adapter.write('lead-1', write);
    const task = row('tasks', recordId);
    expect(task?.WhoId).toBeNull();
    expect(task?.WhatId).toBe(i.o1);
    expect(String(task?.Description)).toContain(`Also with (Salesforce ids): ${i.l1}`);
  });
});

describe('Salesforce writes without an External ID field (marker in the description)', () => {
  beforeEach(() => {
    crm.store.settings.salesforceExternalIdField = false;
  });

  it('POSTs with the marker line and finds the write after a dropped response', async () => {
    const { adapter } = makeAdapter(crm, { settings: { stageReasonField: '', logKeyField: '' } });
    crm.setFaults({ dropAfterCommit: {}, onlyPaths: `^${DATA.replace(/\./g, '\\.')}/sobjects/Task$` });
    await expect(adapter.write('gmail:msg-2:o1', emailWrite(crm))).rejects.toMatchObject({ kind: 'network' });
    crm.setFaults({});

    const [post] = dataRequests(crm);
    expect(post).toMatchObject({ method: 'POST', path: `${DATA}/sobjects/Task`, status: null });
    const description = String((post?.body as { Description?: string }).Description);
    expect(description.endsWith(markerLine('gmail:msg-2:o1'))).toBe(true);
    const landed = crm.store.salesforce.tasks.filter((t) =>
      String(t.Description ?? '').includes(logMarker('gmail:msg-2:o1')),
    );
    expect(landed).toHaveLength(1);

    crm.clearRequests();
    const found = await adapter.findWritten('gmail:msg-2:o1', emailWrite(crm));
    expect(found).toBe(landed[0]?.Id);
    const [lookup] = dataRequests(crm);
    expect(lookup?.query.q).toBe(
      `SELECT Id, Description, CreatedDate FROM Task WHERE WhatId = '${ids(crm).o1}' AND CreatedDate = LAST_N_DAYS:30 ORDER BY CreatedDate DESC LIMIT 200`,
    );
    expect(await adapter.findWritten('gmail:never:o1', emailWrite(crm))).toBeNull();
  });

  it('looks meetings up among the Events', async () => {
    const { adapter } = makeAdapter(crm, { settings: { stageReasonField: '', logKeyField: '' } });
    const { recordId, adopted } = await adapter.write('cal:evt-2:o1', meetingWrite());
    expect(adopted).toBe(false);
    expect(String(row('events', recordId)?.Description)).toContain(markerLine('cal:evt-2:o1'));
    expect(await adapter.findWritten('cal:evt-2:o1', meetingWrite())).toBe(recordId);
  });
});

describe('Salesforce stage changes', () => {
  it('PATCHes StageName and the reason field when one is configured', async () => {
    const { adapter } = makeAdapter(crm, {
      settings: { stageReasonField: 'Dealside_Stage_Reason__c', logKeyField: 'Dealside_Key__c' },
    });
    const i = ids(crm);
    const result = await adapter.write('stage-1', stageWrite());
    expect(result).toEqual({ recordId: i.o1, adopted: false });
    const patch = dataRequests(crm).find((r) => r.method === 'PATCH');
    expect(patch).toMatchObject({
      path: `${DATA}/sobjects/Opportunity/${i.o1}`,
      status: 204,
      body: { StageName: 'Negotiation/Review', Dealside_Stage_Reason__c: 'commercials-agreed' },
    });
    const opp = crm.store.salesforce.opportunities.find((o) => o.Id === i.o1);
    expect(opp).toMatchObject({
      StageName: 'Negotiation/Review',
      Dealside_Stage_Reason__c: 'commercials-agreed',
    });
    expect(await adapter.findWritten('stage-1', stageWrite())).toBe(i.o1);
    const other = {
      ...stageWrite(),
      reason: { code: 'technical-win', label: 'Technical validation passed' },
    };
    expect(await adapter.findWritten('stage-2', other)).toBeNull();
  });

  it('without a reason field, changes the stage and logs the reason on a task in one all-or-nothing call', async () => {
    const { adapter } = makeAdapter(crm);
    const i = ids(crm);
    await adapter.pipelines();
    crm.clearRequests();
    const result = await adapter.write('stage-3', stageWrite());
    expect(result).toEqual({ recordId: i.o1, adopted: false });
    const calls = dataRequests(crm);
    expect(calls).toHaveLength(1);
    const body = calls[0]?.body as {
      allOrNone: boolean;
      compositeRequest: Array<{ method: string; url: string }>;
    };
    expect(body.allOrNone).toBe(true);
    expect(body.compositeRequest.map((s) => `${s.method} ${s.url}`)).toEqual([
      `PATCH ${DATA}/sobjects/Opportunity/${i.o1}`,
      `PATCH ${DATA}/sobjects/Task/Dealside_Key__c/${logMarker('stage-3')}`,
    ]);
    const task = crm.store.salesforce.tasks.find((t) => t.Dealside_Key__c === logMarker('stage-3'));
    expect(task).toMatchObject({
      Subject: 'Stage changed to Negotiation/Review — reason: Commercial terms agreed',
      Status: 'Completed',
      WhatId: i.o1,
    });
    expect(crm.store.salesforce.opportunities.find((o) => o.Id === i.o1)?.StageName).toBe(
      'Negotiation/Review',
    );
    expect(await adapter.findWritten('stage-3', stageWrite())).toBe(i.o1);
    expect(await adapter.write('stage-3', stageWrite())).toEqual({ recordId: i.o1, adopted: true });
  });

  it('without any custom field, the companion task carries the marker', async () => {
    crm.store.settings.salesforceExternalIdField = false;
    const { adapter } = makeAdapter(crm, { settings: { stageReasonField: '', logKeyField: '' } });
    await adapter.write('stage-4', stageWrite());
    const task = crm.store.salesforce.tasks.find((t) =>
      String(t.Description ?? '').includes(logMarker('stage-4')),
    );
    expect(String(task?.Description)).toBe(
      `Stage: Negotiation/Review (Negotiation/Review)\n\nReason: Commercial terms agreed (commercials-agreed)\n\n${markerLine('stage-4')}`,
    );
    expect(await adapter.findWritten('stage-4', stageWrite())).toBe(ids(crm).o1);
    expect(await adapter.findWritten('stage-5', stageWrite())).toBeNull();
  });

  it('a stage the org does not have fails as validation and changes nothing', async () => {
    const { adapter } = makeAdapter(crm);
    const bad = { ...stageWrite(), stageId: 'Not A Stage' };
    await expect(adapter.write('stage-6', bad)).rejects.toMatchObject({
      kind: 'validation',
      message: 'Salesforce: Stage Name: bad value for restricted picklist field: Not A Stage',
    });
    expect(crm.store.salesforce.tasks.some((t) => t.Dealside_Key__c === logMarker('stage-6'))).toBe(false);
  });
});
