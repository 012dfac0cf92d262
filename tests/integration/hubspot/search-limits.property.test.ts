/**
 * HubSpot refuses a search with more than 5 filter groups, 6 filters in a group, 18 filters in
 * all or a body over 3,000 characters (400 VALIDATION_ERROR); the fake CRM enforces the same.
 * "Change deal" with several accounts and a few words once built 30 filters. For any query and
 * any accounts, every search the adapter sends must be accepted, and splitting a search must
 * not change what the rep finds.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEAL_PROPERTIES } from '../../../lib/crm/hubspot/map/deals';
import { searchLimitProblem } from '../../../lib/crm/hubspot/client/search-limits';
import { associatedIds } from '../../support/fake-crm/hubspot/associations';
import type { FakeCrm } from '../../support/fake-crm';
import { call } from '../fake-crm/helpers';
import { harness, startCrm, type Harness } from './helpers';

let crm: FakeCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.close());
beforeEach(() => {
  crm.reset();
  // The filter limits are under test here, not the 5-per-second search rate.
  crm.store.settings.hubspotSearchLimit = false;
});

const searches = (h: Harness) => h.calls.filter((c) => c.path.endsWith('/search'));

/** What the rep should find, straight from the fake's records (its CONTAINS_TOKEN is a substring match). */
function expectedDeals(query: string, accountIds: string[]): string[] {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 4)
    .map((word) => [...word].slice(0, 32).join(''));
  const accounts = [...new Set(accountIds)].slice(0, 5);
  const hubspot = crm.store.hubspot;
  return hubspot.deals
    .filter((deal) => {
      if (deal.archived || deal.properties.hs_is_closed === 'true') return false;
      const name = (deal.properties.dealname ?? '').toLowerCase();
      if (!words.every((word) => name.includes(word))) return false;
      if (accounts.length === 0) return true;
      const companies = associatedIds(hubspot, 'deals', deal.id, 'companies');
      return accounts.some((id) => companies.includes(id));
    })
    .map((deal) => deal.id)
    .sort();
}

const word = fc.oneof(
  fc.constantFrom('acme', 'platform', 'pilot', 'globex', 'expansion', 'renewal', 'initech', 'a'),
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.stringMatching(/^[a-zà-ÿ]{30,90}$/),
);
const query = fc
  .tuple(fc.array(word, { maxLength: 9 }), fc.constantFrom(' ', '  ', ', ', ' - ', '/'))
  .map(([words, separator]) => words.join(separator));

describe('HubSpot deal search stays within the search limits', () => {
  it('the fake refuses what the adapter used to send: 5 accounts × (4 words + 2) = 30 filters', async () => {
    const { accessToken } = crm.issueToken('hubspot');
    const words = ['a', 'b', 'c', 'd'].map((w) => ({
      propertyName: 'dealname',
      operator: 'CONTAINS_TOKEN',
      value: `*${w}*`,
    }));
    const body = {
      filterGroups: ['1', '2', '3', '4', '5'].map((id) => ({
        filters: [
          ...words,
          { propertyName: 'hs_is_closed', operator: 'EQ', value: 'false' },
          { propertyName: 'associations.company', operator: 'EQ', value: id },
        ],
      })),
      properties: DEAL_PROPERTIES,
      limit: 20,
      after: '0',
    };
    const refused = await call(crm, 'POST', '/crm/v3/objects/deals/search', {
      token: accessToken,
      json: body,
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      category: 'VALIDATION_ERROR',
      message: expect.stringMatching(/18/),
    });
    expect(searchLimitProblem(body)).toMatch(/30 filters/);
  });

  it('splits 5 accounts and 4 words into searches the fake accepts, and still finds the deal', async () => {
    const ids = crm.store.bookIds.hubspot;
    const h = harness(crm);
    const accounts = [ids.a2!, ids.a3!, ids.a4!, ids.a5!, ids.a1!];
    const found = await h.adapter.searchOpportunities({ query: 'acme platform a m', accountIds: accounts });
    expect(found.map((o) => o.id)).toEqual([ids.o1]);
    expect(searches(h).map((c) => c.status)).toEqual([200, 200]);
    expect(searches(h).map((c) => (c.body as { filterGroups: unknown[] }).filterGroups.length)).toEqual([
      3, 2,
    ]);
  });

  it('for any query and any accounts: every search is accepted and finds what one unlimited search would', async () => {
    const ids = crm.store.bookIds.hubspot;
    const companies = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((key) => ids[key]!);
    const accountIds = fc.array(
      fc.oneof(fc.constantFrom(...companies), fc.stringMatching(/^[1-9][0-9]{0,11}$/)),
      { maxLength: 12 },
    );
    const h = harness(crm);
    let splitSearches = 0;
    await fc.assert(
      fc.asyncProperty(query, accountIds, async (q, accounts) => {
        h.resetLog();
        const found = await h.adapter.searchOpportunities({ query: q, accountIds: accounts });
        for (const search of searches(h)) {
          expect(search.status, JSON.stringify(search.body)).toBe(200);
          expect(searchLimitProblem(search.body)).toBeNull();
        }
        if (searches(h).length > 1) splitSearches++;
        if (searches(h).length > 0) expect(found.map((o) => o.id).sort()).toEqual(expectedDeals(q, accounts));
      }),
      { numRuns: 80 },
    );
    // The inputs did reach the limits: some searches had to be split.
    expect(splitSearches).toBeGreaterThan(0);
  });

  it('for any set of unknown domains: every company search is accepted', async () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9-]{20,60}[a-z0-9]$/);
    const domain = fc.oneof(
      fc.domain(),
      fc.array(label, { minLength: 2, maxLength: 4 }).map((labels) => labels.join('.')),
    );
    const h = harness(crm);
    let splitSearches = 0;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(domain, { maxLength: 80, size: 'max' }), async (domains) => {
        h.resetLog();
        await h.adapter.matchData({ emails: [], domains });
        if (searches(h).filter((c) => c.path.includes('/companies/')).length > 1) splitSearches++;
        for (const search of searches(h)) {
          expect(search.status, JSON.stringify(search.body)).toBe(200);
          expect(searchLimitProblem(search.body)).toBeNull();
        }
      }),
      { numRuns: 40 },
    );
    expect(splitSearches).toBeGreaterThan(0);
  });
});
