/**
 * How likely a deal is the one this conversation is about, with the reasons a rep reads in the
 * panel. Additive weights, clamped to 0..1. Who is on the deal dominates; ownership, recency,
 * close date and stage only reorder deals the people already point at. An earlier choice for this
 * thread or event is the rep's own answer and scores 1, above anything the signals can reach (0.9).
 */
import type { Evidence } from './candidates';
import type { Candidate } from './schema';

export const WEIGHTS = {
  /** At least one outside participant is a contact on the deal… */
  contactOnDeal: 0.4,
  /** …plus this much times the share of outside participants who are. */
  contactCoverage: 0.2,
  /** Someone is a contact at the deal's account but not on the deal. */
  contactAtAccount: 0.2,
  /** Only an email domain ties someone to the deal's account. */
  domain: 0.15,
  ownedByUser: 0.15,
  activityWithinWeek: 0.1,
  activityWithinMonth: 0.05,
  noActivityForMonth: -0.05,
  closeDatePassed: -0.1,
  lateStage: 0.05,
  remembered: 1,
} as const;

const DAY_MS = 86_400_000;
const WEEK_DAYS = 7;
const MONTH_DAYS = 30;

/** Stage names (any CRM, any admin's renaming) that mean the deal is in its final steps. */
const LATE_STAGE =
  /propos|negotiat|contract|commit|verbal|legal|procure|closing|quote|decision ?makers? ?bought|angebot|verhandlung|vertrag|negocia|contrat|offerte|onderhandel/i;

export interface ScoringContext {
  /** Outside participants: the denominator of contact coverage. */
  readonly externalCount: number;
  readonly userCrmId: string | null;
  readonly now: number;
  /** "thread" or "meeting", for the history reason. */
  readonly sourceNoun: string;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

function listNames(names: readonly string[]): string {
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 3).join(', ')} +${names.length - 3}`;
}

function peopleReasons(evidence: Evidence, externalCount: number): { weight: number; reasons: string[] } {
  const onDeal: string[] = [];
  const atAccount: { account: string; address: string }[] = [];
  let domain: string | null = null;
  for (const { participant, tie } of evidence.ties.values()) {
    if (tie.kind === 'contact-on-deal') {
      onDeal.push(tie.contact.name || participant.name || participant.address);
    } else if (tie.kind === 'contact-at-account') {
      atAccount.push({ account: tie.account.name, address: participant.address });
    } else {
      domain ??= tie.domain;
    }
  }

  if (onDeal.length > 0) {
    const share = onDeal.length / Math.max(externalCount, onDeal.length);
    const weight = WEIGHTS.contactOnDeal + WEIGHTS.contactCoverage * share;
    if (onDeal.length === 1 && externalCount <= 1) {
      return { weight, reasons: [`${onDeal[0]} is a contact on this deal`] };
    }
    if (onDeal.length === 1) {
      return { weight, reasons: [`${onDeal[0]} is a contact on this deal (1 of ${externalCount} people)`] };
    }
    if (onDeal.length === externalCount && onDeal.length === 2) {
      return { weight, reasons: [`${onDeal[0]} and ${onDeal[1]} are contacts on this deal`] };
    }
    const count =
      onDeal.length === externalCount ? `all ${externalCount}` : `${onDeal.length} of ${externalCount}`;
    return { weight, reasons: [`${count} people are contacts on this deal (${listNames(onDeal)})`] };
  }
  const first = atAccount[0];
  if (first !== undefined) {
    const who =
      atAccount.length === 1
        ? `${first.address} works there`
        : `${first.address} and ${atAccount.length - 1} other${atAccount.length > 2 ? 's' : ''} work there`;
    return { weight: WEIGHTS.contactAtAccount, reasons: [`${first.account}'s open deal (${who})`] };
  }
  if (domain !== null) return { weight: WEIGHTS.domain, reasons: [`matched on the ${domain} domain`] };
  return { weight: 0, reasons: [] };
}

function activityReason(
  lastActivityAt: string | null | undefined,
  now: number,
): { weight: number; reason?: string } {
  if (!lastActivityAt) return { weight: 0 };
  // Calendar days (UTC), as a rep counts them: last evening is "yesterday" this morning. Clock
  // skew between CRM and laptop must not produce "-1 days ago".
  const days = Math.max(0, Math.floor(now / DAY_MS) - Math.floor(Date.parse(lastActivityAt) / DAY_MS));
  const ago = days === 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
  if (days <= WEEK_DAYS) return { weight: WEIGHTS.activityWithinWeek, reason: `last activity ${ago}` };
  if (days <= MONTH_DAYS) return { weight: WEIGHTS.activityWithinMonth, reason: `last activity ${ago}` };
  return { weight: WEIGHTS.noActivityForMonth, reason: `no activity in ${days} days` };
}

/** A close date is a calendar day: it has passed once that whole day (UTC) is over. */
function closeDatePassed(closeDate: string | null | undefined, now: number): boolean {
  if (!closeDate) return false;
  const day = Date.parse(closeDate.slice(0, 10));
  return !Number.isNaN(day) && now >= day + DAY_MS;
}

export function scoreCandidate(evidence: Evidence, context: ScoringContext): Candidate {
  const { opportunity } = evidence;
  const people = peopleReasons(evidence, context.externalCount);
  let score = people.weight;
  const reasons = [...people.reasons];

  if (opportunity.ownerId && context.userCrmId) {
    const mine = opportunity.ownerId === context.userCrmId;
    if (mine) score += WEIGHTS.ownedByUser;
    reasons.push(mine ? 'you own it' : 'owned by a colleague');
  }
  const activity = activityReason(opportunity.lastActivityAt, context.now);
  score += activity.weight;
  if (activity.reason) reasons.push(activity.reason);
  if (closeDatePassed(opportunity.closeDate, context.now)) {
    score += WEIGHTS.closeDatePassed;
    reasons.push(`close date passed (${(opportunity.closeDate ?? '').slice(0, 10)})`);
  }
  if (opportunity.stage && LATE_STAGE.test(opportunity.stage)) {
    score += WEIGHTS.lateStage;
    reasons.push(`late stage (${opportunity.stage})`);
  }

  if (evidence.fromHistory) {
    score = WEIGHTS.remembered;
    reasons.unshift(`you chose this deal for this ${context.sourceNoun} before`);
  }
  return { opportunityId: opportunity.id, score: round2(Math.min(1, Math.max(0, score))), reasons };
}
