/**
 * What is wrong with a deal, in words a rep uses: the brief's warnings, built from its flags.
 * Shared by the panel's brief and My day's meetings (the worker words them once for both).
 */
import type { OpportunityContext } from '../domain/types';
import { formatDate } from '../format';
import type { DealFlags } from './flags';

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
