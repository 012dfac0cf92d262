/**
 * The brief's sentences, in words a rep uses: what is wrong with the deal (flags) and one line
 * per activity. Pure, so the tests read exactly what the panel shows.
 */
import type { ActivitySummary, OpportunityContext } from '../domain/types';
import type { DealFlags } from '../deals/flags';
import { formatDate } from './format';

function names(list: string[]): string {
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

/** Who was (not) in touch, by name: "0 of 2 people touched" tells a rep nothing to act on. */
export function threadingWarning(
  flag: NonNullable<DealFlags['singleThreaded']>,
  contacts: OpportunityContext['contacts'],
): string {
  const touched = contacts.filter((c) => c.touchedAt !== null).map((c) => c.name);
  const others = contacts.filter((c) => c.touchedAt === null).map((c) => c.name);
  if (flag.total === 0) return 'Nobody is on this deal in the CRM yet: add the people you talk to.';
  if (flag.total === 1) {
    const [only] = contacts.map((c) => c.name);
    return touched.length === 1
      ? `Single-threaded: ${only} is the only person on this deal.`
      : `Single-threaded: ${only} is the only person on this deal, and not in touch for 14 days.`;
  }
  if (touched.length === 0) {
    return others.length <= 3
      ? `Nobody on this deal in touch for 14 days (${names(others)}).`
      : `Nobody on this deal in touch for 14 days (${others.length} people).`;
  }
  const rest = others.length <= 2 ? `not ${names(others)}` : `not the other ${others.length}`;
  return `Single-threaded: only ${touched[0]} in touch in the last 14 days, ${rest}.`;
}

export function briefWarnings(context: OpportunityContext, flags: DealFlags): string[] {
  const { opportunity } = context;
  const warnings: string[] = [];
  if (flags.nextStepOverdue) {
    const { subject, dueDate, days } = flags.nextStepOverdue;
    warnings.push(
      `Next step overdue: “${subject}” was due ${formatDate(dueDate)} (${days === 1 ? '1 day' : `${days} days`} ago).`,
    );
  }
  if (flags.noRecentTouch) {
    warnings.push(
      flags.noRecentTouch.days === null
        ? 'No activity logged on this deal yet.'
        : `No activity in ${flags.noRecentTouch.days} days (target: every ${flags.noRecentTouch.thresholdDays}).`,
    );
  }
  if (flags.stageAge?.overdue) {
    warnings.push(
      `Stuck in ${opportunity.stage.label}: ${flags.stageAge.days} days, expected ${flags.stageAge.expectedDays}.`,
    );
  }
  if (flags.singleThreaded) warnings.push(threadingWarning(flags.singleThreaded, context.contacts));
  if (flags.closeDatePassed) warnings.push(`Close date passed (${formatDate(opportunity.closeDate)}).`);
  return warnings;
}

/**
 * "Email Pricing for 250 seats from Jane Doe". The person is left out when the summary already
 * names them ("Call with Bob Stone", not "Call with Bob Stone to Bob Stone").
 */
export function activityWho(activity: Pick<ActivitySummary, 'direction' | 'who' | 'summary'>): string | null {
  if (!activity.who) return null;
  if (activity.summary.toLowerCase().includes(activity.who.toLowerCase())) return null;
  const direction =
    activity.direction === 'inbound' ? 'from' : activity.direction === 'outbound' ? 'to' : 'with';
  return `${direction} ${activity.who}`;
}
