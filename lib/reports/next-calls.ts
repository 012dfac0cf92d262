/**
 * The next calls to make: every open deal in scope with something wrong, ranked by how much the
 * problem costs (a silent commit before a passed close date before a missed touch before a stuck
 * stage before a single thread), then by amount, largest first. One line each says why.
 */
import type { ReportFacts } from './facts';
import type { ReportOpportunity, ReportSettings } from './snapshot';
import { compareIds, daysSinceActivity, expectedDays, noTouchThreshold, openDealsInScope } from './scope';
import { COMMIT_SILENCE_DAYS } from './forecast-divergence';
import { wholeDays } from './time';

export const MAX_NEXT_CALLS = 10;

export interface NextCall {
  opportunityId: string;
  reason: string;
}

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** The most urgent reason to call about this deal, with its rank (lower is more urgent). */
export function callReason(
  deal: ReportOpportunity,
  facts: { daysSince: number | null; touched: number; now: Date; settings: ReportSettings },
): { rank: number; reason: string } | null {
  const { daysSince, touched, now, settings } = facts;
  const silence =
    daysSince === null ? 'no activity logged yet' : `no activity in ${plural(daysSince, 'day')}`;
  if (deal.forecastCategory === 'commit' && (daysSince === null || daysSince > COMMIT_SILENCE_DAYS))
    return { rank: 0, reason: `In commit with ${silence}.` };
  if (deal.closeDate !== null && deal.closeDate.slice(0, 10) < now.toISOString().slice(0, 10))
    return {
      rank: 1,
      reason: `Close date ${deal.closeDate.slice(0, 10)} passed ${plural(wholeDays(deal.closeDate, now), 'day')} ago: confirm or move it.`,
    };
  const threshold = noTouchThreshold(deal, settings);
  if (daysSince === null || daysSince > threshold)
    return { rank: 2, reason: `${silence[0]?.toUpperCase()}${silence.slice(1)} (touch every ${threshold}).` };
  if (deal.stageEnteredAt !== null) {
    const days = wholeDays(deal.stageEnteredAt, now);
    const expected = expectedDays(deal.stage, settings);
    if (days > expected)
      return {
        rank: 3,
        reason: `${plural(days, 'day')} in ${deal.stage}, expected ${expected}: find what moves it.`,
      };
  }
  const people = new Set(deal.contactIds).size;
  if (touched <= 1 && people > touched)
    return {
      rank: 4,
      reason: `Single-threaded: ${touched} of ${plural(people, 'person', 'people')} in touch in 14 days.`,
    };
  return null;
}

export function nextCalls(facts: ReportFacts): NextCall[] {
  const now = new Date(facts.now);
  const ranked = openDealsInScope(facts).flatMap((deal) => {
    const why = callReason(deal, {
      daysSince: daysSinceActivity(facts, deal.id),
      touched: new Set(facts.touched14d[deal.id] ?? []).size,
      now,
      settings: facts.settings,
    });
    return why ? [{ deal, ...why }] : [];
  });
  ranked.sort(
    (a, b) =>
      a.rank - b.rank || (b.deal.amount ?? 0) - (a.deal.amount ?? 0) || compareIds(a.deal.id, b.deal.id),
  );
  return ranked.slice(0, MAX_NEXT_CALLS).map(({ deal, reason }) => ({ opportunityId: deal.id, reason }));
}
