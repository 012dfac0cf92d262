/**
 * HubSpot's documented CRM search limits: at most 5 filter groups, 6 filters in a group, 18
 * filters in all, and a request body of 3,000 characters; beyond them HubSpot answers 400.
 * Searches are packed to fit before they are built (`packSearches`), and the client checks
 * every search body once more before sending (`searchLimitProblem`), so an over-limit body is
 * a bug caught here, never a 400 from a real portal.
 */
import { CrmError } from '../../../http/errors';

export const SEARCH_LIMITS = { groups: 5, filtersPerGroup: 6, filters: 18, bodyChars: 3000 } as const;

export interface SearchFilter {
  propertyName: string;
  operator: string;
  value?: string;
  values?: string[];
}
export interface FilterGroup {
  filters: SearchFilter[];
}

function filtersOf(group: unknown): unknown[] {
  const filters = typeof group === 'object' && group !== null ? (group as { filters?: unknown }).filters : [];
  return Array.isArray(filters) ? filters : [];
}

/** What about this search body HubSpot would refuse, in words, or null when it fits. */
export function searchLimitProblem(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const size = JSON.stringify(body).length;
  if (size > SEARCH_LIMITS.bodyChars) {
    return `the body has ${size} characters (at most ${SEARCH_LIMITS.bodyChars})`;
  }
  const groups = (body as { filterGroups?: unknown }).filterGroups;
  if (!Array.isArray(groups)) return null;
  if (groups.length > SEARCH_LIMITS.groups) {
    return `it has ${groups.length} filter groups (at most ${SEARCH_LIMITS.groups})`;
  }
  let total = 0;
  for (const group of groups) {
    const count = filtersOf(group).length;
    if (count > SEARCH_LIMITS.filtersPerGroup) {
      return `a filter group has ${count} filters (at most ${SEARCH_LIMITS.filtersPerGroup})`;
    }
    total += count;
  }
  if (total > SEARCH_LIMITS.filters) return `it has ${total} filters (at most ${SEARCH_LIMITS.filters})`;
  return null;
}

/**
 * Spreads OR-ed filter groups over as few search bodies as the limits allow, in order; the
 * caller runs them all and merges the results (an OR split across requests is the same OR).
 */
export function packSearches<T>(groups: readonly FilterGroup[], bodyFor: (groups: FilterGroup[]) => T): T[] {
  const bodies: T[] = [];
  let current: FilterGroup[] = [];
  for (const group of groups) {
    if (searchLimitProblem(bodyFor([group])) !== null) {
      throw new CrmError('validation', 'HubSpot: this search is too long to send. Shorten it and try again.');
    }
    if (current.length > 0 && searchLimitProblem(bodyFor([...current, group])) !== null) {
      bodies.push(bodyFor(current));
      current = [];
    }
    current.push(group);
  }
  if (current.length > 0 || bodies.length === 0) bodies.push(bodyFor(current));
  return bodies;
}
