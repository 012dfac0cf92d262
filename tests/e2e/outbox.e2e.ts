import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsFor, startStack, type Stack } from '../support/stack';
import { createdRecords, hubspotAssociations } from './support/crm-assert';
import { fixtureHtml, fixtureUrl } from './support/env';
import { openPanelFor, signIn } from './support/panel';
import type { Browser } from 'wxt/browser';

declare const chrome: typeof Browser;

const THREAD = 'gmail/gmail-thread-basic.html';

describe('outbox: a log made while the CRM is down lands once, after an extension reload', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await stack.configure(settingsFor('hubspot'));
  });
  afterAll(() => stack?.close());

  it('shows pending, survives the reload, then lands exactly once and shows logged', async () => {
    const ids = stack.crm.store.bookIds.hubspot;
    const { page, tabId } = await stack.open(fixtureUrl(THREAD), fixtureHtml(THREAD));
    let panel = await openPanelFor(stack, tabId);
    await signIn(panel, 'HubSpot');
    await expect.poll(() => panel.getByRole('heading', { name: 'Acme — Platform' }).count()).toBe(1);

    stack.crm.setFaults({ down: true });
    await panel.getByRole('button', { name: 'Log email to Acme — Platform' }).click();
    await expect
      .poll(() => panel.getByText(/^Pending: will be logged when the CRM answers/).count(), {
        timeout: 60_000,
      })
      .toBe(1);
    await expect.poll(() => panel.getByRole('heading', { name: /Not yet in your CRM/ }).count()).toBe(1);
    await panel.locator('#root').screenshot({ path: 'artifacts/screenshots/pending.png' });
    expect(createdRecords(stack.crm, 'hubspot', 'emails')).toHaveLength(0);

    await stack.dealside.reloadExtension();
    stack.crm.setFaults({});

    await expect
      .poll(() => createdRecords(stack.crm, 'hubspot', 'emails').length, { timeout: 60_000 })
      .toBe(1);
    const [email] = createdRecords(stack.crm, 'hubspot', 'emails');
    expect(hubspotAssociations(stack.crm, 'emails', email!.id).deals).toEqual([ids.o1]);

    // The reload orphaned the page's content script; the rep reloads Gmail and reopens the panel.
    await page.reload();
    panel = await openPanelFor(stack, tabId);
    await expect
      .poll(() => panel.getByText(/^Logged to Acme — Platform/).count(), { timeout: 60_000 })
      .toBe(1);
    await expect.poll(() => panel.getByRole('heading', { name: /Not yet in your CRM/ }).count()).toBe(0);
    expect(createdRecords(stack.crm, 'hubspot', 'emails')).toHaveLength(1);
    // Nobody in the thread committed to a step still ahead: no task was made up.
    expect(createdRecords(stack.crm, 'hubspot', 'tasks')).toHaveLength(0);
  });
});

describe('signing out never drops a pending log silently', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await stack.configure(settingsFor('salesforce'));
  });
  afterAll(() => stack?.close());

  it('asks what to do with pending items; kept items wait for the next sign-in and then land', async () => {
    const { tabId } = await stack.open(fixtureUrl(THREAD), fixtureHtml(THREAD));
    const panel = await openPanelFor(stack, tabId);
    await signIn(panel, 'Salesforce');
    await expect.poll(() => panel.getByRole('heading', { name: 'Acme — Platform' }).count()).toBe(1);
    stack.crm.setFaults({ down: true });
    await panel.getByRole('button', { name: 'Log email to Acme — Platform' }).click();
    await expect.poll(() => panel.getByText(/^Pending: will be logged/).count(), { timeout: 60_000 }).toBe(1);

    await panel.getByRole('button', { name: 'Settings' }).click();
    await panel.getByRole('button', { name: 'Sign out' }).click();
    const question = panel.getByRole('group', { name: 'What to do with items not yet logged' });
    await expect.poll(() => question.innerText()).toMatch(/1 item is not in your CRM yet/);
    await question.getByRole('button', { name: 'Keep them for my next sign-in' }).click();

    // Signed out: tokens and cached CRM data gone, the two pending writes still queued.
    const worker = await stack.dealside.worker();
    await expect.poll(() => worker.evaluate(() => chrome.storage.local.get('auth.connection'))).toEqual({});
    await expect.poll(() => panel.getByRole('heading', { name: 'Account' }).count()).toBe(0);
    const stored = await worker.evaluate(() => chrome.storage.local.get(null));
    expect(stored).not.toHaveProperty('auth.connection');
    expect(Object.keys(stored).filter((k) => k.startsWith('crm.cache.'))).toEqual([]);
    expect(Object.keys(stored['outbox.items'] as object)).toHaveLength(1);
    expect(await worker.evaluate(() => chrome.storage.session.get('auth.access'))).toEqual({});

    stack.crm.setFaults({});
    await panel.getByRole('button', { name: 'Done' }).click();
    // Signed out, the waiting log says what will really happen, and offers no retry that cannot work.
    const outbox = panel.getByRole('region', { name: /^Not yet in your CRM/ });
    await expect.poll(() => outbox.innerText()).toMatch(/it will be sent after you sign in to Salesforce\./);
    expect(await outbox.innerText()).not.toMatch(/retried automatically/);
    expect(await outbox.getByRole('button', { name: 'Retry now' }).count()).toBe(0);
    await panel.locator('#root').screenshot({ path: 'artifacts/screenshots/outbox-signed-out.png' });
    await signIn(panel, 'Salesforce');
    await expect
      .poll(() => panel.getByText(/^Logged to Acme — Platform/).count(), { timeout: 60_000 })
      .toBe(1);
    const emails = createdRecords(stack.crm, 'salesforce', 'Task').filter(
      (w) => stack.crm.store.salesforce.tasks.find((t) => t.Id === w.id)?.TaskSubtype === 'Email',
    );
    expect(emails).toHaveLength(1);
  });
});
