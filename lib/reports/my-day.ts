/**
 * My day, as the panel shows it: the rep's activity today and this week against the role's
 * targets, the deals that need something (each with why, and a link into the CRM), the next
 * calls, and today's meetings. Pure: the worker gathers the inputs, the panel renders this.
 */
import * as z from 'zod/mini';
import { lowestKind, weeklyTarget } from './activity-vs-target';
import { ACTIVITY_KINDS } from './activity-vs-target-kinds';
import type { CrmReportFacts } from './facts';
import { reportsFromFacts } from './';
import type { ReportSettings } from './snapshot';

const Counts = z.object({ calls: z.number(), emails: z.number(), meetings: z.number() });
const Kind = z.enum(ACTIVITY_KINDS);

export const AttentionKind = z.enum([
  'no-touch',
  'stage-overdue',
  'single-threaded',
  'close-date-passed',
  'commit-silent',
]);
export type AttentionKind = z.infer<typeof AttentionKind>;

const DealLine = z.object({
  opportunityId: z.string(),
  name: z.string(),
  reason: z.string(),
  url: z.string(),
});
export type DealLine = z.infer<typeof DealLine>;

/** The deal a meeting is about (the same matching as the panel's) and what is wrong with it. */
export const MeetingDeal = z.object({
  opportunityId: z.string(),
  name: z.string(),
  url: z.string(),
  /** The matcher was sure (false: the likeliest of several, to confirm in the brief). */
  certain: z.boolean(),
  /** The brief's warnings: overdue next step, no recent touch, stage age, single-threaded, … */
  flags: z.array(z.string()),
});
export type MeetingDeal = z.infer<typeof MeetingDeal>;

export const TodayMeeting = z.object({
  title: z.string(),
  start: z.nullable(z.string()),
  /** The tab it is open in (from Calendar tabs), to bring its brief up in one click. */
  tabId: z.nullable(z.number()),
  source: z.enum(['calendar-tab', 'google-calendar']),
  eventId: z.optional(z.string()),
  /** Someone from outside the company is invited (from the Calendar connection). */
  external: z.optional(z.boolean()),
  /** It has ended. */
  over: z.optional(z.boolean()),
  deal: z.optional(z.nullable(MeetingDeal)),
});
export type TodayMeeting = z.infer<typeof TodayMeeting>;

export const MyDayView = z.object({
  state: z.literal('ready'),
  asOf: z.string(),
  /** The rep's name in the CRM, when it could be read. */
  ownerName: z.optional(z.string()),
  /** The figures are from an earlier read while a fresh one runs. */
  refreshing: z.boolean(),
  activity: z.object({
    today: z.nullable(Counts),
    week: Counts,
    dailyTarget: Counts,
    weeklyTarget: Counts,
    lowestToday: z.nullable(Kind),
    lowestWeek: Kind,
  }),
  attention: z.array(z.object({ kind: AttentionKind, title: z.string(), deals: z.array(DealLine) })),
  nextCalls: z.array(DealLine),
  meetings: z.array(TodayMeeting),
  /** Deals needing a touch: the toolbar badge. */
  needsTouch: z.number(),
  notes: z.array(z.string()),
});
export type MyDayView = z.infer<typeof MyDayView>;

export const MyDayAnswer = z.union([
  MyDayView,
  z.object({ state: z.enum(['signed-out', 'unsupported']), message: z.string() }),
]);
export type MyDayAnswer = z.infer<typeof MyDayAnswer>;

const TITLES: Record<AttentionKind, string> = {
  'no-touch': 'Need a touch',
  'commit-silent': 'In commit, no activity in 14 days',
  'close-date-passed': 'Close date passed',
  'stage-overdue': 'Stuck past the expected stage age',
  'single-threaded': 'Single-threaded',
};

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

export interface MyDayInput {
  facts: CrmReportFacts;
  ownerId: string;
  now: Date;
  settings: ReportSettings;
  url(opportunityId: string): string;
  meetings: TodayMeeting[];
  refreshing: boolean;
  asOf: string;
}

export function buildMyDay(input: MyDayInput): MyDayView {
  const { facts, ownerId, now, settings } = input;
  const reports = reportsFromFacts({
    now: now.toISOString(),
    owners: [ownerId],
    settings,
    opportunities: facts.opportunities,
    weekCounts: facts.weekCounts,
    lastActivityAt: facts.lastActivityAt,
    touched14d: facts.touched14d,
  });
  const byId = new Map(facts.opportunities.map((o) => [o.id, o]));
  const line = (opportunityId: string, reason: string): DealLine => ({
    opportunityId,
    name: byId.get(opportunityId)?.name ?? opportunityId,
    reason,
    url: input.url(opportunityId),
  });
  const today = now.toISOString().slice(0, 10);
  const closePassed = facts.opportunities
    .filter(
      (o) => !o.isClosed && o.ownerId === ownerId && o.closeDate !== null && o.closeDate.slice(0, 10) < today,
    )
    .map((o) => line(o.id, `Close date was ${o.closeDate?.slice(0, 10)}.`));
  const attention: MyDayView['attention'] = [
    {
      kind: 'no-touch',
      title: TITLES['no-touch'],
      deals: reports.noActivity.map((r) =>
        line(
          r.opportunityId,
          r.days === null
            ? 'No activity logged yet.'
            : `No activity in ${days(r.days)} (every ${r.thresholdDays} expected).`,
        ),
      ),
    },
    {
      kind: 'commit-silent',
      title: TITLES['commit-silent'],
      deals: reports.forecastDivergence.map((r) =>
        line(
          r.opportunityId,
          r.daysSinceActivity === null
            ? 'In commit, never touched.'
            : `In commit, ${days(r.daysSinceActivity)} without activity.`,
        ),
      ),
    },
    { kind: 'close-date-passed', title: TITLES['close-date-passed'], deals: closePassed },
    {
      kind: 'stage-overdue',
      title: TITLES['stage-overdue'],
      deals: reports.stageOverdue.map((r) =>
        line(
          r.opportunityId,
          `${days(r.days)} in ${byId.get(r.opportunityId)?.stage ?? 'this stage'}, expected ${r.expectedDays}.`,
        ),
      ),
    },
    {
      kind: 'single-threaded',
      title: TITLES['single-threaded'],
      deals: reports.multiThreading
        .filter((r) => r.contactsTouched14d <= 1)
        .map((r) =>
          line(
            r.opportunityId,
            r.contacts === 0
              ? 'Nobody is on this deal in the CRM yet.'
              : `${r.contactsTouched14d} of ${r.contacts} people in touch in 14 days.`,
          ),
        ),
    },
  ];
  const dailyTarget = { ...settings.dailyTargets };
  const weekly = weeklyTarget(dailyTarget);
  const week = reports.activityVsTarget[0] ?? { calls: 0, emails: 0, meetings: 0, lowest: 'calls' as const };
  const todayCounts = facts.todayCounts?.[ownerId] ?? null;
  return {
    state: 'ready',
    asOf: input.asOf,
    refreshing: input.refreshing,
    activity: {
      today: todayCounts,
      week: { calls: week.calls, emails: week.emails, meetings: week.meetings },
      dailyTarget,
      weeklyTarget: weekly,
      lowestToday: todayCounts ? lowestKind(todayCounts, dailyTarget) : null,
      lowestWeek: week.lowest,
    },
    attention,
    nextCalls: reports.nextCalls.map((c) => line(c.opportunityId, c.reason)),
    meetings: input.meetings,
    needsTouch: reports.noActivity.length,
    notes: facts.notes,
  };
}
