/**
 * Searches used only when a participant's domain has no known contact: the company by domain,
 * then that company's open deals. Search is limited to 5 requests per second per portal (shared
 * with every other app), so matchData calls these only when batch reads cannot answer.
 */
import type { HubSpotClient } from '../client';
import { DEAL_PROPERTIES } from '../map/deals';
import { OBJECTS, type ObjectRead } from './objects';
import { parseObjects, type HsObject } from '../schemas';
import { searchLimitProblem } from '../client/search-limits';

export const COMPANY_PROPERTIES = ['name', 'domain'];
const MAX_DOMAINS = 50;

function companySearchBody(domains: string[]) {
  return {
    // IN values must be lower case.
    filterGroups: [{ filters: [{ propertyName: 'domain', operator: 'IN', values: domains }] }],
    properties: COMPANY_PROPERTIES,
    limit: 20,
    after: '0',
    sorts: [],
  };
}

/**
 * Company searches for these domains: one IN filter, split over several searches when the
 * domains would not fit HubSpot's 3,000-character body (long domains, many of them).
 */
export function companySearchBodies(domains: string[]) {
  const bodies: ReturnType<typeof companySearchBody>[] = [];
  let current: string[] = [];
  for (const domain of [...new Set(domains.map((d) => d.toLowerCase()))].slice(0, MAX_DOMAINS)) {
    if (searchLimitProblem(companySearchBody([domain])) !== null) continue;
    if (current.length > 0 && searchLimitProblem(companySearchBody([...current, domain])) !== null) {
      bodies.push(companySearchBody(current));
      current = [];
    }
    current.push(domain);
  }
  if (current.length > 0) bodies.push(companySearchBody(current));
  return bodies;
}

export async function searchCompanies(client: HubSpotClient, domains: string[]): Promise<ObjectRead> {
  const answers = await Promise.all(
    companySearchBodies(domains).map((body) =>
      client.read({ method: 'POST', path: `${OBJECTS}/companies/search`, body }, { search: true }),
    ),
  );
  const byId = new Map<string, HsObject>();
  let dropped = 0;
  for (const answer of answers) {
    const read = parseObjects(answer.body);
    dropped += read.dropped;
    for (const company of read.objects) if (!byId.has(company.id)) byId.set(company.id, company);
  }
  return { objects: [...byId.values()], dropped };
}

/** Open deals of one company, for companies found only by domain (no contact to start from). */
export async function searchOpenDealsOfCompany(
  client: HubSpotClient,
  companyId: string,
): Promise<ObjectRead> {
  const answer = await client.read(
    {
      method: 'POST',
      path: `${OBJECTS}/deals/search`,
      body: {
        filterGroups: [
          {
            filters: [
              { propertyName: 'associations.company', operator: 'EQ', value: companyId },
              { propertyName: 'hs_is_closed', operator: 'EQ', value: 'false' },
            ],
          },
        ],
        properties: DEAL_PROPERTIES,
        sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'DESCENDING' }],
        limit: 20,
        after: '0',
      },
    },
    { search: true },
  );
  return parseObjects(answer.body);
}
