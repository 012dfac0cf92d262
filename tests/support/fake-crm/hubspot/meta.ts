/**
 * Read-only account metadata: owners, property definitions and call dispositions.
 */
import { jsonReply, type Reply } from '../http';
import type { RequestContext } from '../state';
import type { HsOwner } from '../store/types';
import { hsError, validationError } from './errors';
import { objectTypeOr400 } from './objects';
import { propertyDefs } from './records';
import type { HsPropertyDef } from './schema';

function serializeOwner(o: HsOwner) {
  return {
    id: o.id,
    email: o.email,
    type: 'PERSON',
    firstName: o.firstName,
    lastName: o.lastName,
    userId: o.userId,
    userIdIncludingInactive: o.userId,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    archived: o.archived,
    teams: o.teams ?? [],
  };
}

export function listOwners(ctx: RequestContext): Reply {
  const email = ctx.query.get('email')?.toLowerCase();
  const limit = Number(ctx.query.get('limit') ?? '100');
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    return validationError('limit must be between 1 and 500');
  const after = Number(ctx.query.get('after') ?? '0') || 0;
  const all = ctx.state.store.hubspot.owners.filter(
    (o) => !o.archived && (!email || o.email.toLowerCase() === email),
  );
  const page = all.slice(after, after + limit);
  const next = after + limit < all.length ? String(after + limit) : undefined;
  return jsonReply(200, {
    results: page.map(serializeOwner),
    ...(next
      ? { paging: { next: { after: next, link: `${ctx.state.baseUrl}/crm/v3/owners?after=${next}` } } }
      : {}),
  });
}

/** `idProperty` is `id` (default) or `userId`, as documented for GET /crm/v3/owners/{ownerId}. */
export function getOwner(ctx: RequestContext, id: string): Reply {
  const idProperty = ctx.query.get('idProperty') ?? 'id';
  if (idProperty !== 'id' && idProperty !== 'userId') {
    return validationError(`idProperty must be id or userId, not ${idProperty}`);
  }
  const owner = ctx.state.store.hubspot.owners.find((o) =>
    idProperty === 'userId' ? String(o.userId) === id : o.id === id,
  );
  return owner
    ? jsonReply(200, serializeOwner(owner))
    : hsError(404, 'OBJECT_NOT_FOUND', `Owner ${id} not found`);
}

/** GET /account-info/v3/details: the portal the token belongs to. */
export function accountDetails(ctx: RequestContext): Reply {
  return jsonReply(200, {
    portalId: ctx.state.store.hubspot.portalId,
    accountType: 'STANDARD',
    timeZone: 'US/Eastern',
    companyCurrency: 'USD',
    additionalCurrencies: [],
    utcOffset: '-05:00',
    utcOffsetMilliseconds: -18_000_000,
    uiDomain: 'app.hubspot.com',
    dataHostingLocation: 'na1',
  });
}

function serializeProperty(def: HsPropertyDef, index: number, createdAt: string) {
  return {
    updatedAt: createdAt,
    createdAt,
    name: def.name,
    label: def.label,
    type: def.type,
    fieldType: def.fieldType,
    description: '',
    groupName: def.name.startsWith('dealside_') ? 'dealside' : 'information',
    options: (def.options ?? []).map((value, i) => ({ label: value, value, displayOrder: i, hidden: false })),
    displayOrder: index,
    calculated: def.readOnly === true && def.name.startsWith('hs_v2_'),
    externalOptions: false,
    hasUniqueValue: def.hasUniqueValue === true,
    hidden: false,
    modificationMetadata: {
      archivable: !def.readOnly,
      readOnlyDefinition: !def.name.startsWith('dealside_'),
      readOnlyValue: def.readOnly === true,
    },
    formField: !def.readOnly,
    archived: false,
  };
}

export function listProperties(ctx: RequestContext, typeRaw: string): Reply {
  const type = objectTypeOr400(typeRaw);
  if (typeof type !== 'string') return type;
  const createdAt = ctx.state.clock.base.toISOString();
  const defs = [...propertyDefs(ctx.state.store, type).values()];
  return jsonReply(200, { results: defs.map((d, i) => serializeProperty(d, i, createdAt)) });
}

export function getProperty(ctx: RequestContext, typeRaw: string, name: string): Reply {
  const type = objectTypeOr400(typeRaw);
  if (typeof type !== 'string') return type;
  const def = propertyDefs(ctx.state.store, type).get(name);
  if (!def)
    return hsError(404, 'OBJECT_NOT_FOUND', `Unable to find property ${name} for object type ${type}`);
  return jsonReply(200, serializeProperty(def, 0, ctx.state.clock.base.toISOString()));
}

export function listDispositions(ctx: RequestContext): Reply {
  // Legacy endpoint: when the switch is off it is gone, as it will be once HubSpot retires it.
  if (!ctx.state.store.settings.hubspotDispositionsEndpoint) {
    return hsError(404, 'OBJECT_NOT_FOUND', 'No route for GET /calling/v1/dispositions');
  }
  return jsonReply(
    200,
    ctx.state.store.hubspot.dispositions.map((d) => ({ id: d.id, label: d.label })),
  );
}
