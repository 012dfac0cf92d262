/**
 * The company a deal belongs to. The match read knows the companies of the thread's people;
 * a contact's open deal at another company has its company only in the deal's context. Both
 * the card (the company's name, not "Deal") and the log (linked to that company) use it.
 */
import type { CrmAccount, Opportunity, OpportunityContext } from '../domain/types';
import type { ReadyDealView } from '../deals/view';

export function dealAccount(
  view: Pick<ReadyDealView, 'accounts'>,
  opportunity: Opportunity,
  context: OpportunityContext | undefined,
): CrmAccount | undefined {
  const accountId = opportunity.accountId ?? context?.opportunity.accountId ?? null;
  const known = view.accounts.find((a) => a.id === accountId);
  if (known) return known;
  if (accountId && context?.accountName && context.opportunity.id === opportunity.id) {
    return { id: accountId, name: context.accountName, domain: null };
  }
  return undefined;
}

/** The deal with its company filled in from the context when the match read did not know it. */
export function withDealAccount(
  opportunity: Opportunity,
  context: OpportunityContext | undefined,
): Opportunity {
  if (opportunity.accountId || !context || context.opportunity.id !== opportunity.id) return opportunity;
  return context.opportunity.accountId
    ? { ...opportunity, accountId: context.opportunity.accountId }
    : opportunity;
}
