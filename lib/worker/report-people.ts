/**
 * The reports' scope and names in the worker: the CRM team and owners' names are read at most
 * once a day (cached like the report facts) and never block a report: a failed read means no
 * CRM team and ids instead of names, with a note.
 */
import * as z from 'zod/mini';
import type { CrmCache } from '../crm/cache';
import { Person } from '../crm/report-people';
import type { CrmAdapter } from '../crm/adapter';
import { chooseTeam, type TeamSource } from '../reports/team';

const DAY_CACHE_MS = 24 * 3_600_000;
const CachedTeam = z.object({ team: z.array(Person) });
const CachedNames = z.object({ names: z.record(z.string(), z.string()) });

export interface PeopleDeps {
  adapter: CrmAdapter;
  cache: CrmCache;
  ownerId: string;
  /** The day's cache key for a scope (lib/worker/my-day.ts). */
  cacheKey: (scope: string) => string;
}

async function cached<T>(
  deps: PeopleDeps,
  scope: string,
  schema: z.ZodMiniType<T>,
  read: () => Promise<T>,
): Promise<T> {
  const key = deps.cacheKey(scope);
  const hit = await deps.cache.get(key, schema);
  if (hit) return hit;
  const value = await read();
  await deps.cache.set(key, value, DAY_CACHE_MS);
  return value;
}

export async function reportScope(
  deps: PeopleDeps,
  policyTeam: readonly string[],
): Promise<{ owners: string[]; source: TeamSource; notes: string[] }> {
  const people = deps.adapter.reportPeople;
  const notes: string[] = [];
  let crmTeam: Person[] = [];
  if (policyTeam.length === 0 && people) {
    try {
      crmTeam = (
        await cached(deps, `team-of-${deps.ownerId}`, CachedTeam, async () => ({
          team: await people.team(deps.ownerId),
        }))
      ).team;
    } catch {
      notes.push('Your team could not be read from the CRM; showing your own figures.');
    }
  }
  return { ...chooseTeam({ policyTeam, crmTeam, me: deps.ownerId }), notes };
}

/** Owners' names for display, or {} when the CRM cannot tell (ids are shown instead). */
export async function ownerNames(
  deps: PeopleDeps,
  owners: readonly string[],
): Promise<Record<string, string>> {
  const people = deps.adapter.reportPeople;
  if (!people || owners.length === 0) return {};
  const ids = [...new Set(owners)].sort();
  try {
    return (
      await cached(deps, `names-${ids.join(',')}`, CachedNames, async () => ({
        names: await people.names(ids),
      }))
    ).names;
  } catch {
    return {};
  }
}
