/**
 * The optional Google Calendar connection, in Chromium against the fake CRM and a fake Google on
 * the real hosts, for HubSpot and Salesforce, with meeting capture on `auto`: over two polls, an
 * extension reload (worker restart, session storage gone) and an expired sync token (410), each
 * held external meeting reaches the CRM once; declined, internal and cancelled ones never do;
 * and a meeting logged from the Calendar page first is not logged again by the connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Browser } from 'wxt/browser';
import type { FakeAttendee } from '../support/fake-google/calendar';
import { settingsFor, startStack, type Stack } from '../support/stack';
import { liveActivities } from './support/crm-assert';
import { startGoogleRig, type GoogleRig } from './support/google';
import { openPanelFor, signIn } from './support/panel';
import { meetingHtml, meetingUrl } from './support/touches';

declare const chrome: typeof Browser;

const CRM_NAME = { hubspot: 'HubSpot', salesforce: 'Salesforce' } as const;
const HOUR = 3_600_000;
const me: FakeAttendee = { email: 'sam@ourco.com', self: true, organizer: true, responseStatus: 'accepted' };
const jane: FakeAttendee = { email: 'jane@acme.com', displayName: 'Jane Doe', responseStatus: 'accepted' };
const bob: FakeAttendee = { email: 'bob@acme.com', displayName: 'Bob Smith', responseStatus: 'accepted' };
const kim: FakeAttendee = { email: 'kim@ourco.com', displayName: 'Kim Lee', responseStatus: 'accepted' };

const TITLES = {
  first: 'Acme — kickoff (calendar)',
  second: 'Acme — security review (calendar)',
  third: 'Acme — legal call (calendar)',
  both: 'Acme — pricing review (both paths)',
  declined: 'Acme — declined by Sam',
  internal: 'Team sync on Acme',
  cancelled: 'Acme — cancelled call',
  later: 'Acme — tomorrow',
};
const BOTH_ID = 'bothpaths0meeting0dealside';

describe.each(['hubspot', 'salesforce'] as const)('%s: the Google Calendar connection', (provider) => {
  let stack: Stack;
  let rig: GoogleRig;
  let tabId: number;

  const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
  const put = (id: string, title: string, endHours: number, attendees: FakeAttendee[] = [me, jane, bob]) =>
    rig.google.calendar.put({ id, summary: title, start: at(endHours - 0.5), end: at(endHours), attendees });
  const recorded = (title: string) =>
    liveActivities(stack.crm, provider).filter((a) => a.kind === 'meeting' && a.subject === title).length;
  const lists = () => rig.google.requests().filter((r) => r.path === '/calendar/v3/calendars/primary/events');

  async function storedLocal(key: string): Promise<unknown> {
    const worker = await stack.dealside.worker();
    return worker.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key);
  }
  /** Nothing waits in the outbox: every capture has been written (or was never queued). */
  const outboxEmpty = async () =>
    Object.keys(((await storedLocal('outbox.items')) as object) ?? {}).length === 0;
  const capturedIds = async () =>
    Object.keys(((await storedLocal('google.calendar.sync')) as { captured?: object })?.captured ?? {});

  async function googleCard(panel: Page) {
    if ((await panel.getByRole('heading', { name: 'Google Calendar' }).count()) === 0) {
      await panel.getByRole('button', { name: 'Settings' }).click();
    }
    return panel.getByRole('region', { name: 'Google Calendar' });
  }

  async function checkNow(panel: Page) {
    const card = await googleCard(panel);
    const polls = lists().length;
    await card.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => card.getByRole('button', { name: 'Check now' }).isEnabled()).toBe(true);
    await expect.poll(() => lists().length).toBeGreaterThan(polls);
  }

  beforeAll(async () => {
    rig = await startGoogleRig();
    stack = await startStack({ extraHosts: rig.hosts });
    await stack.configure({ ...settingsFor(provider), ...rig.settings, captureMeetings: 'auto' });
  });
  afterAll(async () => {
    await stack?.close();
    await rig?.close();
  });

  it('the same meeting logged from the Calendar page and seen by the connection is one record', async () => {
    put(BOTH_ID, TITLES.both, -4);
    put('first0held0meeting', TITLES.first, -2);
    put('declined0meeting', TITLES.declined, -2, [{ ...me, responseStatus: 'declined' }, jane, bob]);
    put('internal0meeting', TITLES.internal, -2, [me, kim]);
    put('cancelled0meeting', TITLES.cancelled, -2);
    rig.google.calendar.cancel('cancelled0meeting');
    put('later0meeting', TITLES.later, 20);

    // Path one: the rep opens the meeting in Calendar and logs it.
    const opened = await stack.open(meetingUrl(1), meetingHtml(BOTH_ID, TITLES.both));
    tabId = opened.tabId;
    const panel = await openPanelFor(stack, tabId);
    await signIn(panel, CRM_NAME[provider]);
    await expect.poll(() => panel.getByRole('heading', { name: 'Acme — Platform' }).count()).toBe(1);
    const log = panel.getByRole('button', { name: 'Log meeting to Acme — Platform' });
    const logged = panel.getByText(/Logged to Acme — Platform/);
    // The Log button, unless the page path already captured the meeting on its own (auto mode).
    await expect.poll(async () => (await log.count()) + (await logged.count())).toBeGreaterThan(0);
    if ((await log.count()) > 0) {
      const nextStep = panel.getByLabel('Next step');
      if ((await nextStep.count()) > 0 && (await nextStep.isChecked())) await nextStep.uncheck();
      await log.click();
    }
    await expect
      .poll(() => panel.getByText(/Logged to Acme — Platform/).count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => recorded(TITLES.both), { timeout: 20_000 }).toBe(1);

    // Path two: the connection, at sign-in, sees the same meeting among the others.
    const card = await googleCard(panel);
    await card.getByRole('button', { name: 'Connect Google Calendar' }).click();
    await expect.poll(() => card.getByText(/^Last checked/).count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => recorded(TITLES.first), { timeout: 30_000 }).toBe(1);
    await expect.poll(outboxEmpty, { timeout: 30_000 }).toBe(true);
    expect(await capturedIds()).toEqual(expect.arrayContaining([BOTH_ID, 'first0held0meeting']));

    expect(recorded(TITLES.both)).toBe(1);
    for (const never of [TITLES.declined, TITLES.internal, TITLES.cancelled, TITLES.later]) {
      expect(recorded(never), never).toBe(0);
    }
    // The code went to the exchange, which added the secret; the extension never held one.
    const codeGrant = rig.google.requests().find((r) => r.path === '/token');
    expect(codeGrant?.form).toMatchObject({
      grant_type: 'authorization_code',
      client_secret: '<client_secret>',
    });
  });

  it('a second poll, a restart and an expired sync token: each held external meeting once', async () => {
    let panel = await openPanelFor(stack, tabId);

    // Second poll: only what changed, by sync token.
    put('second0held0meeting', TITLES.second, -1);
    const listedBefore = lists().length;
    await checkNow(panel);
    // (My day may list today's meetings beside it; the poll's own list goes by sync token.)
    await expect
      .poll(() =>
        lists()
          .slice(listedBefore)
          .some((r) => r.query.syncToken),
      )
      .toBe(true);
    await expect.poll(() => recorded(TITLES.second), { timeout: 30_000 }).toBe(1);
    await expect.poll(outboxEmpty, { timeout: 30_000 }).toBe(true);

    // The extension reloads: the worker restarts and session storage (the access token) is gone.
    await stack.dealside.reloadExtension();
    // The new worker keeps (or re-creates) its poll alarm: capture goes on with the panel closed.
    const pollAlarm = async () => {
      const worker = await stack.dealside.worker();
      return worker
        .evaluate(async () => (await chrome.alarms.get('google-calendar.poll'))?.periodInMinutes ?? null)
        .catch(() => null);
    };
    await expect.poll(pollAlarm, { timeout: 20_000 }).toBe(15);

    // Meanwhile Google let the sync token lapse: the next poll gets 410 and syncs fully again.
    put('third0held0meeting', TITLES.third, -0.5);
    rig.google.expireSyncTokens();
    rig.google.clearRequests();
    panel = await openPanelFor(stack, tabId);
    await checkNow(panel);
    await expect.poll(() => recorded(TITLES.third), { timeout: 30_000 }).toBe(1);
    await expect.poll(outboxEmpty, { timeout: 30_000 }).toBe(true);
    // My day's list of today's meetings (timeMin..timeMax) may come first; the poll's own
    // incremental list is the one Google refused, then the poll synced its window again in full.
    expect(lists().find((r) => r.query.syncToken)?.status).toBe(410);
    expect(lists().some((r) => r.status === 200 && r.query.timeMin && !r.query.timeMax)).toBe(true);
    // The new worker renewed the access token through the pinned exchange.
    expect(
      rig.google.requests().some((r) => r.path === '/token' && r.form?.grant_type === 'refresh_token'),
    ).toBe(true);

    for (const title of [TITLES.first, TITLES.second, TITLES.third, TITLES.both]) {
      expect(recorded(title), title).toBe(1);
    }
    for (const never of [TITLES.declined, TITLES.internal, TITLES.cancelled, TITLES.later]) {
      expect(recorded(never), never).toBe(0);
    }
  });
});
