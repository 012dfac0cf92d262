/**
 * The attach audit against the fake HubSpot over HTTP: contact-only activities are found by
 * owner and date with their associations, moved onto a deal with a v4 association, and the
 * move is undone by removing it. An activity on a deal is never moved.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AttachActivity, DetachActivity } from '../../../lib/crm/audit-types';
import { CrmError } from '../../../lib/http/errors';
import type { CrmWrite, Target } from '../../../lib/domain/types';
import type { FakeCrm } from '../../support/fake-crm';
import { harness, lines, NOW, startCrm } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => {
  crm.reset();
  // The limiter here runs on a virtual clock; the fake's per-second search window on the real one.
  crm.store.settings.hubspotSearchLimit = false;
});

const ids = () => crm.store.bookIds.hubspot;
const FROM = new Date(NOW.getTime() - 14 * 86_400_000).toISOString();

function onContact(extra: Partial<Target> = {}): Target {
  return { opportunityId: null, accountId: ids().a1!, contactIds: [ids().c1!], ownerId: ids().u1!, ...extra };
}

const email = (target: Target, at = '2026-11-19T10:15:00.000Z'): CrmWrite => ({
  kind: 'email',
  target,
  subject: 'Rollout timing',
  body: 'Hi Sam, can we start in January?',
  from: { email: 'jane@acme.com', name: 'Jane Doe' },
  to: [{ email: 'sam@ourco.com', name: 'Sam Rep' }],
  at,
  direction: 'inbound',
});

async function contactOnlyEmail(h: ReturnType<typeof harness>, key = 'k1'): Promise<string> {
  return (await h.adapter.write(`hubspot:email:${key}:contact`, email(onContact()))).recordId;
}

function attach(recordId: string, dealId: string): AttachActivity {
  return {
    kind: 'attach',
    target: onContact({ opportunityId: dealId }),
    activity: 'email',
    recordId,
    previousWhatId: null,
    reasons: ['Jane Doe is a contact on this deal'],
  };
}
const detach = (recordId: string, dealId: string): DetachActivity => ({
  kind: 'detach',
  target: onContact({ opportunityId: dealId }),
  activity: 'email',
  recordId,
  restoreWhatId: null,
});

const dealsOf = (emailId: string) =>
  crm.store.hubspot.associations
    .filter((a) => a.fromType === 'emails' && a.fromId === emailId && a.toType === 'deals')
    .map((a) => a.toId);

describe('HubSpot attach audit', () => {
  it('reads the rep’s contact-only emails with their contact, company and no deal', async () => {
    const h = harness(crm);
    const recordId = await contactOnlyEmail(h);
    h.resetLog();
    const read = await h.adapter.audit!.readActivities({
      ownerIds: [ids().u1!],
      from: FROM,
      changedSince: null,
    });
    const found = read.activities.find((a) => a.id === recordId);
    expect(found).toMatchObject({
      kind: 'email',
      ownerId: ids().u1,
      subject: 'Rollout timing',
      contactIds: [ids().c1],
      accountId: ids().a1,
      opportunityIds: [],
    });
    expect(found?.participants.map((p) => p.email)).toContain('jane@acme.com');
    // Activities already on deals come back as such (the figure counts them).
    expect(read.activities.filter((a) => a.opportunityIds.length > 0).length).toBeGreaterThan(0);
    expect(read.activities.every((a) => a.ownerId === ids().u1)).toBe(true);
    expect(read.cursor).not.toBeNull();
    // 3 searches, then 9 association reads together, then the contacts: 13 calls, 3 round trips.
    expect(h.calls.filter((c) => c.path.endsWith('/search'))).toHaveLength(3);
    expect(h.calls.filter((c) => c.path.startsWith('/crm/v4/associations/'))).toHaveLength(9);
    expect(h.waves()).toBe(3);
  });

  it('leaves out other owners and what changed before the cursor', async () => {
    const h = harness(crm);
    const mine = await contactOnlyEmail(h);
    const theirs = (
      await h.adapter.write('hubspot:email:k2:contact', email(onContact({ ownerId: ids().u2! })))
    ).recordId;
    const all = await h.adapter.audit!.readActivities({
      ownerIds: [ids().u1!],
      from: FROM,
      changedSince: null,
    });
    expect(all.activities.map((a) => a.id)).toContain(mine);
    expect(all.activities.map((a) => a.id)).not.toContain(theirs);

    crm.clock.advance(60_000);
    const later = await h.adapter.audit!.readActivities({
      ownerIds: [ids().u1!],
      from: FROM,
      changedSince: new Date(crm.clock.now().getTime() - 1_000).toISOString(),
    });
    expect(later.activities.map((a) => a.id)).not.toContain(mine);
  });

  it('attaches an email to the deal with one v4 association, and undo removes it', async () => {
    const h = harness(crm);
    const recordId = await contactOnlyEmail(h);
    h.resetLog();
    expect(await h.adapter.audit!.move(attach(recordId, ids().o1!))).toEqual({ already: false });
    expect(lines(h.calls)).toEqual([
      `GET /crm/v4/objects/emails/${recordId}/associations/deals`,
      `PUT /crm/v4/objects/emails/${recordId}/associations/default/deals/${ids().o1}`,
    ]);
    expect(dealsOf(recordId)).toEqual([ids().o1]);

    // Sent twice (a retry after a lost answer): the second finds it done and changes nothing.
    expect(await h.adapter.audit!.move(attach(recordId, ids().o1!))).toEqual({ already: true });
    expect(dealsOf(recordId)).toEqual([ids().o1]);

    h.resetLog();
    await h.adapter.audit!.move(detach(recordId, ids().o1!));
    expect(lines(h.calls)).toEqual([
      `DELETE /crm/v4/objects/emails/${recordId}/associations/deals/${ids().o1}`,
    ]);
    expect(dealsOf(recordId)).toEqual([]);
    // The contact and company stay.
    const read = await h.adapter.audit!.readActivities({
      ownerIds: [ids().u1!],
      from: FROM,
      changedSince: null,
    });
    expect(read.activities.find((a) => a.id === recordId)).toMatchObject({
      contactIds: [ids().c1],
      opportunityIds: [],
    });
  });

  it('never moves an email that is on another deal by now', async () => {
    const h = harness(crm);
    const recordId = (
      await h.adapter.write('hubspot:email:k3:o2', email(onContact({ opportunityId: ids().o2! })))
    ).recordId;
    const error = await h.adapter.audit!.move(attach(recordId, ids().o1!)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect((error as CrmError).kind).toBe('validation');
    expect(dealsOf(recordId)).toEqual([ids().o2]);
  });

  it('tells when deals were created', async () => {
    const h = harness(crm);
    const created = await h.adapter.audit!.createdAt([ids().o1!, ids().o4!]);
    expect(Object.keys(created).sort()).toEqual([ids().o1, ids().o4].sort());
    expect(Date.parse(created[ids().o1!]!)).toBeLessThan(NOW.getTime());
  });
});
