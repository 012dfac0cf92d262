/**
 * Which open opportunities the outside participants point at, and how strongly each person is
 * tied to each deal. Three ties, strongest first: the person is a contact on the deal; the person
 * is a contact at the deal's account; the person's email domain is the account's domain.
 */
import { domainAndParents, inDomainSet } from './address';
import type { CrmIndex } from './crm-index';
import type { Participant, Policy } from './participants';
import type { Account, Contact, Opportunity } from './schema';

export type Tie =
  | { readonly kind: 'contact-on-deal'; readonly contact: Contact }
  | { readonly kind: 'contact-at-account'; readonly account: Account }
  | { readonly kind: 'domain'; readonly domain: string };

const STRENGTH: Record<Tie['kind'], number> = { 'contact-on-deal': 3, 'contact-at-account': 2, domain: 1 };

export interface Evidence {
  readonly opportunity: Opportunity;
  /** Participant key → that person's strongest tie to this deal. */
  readonly ties: Map<string, { readonly participant: Participant; readonly tie: Tie }>;
  fromHistory: boolean;
}

function tieTo(
  found: Map<string, Evidence>,
  opportunity: Opportunity,
  participant: Participant,
  tie: Tie,
): void {
  let evidence = found.get(opportunity.id);
  if (evidence === undefined) {
    evidence = { opportunity, ties: new Map(), fromHistory: false };
    found.set(opportunity.id, evidence);
  }
  const current = evidence.ties.get(participant.key);
  if (current === undefined || STRENGTH[tie.kind] > STRENGTH[current.tie.kind]) {
    evidence.ties.set(participant.key, { participant, tie });
  }
}

export function findCandidates(
  external: readonly Participant[],
  index: CrmIndex,
  policy: Policy,
  rememberedOpportunityId: string | undefined,
): Map<string, Evidence> {
  const found = new Map<string, Evidence>();
  for (const participant of external) {
    for (const contact of index.contactsByEmail.get(participant.key) ?? []) {
      for (const opportunity of index.openByContactId.get(contact.id) ?? []) {
        tieTo(found, opportunity, participant, { kind: 'contact-on-deal', contact });
      }
      const account = contact.accountId ? index.accountsById.get(contact.accountId) : undefined;
      if (account === undefined) continue;
      for (const opportunity of index.openByAccountId.get(account.id) ?? []) {
        tieTo(found, opportunity, participant, { kind: 'contact-at-account', account });
      }
    }
    // A free-mail domain says nothing about the employer; such people match only as contacts.
    if (inDomainSet(participant.domain, policy.personalDomains)) continue;
    for (const domain of domainAndParents(participant.domain)) {
      for (const account of index.accountsByDomain.get(domain) ?? []) {
        for (const opportunity of index.openByAccountId.get(account.id) ?? []) {
          tieTo(found, opportunity, participant, { kind: 'domain', domain });
        }
      }
    }
  }

  // History only counts while its deal is still open; a closed or unknown id is not in the index.
  const remembered = rememberedOpportunityId ? index.openById.get(rememberedOpportunityId) : undefined;
  if (remembered !== undefined) {
    const evidence = found.get(remembered.id) ?? {
      opportunity: remembered,
      ties: new Map(),
      fromHistory: false,
    };
    evidence.fromHistory = true;
    found.set(remembered.id, evidence);
  }
  return found;
}
