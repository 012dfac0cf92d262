/**
 * HubSpot as it will be: every OAuth v1 path answers 410 Gone (retired 2027-02-16) and the
 * legacy call-outcomes endpoint may be gone too. Sign-in, owner lookup and refresh must work on
 * v3 alone, and the call form must keep its outcomes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsFor, startStack, type Stack } from '../support/stack';
import { createdRecords, hubspotRecord } from './support/crm-assert';
import { fixtureHtml, fixtureUrl } from './support/env';
import { openPanelFor, signIn } from './support/panel';
import type { Browser } from 'wxt/browser';

declare const chrome: typeof Browser;

const LEFT_LIVE_MESSAGE = 'a4c4c377-d246-4b32-a13b-75a56a4cd0ff';

describe('HubSpot after the OAuth v1 sunset', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await stack.configure(settingsFor('hubspot'));
    // Gone from the start: the outcome list, once read, is cached for hours.
    stack.crm.store.settings.hubspotDispositionsEndpoint = false;
  });
  afterAll(() => stack?.close());

  const paths = () => stack.crm.requests().map((r) => r.path);

  it('signs in, learns the owner and refreshes with v3 only, while v1 answers 410', async () => {
    const ids = stack.crm.store.bookIds.hubspot;
    const { tabId } = await stack.open(
      fixtureUrl('gmail/gmail-thread-basic.html'),
      fixtureHtml('gmail/gmail-thread-basic.html'),
    );
    const panel = await openPanelFor(stack, tabId);
    await signIn(panel, 'HubSpot');
    await expect.poll(() => panel.getByRole('heading', { name: 'Acme — Platform' }).count()).toBe(1);

    const worker = await stack.dealside.worker();
    const connection = () =>
      worker.evaluate(async () => (await chrome.storage.local.get('auth.connection'))['auth.connection']);
    await expect.poll(connection).toMatchObject({
      tenantId: '4242424',
      userEmail: 'sam@ourco.com',
      crmUserId: ids.u1,
      identityProblem: null,
    });
    expect(paths()).toContain('/oauth/v3/token/introspect');
    expect(paths()).toContain(`/crm/v3/owners/9001`);

    // The access token expires: the next read refreshes through the exchange and carries on.
    stack.crm.expireTokens('hubspot');
    const refreshesBefore = stack.crm.requests().filter((r) => r.path === '/oauth/v3/token').length;
    await panel.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => panel.getByText('Signed in as sam@ourco.com.').count()).toBe(1);
    await panel.getByRole('button', { name: 'Done' }).click();
    const meeting = await stack.open(
      fixtureUrl('calendar/calendar-event-dialog.html'),
      fixtureHtml('calendar/calendar-event-dialog.html'),
    );
    const meetingPanel = await openPanelFor(stack, meeting.tabId);
    await expect
      .poll(() => meetingPanel.getByRole('heading', { name: 'Acme — Platform' }).count(), { timeout: 60_000 })
      .toBe(1);
    await expect
      .poll(() => stack.crm.requests().filter((r) => r.path === '/oauth/v3/token').length, {
        timeout: 60_000,
      })
      .toBeGreaterThan(refreshesBefore);
    await expect.poll(connection).toMatchObject({ crmUserId: ids.u1 });

    expect(paths().filter((p) => p.startsWith('/oauth/v1/'))).toEqual([]);
  });

  it('keeps the six outcomes on the call form and says so in Settings when the outcomes endpoint is gone', async () => {
    const { tabId } = await stack.open(
      fixtureUrl('calendar/calendar-event-dialog.html'),
      fixtureHtml('calendar/calendar-event-dialog.html'),
    );
    const panel = await openPanelFor(stack, tabId);
    await expect.poll(() => panel.getByRole('heading', { name: 'Acme — Platform' }).count()).toBe(1);

    await panel.getByLabel('Also log it as a call').check();
    const outcome = panel.getByLabel('How it went');
    await expect
      .poll(() => outcome.locator('option').allInnerTexts())
      .toEqual(['Connected', 'Left voicemail', 'Gatekeeper', 'No answer', 'Busy', 'Wrong number']);
    await outcome.selectOption({ label: 'Gatekeeper' });
    await panel.getByLabel('Next step').uncheck();
    await panel.getByRole('button', { name: 'Log meeting to Acme — Platform' }).click();
    await expect
      .poll(() => panel.getByText(/^Logged to Acme — Platform/).count(), { timeout: 60_000 })
      .toBe(1);
    const calls = createdRecords(stack.crm, 'hubspot', 'calls');
    expect(calls).toHaveLength(1);
    const call = hubspotRecord(stack.crm, 'calls', calls[0]!.id).properties;
    expect(call.hs_call_disposition).toBe(LEFT_LIVE_MESSAGE);
    expect(call.hs_call_body).toContain('Outcome: Gatekeeper');

    await panel.getByRole('button', { name: 'Settings' }).click();
    const note = panel.getByRole('region', { name: 'Call outcomes' });
    await expect
      .poll(() => note.innerText())
      .toMatch(
        /could not be read.*Connected, Busy, Left live message, Left voicemail, No answer, Wrong number/s,
      );
    await panel.locator('#root').screenshot({ path: 'artifacts/screenshots/settings-call-outcomes.png' });
  });
});
