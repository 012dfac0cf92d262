/** Turns what an adapter read into the matcher's snapshot (DESIGN.md `match` contract). */
import type { MatchData, Opportunity } from '../domain/types';
import type { CrmSnapshot } from '../match/schema';
import { readConversation, resolvePolicy } from '../match/participants';
import type { MatchScenario } from '../match/schema';

export function toSnapshot(data: Pick<MatchData, 'people' | 'accounts' | 'opportunities'>): CrmSnapshot {
  return {
    // Salesforce Leads count as known people: mail from them is never "unknown personal".
    contacts: data.people.map((p) => ({ id: p.id, email: p.email, name: p.name, accountId: p.accountId })),
    accounts: data.accounts.map((a) => ({ id: a.id, name: a.name, domain: a.domain })),
    opportunities: data.opportunities.map(toSnapshotOpportunity),
  };
}

export function toSnapshotOpportunity(o: Opportunity): CrmSnapshot['opportunities'][number] {
  return {
    id: o.id,
    name: o.name,
    accountId: o.accountId,
    stage: o.stage.label,
    isClosed: o.isClosed || o.stage.isClosed,
    ownerId: o.ownerId,
    amount: o.amount,
    closeDate: o.closeDate,
    lastActivityAt: o.lastActivityAt,
    contactIds: o.contactIds,
  };
}

/** The addresses and company domains to look up: external people only, never per person calls. */
export function lookupTargets(scenario: MatchScenario): { emails: string[]; domains: string[] } {
  const policy = resolvePolicy(scenario);
  const { external } = readConversation(scenario.interaction, policy);
  const emails = new Set<string>();
  const domains = new Set<string>();
  for (const person of external) {
    emails.add(person.address);
    emails.add(person.key);
    if (!policy.personalDomains.has(person.domain)) domains.add(person.domain);
  }
  return { emails: [...emails], domains: [...domains] };
}
