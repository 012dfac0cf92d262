/**
 * Logging with no open opportunity (the `none` decision): the Task's What is the account (a
 * Contact's activity may relate to an Account), or nothing when only the contact is known; it
 * is still written exactly once in both idempotency modes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { logMarker, markerLine } from '../../../lib/crm/log-key';
import type { CrmWrite, Target } from '../../../lib/domain/types';
import type { FakeCrm } from '../../support/fake-crm';
import { DATA, dataRequests, emailWrite, makeAdapter, startCrm } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

function book(key: string): string {
  const id = crm.store.bookIds.salesforce[key];
  if (!id) throw new Error(`no book id ${key}`);
  return id;
}

/** Dave at Hooli: Hooli's only opportunity with him is closed lost. */
function onAccount(extra: Partial<Target> = {}): Target {
  return {
    opportunityId: null,
    accountId: book('a4'),
    contactIds: [book('c6')],
    leadIds: [],
    ownerId: book('u1'),
    ...extra,
  };
}

const email = (target: Target): CrmWrite => emailWrite(crm, { target, subject: 'Hooli platform questions' });
const task = (id: string) => crm.store.salesforce.tasks.find((t) => t.Id === id);
const NO_KEY_FIELD = { stageReasonField: '', logKeyField: '' };

describe('Salesforce logging with no opportunity, External ID mode', () => {
  it('relates the Task to the account with the contact as Who; the same key again adopts it', async () => {
    const { adapter } = makeAdapter(crm);
    const key = 'salesforce:email:msg-1:account:a4';
    const first = await adapter.write(key, email(onAccount()));
    expect(first.adopted).toBe(false);
    const [upsert] = dataRequests(crm);
    expect(upsert).toMatchObject({
      method: 'PATCH',
      path: `${DATA}/sobjects/Task/Dealside_Key__c/${logMarker(key)}`,
    });
    expect(upsert?.body).toMatchObject({ WhatId: book('a4'), WhoId: book('c6'), TaskSubtype: 'Email' });
    expect(task(first.recordId)).toMatchObject({
      WhatId: book('a4'),
      WhoId: book('c6'),
      AccountId: book('a4'),
      Dealside_Key__c: logMarker(key),
    });

    const again = await adapter.write(key, email(onAccount()));
    expect(again).toEqual({ recordId: first.recordId, adopted: true });
    expect(await adapter.findWritten(key, email(onAccount()))).toBe(first.recordId);
  });

  it('logs to the contact alone (no What) when the account is not known', async () => {
    const { adapter } = makeAdapter(crm);
    const { recordId } = await adapter.write(
      'salesforce:email:msg-2:contact:c6',
      email(onAccount({ accountId: null })),
    );
    const [upsert] = dataRequests(crm);
    expect(upsert?.body).not.toHaveProperty('WhatId');
    expect(task(recordId)).toMatchObject({ WhatId: null, WhoId: book('c6') });
  });
});

describe('Salesforce logging with no opportunity, marker mode', () => {
  beforeEach(() => {
    crm.store.settings.salesforceExternalIdField = false;
  });

  it('after a dropped response, finds the Task among the account’s', async () => {
    const { adapter } = makeAdapter(crm, { settings: NO_KEY_FIELD });
    const key = 'salesforce:email:msg-3:account:a4';
    crm.setFaults({
      dropAfterCommit: { everyNth: 1 },
      onlyPaths: `^${DATA.replace(/\./g, '\\.')}/sobjects/Task$`,
    });
    await expect(adapter.write(key, email(onAccount()))).rejects.toMatchObject({ kind: 'network' });
    crm.setFaults({});
    const landed = crm.store.salesforce.tasks.filter((t) =>
      String(t.Description ?? '').endsWith(markerLine(key)),
    );
    expect(landed).toHaveLength(1);
    expect(landed[0]).toMatchObject({ WhatId: book('a4'), WhoId: book('c6') });

    crm.clearRequests();
    expect(await adapter.findWritten(key, email(onAccount()))).toBe(landed[0]?.Id);
    const [lookup] = dataRequests(crm);
    expect(lookup?.query.q).toBe(
      `SELECT Id, Description, CreatedDate FROM Task WHERE WhatId = '${book('a4')}' AND CreatedDate = LAST_N_DAYS:30 ORDER BY CreatedDate DESC LIMIT 200`,
    );
    expect(await adapter.findWritten('salesforce:email:never:account:a4', email(onAccount()))).toBeNull();
  });

  it('with no account either, looks the Task up by its Who', async () => {
    const { adapter } = makeAdapter(crm, { settings: NO_KEY_FIELD });
    const key = 'salesforce:email:msg-4:contact:c6';
    const write = email(onAccount({ accountId: null }));
    const { recordId } = await adapter.write(key, write);
    crm.clearRequests();
    expect(await adapter.findWritten(key, write)).toBe(recordId);
    const [lookup] = dataRequests(crm);
    expect(lookup?.query.q).toBe(
      `SELECT Id, Description, CreatedDate FROM Task WHERE WhoId = '${book('c6')}' AND CreatedDate = LAST_N_DAYS:30 ORDER BY CreatedDate DESC LIMIT 200`,
    );
  });

  it('looks meetings up among the account’s Events', async () => {
    const { adapter } = makeAdapter(crm, { settings: NO_KEY_FIELD });
    const key = 'salesforce:meeting:evt-1:account:a4';
    const write: CrmWrite = {
      kind: 'meeting',
      target: onAccount(),
      title: 'Hooli — platform check-in',
      body: 'Old API questions.',
      start: '2026-11-24T15:00:00.000Z',
      end: '2026-11-24T15:30:00.000Z',
      location: null,
    };
    const { recordId } = await adapter.write(key, write);
    expect(crm.store.salesforce.events.find((e) => e.Id === recordId)).toMatchObject({ WhatId: book('a4') });
    expect(await adapter.findWritten(key, write)).toBe(recordId);
  });
});

describe('Salesforce deal-only writes without an opportunity', () => {
  it('refuses a next step or a stage change before any call', async () => {
    const { adapter } = makeAdapter(crm);
    const writes: CrmWrite[] = [
      {
        kind: 'task',
        target: onAccount(),
        subject: 'Follow up',
        body: '',
        dueDate: '2026-11-25',
        ownerId: null,
      },
      {
        kind: 'stage',
        target: onAccount(),
        stageId: 'Closed Won',
        stageLabel: 'Closed Won',
        reason: { code: 'commercials-agreed', label: 'Commercial terms agreed' },
        at: '2026-11-20T12:00:00.000Z',
      },
    ];
    crm.clearRequests();
    for (const write of writes) {
      await expect(adapter.write('k', write)).rejects.toMatchObject({ kind: 'validation' });
      await expect(adapter.findWritten('k', write)).rejects.toMatchObject({ kind: 'validation' });
    }
    expect(dataRequests(crm)).toEqual([]);
  });
});
