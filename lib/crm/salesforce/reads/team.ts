/**
 * The rep's team and owners' names in Salesforce: a manager's team is the active users whose
 * `User.ManagerId` is them (the standard user hierarchy), names are `User.Name`.
 */
import * as z from 'zod/mini';
import type { Person, ReportPeople } from '../../report-people';
import type { SalesforceClient } from '../client';
import { parseEach } from '../schemas';
import { IN_CHUNK, inList, quote } from '../client/soql';
import { isSalesforceId } from '../map/values';

const UserName = z.object({ Id: z.string(), Name: z.catch(z.nullable(z.string()), null) });

export function createSalesforcePeople(client: SalesforceClient): ReportPeople {
  async function names(ids: readonly string[]): Promise<Record<string, string>> {
    const wanted = [...new Set(ids)].filter(isSalesforceId);
    const found: Record<string, string> = {};
    for (let i = 0; i < wanted.length; i += IN_CHUNK) {
      const chunk = wanted.slice(i, i + IN_CHUNK);
      const records = await client.query(
        `SELECT Id, Name FROM User WHERE Id IN ${inList(chunk)}`,
        'optional',
      );
      for (const user of parseEach(UserName, records).rows) if (user.Name) found[user.Id] = user.Name;
    }
    return found;
  }

  return {
    names,
    async team(me) {
      if (!isSalesforceId(me)) return [];
      const records = await client.query(
        `SELECT Id, Name FROM User WHERE ManagerId = ${quote(me)} AND IsActive = true ORDER BY Name`,
        'essential',
      );
      const reports: Person[] = parseEach(UserName, records).rows.map((u) => ({
        id: u.Id,
        name: u.Name ?? u.Id,
      }));
      if (reports.length === 0) return [];
      const own = await names([me]);
      return [{ id: me, name: own[me] ?? me }, ...reports];
    },
  };
}
