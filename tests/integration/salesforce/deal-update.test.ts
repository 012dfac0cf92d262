import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { logMarker } from '../../../lib/crm/log-key';
import type { CrmWrite, DealUpdate } from '../../../lib/domain/types';
import type { FakeCrm } from '../../support/fake-crm';
import { DATA, dataRequests, ids, makeAdapter, startCrm, target } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

function update(amountReasonField: string): DealUpdate {
  return {
    kind: 'deal',
    target: target(crm),
    fields: { Metrics__c: '12 hours a week', Economic_Buyer__c: 'CFO Maria Lopez' },
    changes: [
      {
        kind: 'amount',
        value: '64000',
        reason: { code: 'scope-added', label: 'Seats or products added' },
        reasonField: amountReasonField,
      },
      {
        kind: 'closeDate',
        value: '2027-01-31',
        reason: { code: 'budget-cycle', label: 'Waiting for the next budget cycle' },
        reasonField: '',
      },
    ],
    at: '2026-11-24T16:00:00.000Z',
  };
}

describe('Salesforce deal updates (qualification and judgement changes)', () => {
  it('PATCHes the Opportunity with the mapped fields, new values and reason field; the other reason goes on a keyed Task', async () => {
    const { adapter } = makeAdapter(crm, {
      settings: { stageReasonField: '', logKeyField: 'Dealside_Key__c' },
    });
    const i = ids(crm);
    const write = update('Dealside_Amount_Reason__c');
    crm.clearRequests();
    const result = await adapter.write('deal-1', write);
    expect(result).toEqual({ recordId: i.o1, adopted: false });
    const patch = dataRequests(crm).find((r) => r.method === 'PATCH' && r.path.includes('/Opportunity/'));
    expect(patch).toMatchObject({
      path: `${DATA}/sobjects/Opportunity/${i.o1}`,
      body: {
        Metrics__c: '12 hours a week',
        Economic_Buyer__c: 'CFO Maria Lopez',
        Dealside_Amount_Reason__c: 'scope-added',
        Amount: 64000,
        CloseDate: '2027-01-31',
      },
    });
    expect(crm.store.salesforce.opportunities.find((o) => o.Id === i.o1)).toMatchObject({
      Amount: 64000,
      CloseDate: '2027-01-31',
      Economic_Buyer__c: 'CFO Maria Lopez',
    });
    const task = crm.store.salesforce.tasks.find((t) => t.Dealside_Key__c === logMarker('deal-1'));
    expect(task).toMatchObject({
      WhatId: i.o1,
      Status: 'Completed',
      Subject: 'Close date changed to 2027-01-31 — reason: Waiting for the next budget cycle (budget-cycle)',
    });
    expect(await adapter.findWritten('deal-1', write)).toBe(i.o1);
    expect(await adapter.findWritten('deal-other', write)).toBeNull();
  });

  it('with every reason in a field, finds the update by reading the Opportunity back', async () => {
    const { adapter } = makeAdapter(crm, {
      settings: { stageReasonField: '', logKeyField: 'Dealside_Key__c' },
    });
    const base = update('Dealside_Amount_Reason__c');
    const write: CrmWrite = { ...base, changes: base.changes.slice(0, 1) };
    expect(await adapter.findWritten('deal-2', write)).toBeNull();
    await adapter.write('deal-2', write);
    expect(await adapter.findWritten('deal-2', write)).toBe(ids(crm).o1);
  });
});
