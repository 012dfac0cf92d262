/**
 * From ranked candidates to what the panel does. Attaching silently to the wrong deal is worse
 * than asking once, so the engine attaches only when one deal clearly leads.
 */
import type { Candidate, MatchResult } from './schema';

/**
 * Top two closer than this are too close to call. Ownership (0.15) plus a week's difference in
 * activity (0.05) is just enough to prefer your deal over a colleague's when the same people are
 * on both; a contact on a colleague's deal against your own deal on that account (0.6 vs 0.35,
 * before recency and stage) usually is not, and the rep is asked.
 */
export const ASK_MARGIN = 0.2;

/**
 * A lone candidate below this is preselected but not attached: e.g. a colleague's deal found only
 * by email domain with no activity for a month (0.1), or whose close date has passed.
 */
export const MIN_ATTACH_SCORE = 0.2;

const points = (score: number) => Math.round(score * 100);

export function decide(ranked: readonly Candidate[], remembered: boolean): MatchResult {
  const [top, second] = ranked;
  if (top === undefined) return { decision: 'none', opportunityId: null, skipReason: null, candidates: [] };
  const clear =
    remembered ||
    (points(top.score) >= points(MIN_ATTACH_SCORE) &&
      (second === undefined || points(top.score) - points(second.score) >= points(ASK_MARGIN)));
  return clear
    ? { decision: 'attach', opportunityId: top.opportunityId, skipReason: null, candidates: [...ranked] }
    : { decision: 'ask', opportunityId: null, skipReason: null, candidates: [...ranked] };
}
