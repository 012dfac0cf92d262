/**
 * HubSpot CRM object reads and updates: GET one, list, batch read (by id or by a unique
 * property such as contact email), PATCH (with deal-stage validation and history).
 */
import { emptyReply, isRecord, jsonReply, type Reply } from '../http';
import type { RequestContext } from '../state';
import type { HsObjectType, HsRecord, Store } from '../store/types';
import { associated } from './associations';
import type { HsPrincipal } from './auth';
import { hsError, propertyErrors, validationError } from './errors';
import {
  applyDealStage,
  findRecord,
  propertyDefs,
  propertyList,
  queryList,
  serialize,
  setProperty,
  touch,
  validateProperties,
  type WriteSource,
} from './records';
import { associationType, parseObjectType, singular, v3AssociationName } from './schema';

export function apiSource(principal: HsPrincipal): WriteSource {
  return {
    sourceType: 'INTEGRATION',
    sourceId: principal.kind === 'oauth' ? 'dealside-demo-hubspot' : 'private-app',
    ...(principal.userId !== undefined ? { userId: principal.userId } : {}),
  };
}

export function objectTypeOr400(raw: string): HsObjectType | Reply {
  return parseObjectType(raw) ?? hsError(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${raw}`);
}

/** Finds records by a lookup property; contact emails also match hs_additional_emails. */
export function findByProperty(
  store: Store,
  type: HsObjectType,
  property: string,
  value: string,
): HsRecord[] {
  const wanted = value.toLowerCase();
  return store.hubspot[type].filter((r) => {
    if (r.archived) return false;
    if (property === 'hs_object_id') return r.id === value;
    const own = r.properties[property];
    if (own !== null && own !== undefined && own.toLowerCase() === wanted) return true;
    if (type === 'contacts' && property === 'email') {
      const extra = r.properties.hs_additional_emails ?? '';
      return extra.split(/[;,\s]+/).some((e) => e.toLowerCase() === wanted);
    }
    return false;
  });
}

function lookupPropertyError(store: Store, type: HsObjectType, idProperty: string): Reply | undefined {
  if (idProperty === 'hs_object_id' || (type === 'contacts' && idProperty === 'email')) return undefined;
  const def = propertyDefs(store, type).get(idProperty);
  if (!def)
    return propertyErrors([
      { name: idProperty, code: 'PROPERTY_DOESNT_EXIST', message: `Property "${idProperty}" does not exist` },
    ]);
  if (!def.hasUniqueValue)
    return validationError(`${idProperty} is not a unique identifier property for ${type}.`);
  return undefined;
}

function v3Associations(store: Store, type: HsObjectType, id: string, toTypes: string[]) {
  const out: Record<string, { results: Array<{ id: string; type: string }> }> = {};
  for (const raw of toTypes) {
    const toType = parseObjectType(raw);
    if (!toType) continue;
    const results = associated(store.hubspot, type, id, toType).map((edge) => {
      const def = associationType(edge.typeId);
      return {
        id: edge.toId,
        type: def ? v3AssociationName(def) : `${singular(type)}_to_${singular(toType)}`,
      };
    });
    if (results.length) out[toType] = { results };
  }
  return out;
}

export function getOne(ctx: RequestContext, typeRaw: string, id: string): Reply {
  const type = objectTypeOr400(typeRaw);
  if (typeof type !== 'string') return type;
  const store = ctx.state.store;
  const idProperty = ctx.query.get('idProperty');
  let record: HsRecord | undefined;
  if (idProperty) {
    const error = lookupPropertyError(store, type, idProperty);
    if (error) return error;
    record = findByProperty(store, type, idProperty, id)[0];
  } else {
    record = findRecord(store.hubspot, type, id);
  }
  if (!record) {
    return hsError(404, 'OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.', {
      context: { id: [id] },
    });
  }
  const out = serialize(store, type, record, {
    properties: queryList(ctx.query, 'properties'),
    propertiesWithHistory: queryList(ctx.query, 'propertiesWithHistory'),
  });
  const assoc = queryList(ctx.query, 'associations');
  if (assoc) out.associations = v3Associations(store, type, record.id, assoc);
  return jsonReply(200, out);
}

export function list(ctx: RequestContext, typeRaw: string): Reply {
  const type = objectTypeOr400(typeRaw);
  if (typeof type !== 'string') return type;
  const limit = Number(ctx.query.get('limit') ?? '10');
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return validationError('limit must be between 1 and 100');
  const after = Number(ctx.query.get('after') ?? '0') || 0;
  const all = ctx.state.store.hubspot[type].filter((r) => !r.archived);
  const page = all.slice(after, after + limit);
  const properties = queryList(ctx.query, 'properties');
  const results = page.map((r) => serialize(ctx.state.store, type, r, { properties }));
  const next = after + limit < all.length ? String(after + limit) : undefined;
  return jsonReply(200, {
    results,
    ...(next
      ? {
          paging: {
            next: { after: next, link: `${ctx.state.baseUrl}/crm/v3/objects/${type}?after=${next}` },
          },
        }
      : {}),
  });
}

export function batchRead(ctx: RequestContext, typeRaw: string): Reply {
  const type = objectTypeOr400(typeRaw);
  if (typeof type !== 'string') return type;
  const body = ctx.body.kind === 'json' ? ctx.body.value : undefined;
  if (!isRecord(body) || !Array.isArray(body.inputs))
    return validationError('Invalid input JSON: inputs is required');
  if (body.inputs.length > 100)
    return validationError('Batch input limit exceeded: at most 100 inputs are allowed.');
  const store = ctx.state.store;
  const idProperty = typeof body.idProperty === 'string' ? body.idProperty : undefined;
  if (idProperty) {
    const error = lookupPropertyError(store, type, idProperty);
    if (error) return error;
  }
  const startedAt = ctx.state.clock.now().toISOString();
  const seen = new Set<string>();
  const found: HsRecord[] = [];
  const missing: string[] = [];
  for (const input of body.inputs as unknown[]) {
    const key =
      isRecord(input) && (typeof input.id === 'string' || typeof input.id === 'number')
        ? String(input.id)
        : '';
    const matches = idProperty
      ? findByProperty(store, type, idProperty, key)
      : [findRecord(store.hubspot, type, key)];
    const record = matches.find((r): r is HsRecord => !!r);
    if (!record) missing.push(key);
    else if (!seen.has(record.id)) {
      seen.add(record.id);
      found.push(record);
    }
  }
  const results = found.map((r) =>
    serialize(store, type, r, {
      properties: propertyList(body.properties),
      propertiesWithHistory: propertyList(body.propertiesWithHistory),
    }),
  );
  const completedAt = ctx.state.clock.now().toISOString();
  if (missing.length === 0) return jsonReply(200, { status: 'COMPLETE', results, startedAt, completedAt });
  return jsonReply(207, {
    status: 'COMPLETE',
    results,
    numErrors: 1,
    errors: [
      {
        status: 'error',
        category: 'OBJECT_NOT_FOUND',
        message: `Could not get some ${singular(type).toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
        context: { ids: missing },
        errors: [],
      },
    ],
    startedAt,
    completedAt,
  });
}

function stageProblem(store: Store, deal: HsRecord, values: Record<string, string | null>) {
  const pipelineId = values.pipeline ?? deal.properties.pipeline ?? 'default';
  const stageId = values.dealstage ?? deal.properties.dealstage;
  const pipeline = store.hubspot.pipelines.find((p) => p.id === pipelineId);
  if (!pipeline || !stageId || pipeline.stages.some((s) => s.id === stageId)) return undefined;
  return propertyErrors([
    {
      name: 'dealstage',
      code: 'INVALID_OPTION',
      message: `${stageId} was not one of the allowed options: [${pipeline.stages.map((s) => s.id).join(', ')}]`,
    },
  ]);
}

export function patch(ctx: RequestContext, typeRaw: string, id: string, principal: HsPrincipal): Reply {
  const type = objectTypeOr400(typeRaw);
  if (typeof type !== 'string') return type;
  const store = ctx.state.store;
  const record = findRecord(store.hubspot, type, id);
  if (!record) return hsError(404, 'OBJECT_NOT_FOUND', 'resource not found', { context: { id: [id] } });
  const body = ctx.body.kind === 'json' ? ctx.body.value : undefined;
  if (!isRecord(body) || !isRecord(body.properties))
    return validationError('Invalid input JSON: properties is required');
  const validated = validateProperties(store, type, body.properties);
  if (!validated.ok) return propertyErrors(validated.problems);
  if (type === 'deals') {
    const problem = stageProblem(store, record, validated.values);
    if (problem) return problem;
  }
  const conflict = uniqueConflict(
    store,
    type,
    validated.values,
    record.id,
    ctx.state.faults.uniqueConflictStyle(),
  );
  if (conflict) return conflict;
  const at = ctx.state.clock.now().toISOString();
  const source = apiSource(principal);
  for (const [name, value] of Object.entries(validated.values)) {
    if (type === 'deals' && name === 'dealstage' && value)
      applyDealStage(store.hubspot, record, value, at, source);
    else setProperty(record, name, value, at, source);
  }
  touch(record, type, at, source);
  store.writes.push({ provider: 'hubspot', object: type, id: record.id, op: 'update', at });
  return jsonReply(200, serialize(store, type, record, { allSet: true }));
}

/**
 * DELETE /crm/v3/objects/{type}/{id} ("Archive": to the recycling bin): 204 without a body. The
 * record leaves reads, search and association lists at once; archiving it again is 204 too,
 * an id that never existed is 404.
 */
export function archive(ctx: RequestContext, typeRaw: string, id: string): Reply {
  const type = objectTypeOr400(typeRaw);
  if (typeof type !== 'string') return type;
  const hubspot = ctx.state.store.hubspot;
  const record = hubspot[type].find((r) => r.id === id);
  if (!record) return hsError(404, 'OBJECT_NOT_FOUND', 'resource not found', { context: { id: [id] } });
  if (!record.archived) {
    const at = ctx.state.clock.now().toISOString();
    record.archived = true;
    record.updatedAt = at;
    hubspot.associations = hubspot.associations.filter(
      (a) => !(a.fromType === type && a.fromId === id) && !(a.toType === type && a.toId === id),
    );
    ctx.state.store.writes.push({ provider: 'hubspot', object: type, id, op: 'delete', at });
  }
  return emptyReply(204);
}

/**
 * A custom unique value already taken, in the style asked for: 409 CONFLICT naming the existing
 * record (what HubSpot documents for contacts), or 400 VALIDATION_ERROR without the id (what
 * custom unique properties are reported to answer). Contact email conflicts are always 409.
 */
export function duplicateValueReply(
  type: HsObjectType,
  name: string,
  value: string,
  existingId: string | null,
  style: UniqueConflictStyle,
): Reply {
  if (style === '400') {
    return propertyErrors([
      {
        name,
        code: 'INVALID_PROPERTY_VALUE',
        message: `Another ${singular(type)} already has that value: ${value} for property ${name}`,
      },
    ]);
  }
  return hsError(
    409,
    'CONFLICT',
    existingId
      ? `A ${singular(type)} with ${name} "${value}" already exists. Existing ID: ${existingId}`
      : `Duplicate value "${value}" for unique property ${name} in batch input.`,
  );
}

export type UniqueConflictStyle = '409' | '400';

/** Unique-value properties (and contact email) reject a value another record already has. */
export function uniqueConflict(
  store: Store,
  type: HsObjectType,
  values: Record<string, string | null>,
  selfId: string | null,
  style: UniqueConflictStyle = '409',
): Reply | undefined {
  const defs = propertyDefs(store, type);
  for (const [name, value] of Object.entries(values)) {
    if (value === null || value === '') continue;
    const unique = defs.get(name)?.hasUniqueValue || (type === 'contacts' && name === 'email');
    if (!unique) continue;
    const existing = store.hubspot[type].find(
      (r) =>
        !r.archived && r.id !== selfId && (r.properties[name] ?? '').toLowerCase() === value.toLowerCase(),
    );
    if (existing) {
      if (type === 'contacts' && name === 'email')
        return hsError(409, 'CONFLICT', `Contact already exists. Existing ID: ${existing.id}`);
      return duplicateValueReply(type, name, value, existing.id, style);
    }
  }
  return undefined;
}
