/** The Salesforce User behind an email address (the rep), cached like other metadata. */
import * as z from 'zod/mini';
import type { CrmCache } from '../../cache';
import { Owner } from '../../../domain/types';
import type { SalesforceClient } from '../client';
import { UserRow, parseEach } from '../schemas';
import { quote } from '../client/soql';

const TTL_MS = 6 * 60 * 60_000;
const Cached = z.object({ owner: z.nullable(Owner) });

export async function ownerByEmail(
  deps: { client: SalesforceClient; cache: CrmCache; cachePrefix: string; userId: string | null },
  email: string,
): Promise<Owner | null> {
  const wanted = email.trim().toLowerCase();
  if (!wanted.includes('@')) return null;
  const key = `${deps.cachePrefix}:owner:${wanted}`;
  const cached = await deps.cache.get(key, Cached);
  if (cached) return cached.owner;
  const records = await deps.client.query(
    `SELECT Id, Name, Email FROM User WHERE Email = ${quote(wanted)} AND IsActive = true ORDER BY CreatedDate ASC LIMIT 5`,
    'essential',
  );
  const users = parseEach(UserRow, records).rows;
  // Shared mailboxes can sit on several users; the signed-in rep wins.
  const user = users.find((u) => u.Id === deps.userId) ?? users[0];
  const owner = user
    ? { id: user.Id, name: user.Name ?? wanted, email: (user.Email ?? wanted).toLowerCase() }
    : null;
  await deps.cache.set(key, { owner }, TTL_MS);
  return owner;
}
