/**
 * The attach audit against the fake Salesforce over HTTP: email/call Tasks and Events on an
 * account are found by owner and date (with `What.Type`), moved to the opportunity by setting
 * `WhatId`, and undo puts the account back. Anything filed elsewhere meanwhile is left alone.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AttachActivity, DetachActivity } from '../../../lib/crm/audit-types';
import { CrmError } from '../../../lib/http/errors';
import type { CrmWrite, Target } from '../../../lib/domain/types';
import type { FakeCrm } from '../../support/fake-crm';
import { DATA, dataRequests, emailWrite, ids, makeAdapter, NOW, startCrm } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const FROM = new Date(NOW.getTime() - 14 * 86_400_000).toISOString();
const NO_KEY_FIELD = { stageReasonField: '', logKeyField: '' };

function onAccount(extra: Partial<Target> = {}): Target {
  const i = ids(crm);
  return { opportunityId: null, accountId: i.a1, contactIds: [i.c1], leadIds: [], ownerId: i.u1, ...extra };
}
const email = (target: Target): CrmWrite => emailWrite(crm, { target, subject: 'Rollout timing' });
const task = (id: string) => crm.store.salesforce.tasks.find((t) => t.Id === id);

function attach(recordId: string, previousWhatId: string | null): AttachActivity {
  return {
    kind: 'attach',
    target: onAccount({ opportunityId: ids(crm).o1 }),
    activity: 'email',
    recordId,
    previousWhatId,
    reasons: ['Jane Doe is a contact on this deal'],
  };
}
const detach = (recordId: string, restoreWhatId: string | null): DetachActivity => ({
  kind: 'detach',
  target: onAccount({ opportunityId: ids(crm).o1 }),
  activity: 'email',
  recordId,
  restoreWhatId,
});

describe('Salesforce attach audit', () => {
  it('reads the rep’s email Tasks on the account, with the contact as participant and no opportunity', async () => {
    const { adapter } = makeAdapter(crm, { settings: NO_KEY_FIELD });
    const { recordId } = await adapter.write('salesforce:email:k1:account', email(onAccount()));
    crm.clearRequests();
    const read = await adapter.audit!.readActivities({
      ownerIds: [ids(crm).u1],
      from: FROM,
      changedSince: null,
    });
    expect(dataRequests(crm)).toHaveLength(2);
    const found = read.activities.find((a) => a.id === recordId);
    expect(found).toMatchObject({
      kind: 'email',
      ownerId: ids(crm).u1,
      subject: 'Rollout timing',
      contactIds: [ids(crm).c1],
      accountId: ids(crm).a1,
      opportunityIds: [],
      participants: [{ email: 'jane@acme.com', name: 'Jane Doe' }],
    });
    expect(read.activities.every((a) => a.ownerId === ids(crm).u1)).toBe(true);
    expect(read.cursor).not.toBeNull();
  });

  it('marks an activity on an opportunity as on a deal, and reads only what changed after the cursor', async () => {
    const { adapter } = makeAdapter(crm, { settings: NO_KEY_FIELD });
    const onDeal = (
      await adapter.write('salesforce:email:k2:o1', email(onAccount({ opportunityId: ids(crm).o1 })))
    ).recordId;
    const first = await adapter.audit!.readActivities({
      ownerIds: [ids(crm).u1],
      from: FROM,
      changedSince: null,
    });
    expect(first.activities.find((a) => a.id === onDeal)?.opportunityIds).toEqual([ids(crm).o1]);
    crm.clock.advance(60_000);
    const later = await adapter.audit!.readActivities({
      ownerIds: [ids(crm).u1],
      from: FROM,
      changedSince: new Date(crm.clock.now().getTime() - 1_000).toISOString(),
    });
    expect(later.activities.map((a) => a.id)).not.toContain(onDeal);
  });

  it('moves WhatId from the account to the opportunity, and undo restores the account', async () => {
    const { adapter } = makeAdapter(crm, { settings: NO_KEY_FIELD });
    const { recordId } = await adapter.write('salesforce:email:k3:account', email(onAccount()));
    crm.clearRequests();
    expect(await adapter.audit!.move(attach(recordId, ids(crm).a1))).toEqual({ already: false });
    const patch = dataRequests(crm).find((r) => r.method === 'PATCH');
    expect(patch).toMatchObject({ path: `${DATA}/sobjects/Task/${recordId}`, body: { WhatId: ids(crm).o1 } });
    expect(task(recordId)?.WhatId).toBe(ids(crm).o1);
    // The opportunity still rolls up to the account.
    expect(task(recordId)?.AccountId).toBe(ids(crm).a1);

    expect(await adapter.audit!.move(attach(recordId, ids(crm).a1))).toEqual({ already: true });

    await adapter.audit!.move(detach(recordId, ids(crm).a1));
    expect(task(recordId)?.WhatId).toBe(ids(crm).a1);
    expect(await adapter.audit!.move(detach(recordId, ids(crm).a1))).toEqual({ already: true });
  });

  it('leaves alone an activity filed on another opportunity since the audit looked', async () => {
    const { adapter } = makeAdapter(crm, { settings: NO_KEY_FIELD });
    const { recordId } = await adapter.write(
      'salesforce:email:k4:o2',
      email(onAccount({ opportunityId: ids(crm).o2 })),
    );
    const error = await adapter.audit!.move(attach(recordId, ids(crm).a1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect((error as CrmError).kind).toBe('validation');
    expect(task(recordId)?.WhatId).toBe(ids(crm).o2);
  });

  it('tells when opportunities were created', async () => {
    const { adapter } = makeAdapter(crm);
    const created = await adapter.audit!.createdAt([ids(crm).o1, ids(crm).o2]);
    expect(Object.keys(created).sort()).toEqual([ids(crm).o1, ids(crm).o2].sort());
  });
});
