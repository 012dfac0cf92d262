import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsFor, startStack, type Stack } from '../support/stack';
import { createdRecords, hubspotAssociations, hubspotRecord } from './support/crm-assert';
import { fixtureHtml, fixtureUrl } from './support/env';
import { clicksCounter, openPanelFor, signIn } from './support/panel';

describe('HubSpot: the rep signs in, sees the deal and logs touches', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await stack.configure(settingsFor('hubspot'));
  });
  afterAll(() => stack?.close());

  it('logs the open thread to the deal, its contacts and account in one click, and a next step the rep adds', async () => {
    const ids = stack.crm.store.bookIds.hubspot;
    const { tabId } = await stack.open(
      fixtureUrl('gmail/gmail-thread-basic.html'),
      fixtureHtml('gmail/gmail-thread-basic.html'),
    );
    const panel = await openPanelFor(stack, tabId);
    await signIn(panel, 'HubSpot');

    await expect.poll(() => panel.getByRole('heading', { name: 'Acme — Platform' }).count()).toBe(1);
    await expect
      .poll(() => panel.getByText('Jane Doe and Bob Buyer are contacts on this deal').count())
      .toBe(1);
    await expect.poll(() => panel.getByRole('heading', { name: 'Before you talk' }).count()).toBe(1);
    await expect.poll(() => panel.getByText('Contract Sent · ').first().count()).toBe(1);
    // "Happy to walk Carl through it on Tuesday" was a Tuesday now gone: nothing is proposed.
    expect(await panel.getByRole('checkbox', { name: /^Next step/ }).isChecked()).toBe(false);
    const clicks = clicksCounter(panel);
    await clicks.click(panel.getByRole('checkbox', { name: /^Next step/ }));
    await panel.getByLabel('What', { exact: true }).fill('Walk Carl through the pricing');
    const due = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await panel.getByLabel('Due').fill(due);
    await expect
      .poll(() => panel.getByLabel('What the log writes').innerText())
      .toMatch(/^Writes: Email \+ next step due /);
    await clicks.click(panel.getByRole('button', { name: 'Log email to Acme — Platform' }));
    await expect
      .poll(() => panel.getByText(/^Logged to Acme — Platform/).count(), { timeout: 60_000 })
      .toBe(1);
    expect(clicks.count).toBeLessThanOrEqual(3);

    const emails = createdRecords(stack.crm, 'hubspot', 'emails');
    expect(emails).toHaveLength(1);
    expect(hubspotAssociations(stack.crm, 'emails', emails[0]!.id)).toEqual({
      deals: [ids.o1],
      contacts: [ids.c1, ids.c2].sort(),
      companies: [ids.a1],
    });
    expect(hubspotRecord(stack.crm, 'emails', emails[0]!.id).properties).toMatchObject({
      hs_email_subject: 'Acme rollout: pricing for 250 seats',
      hs_email_direction: 'EMAIL',
    });
    const tasks = createdRecords(stack.crm, 'hubspot', 'tasks');
    expect(tasks).toHaveLength(1);
    const task = hubspotRecord(stack.crm, 'tasks', tasks[0]!.id).properties;
    expect(task.hs_task_subject).toBe('Walk Carl through the pricing');
    expect(
      new Date(Number(task.hs_timestamp) || Date.parse(task.hs_timestamp!)).toISOString().slice(0, 10),
    ).toBe(due);
    expect(hubspotAssociations(stack.crm, 'tasks', tasks[0]!.id).deals).toEqual([ids.o1]);
    await panel.locator('#root').screenshot({ path: 'artifacts/screenshots/logged.png' });
  });

  it('briefs the rep on a meeting, then logs it with a call disposition and a reason-coded stage change', async () => {
    const ids = stack.crm.store.bookIds.hubspot;
    const { tabId } = await stack.open(
      fixtureUrl('calendar/calendar-event-dialog.html'),
      fixtureHtml('calendar/calendar-event-dialog.html'),
    );
    const panel = await openPanelFor(stack, tabId);
    await expect.poll(() => panel.getByRole('heading', { name: 'Acme — Platform' }).count()).toBe(1);
    await expect
      .poll(() => panel.getByRole('list', { name: 'Recent activity' }).getByRole('listitem').count())
      .toBeGreaterThan(3);
    await expect
      .poll(() => panel.getByRole('list', { name: 'People on this deal' }).getByRole('listitem').count())
      .toBeGreaterThan(1);
    await panel.locator('#root').screenshot({ path: 'artifacts/screenshots/meeting-brief.png' });

    await panel.getByLabel('Also log it as a call').check();
    await panel.getByLabel('How it went').selectOption({ label: 'Left voicemail' });
    await panel.getByLabel('Next step').uncheck();
    await panel.getByLabel('Change stage').check();
    await panel.getByLabel('New stage').selectOption({ label: 'Decision Maker Bought-In' });
    await panel.getByRole('button', { name: 'Log meeting to Acme — Platform' }).click();
    await expect
      .poll(() => panel.getByRole('alert').allInnerTexts())
      .toEqual(['A stage change needs a reason from the list.']);
    await panel.getByLabel('Reason').selectOption({ label: 'Economic buyer engaged' });
    await panel.getByRole('button', { name: 'Log meeting to Acme — Platform' }).click();
    await expect
      .poll(() => panel.getByText(/^Logged to Acme — Platform/).count(), { timeout: 60_000 })
      .toBe(1);

    const meetings = createdRecords(stack.crm, 'hubspot', 'meetings');
    expect(meetings).toHaveLength(1);
    expect(hubspotAssociations(stack.crm, 'meetings', meetings[0]!.id).deals).toEqual([ids.o1]);
    const calls = createdRecords(stack.crm, 'hubspot', 'calls');
    expect(calls).toHaveLength(1);
    expect(hubspotRecord(stack.crm, 'calls', calls[0]!.id).properties.hs_call_disposition).toBe(
      'b2cf5968-551e-4856-9783-52b3da59a7d0',
    );
    await expect
      .poll(() => hubspotRecord(stack.crm, 'deals', ids.o1!).properties)
      .toMatchObject({ dealstage: 'decisionmakerboughtin', dealside_stage_reason: 'economic-buyer-engaged' });
  });
});
