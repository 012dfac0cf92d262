/**
 * The post-call screen end to end, on both CRMs: after a held meeting the rep accepts the drafted
 * summary, next step and two qualification suggestions, changes the close date with a reason, and
 * logs. The CRM then holds the next-step task, the two mapped fields and the reason, and the
 * meeting carries the summary and its recording link. Interactions are counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsFor, startStack, type DemoProvider, type Stack } from '../support/stack';
import { createdRecords, hubspotRecord } from './support/crm-assert';
import { fixtureHtml, fixtureUrl } from './support/env';
import { clicksCounter, openPanelFor, signIn } from './support/panel';

const MEETING = 'calendar/calendar-event-dialog.html';
const RECORDING = 'https://drive.google.com/file/d/1AcmePricingRecording/view';
const NOTES = [
  "Acme's support team spends 12 hours a week routing tickets manually.",
  'Our CFO, Maria Lopez, signs off on the budget.',
  `Recording: ${RECORDING}`,
  'Next steps:',
  '- Sam to send the revised order form by March 5, 2030 so Maria can sign before the board meets.',
].join('<br>');

/** The recorded Calendar dialog with the rep's notes in the description. */
function meetingWithNotes(): string {
  const html = fixtureHtml(MEETING).replace('Agenda: pricing, rollout plan', NOTES);
  if (!html.includes(RECORDING)) throw new Error('the fixture no longer has the description this test fills');
  return html;
}

const MAPPING: Record<DemoProvider, Record<string, unknown>> = {
  hubspot: {
    hubspotQualificationProperties: { metrics: 'meddic_metrics', economicBuyer: 'meddic_economic_buyer' },
    hubspotJudgementReasonProperties: { closeDate: 'dealside_close_date_reason' },
  },
  salesforce: {
    salesforceQualificationFields: { metrics: 'Metrics__c', economicBuyer: 'Economic_Buyer__c' },
    salesforceJudgementReasonFields: { closeDate: 'Dealside_Close_Date_Reason__c' },
  },
};

const NEW_CLOSE_DATE = '2030-04-30';

for (const provider of ['hubspot', 'salesforce'] as const) {
  const crmName = provider === 'hubspot' ? 'HubSpot' : 'Salesforce';
  describe(`${crmName}: drafted post-call screen`, () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack();
      await stack.configure({
        ...settingsFor(provider),
        qualificationFramework: 'MEDDIC',
        ...MAPPING[provider],
      });
    });
    afterAll(() => stack?.close());

    it('accepts the drafted next step and two qualification fields, changes the close date with a reason', async () => {
      const { tabId } = await stack.open(fixtureUrl(MEETING), meetingWithNotes());
      const panel = await openPanelFor(stack, tabId);
      await signIn(panel, crmName);
      await expect.poll(() => panel.getByRole('heading', { name: 'Acme — Platform' }).count()).toBe(1);
      await expect
        .poll(() => panel.getByLabel('Drafting engine').innerText())
        .toMatch(/^Drafted by the rules/);

      // The drafted next step is on already: a dated commitment, owner the rep, purpose from the text.
      await expect
        .poll(() => panel.getByLabel('What', { exact: true }).inputValue())
        .toBe('Sam to send the revised order form by March 5, 2030.');
      expect(await panel.getByLabel('Due').inputValue()).toBe('2030-03-05');
      expect(await panel.getByLabel('What it unblocks').inputValue()).toBe(
        'So Maria can sign before the board meets.',
      );

      const clicks = clicksCounter(panel);
      await clicks.click(panel.getByRole('button', { name: 'Use summary' }));
      await clicks.click(panel.getByRole('button', { name: 'Accept Metrics' }));
      await clicks.click(panel.getByRole('button', { name: 'Accept Economic buyer' }));
      const acceptClicks = clicks.count;

      // A judgement call: the close date moves, with a reason from the admin's list.
      await panel.getByLabel('Change close date').check();
      await panel.getByLabel('New close date').fill(NEW_CLOSE_DATE);
      await panel.getByLabel('Reason').selectOption({ label: 'Procurement or legal takes longer' });

      await clicks.click(panel.getByRole('button', { name: 'Log meeting to Acme — Platform' }));
      await expect
        .poll(() => panel.getByText(/^Logged to Acme — Platform/).count(), { timeout: 30_000 })
        .toBe(1);
      // Open meeting → logged with summary, next step and two fields: the accept clicks and Log.
      expect(acceptClicks + 1).toBeLessThanOrEqual(4);
      console.log(
        `[drafting e2e ${provider}] interactions to logged: ${acceptClicks + 1} clicks, 0 keystrokes`,
      );

      if (provider === 'hubspot') await expectHubSpot(stack);
      else await expectSalesforce(stack);
    });
  });
}

async function expectHubSpot(stack: Stack) {
  const ids = stack.crm.store.bookIds.hubspot;
  const tasks = createdRecords(stack.crm, 'hubspot', 'tasks').map((w) =>
    hubspotRecord(stack.crm, 'tasks', w.id),
  );
  expect(tasks.map((t) => t.properties.hs_task_subject)).toEqual([
    'Sam to send the revised order form by March 5, 2030.',
  ]);
  expect(tasks[0]!.properties.hs_timestamp).toMatch(/^2030-03-05/);
  await expect
    .poll(() => stack.crm.store.hubspot.deals.find((d) => d.id === ids.o1)?.properties)
    .toMatchObject({
      meddic_metrics: '12 hours a week',
      meddic_economic_buyer: 'CFO Maria Lopez',
      dealside_close_date_reason: 'procurement-legal',
      closedate: expect.stringMatching(/^2030-04-30/),
    });
  const meetings = createdRecords(stack.crm, 'hubspot', 'meetings').map((w) =>
    hubspotRecord(stack.crm, 'meetings', w.id),
  );
  expect(meetings).toHaveLength(1);
  expect(meetings[0]!.properties.hs_meeting_body).toContain('Summary: ');
  expect(meetings[0]!.properties.hs_meeting_body).toContain(RECORDING);
}

async function expectSalesforce(stack: Stack) {
  const ids = stack.crm.store.bookIds.salesforce;
  const created = createdRecords(stack.crm, 'salesforce', 'Task').map((w) =>
    stack.crm.store.salesforce.tasks.find((t) => t.Id === w.id)!,
  );
  const steps = created.filter((t) => t.TaskSubtype === 'Task');
  expect(steps).toHaveLength(1);
  expect(steps[0]).toMatchObject({
    WhatId: ids.o1,
    Subject: 'Sam to send the revised order form by March 5, 2030.',
    ActivityDate: '2030-03-05',
    Status: 'Not Started',
  });
  await expect
    .poll(() => stack.crm.store.salesforce.opportunities.find((o) => o.Id === ids.o1))
    .toMatchObject({
      Metrics__c: '12 hours a week',
      Economic_Buyer__c: 'CFO Maria Lopez',
      Dealside_Close_Date_Reason__c: 'procurement-legal',
      CloseDate: NEW_CLOSE_DATE,
    });
  const events = createdRecords(stack.crm, 'salesforce', 'Event').map((w) =>
    stack.crm.store.salesforce.events.find((e) => e.Id === w.id)!,
  );
  expect(events).toHaveLength(1);
  expect(String(events[0]!.Description)).toContain('Summary: ');
  expect(String(events[0]!.Description)).toContain(RECORDING);
}
