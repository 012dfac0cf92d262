import { describe, expect, it } from 'vitest';
import { dealAccount, withDealAccount } from '@/lib/panel/deal-account';
import { targetFor } from '@/lib/panel/destination';
import { context, DEAL, VIEW } from '../components/fixtures';

// Jane (at Acme) is also on an open deal of Globex: the match read knows Acme only.
const elsewhere = { ...DEAL, id: 'o9', name: 'Globex — Pilot', accountId: null };
const brief = context({ opportunity: { ...elsewhere, accountId: 'a2' }, accountName: 'Globex' });

describe('the company of a contact’s deal at another company', () => {
  it('is named from the deal’s brief', () => {
    expect(dealAccount(VIEW, elsewhere, brief)).toEqual({ id: 'a2', name: 'Globex', domain: null });
    expect(dealAccount(VIEW, elsewhere, undefined)).toBeUndefined();
    expect(dealAccount(VIEW, DEAL, undefined)?.name).toBe('Acme');
  });

  it('is where the log is linked, beside the deal', () => {
    const opportunity = withDealAccount(elsewhere, brief);
    expect(targetFor(VIEW, { kind: 'opportunity', opportunity })).toMatchObject({
      opportunityId: 'o9',
      accountId: 'a2',
    });
    // Another deal's brief never lends its company.
    expect(withDealAccount(elsewhere, context()).accountId).toBeNull();
  });
});
