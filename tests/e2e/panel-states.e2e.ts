/**
 * Every state the panel can be in, as a rep sees it, with a screenshot of each written to
 * artifacts/screenshots/ (linked from the README).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsFor, startStack, type Stack } from '../support/stack';
import { createdRecords, hubspotAssociations, hubspotRecord } from './support/crm-assert';
import { fixtureHtml, fixtureUrl } from './support/env';
import { openPanelFor, signIn } from './support/panel';
import { gmailThreadHtml, SAM, threadUrl } from './support/threads';
import type { Browser } from 'wxt/browser';

declare const chrome: typeof Browser;

const SHOTS = 'artifacts/screenshots';

describe('panel states', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await stack.configure(settingsFor('hubspot'));
  });
  afterAll(() => stack?.close());

  async function openThread(
    threadId: string,
    from: { email: string; name: string },
    subject: string,
    body = `${subject}?`,
  ) {
    const html = gmailThreadHtml({
      threadId,
      subject,
      messages: [{ id: threadId, from, to: [SAM], date: 'Fri, Nov 20, 2026, 9:00 AM', body }],
    });
    const { tabId } = await stack.open(threadUrl(threadId), html);
    return openPanelFor(stack, tabId);
  }

  it('signed out: asks the rep to connect the CRM', async () => {
    const { tabId } = await stack.open(
      fixtureUrl('gmail/gmail-thread-basic.html'),
      fixtureHtml('gmail/gmail-thread-basic.html'),
    );
    const panel = await openPanelFor(stack, tabId);
    await expect.poll(() => panel.getByRole('button', { name: 'Sign in to HubSpot' }).count()).toBe(1);
    await panel.locator('#root').screenshot({ path: `${SHOTS}/signed-out.png` });
    await signIn(panel, 'HubSpot');
    await expect.poll(() => panel.getByRole('heading', { name: 'Acme — Platform' }).count()).toBe(1);
    await expect.poll(() => panel.getByRole('heading', { name: 'Before you talk' }).count()).toBe(1);
    await panel.locator('#root').screenshot({ path: `${SHOTS}/matched.png` });
  });

  it('the log shortcut submits the draft of a panel that was already open', async () => {
    const panel = await openThread(
      '1a00000000000105',
      { email: 'jane@acme.com', name: 'Jane Doe' },
      'Rollout timeline by Friday',
    );
    await expect
      .poll(() => panel.getByRole('button', { name: 'Log email to Acme — Platform' }).count())
      .toBe(1);
    const worker = await stack.dealside.worker();
    const tabId = Number(new URL(panel.url()).searchParams.get('tabId'));
    // What the worker's commands handler stores when the rep presses Alt+Shift+L.
    await worker.evaluate(
      (id) => chrome.storage.session.set({ 'panel.command': { command: 'log', tabId: id, at: Date.now() } }),
      tabId,
    );
    await expect
      .poll(() => panel.getByText(/^Logged to Acme — Platform/).count(), { timeout: 60_000 })
      .toBe(1);
  });

  it('works from the keyboard alone, and follows a dark system theme', async () => {
    const panel = await openThread(
      '1a00000000000107',
      { email: 'bob@acme.com', name: 'Bob Buyer' },
      'Security review next week',
    );
    const log = panel.getByRole('button', { name: 'Log email to Acme — Platform' });
    await expect.poll(() => log.count()).toBe(1);
    await panel.emulateMedia({ colorScheme: 'dark' });
    await panel.locator('#root').screenshot({ path: `${SHOTS}/matched-dark.png` });
    expect(await panel.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      'rgb(20, 23, 31)',
    );

    // Tab from the top of the panel to the log button, then Enter: no mouse anywhere.
    await panel.locator('body').focus();
    let reached = false;
    for (let presses = 0; presses < 40 && !reached; presses++) {
      await panel.keyboard.press('Tab');
      reached = await log.evaluate((button) => button === document.activeElement);
    }
    expect(reached).toBe(true);
    await panel.keyboard.press('Enter');
    await expect
      .poll(() => panel.getByText(/^Logged to Acme — Platform/).count(), { timeout: 60_000 })
      .toBe(1);
  });

  it('skip: an internal thread has nothing to log', async () => {
    const panel = await openThread(
      '1a00000000000101',
      { email: 'lea@ourco.com', name: 'Lea Lead' },
      'Deal desk question',
    );
    await expect.poll(() => panel.getByText('Internal thread: nothing to log.').count()).toBe(1);
    expect(await panel.getByRole('button', { name: /^Log / }).count()).toBe(0);
    await panel.locator('#root').screenshot({ path: `${SHOTS}/skip.png` });
  });

  it('unreadable: a thread whose messages are not shown yet asks to be opened, not matched', async () => {
    const { tabId } = await stack.open(
      fixtureUrl('gmail/gmail-heading-only.html'),
      fixtureHtml('gmail/gmail-heading-only.html'),
    );
    const panel = await openPanelFor(stack, tabId);
    await expect.poll(() => panel.getByText('Open the thread fully to match it.').count()).toBe(1);
    expect(await panel.getByText('Internal thread: nothing to log.').count()).toBe(0);
    expect(await panel.getByRole('button', { name: /^Log / }).count()).toBe(0);
  });

  it('none: people with no open deal get a deal search instead of a guess', async () => {
    const panel = await openThread(
      '1a00000000000102',
      { email: 'ann@newco.io', name: 'Ann New' },
      'Intro call',
    );
    await expect
      .poll(() => panel.getByRole('heading', { name: 'No open deal for these people' }).count())
      .toBe(1);
    await expect.poll(() => panel.getByLabel('Find a deal').count()).toBe(1);
    await panel.locator('#root').screenshot({ path: `${SHOTS}/none.png` });
  });

  it('none: a known contact with no open deal logs to their account instead', async () => {
    // Art is a contact at Vandelay Industries, which has no deal at all. (Dave at Hooli would
    // not do: Hooli's renewal is open, and a contact at a deal's account is a candidate.)
    const ids = stack.crm.store.bookIds.hubspot;
    const panel = await openThread(
      '1a00000000000106',
      { email: 'art@vandelay.com', name: 'Art Vandelay' },
      'Latex samples',
    );
    await expect
      .poll(() => panel.getByRole('heading', { name: 'No open deal for these people' }).count())
      .toBe(1);
    const log = panel.getByRole('button', { name: 'Log email to Vandelay Industries (account)' });
    await expect.poll(() => log.count()).toBe(1);
    expect(await panel.getByRole('textbox', { name: 'Subject' }).inputValue()).toBe('Latex samples');
    expect(await panel.getByRole('checkbox', { name: /Next step/ }).count()).toBe(0);
    expect(await panel.getByText('A next step needs a deal: pick one below to add one.').count()).toBe(1);
    expect(await panel.getByLabel('Find a deal').count()).toBe(1);
    await panel.locator('#root').screenshot({ path: `${SHOTS}/none-account.png` });

    await log.click();
    await expect
      .poll(() => panel.getByText(/^Logged to Vandelay Industries \(account\)/).count(), { timeout: 60_000 })
      .toBe(1);
    const emails = createdRecords(stack.crm, 'hubspot', 'emails').filter((e) =>
      hubspotAssociations(stack.crm, 'emails', e.id).contacts.includes(ids.c15!),
    );
    expect(emails).toHaveLength(1);
    expect(hubspotAssociations(stack.crm, 'emails', emails[0]!.id)).toEqual({
      deals: [],
      contacts: [ids.c15],
      companies: [ids.a6],
    });
    expect(hubspotRecord(stack.crm, 'emails', emails[0]!.id).properties.hs_email_subject).toBe(
      'Latex samples',
    );
    // No next step without a deal.
    const tasks = createdRecords(stack.crm, 'hubspot', 'tasks').filter((t) =>
      hubspotAssociations(stack.crm, 'tasks', t.id).contacts.includes(ids.c15!),
    );
    expect(tasks).toEqual([]);
  });

  it('ask: two close candidates are shown with the first preselected, and the rep confirms', async () => {
    const panel = await openThread(
      '1a00000000000103',
      { email: 'carl.finance@acme.com', name: 'Carl Finance' },
      'Invoice schedule',
    );
    await expect.poll(() => panel.getByRole('button', { name: 'Yes, this deal' }).count()).toBe(1);
    await panel.locator('#root').screenshot({ path: `${SHOTS}/ask.png` });
    expect(await panel.getByRole('button', { name: /^Log email to / }).count()).toBe(0);
    await panel.getByRole('button', { name: 'Yes, this deal' }).click();
    await expect.poll(() => panel.getByRole('button', { name: /^Log email to / }).count()).toBe(1);
  });

  it('error: a CRM failure is explained in plain words with a retry, never a blank panel', async () => {
    stack.crm.setFaults({ serverError: { status: 500 }, onlyPaths: '^/crm/' });
    const panel = await openThread(
      '1a00000000000104',
      { email: 'gina@globex.com', name: 'Gina Globex' },
      'Pilot scope',
    );
    await expect
      .poll(() => panel.getByRole('button', { name: 'Try again' }).count(), { timeout: 60_000 })
      .toBe(1);
    await expect.poll(() => panel.getByRole('alert').innerText()).toMatch(/HubSpot/);
    await panel.locator('#root').screenshot({ path: `${SHOTS}/error.png` });
    stack.crm.setFaults({});
    await panel.getByRole('button', { name: 'Try again' }).click();
    await expect
      .poll(() => panel.getByRole('heading', { name: 'Globex — Pilot' }).count(), { timeout: 60_000 })
      .toBe(1);
    // Its previous next step is past due: flagged beside the other flags.
    await expect
      .poll(() => panel.getByRole('list', { name: 'Warnings' }).innerText())
      .toMatch(/^Next step overdue: “Follow up on pilot metrics” was due .* \(4 days ago\)\./);
    await panel.locator('#root').screenshot({ path: `${SHOTS}/overdue.png` });
  });

  it('the log button and what it writes stay in reach at 400 px; no next step nobody committed to', async () => {
    const panel = await openThread(
      '1a00000000000108',
      { email: 'jane@acme.com', name: 'Jane Doe' },
      'Call moved',
      'Moving the call to Friday works.',
    );
    await panel.setViewportSize({ width: 400, height: 800 });
    const log = panel.getByRole('button', { name: 'Log email to Acme — Platform' });
    await expect.poll(() => log.count()).toBe(1);
    await expect.poll(() => panel.getByRole('heading', { name: 'Before you talk' }).count()).toBe(1);
    // Without scrolling: the button and the line saying what it writes are on screen.
    expect(await panel.evaluate(() => window.scrollY)).toBe(0);
    const box = (await log.boundingBox())!;
    expect(box.y).toBeGreaterThan(0);
    expect(box.y + box.height).toBeLessThanOrEqual(800);
    const writes = panel.getByLabel('What the log writes');
    expect(await writes.innerText()).toBe('Writes: Email');
    // The brief stays readable: the bar takes a strip at the bottom, not the screen.
    const bar = (await panel.getByRole('region', { name: 'Log', exact: true }).boundingBox())!;
    expect(bar.height).toBeLessThan(200);
    await panel.screenshot({ path: `${SHOTS}/action-bar.png` });

    // "Moving the call to Friday works." commits nobody to anything: the row is offered empty.
    const step = panel.getByRole('checkbox', { name: /^Next step/ });
    expect(await step.isChecked()).toBe(false);
    expect(await panel.getByText('Nothing here commits to a next step. Add one if there is.').count()).toBe(
      1,
    );
    await panel.setViewportSize({ width: 400, height: 2000 });
    await panel.locator('#root').screenshot({ path: `${SHOTS}/next-step-empty.png` });
    await log.click();
    await expect
      .poll(() => panel.getByText(/^Logged to Acme — Platform/).count(), { timeout: 60_000 })
      .toBe(1);
    const ids = stack.crm.store.bookIds.hubspot;
    const tasks = createdRecords(stack.crm, 'hubspot', 'tasks').filter((t) =>
      hubspotAssociations(stack.crm, 'tasks', t.id).deals.includes(ids.o1!),
    );
    expect(tasks).toEqual([]);
  });

  it('a meeting next week gets the brief and a prep note, not a held-meeting log', async () => {
    const ids = stack.crm.store.bookIds.hubspot;
    const day = new Date(Date.now() + 7 * 86_400_000);
    const words = day.toLocaleDateString('en-US', {
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const html = fixtureHtml('calendar/calendar-event-dialog.html')
      .replace('Tuesday, November 24, 2026', words)
      .replace('data-date="2026-11-24"', `data-date="${day.toISOString().slice(0, 10)}"`);
    const { tabId } = await stack.open(fixtureUrl('calendar/calendar-event-dialog.html'), html);
    const panel = await openPanelFor(stack, tabId);
    await expect.poll(() => panel.getByRole('heading', { name: 'Not held yet' }).count()).toBe(1);
    await expect.poll(() => panel.getByRole('heading', { name: 'Before you talk' }).count()).toBe(1);
    expect(await panel.getByRole('button', { name: /^Log meeting/ }).count()).toBe(0);
    expect(await panel.getByLabel('Also log it as a call').count()).toBe(0);
    await panel.getByLabel('Prep note').fill('Ask Bob who signs; bring the 250-seat quote.');
    await panel.locator('#root').screenshot({ path: `${SHOTS}/meeting-upcoming.png` });
    await panel.getByRole('button', { name: 'Save prep note to Acme — Platform' }).click();
    await expect
      .poll(() => panel.getByText(/^Prep note saved to Acme — Platform/).count(), { timeout: 60_000 })
      .toBe(1);
    const notes = createdRecords(stack.crm, 'hubspot', 'notes').filter((n) =>
      String(hubspotRecord(stack.crm, 'notes', n.id).properties.hs_note_body).includes('250-seat quote'),
    );
    expect(notes).toHaveLength(1);
    expect(hubspotAssociations(stack.crm, 'notes', notes[0]!.id).deals).toEqual([ids.o1]);
    expect(createdRecords(stack.crm, 'hubspot', 'meetings')).toEqual([]);
    expect(createdRecords(stack.crm, 'hubspot', 'calls')).toEqual([]);
  });

  it('Settings for the rep are controls; the admin page shows policy, a preview and the export', async () => {
    const panel = await openThread(
      '1a00000000000109',
      { email: 'jane@acme.com', name: 'Jane Doe' },
      'Settings check',
    );
    await panel.getByRole('button', { name: 'Settings' }).click();
    const targets = panel.getByRole('group', { name: 'Daily activity targets' });
    await expect.poll(() => targets.getByLabel('Calls').inputValue()).toBe('15');
    expect(await panel.locator('body').innerText()).not.toMatch(/\{"ae"|\{\}/);
    // HubSpot chosen: Salesforce's connection fields are not offered.
    expect(await panel.getByRole('group', { name: /^Salesforce/ }).count()).toBe(0);
    // Taller than Settings: a scrollbar would shrink the 400 px the screenshot shows.
    await panel.setViewportSize({ width: 400, height: 3000 });
    await panel.locator('#root').screenshot({ path: `${SHOTS}/settings.png` });
    await panel.getByRole('button', { name: 'Done' }).click();

    const admin = await stack.dealside.context.newPage();
    await admin.setViewportSize({ width: 800, height: 2000 });
    await admin.goto(`chrome-extension://${stack.dealside.extensionId}/options.html`);
    await expect.poll(() => admin.getByRole('heading', { name: 'Dealside — admin' }).count()).toBe(1);
    await expect
      .poll(() => admin.getByText('No policy applies to this browser', { exact: false }).count())
      .toBe(1);
    await admin
      .getByLabel('Policy JSON', { exact: true })
      .fill(
        JSON.stringify({ crmProvider: 'hubspot', requireNextStep: true, salesforceApiVersion: 'latest' }),
      );
    await expect
      .poll(() => admin.getByRole('list', { name: 'Preview warnings' }).innerText())
      .toContain('"salesforceApiVersion" is invalid');
    expect(JSON.parse(await admin.getByLabel('Policy JSON for the Admin console').innerText())).toEqual({
      crmProvider: { Value: 'hubspot' },
      requireNextStep: { Value: true },
    });
    await admin.locator('#root').screenshot({ path: `${SHOTS}/admin.png` });
    await admin.close();
  });
});
