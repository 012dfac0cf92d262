/**
 * Today's meetings for My day: from the Google Calendar connection when it is connected, else
 * from the meetings open in Calendar tabs; each with its deal (the panel's own matching) and the
 * deal's flags, so the pre-call brief is one click away. A meeting's deal is kept 10 minutes:
 * My day is opened often, and each match costs CRM calls.
 */
import * as z from 'zod/mini';
import type { Connection } from '../auth/connection';
import type { CrmCache } from '../crm/cache';
import type { Config } from '../config/schema';
import type { CrmAdapter } from '../crm/adapter';
import { computeFlags } from '../deals/flags';
import type { TodaysMeeting } from '../google/calendar/today';
import { interactionKey, type Meeting } from '../model';
import { briefWarnings } from '../deals/warnings';
import { MeetingDeal, type TodayMeeting } from '../reports/my-day';
import { matchActive } from './deal-match';

const DEAL_TTL_MS = 10 * 60_000;
const CachedDeal = z.object({ deal: z.nullable(MeetingDeal) });

/** A meeting as a source gives it: the meeting itself travels along for matching, not to the panel. */
export type SourcedMeeting = TodayMeeting & { interaction?: Meeting };
export type MeetingSource = (now: Date) => Promise<SourcedMeeting[]>;

export function fromCalendarConnection(today: readonly TodaysMeeting[]): SourcedMeeting[] {
  return today.map((t) => ({
    title: t.meeting.title,
    start: t.meeting.start,
    tabId: null,
    source: 'google-calendar',
    eventId: t.meeting.eventId,
    external: t.external,
    over: t.over,
    interaction: t.meeting,
  }));
}

/** The connection's meetings when it is connected (and answers), else the Calendar tabs'. */
export function connectionOrTabs(
  calendar: { today(now: Date): Promise<TodaysMeeting[] | null> },
  tabs: MeetingSource,
): MeetingSource {
  return async (now) => {
    const today = await calendar.today(now).catch(() => null);
    return today === null ? tabs(now) : fromCalendarConnection(today);
  };
}

export interface MeetingDealDeps {
  config: Config;
  connection: Connection;
  adapter: CrmAdapter;
  cache: CrmCache;
  cacheKey(scope: string): string;
  url(opportunityId: string): string;
  now: Date;
}

async function matchDeal(meeting: Meeting, deps: MeetingDealDeps): Promise<MeetingDeal | null> {
  const active = {
    tabId: -1,
    key: interactionKey(meeting),
    interaction: meeting,
    seenAt: deps.now.toISOString(),
  };
  const view = await matchActive(active, deps);
  if (view.state !== 'ready' || !view.selectedOpportunityId) return null;
  const id = view.selectedOpportunityId;
  const context =
    view.contexts.find((c) => c.opportunity.id === id) ?? (await deps.adapter.opportunityContext(id));
  return {
    opportunityId: id,
    name: context.opportunity.name,
    url: deps.url(id),
    certain: view.result.decision === 'attach',
    flags: briefWarnings(context, computeFlags(context, deps.config, deps.now)),
  };
}

/** The meetings as the panel gets them: each with its deal, never with the raw event. */
export async function withDeals(
  meetings: readonly SourcedMeeting[],
  deps: MeetingDealDeps,
): Promise<TodayMeeting[]> {
  return Promise.all(
    meetings.map(async ({ interaction, ...meeting }) => {
      // Internal meetings have no deal to find; unreadable ones cannot be matched.
      if (!interaction || meeting.external === false) return meeting;
      const key = deps.cacheKey(`meeting-${interactionKey(interaction)}`);
      const cached = await deps.cache.get(key, CachedDeal);
      if (cached) return { ...meeting, deal: cached.deal };
      try {
        const deal = await matchDeal(interaction, deps);
        await deps.cache.set(key, { deal }, DEAL_TTL_MS);
        return { ...meeting, deal };
      } catch {
        // No deal shown beats no My day: the brief still opens from the meeting's own tab.
        return meeting;
      }
    }),
  );
}
