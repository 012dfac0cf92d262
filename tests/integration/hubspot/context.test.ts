import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CrmError } from '../../../lib/http/errors';
import type { FakeCrm } from '../../support/fake-crm';
import { byWave, harness, startCrm } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const ids = () => crm.store.bookIds.hubspot;
const o1 = () => crm.store.hubspot.deals.find((d) => d.id === ids().o1)!;

describe('HubSpot opportunityContext', () => {
  it('reads the pre-call brief for Acme — Platform in 2 round trips and 5 calls', async () => {
    const h = harness(crm);
    await h.adapter.pipelines();
    h.resetLog();

    const context = await h.adapter.opportunityContext(ids().o1!);

    expect(h.waves()).toBe(2);
    expect(byWave(h.calls)).toEqual([
      [
        `GET /crm/v3/objects/deals/${ids().o1}`,
        `GET /engagements/v1/engagements/associated/DEAL/${ids().o1}/paged`,
      ],
      [
        `GET /crm/v3/owners/${ids().u1}`,
        'POST /crm/v3/objects/companies/batch/read',
        'POST /crm/v3/objects/contacts/batch/read',
      ],
    ]);
    expect(h.calls).toHaveLength(5);
    expect(h.calls.some((c) => c.path.endsWith('/search'))).toBe(false);
    console.log(
      `[hubspot] cold opportunityContext (pipelines cached, owner cold): ${h.waves()} round trips, ${h.calls.length} calls`,
    );
    const first = h.calls[0]!;
    expect(first.query.get('associations')?.split(',')).toEqual(['contacts', 'companies']);
    expect(first.query.get('propertiesWithHistory')).toBe('dealstage');
    expect(first.query.get('properties')?.split(',')).toEqual(
      expect.arrayContaining([
        'dealname',
        'hs_v2_date_entered_current_stage',
        'hs_v2_date_entered_contractsent',
      ]),
    );

    expect(context.opportunity).toMatchObject({
      id: ids().o1,
      name: 'Acme — Platform',
      accountId: ids().a1,
      amount: 120000,
      currency: 'USD',
      closeDate: '2026-12-14',
      stage: { id: 'contractsent', label: 'Contract Sent' },
    });
    expect(context.accountName).toBe('Acme');
    expect(context.ownerName).toBe('Sam Rep');
    expect(context.stageEnteredAt).toBe('2026-11-11T12:00:00.000Z');
    expect(context.lastReply).toMatchObject({
      kind: 'email',
      direction: 'inbound',
      at: '2026-11-18T13:19:00.000Z',
      summary: 'Re: Acme proposal — platform',
      who: 'Jane Doe',
      contactIds: [ids().c1],
    });
    expect(context.lastTouch).toMatchObject({
      kind: 'email',
      direction: 'outbound',
      at: '2026-11-19T09:05:00.000Z',
      who: 'Jane Doe, Bob Buyer',
    });
    expect(context.nextStep).toEqual({
      subject: 'Send revised pricing for 250 seats',
      dueDate: '2026-11-22',
      ownerName: 'Sam Rep',
      source: 'task',
    });
    expect(context.contacts).toEqual([
      { id: ids().c2, name: 'Bob Buyer', email: 'bob@acme.com', touchedAt: '2026-11-19T09:05:00.000Z' },
      { id: ids().c1, name: 'Jane Doe', email: 'jane@acme.com', touchedAt: '2026-11-19T09:05:00.000Z' },
    ]);
    expect(context.recentActivities).toHaveLength(10);
    const times = context.recentActivities.map((a) => Date.parse(a.at ?? ''));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(context.recentActivities.map((a) => a.kind)).toEqual([
      'email',
      'email',
      'call',
      'call',
      'note',
      'email',
      'meeting',
      'email',
      'call',
      'task',
    ]);
    // The open next-step task is a plan, not something that happened.
    expect(context.recentActivities.map((a) => a.summary)).not.toContain(
      'Send revised pricing for 250 seats',
    );
    expect(context.recentActivities[7]).toMatchObject({
      who: 'Erin Ops',
      summary: 'Security questionnaire completed',
    });
    expect(context.notes).toEqual([]);
  });

  it('reads pipelines in the first round trip when they are not cached', async () => {
    const h = harness(crm);
    await h.adapter.opportunityContext(ids().o1!);
    expect(h.waves()).toBe(2);
    expect(byWave(h.calls)[0]).toEqual([
      `GET /crm/v3/objects/deals/${ids().o1}`,
      'GET /crm/v3/pipelines/deals',
      `GET /engagements/v1/engagements/associated/DEAL/${ids().o1}/paged`,
    ]);
    expect(h.calls).toHaveLength(6);
    console.log(
      `[hubspot] cold opportunityContext (nothing cached): ${h.waves()} round trips, ${h.calls.length} calls`,
    );
  });

  it('shares a brief between threads of the same deal for a few minutes, and drops it after a write', async () => {
    const h = harness(crm);
    const first = await h.adapter.opportunityContext(ids().o1!);
    h.resetLog();
    expect(await h.adapter.opportunityContext(ids().o1!)).toEqual(first);
    expect(h.calls).toHaveLength(0);

    await h.adapter.write('hubspot:note:brief-1', {
      kind: 'note',
      body: 'Agreed next steps',
      at: '2026-11-20T11:30:00.000Z',
      target: { opportunityId: ids().o1!, accountId: ids().a1!, contactIds: [ids().c1!], ownerId: ids().u1! },
    });
    h.resetLog();
    const after = await h.adapter.opportunityContext(ids().o1!);
    expect(h.calls.length).toBeGreaterThan(0);
    expect(after.recentActivities[0]?.summary).toMatch(/^Agreed next steps/);
  });

  it('uses the per-stage entry date, then the current-stage one, then the stage history (with a note)', async () => {
    const h = harness(crm);
    await h.adapter.pipelines();
    const deal = o1();
    deal.properties.hs_v2_date_entered_current_stage = null;
    deal.properties.hs_v2_date_entered_contractsent = '2026-11-10T08:00:00.000Z';
    expect((await h.adapter.opportunityContext(deal.id)).stageEnteredAt).toBe('2026-11-10T08:00:00.000Z');

    deal.properties.hs_v2_date_entered_contractsent = null;
    const fromHistory = await harness(crm).adapter.opportunityContext(deal.id);
    expect(fromHistory.stageEnteredAt).toBe('2026-11-11T12:00:00.000Z');
    expect(fromHistory.notes).toContain(
      "HubSpot's stage-entry date is not available; stage age comes from the deal's stage history.",
    );

    deal.history.dealstage = [];
    const unknown = await harness(crm).adapter.opportunityContext(deal.id);
    expect(unknown.stageEnteredAt).toBeNull();
    expect(unknown.notes).toContain('HubSpot did not say when this deal entered its current stage.');
  });

  it("falls back to the deal's next-step field when no task is open", async () => {
    for (const task of crm.store.hubspot.tasks) task.properties.hs_task_status = 'COMPLETED';
    const context = await harness(crm).adapter.opportunityContext(ids().o1!);
    expect(context.nextStep).toEqual({
      subject: 'Send revised pricing for 250 seats',
      dueDate: null,
      ownerName: null,
      source: 'field',
    });
  });

  it('degrades with a note when emails cannot be read (no sales-email-read scope)', async () => {
    const scopes = [
      'oauth',
      'crm.objects.contacts.read',
      'crm.objects.companies.read',
      'crm.objects.deals.read',
      'crm.objects.owners.read',
    ];
    const context = await harness(crm, { scopes }).adapter.opportunityContext(ids().o1!);
    expect(context.notes).toContain('Emails on this deal could not be read (HubSpot permission missing).');
    expect(context.lastReply).toBeNull();
    expect(context.lastTouch).toMatchObject({ kind: 'call' });
    expect(context.recentActivities.some((a) => a.kind === 'email')).toBe(false);
  });

  it('tolerates activities with missing properties', async () => {
    const hs = crm.store.hubspot;
    const latestCall = hs.calls.find((c) => c.properties.hs_call_title === 'Follow-up on proposal')!;
    latestCall.properties.hs_call_title = null;
    latestCall.properties.hs_body_preview = null;
    const latestEmail = hs.emails.find((e) => e.id === '4100000049')!;
    latestEmail.properties.hs_timestamp = null;
    const context = await harness(crm).adapter.opportunityContext(ids().o1!);
    expect(context.recentActivities.find((a) => a.id === latestCall.id)?.summary).toBe('Call');
    expect(context.recentActivities.map((a) => a.id)).not.toContain(latestEmail.id);
    expect(context.lastTouch?.id).toBe('4100000048');
  });

  it('says so when the deal does not exist', async () => {
    const error = await harness(crm)
      .adapter.opportunityContext('6199999999')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({
      kind: 'notFound',
      message: 'HubSpot: this deal no longer exists, or you cannot see it.',
    });
  });
});
