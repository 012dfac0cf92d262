/**
 * Who signed in to HubSpot: portal (hub) id, user id, email, and the owner id activities are
 * assigned to. HubSpot retires its OAuth v1 token-info endpoint on 2027-02-16, so this uses
 * only v3 answers: the token answer itself (`hub_id`, `user_id`), token introspection (through
 * the token exchange, which holds the secret it needs), then the owners API by user id or email,
 * and the account details when no answer carried the portal id.
 *
 * Introspection is documented both as `{active}` alone and with the full metadata (`hub_id`,
 * `user_id`, `user` = email, `signed_access_token.{hubId,userId}`): every shape is accepted and
 * each missing piece is looked for elsewhere. When the owner still cannot be found, `problem`
 * says why in words; the owner id never quietly becomes null.
 */
import * as z from 'zod/mini';
import { CrmError } from '../http/errors';
import { HUBSPOT_API_BASE_URL } from '../http/hubspot';
import { readHubSpotError } from '../http/hubspot';
import { request } from '../http/request';

const IdLike = z.optional(z.nullable(z.union([z.number(), z.string()])));

const Introspection = z.looseObject({
  active: z.optional(z.nullable(z.boolean())),
  hub_id: IdLike,
  user_id: IdLike,
  user: z.optional(z.nullable(z.string())),
  signed_access_token: z.optional(z.nullable(z.looseObject({ hubId: IdLike, userId: IdLike }))),
});

const Owner = z.looseObject({
  id: z.union([z.string(), z.number()]),
  email: z.optional(z.nullable(z.string())),
  firstName: z.optional(z.nullable(z.string())),
  lastName: z.optional(z.nullable(z.string())),
});
const OwnerList = z.looseObject({ results: z.optional(z.nullable(z.array(z.unknown()))) });
const AccountDetails = z.looseObject({ portalId: IdLike });

export interface HubSpotIdentity {
  email: string | null;
  hubId: string | null;
  ownerId: string | null;
  name: string | null;
  /** Why the owner could not be learned, for the rep; null when it was. */
  problem: string | null;
}

export interface IdentityDeps {
  accessToken: string;
  /** What the token answer already said. */
  fromToken: { hubId: string | null; userId: string | null };
  /** The token exchange's `action=introspect` answer (throws a CrmError when refused). */
  introspect(): Promise<unknown>;
  fetch: typeof fetch;
}

export function idText(value: number | string | null | undefined): string | null {
  return value === null || value === undefined || String(value).trim() === '' ? null : String(value);
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message.replace(/^HubSpot:\s*/, '') : String(error);
}

async function get(deps: IdentityDeps, path: string, query: Record<string, string> = {}) {
  const search = new URLSearchParams(query).toString();
  const answer = await request(
    deps.fetch,
    {
      method: 'GET',
      url: `${HUBSPOT_API_BASE_URL}${path}${search ? `?${search}` : ''}`,
      headers: { authorization: `Bearer ${deps.accessToken}` },
    },
    readHubSpotError,
    'HubSpot',
  );
  return answer.body;
}

function toOwner(raw: unknown) {
  const parsed = Owner.safeParse(raw);
  if (!parsed.success) return null;
  const { id, email, firstName, lastName } = parsed.data;
  const name = [firstName, lastName].filter((part) => part && part.trim()).join(' ');
  return { id: String(id), email: email?.trim().toLowerCase() || null, name: name || null };
}

async function introspection(deps: IdentityDeps) {
  let body: unknown;
  try {
    body = await deps.introspect();
  } catch (error) {
    return { facts: null, reason: `the token exchange could not introspect the sign-in: ${reasonOf(error)}` };
  }
  const parsed = Introspection.safeParse(body);
  if (!parsed.success) return { facts: null, reason: 'HubSpot’s token introspection could not be read' };
  if (parsed.data.active === false) {
    throw new CrmError('auth', 'HubSpot says this sign-in is no longer active. Sign in again.');
  }
  return { facts: parsed.data, reason: null };
}

export async function identifyHubSpotUser(deps: IdentityDeps): Promise<HubSpotIdentity> {
  const reasons: string[] = [];
  const { facts, reason } = await introspection(deps);
  if (reason) reasons.push(reason);
  const signed = facts?.signed_access_token;
  let hubId = deps.fromToken.hubId ?? idText(facts?.hub_id) ?? idText(signed?.hubId);
  const userId = deps.fromToken.userId ?? idText(facts?.user_id) ?? idText(signed?.userId);
  const said = facts?.user?.trim().toLowerCase();
  let email = said && said.includes('@') ? said : null;

  let owner: ReturnType<typeof toOwner> = null;
  if (userId) {
    try {
      owner = toOwner(
        await get(deps, `/crm/v3/owners/${encodeURIComponent(userId)}`, { idProperty: 'userId' }),
      );
    } catch (error) {
      if (error instanceof CrmError && error.kind === 'auth') throw error;
      reasons.push(`HubSpot user ${userId} has no owner record (${reasonOf(error)})`);
    }
  }
  if (!owner && email) {
    try {
      const list = OwnerList.safeParse(await get(deps, '/crm/v3/owners', { email, limit: '1' }));
      owner = list.success ? toOwner(list.data.results?.[0]) : null;
      if (!owner) reasons.push(`no HubSpot owner has the email ${email}`);
    } catch (error) {
      if (error instanceof CrmError && error.kind === 'auth') throw error;
      reasons.push(`the owner lookup by email failed (${reasonOf(error)})`);
    }
  }
  if (!userId && !email) reasons.push('HubSpot named neither your user id nor your email');
  email = email ?? owner?.email ?? null;

  if (!hubId) {
    // Portal id keys caches and rate-limit windows; the account details always carry it.
    const details = await get(deps, '/account-info/v3/details').catch(() => null);
    const parsed = AccountDetails.safeParse(details);
    hubId = parsed.success ? idText(parsed.data.portalId) : null;
  }

  return {
    email,
    hubId,
    ownerId: owner?.id ?? null,
    name: owner?.name ?? null,
    problem: owner
      ? null
      : `Dealside could not tell which HubSpot owner you are: ${reasons.join('; ')}. ` +
        'Until it can, your own deals may not be ranked first and activities may be logged without an owner. ' +
        'Sign out and in again; if this stays, tell your admin.',
  };
}
