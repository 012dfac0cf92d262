/**
 * Logging with no open deal (the `none` decision): the activity goes to the contact and its
 * company only, and is still written exactly once in both idempotency modes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CrmError } from '../../../lib/http/errors';
import { logMarker, markerLine } from '../../../lib/crm/log-key';
import type { CrmWrite, Target } from '../../../lib/domain/types';
import type { FakeCrm, HsObjectType } from '../../support/fake-crm';
import { harness, lines, startCrm } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const ids = () => crm.store.bookIds.hubspot;
const UNIQUE = { logKeyProperty: 'dealside_log_key' };

/** Dave at Hooli: Hooli's only deal with him is closed lost. */
function onAccount(extra: Partial<Target> = {}): Target {
  return { opportunityId: null, accountId: ids().a4!, contactIds: [ids().c6!], ownerId: ids().u1!, ...extra };
}

const email = (target: Target): CrmWrite => ({
  kind: 'email',
  target,
  subject: 'Hooli platform questions',
  body: 'Hi Sam,\nAre you still supporting the old API?',
  from: { email: 'dave@hooli.com', name: 'Dave Hooli' },
  to: [{ email: 'sam@ourco.com', name: 'Sam Rep' }],
  at: '2026-11-20T10:15:00.000Z',
  direction: 'inbound',
});

function associated(type: HsObjectType, id: string) {
  const edges = crm.store.hubspot.associations.filter((a) => a.fromType === type && a.fromId === id);
  const to = (toType: string) => [...new Set(edges.filter((e) => e.toType === toType).map((e) => e.toId))];
  return { deals: to('deals'), contacts: to('contacts'), companies: to('companies') };
}

const emailsPath = '^/crm/v3/objects/emails$';

describe('HubSpot logging with no deal', () => {
  it('creates the email with contact (198) and company (186) associations only', async () => {
    const h = harness(crm, { settings: UNIQUE });
    const result = await h.adapter.write('hubspot:email:msg-1:account:a4', email(onAccount()));
    expect(lines(h.calls)).toEqual(['POST /crm/v3/objects/emails']);
    const body = h.calls[0]?.body as { associations: unknown[] };
    expect(body.associations).toEqual([
      { to: { id: ids().c6 }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 198 }] },
      { to: { id: ids().a4 }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 186 }] },
    ]);
    expect(associated('emails', result.recordId)).toEqual({
      deals: [],
      contacts: [ids().c6],
      companies: [ids().a4],
    });
  });

  it('logs to a contact with no company', async () => {
    const h = harness(crm, { settings: UNIQUE });
    const result = await h.adapter.write(
      'hubspot:email:msg-2:contact:c6',
      email(onAccount({ accountId: null })),
    );
    expect(associated('emails', result.recordId)).toEqual({ deals: [], contacts: [ids().c6], companies: [] });
  });

  it('with the unique property: the same key again adopts the record; findWritten reads it by key', async () => {
    const h = harness(crm, { settings: UNIQUE });
    const key = 'hubspot:email:msg-3:account:a4';
    const first = await h.adapter.write(key, email(onAccount()));
    const second = await h.adapter.write(key, email(onAccount()));
    expect(second).toEqual({ recordId: first.recordId, adopted: true });
    expect(
      crm.store.hubspot.emails.filter((e) => e.properties.dealside_log_key === logMarker(key)),
    ).toHaveLength(1);
    h.resetLog();
    expect(await h.adapter.findWritten(key, email(onAccount()))).toBe(first.recordId);
    expect(lines(h.calls)).toEqual(['POST /crm/v3/objects/emails/batch/read']);
    expect(h.calls[0]?.body).toMatchObject({
      idProperty: 'dealside_log_key',
      inputs: [{ id: logMarker(key) }],
    });
  });

  describe('without the unique property (marker in the body)', () => {
    beforeEach(() => {
      crm.store.settings.hubspotUniqueLogKey = false;
    });

    it("after a dropped response, finds the write among the contact's emails", async () => {
      const h = harness(crm);
      const key = 'hubspot:email:msg-4:account:a4';
      crm.setFaults({ dropAfterCommit: { everyNth: 1 }, onlyPaths: emailsPath });
      const error = await h.adapter.write(key, email(onAccount())).catch((e: unknown) => e);
      crm.setFaults({});
      expect(error).toBeInstanceOf(CrmError);
      expect((error as CrmError).kind).toBe('network');
      const landed = crm.store.hubspot.emails.filter((e) =>
        String(e.properties.hs_email_text).endsWith(markerLine(key)),
      );
      expect(landed).toHaveLength(1);
      expect(associated('emails', landed[0]!.id).deals).toEqual([]);

      h.resetLog();
      expect(await h.adapter.findWritten(key, email(onAccount()))).toBe(landed[0]!.id);
      expect(lines(h.calls)).toEqual([
        `GET /crm/v4/objects/contacts/${ids().c6}/associations/emails`,
        'POST /crm/v3/objects/emails/batch/read',
      ]);
      expect(await h.adapter.findWritten('hubspot:email:never:account:a4', email(onAccount()))).toBeNull();
    });

    it("with no contact either, looks among the company's emails", async () => {
      const h = harness(crm);
      const key = 'hubspot:email:msg-5:account:a4';
      const write = email(onAccount({ contactIds: [] }));
      const result = await h.adapter.write(key, write);
      expect(associated('emails', result.recordId)).toEqual({
        deals: [],
        contacts: [],
        companies: [ids().a4],
      });
      h.resetLog();
      expect(await h.adapter.findWritten(key, write)).toBe(result.recordId);
      expect(lines(h.calls)[0]).toBe(`GET /crm/v4/objects/companies/${ids().a4}/associations/emails`);
    });
  });

  it('refuses a next step or a stage change without a deal, before any call', async () => {
    const h = harness(crm, { settings: UNIQUE });
    const task: CrmWrite = {
      kind: 'task',
      target: onAccount(),
      subject: 'Follow up',
      body: '',
      dueDate: '2026-11-25',
      ownerId: null,
    };
    const stage: CrmWrite = {
      kind: 'stage',
      target: onAccount(),
      stageId: 'closedwon',
      stageLabel: 'Closed Won',
      reason: { code: 'commercials-agreed', label: 'Commercial terms agreed' },
      at: '2026-11-20T12:00:00.000Z',
    };
    for (const write of [task, stage]) {
      await expect(h.adapter.write('k', write)).rejects.toMatchObject({ kind: 'validation' });
      await expect(h.adapter.findWritten('k', write)).rejects.toMatchObject({ kind: 'validation' });
    }
    expect(h.calls).toEqual([]);
  });
});
