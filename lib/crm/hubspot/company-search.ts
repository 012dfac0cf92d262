/**
 * Searches used only when a participant's domain has no known contact: the company by domain,
 * then that company's open deals. Search is limited to 5 requests per second per portal (shared
 * with every other app), so matchData calls these only when batch reads cannot answer.
 */
import type { HubSpotClient } from './client';
import { DEAL_PROPERTIES } from './deals';
import { OBJECTS, type ObjectRead } from './reads';
import { parseObjects } from './schemas';

export const COMPANY_PROPERTIES = ['name', 'domain'];

export async function searchCompanies(client: HubSpotClient, domains: string[]): Promise<ObjectRead> {
  const answer = await client.read(
    {
      method: 'POST',
      path: `${OBJECTS}/companies/search`,
      body: {
        // IN values must be lower case; the 3,000-character body limit allows ~50 domains.
        filterGroups: [
          { filters: [{ propertyName: 'domain', operator: 'IN', values: domains.slice(0, 50) }] },
        ],
        properties: COMPANY_PROPERTIES,
        limit: 20,
        after: '0',
        sorts: [],
      },
    },
    { search: true },
  );
  return parseObjects(answer.body);
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
