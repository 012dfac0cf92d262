/**
 * My day with the Google Calendar connection, in Chromium against the fake CRM and fake Google
 * on the real hosts: today's meetings come from the connection (no Calendar tab open), the
 * external one with its deal and flags and the pre-call brief one click away; the internal one
 * is marked, with no deal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeAttendee } from '../support/fake-google/calendar';
import { settingsFor, startStack, type Stack } from '../support/stack';
import { fixtureHtml, fixtureUrl } from './support/env';
import { startGoogleRig, type GoogleRig } from './support/google';
import { openPanelFor, signIn } from './support/panel';

const CRM_NAME = { hubspot: 'HubSpot', salesforce: 'Salesforce' } as const;
const me: FakeAttendee = { email: 'sam@ourco.com', self: true, organizer: true, responseStatus: 'accepted' };
const jane: FakeAttendee = { email: 'jane@acme.com', displayName: 'Jane Doe', responseStatus: 'accepted' };
const kim: FakeAttendee = { email: 'kim@ourco.com', displayName: 'Kim Lee', responseStatus: 'accepted' };

describe.each(['hubspot', 'salesforce'] as const)(
  '%s: My day from the Google Calendar connection',
  (provider) => {
    let stack: Stack;
    let rig: GoogleRig;

    beforeAll(async () => {
      rig = await startGoogleRig();
      stack = await startStack({ extraHosts: rig.hosts });
      await stack.configure({ ...settingsFor(provider), ...rig.settings });
    });
    afterAll(async () => {
      await stack?.close();
      await rig?.close();
    });

    it('shows today’s meetings with their deal, flags and the pre-call brief', async () => {
      // Under way now, so "today" holds whatever the machine's time zone.
      const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
      const put = (id: string, summary: string, attendees: FakeAttendee[]) =>
        rig.google.calendar.put({ id, summary, start: at(-1), end: at(2), attendees });
      put('mydayacme0meeting', 'Acme — pricing call (My day)', [me, jane]);
      put('mydayteam0meeting', 'Team sync (My day)', [me, kim]);

      const { tabId } = await stack.open(
        fixtureUrl('gmail/gmail-thread-basic.html'),
        fixtureHtml('gmail/gmail-thread-basic.html'),
      );
      const panel = await openPanelFor(stack, tabId);
      await signIn(panel, CRM_NAME[provider]);

      await panel.getByRole('button', { name: 'Settings' }).click();
      const card = panel.getByRole('region', { name: 'Google Calendar' });
      await card.getByRole('button', { name: 'Connect Google Calendar' }).click();
      await expect.poll(() => card.getByText(/^Last checked/).count(), { timeout: 60_000 }).toBe(1);
      await panel.getByRole('button', { name: 'Done' }).click();

      await panel.getByRole('button', { name: 'My day' }).click();
      const meetings = panel.getByRole('region', { name: 'Today’s meetings' });
      const acme = meetings.getByRole('listitem').filter({ hasText: 'Acme — pricing call (My day)' });
      await expect
        .poll(() => acme.getByRole('link', { name: 'Acme — Platform' }).count(), { timeout: 60_000 })
        .toBe(1);
      expect(await meetings.getByText('From your Google Calendar.').count()).toBe(1);
      const team = meetings.getByRole('listitem').filter({ hasText: 'Team sync (My day)' });
      expect(await team.getByText('Internal meeting').count()).toBe(1);
      await acme.getByRole('button', { name: 'Show the pre-call brief for Acme — Platform' }).click();
      const brief = acme.getByRole('region', { name: 'Before you talk' });
      await expect.poll(() => brief.count(), { timeout: 60_000 }).toBe(1);
      // The meeting's flags are the brief's warnings, word for word (none when the deal is fine).
      const texts = async (list: ReturnType<typeof acme.getByRole>) =>
        (await list.count()) === 0 ? [] : list.getByRole('listitem').allInnerTexts();
      expect(await texts(acme.getByRole('list', { name: 'Deal flags' }))).toEqual(
        await texts(brief.getByRole('list', { name: 'Warnings' })),
      );
    });
  },
);
