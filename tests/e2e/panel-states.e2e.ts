/**
 * Every state the panel can be in, as a rep sees it, with a screenshot of each written to
 * artifacts/screenshots/ (linked from the README).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsFor, startStack, type Stack } from '../support/stack';
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

  async function openThread(threadId: string, from: { email: string; name: string }, subject: string) {
    const html = gmailThreadHtml({
      threadId,
      subject,
      messages: [{ id: threadId, from, to: [SAM], date: 'Fri, Nov 20, 2026, 9:00 AM', body: `${subject}?` }],
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
      .poll(() => panel.getByText(/^Logged to Acme — Platform/).count(), { timeout: 20_000 })
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
      .poll(() => panel.getByRole('button', { name: 'Try again' }).count(), { timeout: 30_000 })
      .toBe(1);
    await expect.poll(() => panel.getByRole('alert').innerText()).toMatch(/HubSpot/);
    await panel.locator('#root').screenshot({ path: `${SHOTS}/error.png` });
    stack.crm.setFaults({});
    await panel.getByRole('button', { name: 'Try again' }).click();
    await expect
      .poll(() => panel.getByRole('heading', { name: 'Globex — Pilot' }).count(), { timeout: 20_000 })
      .toBe(1);
  });
});
