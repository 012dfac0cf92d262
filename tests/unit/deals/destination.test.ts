import { describe, expect, it } from 'vitest';
import type { CrmPerson } from '@/lib/domain/types';
import type { ReadyDealView } from '@/lib/deals/view';
import { destinationName, noDealDestination } from '@/lib/panel/destination';

const acme = { id: 'a1', name: 'Acme', domain: 'acme.com' };
const globex = { id: 'a2', name: 'Globex', domain: 'globex.com' };
const person = (id: string, accountId: string | null, kind: CrmPerson['kind'] = 'contact'): CrmPerson => ({
  id,
  kind,
  email: `${id}@example.com`,
  name: `Person ${id}`,
  accountId,
});
const view = (people: CrmPerson[], accounts = [acme, globex]): ReadyDealView => ({
  state: 'ready',
  provider: 'hubspot',
  interactionKey: 'k',
  sourceId: 'm1',
  result: { decision: 'none', opportunityId: null, skipReason: null, candidates: [] },
  selectedOpportunityId: null,
  opportunities: [],
  accounts,
  people,
  contexts: [],
  notes: [],
  crmUserId: 'u1',
  fetchedAt: '2026-11-20T12:00:00.000Z',
});

describe('where a log goes when no open deal fits', () => {
  it('is the account of the first contact that has a known one', () => {
    const destination = noDealDestination(view([person('c1', null), person('c2', 'a2')]));
    expect(destination).toEqual({ kind: 'account', account: globex });
    expect(destinationName(destination!)).toBe('Globex (account)');
  });

  it('is the first contact when no contact has a known account', () => {
    const destination = noDealDestination(view([person('l1', 'a1', 'lead'), person('c1', 'a9')], []));
    expect(destination).toEqual({ kind: 'contact', person: person('c1', 'a9') });
    expect(destinationName(destination!)).toBe('Person c1 (contact)');
  });

  it('is an account known only by the email domain when nobody is a contact', () => {
    expect(noDealDestination(view([], [acme]))).toEqual({ kind: 'account', account: acme });
  });

  it('is nowhere when neither the people nor their company are in the CRM', () => {
    expect(noDealDestination(view([], []))).toBeNull();
    expect(noDealDestination(view([person('l1', null, 'lead')], []))).toBeNull();
  });
});
