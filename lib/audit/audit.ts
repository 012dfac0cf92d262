/**
 * The attach audit: for each activity already in the CRM, whether it belongs on a deal, decided by
 * the matching engine itself (same scores, same reasons, same skip rules) against the deals that
 * were open when it happened. Pure: no clock (the snapshot carries `now`), no I/O.
 *
 * Rule order: outside the lookback window → left out; on a deal → `already` (whatever else is
 * true, an activity on a deal is never touched); owner outside the scope → `skip`/out-of-scope;
 * then the matcher.
 */
import { buildCrmIndex, type CrmIndex } from '../match/crm-index';
import { matchScenario } from '../match/engine';
import type { Contact, MatchResult, Opportunity } from '../match/schema';
import { activityInteraction, activityPeople } from './interaction';
import { openAt } from './open-at';
import { alreadyReason, closedBeforeReason, noneReason, outOfScopeReason, SKIP_REASON_TEXT } from './reasons';
import type {
  AuditActivity,
  AuditOpportunity,
  AuditOutput,
  AuditResult,
  AuditSnapshot,
  AuditSummary,
} from './schema';

const DAY_MS = 86_400_000;

export interface AuditCandidate {
  readonly opportunityId: string;
  readonly name: string;
  readonly score: number;
  readonly reasons: readonly string[];
}

/** A result plus what the panel shows beside it: the activity and, for `ask`, its candidates. */
export interface AuditFinding extends AuditResult {
  readonly activity: AuditActivity;
  readonly candidates: readonly AuditCandidate[];
}

export interface AuditReport {
  readonly findings: readonly AuditFinding[];
  readonly summary: AuditSummary;
}

/** The CRM user ids whose activities the audit may change. */
export function scopeOf(snapshot: Pick<AuditSnapshot, 'user' | 'team'>): ReadonlySet<string> {
  const ids = new Set(snapshot.team);
  if (snapshot.user.crmUserId) ids.add(snapshot.user.crmUserId);
  return ids;
}

/** Oldest instant still inside the lookback window (inclusive). */
export function windowStart(snapshot: Pick<AuditSnapshot, 'now' | 'settings'>): number {
  return Date.parse(snapshot.now) - snapshot.settings.lookbackDays * DAY_MS;
}

interface DealsAt {
  readonly index: CrmIndex;
  readonly closedBefore: ReadonlyMap<string, string>;
}

/**
 * The matcher leaves closed deals out of its index; a deal that was open at the time (or closed
 * within the grace period) is handed to it as open, so it competes exactly like a live one.
 */
function dealsAt(snapshot: AuditSnapshot, at: number, cache: Map<string, DealsAt>): DealsAt {
  const counted: Opportunity[] = [];
  const closedBefore = new Map<string, string>();
  for (const opportunity of snapshot.crm.opportunities) {
    const open = openAt(opportunity, at);
    if (!open.counts) continue;
    counted.push(asOpen(opportunity));
    if (open.closedBefore !== null) closedBefore.set(opportunity.id, open.closedBefore);
  }
  // Most activities of one run see the same deals in the same state: build that index once.
  const key = counted.map((o) => `${o.id}${closedBefore.has(o.id) ? '+' : ''}`).join('\u0000');
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const built = {
    index: buildCrmIndex({ ...snapshot.crm, opportunities: counted }),
    closedBefore,
  };
  cache.set(key, built);
  return built;
}

function asOpen(opportunity: AuditOpportunity): Opportunity {
  const { createdAt: _created, closedAt: _closed, ...rest } = opportunity;
  return { ...rest, isClosed: false };
}

function finding(
  activity: AuditActivity,
  fields: Omit<AuditResult, 'activityId'>,
  candidates: readonly AuditCandidate[] = [],
): AuditFinding {
  return { activityId: activity.id, ...fields, activity, candidates };
}

function fromMatch(
  activity: AuditActivity,
  result: MatchResult,
  names: ReadonlyMap<string, string>,
  closedBefore: ReadonlyMap<string, string>,
): AuditFinding {
  if (result.decision === 'skip') {
    const reason = result.skipReason ?? 'internal-only';
    return finding(activity, {
      decision: 'skip',
      opportunityId: null,
      skipReason: reason,
      reasons: [SKIP_REASON_TEXT[reason]],
    });
  }
  if (result.decision === 'none') {
    return finding(activity, {
      decision: 'none',
      opportunityId: null,
      skipReason: null,
      reasons: [noneReason(activity)],
    });
  }
  const candidates = result.candidates.map((c) => {
    const closed = closedBefore.get(c.opportunityId);
    return {
      opportunityId: c.opportunityId,
      name: names.get(c.opportunityId) ?? c.opportunityId,
      score: c.score,
      reasons: closed === undefined ? c.reasons : [...c.reasons, closedBeforeReason(activity, closed)],
    };
  });
  const [top] = candidates;
  if (result.decision === 'attach' && top !== undefined) {
    return finding(
      activity,
      { decision: 'attach', opportunityId: top.opportunityId, skipReason: null, reasons: [...top.reasons] },
      candidates,
    );
  }
  return finding(
    activity,
    {
      decision: 'ask',
      opportunityId: null,
      skipReason: null,
      reasons: candidates.map((c) => `${c.name}: ${c.reasons.join(', ')}`),
    },
    candidates,
  );
}

export function auditSnapshot(snapshot: AuditSnapshot): AuditReport {
  const from = windowStart(snapshot);
  const scope = scopeOf(snapshot);
  const names = new Map(snapshot.crm.opportunities.map((o) => [o.id, o.name]));
  const contactsById = new Map<string, Contact>(snapshot.crm.contacts.map((c) => [c.id, c]));
  const indexes = new Map<string, DealsAt>();

  const findings: AuditFinding[] = [];
  for (const activity of snapshot.activities) {
    const at = Date.parse(activity.at);
    if (at < from) continue;

    if (activity.opportunityIds.length > 0) {
      findings.push(
        finding(activity, {
          decision: 'already',
          opportunityId: null,
          skipReason: null,
          reasons: [alreadyReason(activity.opportunityIds.map((id) => names.get(id) ?? id))],
        }),
      );
      continue;
    }
    if (activity.ownerId === null || !scope.has(activity.ownerId)) {
      findings.push(
        finding(activity, {
          decision: 'skip',
          opportunityId: null,
          skipReason: 'out-of-scope',
          reasons: [outOfScopeReason(activity.ownerId)],
        }),
      );
      continue;
    }

    const deals = dealsAt(snapshot, at, indexes);
    const people = activityPeople(activity, contactsById);
    const result = matchScenario(
      {
        // A teammate's activity is judged as that rep would see it: "you own it" means its owner.
        user: { ...snapshot.user, crmUserId: activity.ownerId },
        settings: snapshot.settings,
        interaction: activityInteraction(activity, people),
        crm: { ...snapshot.crm, opportunities: [] },
        history: { threadOpportunity: {} },
        // Reasons are read today, in the review list: "last activity 3 days ago" means from now.
        now: snapshot.now,
      },
      deals.index,
    );
    findings.push(fromMatch(activity, result, names, deals.closedBefore));
  }
  return { findings, summary: summarize(findings) };
}

export function summarize(results: readonly Pick<AuditResult, 'decision'>[]): AuditSummary {
  const summary = { scanned: results.length, already: 0, attach: 0, ask: 0, none: 0, skip: 0 };
  for (const r of results) summary[r.decision] += 1;
  return summary;
}

/** The CLI's answer: exactly the contract's fields, nothing the panel keeps beside them. */
export function toOutput(report: AuditReport): AuditOutput {
  return {
    results: report.findings.map((f) => ({
      activityId: f.activityId,
      decision: f.decision,
      opportunityId: f.opportunityId,
      skipReason: f.skipReason,
      reasons: [...f.reasons],
    })),
    summary: report.summary,
  };
}
