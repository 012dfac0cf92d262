/**
 * My day and the weekly reports in the worker: who the reports are about, the CRM facts (cached
 * per day, refreshed in the background once older than 10 minutes), the toolbar badge and the
 * daily reminder. The reports themselves are lib/reports' pure functions.
 */
import { browser } from 'wxt/browser';
import type { Connection } from '../auth/connection';
import type { Config } from '../config/schema';
import type { CrmAdapter } from '../crm/adapter';
import { opportunityUrl } from '../reports/crm-links';
import type { CrmReportFacts } from '../reports/facts';
import { CachedFacts } from '../reports/facts-schema';
import { buildMyDay, type MyDayAnswer } from '../reports/my-day';
import { badgeText, localDay, reminderDue, reminderText } from '../reports/reminder';
import type { ReportSettings } from '../reports/snapshot';
import { buildTeamReports, type TeamReportsAnswer } from '../reports/team-view';
import { activeInteraction, reminderShownDay } from '../storage/items';
import { withDeals, type MeetingSource, type SourcedMeeting } from './my-day-meetings';
import { ownerNames, reportScope, type PeopleDeps } from './report-people';
import type { Services } from './services';

const FRESH_MS = 10 * 60_000;
const DAY_CACHE_MS = 24 * 3_600_000;

export function reportSettings(config: Config): ReportSettings {
  return {
    dailyTargets: { ...config.activityTargets[config.repRole] },
    noTouchDays: { ...config.noTouchDays },
    expectedDaysInStage: { ...config.stageAgeTargets },
  };
}

/** The meetings open in Calendar tabs today (the source without a Calendar connection). */
export const meetingsFromCalendarTabs: MeetingSource = async (now) => {
  const tabs = await browser.tabs.query({ url: 'https://calendar.google.com/*' });
  const day = localDay(now);
  const meetings: SourcedMeeting[] = [];
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    const active = await activeInteraction(tab.id).read();
    const meeting = active?.interaction.kind === 'meeting' ? active.interaction : null;
    if (!meeting || (meeting.start && localDay(new Date(meeting.start)) !== day)) continue;
    meetings.push({
      title: meeting.title,
      start: meeting.start,
      tabId: tab.id,
      source: 'calendar-tab',
      eventId: meeting.eventId,
      interaction: meeting,
    });
  }
  return meetings;
};

interface Signed {
  adapter: CrmAdapter;
  connection: Connection;
  ownerId: string;
  cacheKey: (scope: string, now: Date) => string;
  url: (id: string) => string;
}

type NotReady = Extract<MyDayAnswer, { state: 'signed-out' | 'unsupported' }>;

async function signedIn(services: Services): Promise<Signed | NotReady> {
  const connection = await services.auth.connection();
  const adapter = await services.adapter();
  if (!connection || !adapter)
    return { state: 'signed-out', message: 'Sign in to your CRM to see your day.' };
  if (!adapter.reportFacts)
    return { state: 'unsupported', message: 'This CRM connection cannot compute My day.' };
  const ownerId =
    connection.crmUserId ??
    (connection.userEmail ? ((await adapter.ownerByEmail(connection.userEmail))?.id ?? null) : null);
  if (!ownerId) return { state: 'unsupported', message: 'Dealside could not find your user in the CRM.' };
  const config = await services.config();
  const tenant = connection.tenantId ?? connection.apiBaseUrl;
  return {
    adapter,
    connection,
    ownerId,
    cacheKey: (scope, now) => `reports.${connection.provider}.${tenant}.${scope}.${localDay(now)}`,
    url: (id) =>
      opportunityUrl(
        {
          provider: connection.provider,
          apiBaseUrl: connection.apiBaseUrl,
          tenantId: connection.tenantId,
          hubspotAppUrl: config.hubspotAppUrl,
        },
        id,
      ),
  };
}

/** The day's facts: cached, or read now; a stale copy is returned while a fresh read runs. */
async function dayFacts(
  services: Services,
  key: string,
  read: () => Promise<CrmReportFacts>,
  force: boolean,
): Promise<{ facts: CrmReportFacts; fetchedAt: number; refreshing: boolean }> {
  const cached = force ? null : await services.cache.get(key, CachedFacts);
  const fetch = async () => {
    const facts = await read();
    const entry = { facts, fetchedAt: Date.now() };
    await services.cache.set(key, entry, DAY_CACHE_MS);
    return entry;
  };
  if (!cached) return { ...(await fetch()), refreshing: false };
  if (Date.now() - cached.fetchedAt < FRESH_MS) return { ...cached, refreshing: false };
  void fetch().catch(() => undefined);
  return { ...cached, refreshing: true };
}

export async function myDay(
  services: Services,
  options: { refresh: boolean; meetings?: MeetingSource[] },
): Promise<MyDayAnswer> {
  const signed = await signedIn(services);
  if ('state' in signed) {
    await setBadge(0);
    return signed;
  }
  const now = new Date();
  const todayStart = new Date(now);
  todayStart.setHours(0, 0, 0, 0);
  const { facts, fetchedAt, refreshing } = await dayFacts(
    services,
    signed.cacheKey(`me-${signed.ownerId}`, now),
    () => signed.adapter.reportFacts!({ owners: [signed.ownerId], now, todayStart }),
    options.refresh,
  );
  const sources = options.meetings ?? [meetingsFromCalendarTabs];
  const sourced = (await Promise.all(sources.map((source) => source(now).catch(() => [])))).flat();
  const config = await services.config();
  const meetings = await withDeals(sourced, {
    config,
    connection: signed.connection,
    adapter: signed.adapter,
    cache: services.cache,
    cacheKey: (scope) => signed.cacheKey(scope, now),
    url: signed.url,
    now,
  });
  const names = await ownerNames(peopleDeps(services, signed, now), [signed.ownerId]);
  const built = buildMyDay({
    facts,
    ownerId: signed.ownerId,
    now,
    settings: reportSettings(config),
    url: signed.url,
    meetings,
    refreshing,
    asOf: new Date(fetchedAt).toISOString(),
  });
  const name = names[signed.ownerId];
  const view = name ? { ...built, ownerName: name } : built;
  await setBadge(view.needsTouch);
  return view;
}

async function setBadge(count: number): Promise<void> {
  await browser.action?.setBadgeText({ text: badgeText(count) }).catch(() => undefined);
  await browser.action?.setBadgeBackgroundColor({ color: '#b3261e' }).catch(() => undefined);
}

/** The periodic alarm: refresh the badge; show the reminder once a day at the set time. */
export async function onReminderAlarm(services: Services): Promise<void> {
  const answer = await myDay(services, { refresh: false, meetings: [] });
  if (answer.state !== 'ready') return;
  const config = await services.config();
  const now = new Date();
  if (!reminderDue(now, config.myDayReminderTime, await reminderShownDay.read())) return;
  const text = reminderText(answer.needsTouch, config.noTouchDays.open);
  await reminderShownDay.write(localDay(now));
  if (!text) return;
  await browser.notifications?.create(REMINDER_NOTIFICATION, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: 'Dealside — My day',
    message: text,
  });
}

export const REMINDER_NOTIFICATION = 'dealside-my-day';

/** A click on the reminder opens My day on its own page (a panel cannot be opened from here). */
export async function onReminderClicked(id: string): Promise<void> {
  if (id !== REMINDER_NOTIFICATION) return;
  await browser.tabs.create({ url: browser.runtime.getURL('/reports.html#my-day') });
  await browser.notifications?.clear(id);
}

function peopleDeps(services: Services, signed: Signed, now: Date): PeopleDeps {
  return {
    adapter: signed.adapter,
    cache: services.cache,
    ownerId: signed.ownerId,
    cacheKey: (scope) => signed.cacheKey(scope, now),
  };
}

/**
 * The weekly reports: the policy's team when it names one, else the rep's team in the CRM's
 * hierarchy, else the rep alone.
 */
export async function teamReports(
  services: Services,
  options: { refresh: boolean },
): Promise<TeamReportsAnswer> {
  const signed = await signedIn(services);
  if ('state' in signed) return signed;
  const config = await services.config();
  const now = new Date();
  const people = peopleDeps(services, signed, now);
  const { owners, source, notes } = await reportScope(people, config.reportTeam);
  const { facts, fetchedAt, refreshing } = await dayFacts(
    services,
    signed.cacheKey(`team-${owners.join(',')}`, now),
    () => signed.adapter.reportFacts!({ owners, now, todayStart: null }),
    options.refresh,
  );
  const view = buildTeamReports({
    facts,
    owners,
    scope: source === 'rep' ? 'rep' : 'team',
    now,
    settings: reportSettings(config),
    url: signed.url,
    asOf: new Date(fetchedAt).toISOString(),
    refreshing,
  });
  return {
    ...view,
    ...(source === 'rep' ? {} : { teamSource: source }),
    ownerNames: await ownerNames(people, owners),
    notes: [...view.notes, ...notes],
  };
}
