import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeCrm } from '../../support/fake-crm';
import { start } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await start();
});
afterAll(() => crm.close());

const DAY = 86_400_000;

describe('seeded book of business', () => {
  it('has the same owners, accounts, contacts and deals in both providers', () => {
    const { hubspot, salesforce } = crm.store;
    expect(hubspot.owners.map((o) => o.email)).toEqual(['sam@ourco.com', 'lea@ourco.com']);
    expect(salesforce.users.map((u) => u.Email)).toEqual(['sam@ourco.com', 'lea@ourco.com']);
    expect(hubspot.companies.map((c) => c.properties.name)).toEqual(salesforce.accounts.map((a) => a.Name));
    expect(hubspot.companies.length).toBeGreaterThanOrEqual(5);
    expect(hubspot.deals.map((d) => d.properties.dealname)).toEqual(
      salesforce.opportunities.map((o) => o.Name),
    );
    expect(hubspot.deals.length).toBeGreaterThanOrEqual(9);
    const sfPeople = [...salesforce.contacts, ...salesforce.leads.filter((l) => !l.IsConverted)]
      .map((c) => c.Email)
      .sort();
    expect(hubspot.contacts.map((c) => c.properties.email).sort()).toEqual(sfPeople);
    expect(salesforce.contacts.length).toBeGreaterThanOrEqual(14);
    expect(salesforce.leads.filter((l) => !l.IsConverted).length).toBeGreaterThanOrEqual(2);
  });

  it('includes the fixture contacts at the fixture accounts', () => {
    const emails = crm.store.salesforce.contacts.map((c) => c.Email);
    expect(emails).toEqual(
      expect.arrayContaining([
        'jane@acme.com',
        'bob@acme.com',
        'carl.finance@acme.com',
        'gina@globex.com',
        'pat.founder@gmail.com',
        'dave@hooli.com',
      ]),
    );
  });

  it('has deals across stages: won, lost, stale in stage, past close date, several open', () => {
    const deals = crm.store.hubspot.deals;
    const byName = (n: string) => deals.find((d) => d.properties.dealname === n)?.properties ?? {};
    expect(deals.filter((d) => d.properties.hs_is_closed_won === 'true').length).toBeGreaterThanOrEqual(1);
    expect(deals.filter((d) => d.properties.dealstage === 'closedlost')).toHaveLength(1);
    expect(deals.filter((d) => d.properties.hs_is_closed === 'false').length).toBeGreaterThanOrEqual(5);
    const now = crm.clock.base.getTime();
    const stale = byName('Globex — Pilot');
    expect(now - Date.parse(stale.hs_v2_date_entered_current_stage ?? '')).toBeGreaterThan(30 * DAY);
    const overdue = byName('Initech — New logo');
    expect(Date.parse(overdue.closedate ?? '')).toBeLessThan(now);
    expect(overdue.hs_is_closed).toBe('false');
    expect(byName('Acme — Platform')).toMatchObject({
      dealstage: 'contractsent',
      hubspot_owner_id: crm.store.bookIds.hubspot.u1,
    });
    expect(byName('Acme — Services add-on').hubspot_owner_id).toBe(crm.store.bookIds.hubspot.u2);
  });

  it('has at least 40 activities in the last 60 days, with a pre-call context for the demo deal', () => {
    const now = crm.clock.base.getTime();
    const hs = crm.store.hubspot;
    const all = [...hs.emails, ...hs.calls, ...hs.meetings, ...hs.notes, ...hs.tasks];
    const recent = all.filter((a) => now - Date.parse(a.createdAt) <= 60 * DAY);
    expect(recent.length).toBeGreaterThanOrEqual(40);

    const o1 = crm.store.bookIds.hubspot.o1 ?? '';
    const timeline = crm.activitiesFor('hubspot', o1);
    expect(timeline.length).toBeGreaterThanOrEqual(15);
    const lastReply = timeline.find(
      (a) => a.provider === 'hubspot' && a.record.properties.hs_email_direction === 'INCOMING_EMAIL',
    );
    expect(lastReply?.subject).toBe('Re: Acme proposal — platform');
    const openTask = timeline.find(
      (a) => a.provider === 'hubspot' && a.record.properties.hs_task_status === 'NOT_STARTED',
    );
    expect(openTask?.subject).toBe('Send revised pricing for 250 seats');
    const deal = hs.deals.find((d) => d.id === o1);
    expect(deal?.properties.notes_next_activity_date).toBe(openTask?.timestamp);
    expect(deal?.properties.notes_last_contacted).toEqual(expect.any(String));

    const sfTimeline = crm.activitiesFor('salesforce', crm.store.bookIds.salesforce.o1 ?? '');
    expect(sfTimeline.map((a) => a.type)).toEqual(expect.arrayContaining(['Task', 'Event', 'EmailMessage']));
  });

  it('does not contain the demo thread yet (it is what the demo logs)', () => {
    const subjects = crm.store.hubspot.emails.map((e) => e.properties.hs_email_subject);
    expect(subjects).not.toContain('Acme rollout: pricing for 250 seats');
    expect(crm.store.salesforce.emailMessages.map((m) => m.Subject)).not.toContain(
      'Acme rollout: pricing for 250 seats',
    );
  });

  it('is deterministic for a given now', async () => {
    const other = await start();
    try {
      expect(other.store.bookIds).toEqual(crm.store.bookIds);
      expect(other.store.salesforce.tasks.map((t) => t.Subject)).toEqual(
        crm.store.salesforce.tasks.map((t) => t.Subject),
      );
    } finally {
      await other.close();
    }
  });

  it('seeds only users, pipelines and stages with seed: empty', async () => {
    const empty = await start({ seed: 'empty' });
    try {
      expect(empty.store.hubspot.deals).toEqual([]);
      expect(empty.store.salesforce.contacts).toEqual([]);
      expect(empty.store.hubspot.owners).toHaveLength(2);
      expect(empty.store.salesforce.opportunityStages).toHaveLength(10);
      expect(empty.store.hubspot.pipelines).toHaveLength(2);
    } finally {
      await empty.close();
    }
  });
});
