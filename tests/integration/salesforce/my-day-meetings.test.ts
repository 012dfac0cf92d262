/**
 * My day's meetings against the fake org: a meeting from the Calendar connection gets its deal
 * by the panel's own matching, with the brief's flags; internal meetings cost no CRM call; a
 * meeting's deal is kept for a while; without a connection the Calendar tabs are the source.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../lib/config/schema';
import { createMemoryCache } from '../../../lib/crm/cache';
import type { TodaysMeeting } from '../../../lib/google/calendar/today';
import type { Meeting } from '../../../lib/model';
import { connectionOrTabs, withDeals, type SourcedMeeting } from '../../../lib/worker/my-day-meetings';
import type { FakeCrm } from '../../support/fake-crm';
import { dataRequests, makeAdapter, startCrm } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

function meeting(eventId: string, title: string, attendees: string[]): Meeting {
  return {
    kind: 'meeting',
    eventId,
    calendarId: 'sam@ourco.com',
    title,
    start: new Date().toISOString(),
    end: new Date(Date.now() + 3_600_000).toISOString(),
    attendees: [
      { email: 'sam@ourco.com', name: 'Sam Rep' },
      ...attendees.map((email) => ({ email, name: '' })),
    ],
    conferenceUrl: null,
    description: '',
    userEmail: 'sam@ourco.com',
  };
}

const today = (m: Meeting, external: boolean): TodaysMeeting => ({ meeting: m, external, over: false });

function deps() {
  const ids = crm.store.bookIds.salesforce;
  return {
    config: { ...defaultConfig(), internalDomains: ['ourco.com'] },
    connection: {
      provider: 'salesforce' as const,
      refreshToken: null,
      apiBaseUrl: crm.url,
      authBaseUrl: crm.url,
      tenantId: crm.store.salesforce.orgId,
      userEmail: 'sam@ourco.com',
      userName: 'Sam Rep',
      crmUserId: ids.u1 ?? null,
      connectedAt: new Date().toISOString(),
      method: 'oauth' as const,
    },
    adapter: makeAdapter(crm).adapter,
    cache: createMemoryCache(),
    cacheKey: (scope: string) => `test.${scope}`,
    url: (id: string) => `${crm.url}/lightning/r/Opportunity/${id}/view`,
    now: new Date(),
  };
}

describe('My day meetings', () => {
  it('gives a Calendar meeting its deal and flags, and costs no CRM call for an internal one', async () => {
    const ids = crm.store.bookIds.salesforce;
    const d = deps();
    const source = connectionOrTabs(
      {
        today: async () => [
          today(meeting('ev1', 'Acme pricing', ['jane@acme.com']), true),
          today(meeting('ev2', 'Standup', ['lea@ourco.com']), false),
        ],
      },
      async () => {
        throw new Error('the tabs are not read while the connection answers');
      },
    );
    crm.clearRequests();
    const [acme, standup] = await withDeals(await source(d.now), d);
    expect(acme?.source).toBe('google-calendar');
    expect(acme?.deal).toMatchObject({
      opportunityId: ids.o1,
      name: 'Acme — Platform',
      url: d.url(ids.o1 ?? ''),
    });
    expect(acme?.deal?.flags.length).toBeGreaterThan(0);
    expect(acme).not.toHaveProperty('interaction');
    expect(standup?.deal).toBeUndefined();

    const calls = dataRequests(crm).length;
    expect(calls).toBeGreaterThan(0);
    await withDeals(await source(d.now), d);
    // The deal is kept: the second My day within minutes makes no CRM call.
    expect(dataRequests(crm).length).toBe(calls);
  });

  it('falls back to the Calendar tabs when the connection is not connected or fails', async () => {
    const tab: SourcedMeeting = { title: 'From a tab', start: null, tabId: 7, source: 'calendar-tab' };
    const tabs = async () => [tab];
    expect(await connectionOrTabs({ today: async () => null }, tabs)(new Date())).toEqual([tab]);
    const failing = {
      today: async (): Promise<TodaysMeeting[] | null> => {
        throw new Error('offline');
      },
    };
    expect(await connectionOrTabs(failing, tabs)(new Date())).toEqual([tab]);
  });
});
