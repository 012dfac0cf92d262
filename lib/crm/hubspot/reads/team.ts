/**
 * The rep's team and owners' names in HubSpot. HubSpot has no manager field; its unit of sales
 * management is the team (`GET /crm/v3/owners` lists each owner's `teams`, one marked
 * `primary`). The rep's team is every owner in the rep's primary team(s), the rep first; a rep
 * alone in their team, or in none, has no team. One paged owners list (500 a page) serves both
 * the team and every name, cached for the day.
 */
import * as z from 'zod/mini';
import type { CrmCache } from '../../cache';
import type { Person, ReportPeople } from '../../report-people';
import type { HubSpotClient } from '../client';
import { Id } from '../schemas';

const DAY_MS = 24 * 60 * 60_000;
const MAX_PAGES = 20;

const Team = z.object({ id: z.string(), primary: z.catch(z.optional(z.boolean()), false) });
const RawOwner = z.looseObject({
  id: Id,
  email: z.optional(z.nullable(z.string())),
  firstName: z.optional(z.nullable(z.string())),
  lastName: z.optional(z.nullable(z.string())),
  teams: z.catch(z.optional(z.nullable(z.array(Team))), []),
});
const Page = z.looseObject({
  results: z.catch(z.array(z.unknown()), []),
  paging: z.catch(
    z.optional(z.nullable(z.looseObject({ next: z.optional(z.looseObject({ after: z.string() })) }))),
    undefined,
  ),
});

const OwnerEntry = z.object({ id: z.string(), name: z.string(), teams: z.array(Team) });
const OwnerDirectory = z.object({ owners: z.array(OwnerEntry) });
type OwnerEntry = z.infer<typeof OwnerEntry>;

function entryOf(raw: unknown): OwnerEntry | null {
  const parsed = RawOwner.safeParse(raw);
  if (!parsed.success) return null;
  const { id, email, firstName, lastName, teams } = parsed.data;
  const name = [firstName, lastName].filter((part) => part && part.trim()).join(' ');
  return { id, name: name || email || `Owner ${id}`, teams: teams ?? [] };
}

/** Pure: the owners sharing `me`'s primary team(s), `me` first; [] when there is no such team. */
export function teamOf(me: string, owners: readonly OwnerEntry[]): Person[] {
  const self = owners.find((o) => o.id === me);
  if (!self) return [];
  // An owner with teams but none marked primary: their teams, all of them.
  const marked = self.teams.filter((t) => t.primary);
  const mine = new Set((marked.length > 0 ? marked : self.teams).map((t) => t.id));
  const mates = owners
    .filter((o) => o.id !== me && o.teams.some((t) => mine.has(t.id)))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  if (mates.length === 0) return [];
  return [self, ...mates].map(({ id, name }) => ({ id, name }));
}

export function createHubSpotPeople(client: HubSpotClient, cache: CrmCache): ReportPeople {
  const key = `hubspot:${client.portalKey}:owner-directory`;

  async function directory(): Promise<OwnerEntry[]> {
    const cached = await cache.get(key, OwnerDirectory);
    if (cached) return cached.owners;
    const owners: OwnerEntry[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await client.read({
        method: 'GET',
        path: '/crm/v3/owners',
        query: { limit: '500', ...(after ? { after } : {}) },
      });
      const parsed = Page.safeParse(answer.body);
      if (!parsed.success) break;
      for (const raw of parsed.data.results) {
        const entry = entryOf(raw);
        if (entry) owners.push(entry);
      }
      after = parsed.data.paging?.next?.after;
      if (!after) break;
    }
    await cache.set(key, { owners }, DAY_MS);
    return owners;
  }

  return {
    team: async (me) => teamOf(me, await directory()),
    async names(ids) {
      const wanted = new Set(ids);
      const found: Record<string, string> = {};
      for (const owner of await directory()) if (wanted.has(owner.id)) found[owner.id] = owner.name;
      return found;
    },
  };
}
