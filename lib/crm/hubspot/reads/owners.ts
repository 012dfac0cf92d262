/**
 * HubSpot owners (the users deals and activities are assigned to), by email for the signed-in
 * rep and by id for names on deals and tasks. Cached: owners change rarely.
 */
import * as z from 'zod/mini';
import type { CrmCache } from '../../cache';
import { CrmError } from '../../../http/errors';
import { Owner } from '../../../domain/types';
import type { HubSpotClient } from '../client';
import { Id } from '../schemas';

const OWNER_TTL_MS = 24 * 60 * 60_000;

const OwnerSchema = z.looseObject({
  id: Id,
  email: z.optional(z.nullable(z.string())),
  firstName: z.optional(z.nullable(z.string())),
  lastName: z.optional(z.nullable(z.string())),
});
const OwnerList = z.looseObject({ results: z.optional(z.nullable(z.array(z.unknown()))) });

function toOwner(raw: unknown): Owner | null {
  const parsed = OwnerSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { id, email, firstName, lastName } = parsed.data;
  const name = [firstName, lastName].filter((part) => part && part.trim()).join(' ');
  return { id, email: email ?? '', name: name || email || `Owner ${id}` };
}

export function createOwners(client: HubSpotClient, cache: CrmCache) {
  const key = (kind: string, value: string) => `hubspot:${client.portalKey}:owner:${kind}:${value}`;

  async function remember(owner: Owner): Promise<Owner> {
    await cache.set(key('id', owner.id), owner, OWNER_TTL_MS);
    if (owner.email) await cache.set(key('email', owner.email.toLowerCase()), owner, OWNER_TTL_MS);
    return owner;
  }

  return {
    async byEmail(email: string): Promise<Owner | null> {
      const wanted = email.trim().toLowerCase();
      if (!wanted) return null;
      const cached = await cache.get(key('email', wanted), Owner);
      if (cached) return cached;
      const answer = await client.read({
        method: 'GET',
        path: '/crm/v3/owners',
        query: { email: wanted, limit: '1' },
      });
      const list = OwnerList.safeParse(answer.body);
      const owner = list.success ? toOwner(list.data.results?.[0]) : null;
      return owner ? remember(owner) : null;
    },

    async byId(id: string): Promise<Owner | null> {
      const cached = await cache.get(key('id', id), Owner);
      if (cached) return cached;
      try {
        const answer = await client.read({ method: 'GET', path: `/crm/v3/owners/${encodeURIComponent(id)}` });
        const owner = toOwner(answer.body);
        return owner ? remember(owner) : null;
      } catch (error) {
        // Deactivated users keep their deals but may no longer be listed as owners.
        if (error instanceof CrmError && error.kind === 'notFound') return null;
        throw error;
      }
    },
  };
}
export type Owners = ReturnType<typeof createOwners>;
