/**
 * The matching engine: a pure function from a scenario (who is in the conversation, the CRM
 * snapshot, settings and history) to a decision with ranked, explained candidates. No clock reads
 * when the scenario carries `now`, no I/O, no browser APIs, so the CLI runs it in plain Node.
 */
import { interactionSourceId } from '../model';
import { findCandidates, type Evidence } from './candidates';
import { buildCrmIndex, type CrmIndex } from './crm-index';
import { decide } from './decide';
import { readConversation, resolvePolicy } from './participants';
import type { Candidate, MatchResult, MatchScenario } from './schema';
import { scoreCandidate } from './score';
import { isAutomatedSender, isListSender, skipReasonFor } from './skip';

interface Ranked {
  readonly candidate: Candidate;
  readonly evidence: Evidence;
}

const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.NEGATIVE_INFINITY);

/** Remembered deal first, then score, then the more recently active, then id: total and stable. */
const byRank = (a: Ranked, b: Ranked): number =>
  Number(b.evidence.fromHistory) - Number(a.evidence.fromHistory) ||
  b.candidate.score - a.candidate.score ||
  time(b.evidence.opportunity.lastActivityAt) - time(a.evidence.opportunity.lastActivityAt) ||
  (a.candidate.opportunityId < b.candidate.opportunityId ? -1 : 1);

/**
 * `index` lets a caller that matches many conversations against one snapshot build it once
 * (see `buildCrmIndex`); it must have been built from `scenario.crm`.
 */
export function matchScenario(
  scenario: MatchScenario,
  index: CrmIndex = buildCrmIndex(scenario.crm),
): MatchResult {
  const policy = resolvePolicy(scenario);
  const conversation = readConversation(scenario.interaction, policy);

  const isKnown = (key: string) => index.contactsByEmail.has(key);
  const skipReason = skipReasonFor(conversation, policy, isKnown);
  if (skipReason !== null) return { decision: 'skip', opportunityId: null, skipReason, candidates: [] };

  // Machine and list addresses that made it into a real thread (a portal's no-reply beside the
  // buyer) are not people: they neither find deals nor dilute "2 of 3 people".
  const people = conversation.external.filter(
    (p) => isKnown(p.key) || !(isAutomatedSender(p) || isListSender(p)),
  );
  const sourceId = interactionSourceId(scenario.interaction);
  const found = findCandidates(people, index, policy, scenario.history.threadOpportunity[sourceId]);
  const context = {
    externalCount: people.length,
    userCrmId: scenario.user.crmUserId ?? null,
    now: scenario.now !== undefined ? Date.parse(scenario.now) : Date.now(),
    sourceNoun: scenario.interaction.kind === 'meeting' ? 'meeting' : 'thread',
  };
  const ranked = [...found.values()]
    .map((evidence) => ({ evidence, candidate: scoreCandidate(evidence, context) }))
    .sort(byRank);
  const remembered = ranked[0]?.evidence.fromHistory ?? false;
  return decide(
    ranked.map((r) => r.candidate),
    remembered,
  );
}
