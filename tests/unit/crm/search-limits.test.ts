import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dealSearchBodies } from '../../../lib/crm/hubspot/reads/search';
import {
  packSearches,
  searchLimitProblem,
  SEARCH_LIMITS,
  type FilterGroup,
} from '../../../lib/crm/hubspot/client/search-limits';

const filter = fc.record({
  propertyName: fc.constantFrom('dealname', 'hs_is_closed', 'associations.company', 'domain'),
  operator: fc.constantFrom('EQ', 'CONTAINS_TOKEN', 'IN'),
  value: fc.string({ maxLength: 40 }),
});
const group = fc.array(filter, { minLength: 1, maxLength: SEARCH_LIMITS.filtersPerGroup }).map((filters) => ({
  filters,
}));
const bodyFor = (filterGroups: FilterGroup[]) => ({ filterGroups, properties: ['dealname'], limit: 20 });

describe('packing OR-ed filter groups into HubSpot searches', () => {
  it('every packed body fits, and together they hold every group once, in order', () => {
    fc.assert(
      fc.property(fc.array(group, { maxLength: 20 }), (groups) => {
        const bodies = packSearches(groups, bodyFor);
        for (const body of bodies) expect(searchLimitProblem(body)).toBeNull();
        expect(bodies.flatMap((b) => b.filterGroups)).toEqual(groups);
      }),
    );
  });

  it('names what is over the limit', () => {
    const six = {
      filters: Array.from({ length: 6 }, () => ({ propertyName: 'a', operator: 'EQ', value: 'x' })),
    };
    expect(searchLimitProblem({ filterGroups: [six, six, six, six] })).toBe('it has 24 filters (at most 18)');
    expect(searchLimitProblem({ filterGroups: Array.from({ length: 6 }, () => ({ filters: [] })) })).toBe(
      'it has 6 filter groups (at most 5)',
    );
    expect(searchLimitProblem({ filterGroups: [{ filters: [...six.filters, ...six.filters] }] })).toBe(
      'a filter group has 12 filters (at most 6)',
    );
    expect(searchLimitProblem({ query: 'x'.repeat(3000) })).toMatch(/^the body has 3012 characters/);
  });

  it('"Change deal" with 5 accounts and 4 words: two searches of 3 and 2 accounts', () => {
    const bodies = dealSearchBodies('acme platform rollout pricing extra words', [
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
    expect(bodies.map((b) => b.filterGroups.length)).toEqual([3, 2]);
    expect(bodies.map((b) => b.filterGroups.flatMap((g) => g.filters).length)).toEqual([18, 12]);
  });
});
