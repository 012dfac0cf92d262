/**
 * Lookup tables over a CRM snapshot, so matching costs O(participants + their deals) instead of
 * scanning every opportunity and contact per participant. Closed opportunities are left out here,
 * which is what keeps them from ever becoming candidates.
 */
import { normalizeDomain, normalizeEmail } from './address';
import type { Account, Contact, CrmSnapshot, Opportunity } from './schema';

export interface CrmIndex {
  readonly contactsByEmail: ReadonlyMap<string, readonly Contact[]>;
  readonly accountsById: ReadonlyMap<string, Account>;
  readonly accountsByDomain: ReadonlyMap<string, readonly Account[]>;
  readonly openById: ReadonlyMap<string, Opportunity>;
  readonly openByContactId: ReadonlyMap<string, readonly Opportunity[]>;
  readonly openByAccountId: ReadonlyMap<string, readonly Opportunity[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

export function buildCrmIndex(crm: CrmSnapshot): CrmIndex {
  // Several CRM contacts can share an address (duplicates, partner contacts): keep them all.
  const contactsByEmail = new Map<string, Contact[]>();
  for (const contact of crm.contacts) {
    if (contact.email) push(contactsByEmail, normalizeEmail(contact.email), contact);
  }

  const accountsById = new Map<string, Account>();
  const accountsByDomain = new Map<string, Account[]>();
  for (const account of crm.accounts) {
    accountsById.set(account.id, account);
    const domain = account.domain ? normalizeDomain(account.domain) : '';
    if (domain !== '') push(accountsByDomain, domain, account);
  }

  const openById = new Map<string, Opportunity>();
  const openByContactId = new Map<string, Opportunity[]>();
  const openByAccountId = new Map<string, Opportunity[]>();
  for (const opportunity of crm.opportunities) {
    if (opportunity.isClosed) continue;
    openById.set(opportunity.id, opportunity);
    for (const contactId of new Set(opportunity.contactIds)) push(openByContactId, contactId, opportunity);
    if (opportunity.accountId) push(openByAccountId, opportunity.accountId, opportunity);
  }

  return { contactsByEmail, accountsById, accountsByDomain, openById, openByContactId, openByAccountId };
}
