import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOG_KEY_PROPERTY } from '../../../lib/crm/hubspot/duplicates/log-key-property';
import { logMarker } from '../../../lib/crm/log-key';
import type { CrmWrite } from '../../../lib/domain/types';
import type { FakeCrm } from '../../support/fake-crm';
import { harness, startCrm } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const ids = () => crm.store.bookIds.hubspot;
const KEY = 'hubspot:email:mail-0123456789abcdef:deal';

const email = (): CrmWrite => ({
  kind: 'email',
  target: { opportunityId: ids().o1!, accountId: ids().a1!, contactIds: [ids().c1!], ownerId: ids().u1! },
  subject: 'Acme rollout',
  body: 'Can you hold the Q4 price?',
  from: { email: 'jane@acme.com', name: 'Jane Doe' },
  to: [{ email: 'sam@ourco.com', name: 'Sam Rep' }],
  at: '2026-11-20T10:15:00.000Z',
  direction: 'inbound',
});

const emailsWithKey = () =>
  crm.store.hubspot.emails.filter(
    (r) => !r.archived && String(r.properties.hs_email_text ?? '').includes(logMarker(KEY)),
  );

describe('HubSpot without a unique key: every record under a key is found, and a duplicate can be deleted', () => {
  it('finds both records a resent POST made, oldest first, and deletes the newer', async () => {
    const { adapter } = harness(crm);
    expect(adapter.keyMode()).toBe('marker');
    const first = await adapter.write(KEY, email());
    crm.clock.advance(1_000);
    const second = await adapter.write(KEY, email());
    const found = await adapter.findAllWritten(KEY, email());
    expect(found.map((r) => r.id)).toEqual([first.recordId, second.recordId]);
    expect(found.every((r) => r.kind === 'email')).toBe(true);

    await adapter.removeRecord(found[1]!);
    expect((await adapter.findAllWritten(KEY, email())).map((r) => r.id)).toEqual([first.recordId]);
    expect(emailsWithKey()).toHaveLength(1);
    // Deleting again (a retried delete) is not an error.
    await expect(adapter.removeRecord(found[1]!)).resolves.toBeUndefined();
  });

  it('finds a touch under an older key the same message was logged with', async () => {
    const { adapter } = harness(crm);
    const legacy = 'hubspot:email:198c6860711611c7:deal';
    const written = await adapter.write(legacy, email());
    expect(await adapter.findWritten([KEY, legacy], email())).toBe(written.recordId);
    expect(await adapter.findWritten([KEY], email())).toBeNull();
  });

  it('sees a record at once even while the search index lags', async () => {
    crm.setFaults({ searchLagMs: 60_000 });
    const { adapter } = harness(crm);
    const written = await adapter.write(KEY, email());
    expect(await adapter.findWritten(KEY, email())).toBe(written.recordId);
  });
});

describe('HubSpot with the unique key: a taken value is adopted, whichever way HubSpot says it', () => {
  for (const style of ['409', '400'] as const) {
    it(`duplicate answered ${style}: the second write adopts the first record`, async () => {
      crm.store.settings.hubspotUniqueLogKey = true;
      crm.setFaults({ uniqueConflict: style });
      const { adapter } = harness(crm, { settings: { logKeyProperty: LOG_KEY_PROPERTY } });
      expect(adapter.keyMode()).toBe('unique');
      const first = await adapter.write(KEY, email());
      const second = await adapter.write(KEY, email());
      expect(second).toEqual({ recordId: first.recordId, adopted: true });
      expect(crm.store.hubspot.emails.filter((r) => r.properties[LOG_KEY_PROPERTY])).toHaveLength(1);
    });
  }
});

describe('creating the unique key in one click', () => {
  it('creates a unique dealside_log_key on all five activity objects, and a second click changes nothing', async () => {
    crm.store.settings.hubspotUniqueLogKey = false;
    const { adapter, calls } = harness(crm);
    expect(await adapter.createLogKeyField?.()).toBe(LOG_KEY_PROPERTY);
    for (const type of ['emails', 'calls', 'meetings', 'notes', 'tasks']) {
      const answer = await fetch(`${crm.url}/crm/v3/properties/${type}/${LOG_KEY_PROPERTY}`, {
        headers: { authorization: `Bearer ${crm.issueToken('hubspot').accessToken}` },
      });
      expect(((await answer.json()) as { hasUniqueValue: boolean }).hasUniqueValue).toBe(true);
    }
    const posts = calls.filter((c) => c.method === 'POST').length;
    expect(await adapter.createLogKeyField?.()).toBe(LOG_KEY_PROPERTY);
    expect(calls.filter((c) => c.method === 'POST').length).toBe(posts);
  });

  it('a sign-in without the scope is told that an admin can do it by hand', async () => {
    crm.store.settings.hubspotUniqueLogKey = false;
    const { adapter } = harness(crm, { scopes: ['crm.objects.contacts.read', 'crm.objects.deals.read'] });
    await expect(adapter.createLogKeyField?.()).rejects.toThrow(/admin/);
  });
});
