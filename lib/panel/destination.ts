/**
 * Where a log goes: the opportunity the rep confirmed, or, when no open opportunity fits (the
 * `none` decision), the account or contact the thread's people are known as.
 */
import type { CrmAccount, CrmPerson, Opportunity, Target } from '../domain/types';
import type { ReadyDealView } from '../deals/view';

export type Destination =
  | { kind: 'opportunity'; opportunity: Opportunity }
  | { kind: 'account'; account: CrmAccount }
  | { kind: 'contact'; person: CrmPerson };

/** "Acme — Platform", "Acme (account)", "Jane Doe (contact)": what the panel calls it. */
export function destinationName(destination: Destination): string {
  switch (destination.kind) {
    case 'opportunity':
      return destination.opportunity.name;
    case 'account':
      return `${destination.account.name} (account)`;
    case 'contact':
      return `${destination.person.name || destination.person.email} (contact)`;
  }
}

/**
 * With no open deal: the account of the first known contact that has one, else the first
 * contact, else an account known only by the thread's email domains; null when nobody here
 * is in the CRM.
 */
export function noDealDestination(view: ReadyDealView): Destination | null {
  const contacts = view.people.filter((p) => p.kind === 'contact');
  for (const person of contacts) {
    const account = view.accounts.find((a) => a.id === person.accountId);
    if (account) return { kind: 'account', account };
  }
  const [person] = contacts;
  if (person) return { kind: 'contact', person };
  const [account] = view.accounts;
  return account ? { kind: 'account', account } : null;
}

/**
 * What the writes attach to. The thread's contacts always come along; for a contact
 * destination that contact is first, because the first contact is what the write is filed
 * under (`destinationKey`) and, on Salesforce, its Who.
 */
export function targetFor(view: ReadyDealView, destination: Destination): Target {
  const contactIds = view.people.filter((p) => p.kind === 'contact').map((p) => p.id);
  const base = {
    leadIds: view.people.filter((p) => p.kind === 'lead').map((p) => p.id),
    ownerId: view.crmUserId,
  };
  switch (destination.kind) {
    case 'opportunity':
      return {
        ...base,
        opportunityId: destination.opportunity.id,
        accountId: destination.opportunity.accountId,
        contactIds,
      };
    case 'account':
      return { ...base, opportunityId: null, accountId: destination.account.id, contactIds };
    case 'contact': {
      const id = destination.person.id;
      return {
        ...base,
        opportunityId: null,
        accountId: null,
        contactIds: [id, ...contactIds.filter((c) => c !== id)],
      };
    }
  }
}
