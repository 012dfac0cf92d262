import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsFor, startStack, type Stack } from '../support/stack';
import { createdRecords } from './support/crm-assert';
import { fixtureHtml, fixtureUrl } from './support/env';
import { clicksCounter, openPanelFor, signIn } from './support/panel';

describe('Salesforce: the rep signs in, sees the deal and logs touches', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await stack.configure(settingsFor('salesforce'));
  });
  afterAll(() => stack?.close());

  it('logs the open thread to the opportunity, with the next step the rep adds', async () => {
    const ids = stack.crm.store.bookIds.salesforce;
    const { tabId } = await stack.open(
      fixtureUrl('gmail/gmail-thread-basic.html'),
      fixtureHtml('gmail/gmail-thread-basic.html'),
    );
    const panel = await openPanelFor(stack, tabId);
    await signIn(panel, 'Salesforce');
    try {
      await expect.poll(() => panel.getByRole('heading', { name: 'Acme — Platform' }).count()).toBe(1);
    } finally {
      console.log((await panel.locator('body').innerText()).slice(0, 1500));
    }
    await expect.poll(() => panel.getByRole('heading', { name: 'Before you talk' }).count()).toBe(1);
    const clicks = clicksCounter(panel);
    // Nothing in the thread commits to a step still ahead, so the rep adds theirs.
    await clicks.click(panel.getByRole('checkbox', { name: /^Next step/ }));
    await panel.getByLabel('What', { exact: true }).fill('Walk Carl through the pricing');
    const due = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await panel.getByLabel('Due').fill(due);
    await clicks.click(panel.getByRole('button', { name: 'Log email to Acme — Platform' }));
    await expect
      .poll(() => panel.getByText(/^Logged to Acme — Platform/).count(), { timeout: 60_000 })
      .toBe(1);
    expect(clicks.count).toBeLessThanOrEqual(3);

    const created = createdRecords(stack.crm, 'salesforce', 'Task').map((w) =>
      stack.crm.store.salesforce.tasks.find((t) => t.Id === w.id)!,
    );
    const emails = created.filter((t) => t.TaskSubtype === 'Email');
    const steps = created.filter((t) => t.TaskSubtype === 'Task');
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ WhatId: ids.o1, WhoId: ids.c1, Status: 'Completed' });
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ WhatId: ids.o1, ActivityDate: due, Status: 'Not Started' });
  });

  it('logs a meeting with a call disposition and a reason-coded stage change', async () => {
    const ids = stack.crm.store.bookIds.salesforce;
    const { tabId } = await stack.open(
      fixtureUrl('calendar/calendar-event-dialog.html'),
      fixtureHtml('calendar/calendar-event-dialog.html'),
    );
    const panel = await openPanelFor(stack, tabId);
    await expect.poll(() => panel.getByRole('heading', { name: 'Acme — Platform' }).count()).toBe(1);
    await expect.poll(() => panel.getByRole('heading', { name: 'Before you talk' }).count()).toBe(1);
    await panel.getByLabel('Also log it as a call').check();
    await panel.getByLabel('How it went').selectOption({ label: 'Connected' });
    await panel.getByLabel('Minutes').fill('25');
    await panel.getByLabel('Next step').uncheck();
    await panel.getByLabel('Change stage').check();
    await panel.getByLabel('New stage').selectOption({ label: 'Negotiation/Review' });
    await panel.getByLabel('Reason').selectOption({ label: 'Commercial terms agreed' });
    await panel.getByRole('button', { name: 'Log meeting to Acme — Platform' }).click();
    await expect
      .poll(() => panel.getByText(/^Logged to Acme — Platform/).count(), { timeout: 60_000 })
      .toBe(1);

    const events = createdRecords(stack.crm, 'salesforce', 'Event');
    expect(events).toHaveLength(1);
    expect(stack.crm.store.salesforce.events.find((e) => e.Id === events[0]!.id)).toMatchObject({
      WhatId: ids.o1,
      Subject: 'Acme — pricing review',
    });
    const call = stack.crm.store.salesforce.tasks.find(
      (t) =>
        t.TaskSubtype === 'Call' &&
        createdRecords(stack.crm, 'salesforce', 'Task').some((w) => w.id === t.Id),
    );
    expect(call).toMatchObject({ WhatId: ids.o1, CallDisposition: 'Connected', CallDurationInSeconds: 1500 });
    await expect
      .poll(() => stack.crm.store.salesforce.opportunities.find((o) => o.Id === ids.o1))
      .toMatchObject({ StageName: 'Negotiation/Review', Dealside_Stage_Reason__c: 'commercials-agreed' });
  });
});
