/**
 * HubSpot associations: the edge store (always both directions), v4 batch read/create, the
 * default-association shortcuts, and validation of `associations` on object create.
 */
import { isRecord, jsonReply, type Reply } from '../http';
import type { RequestContext } from '../state';
import type { HsAssociation, HsAssociationCategory, HsObjectType, HubSpotStore } from '../store/types';
import { hsError, validationError } from './errors';
import { findRecord } from './records';
import {
  ASSOCIATION_TYPES,
  associationType,
  defaultTypeId,
  inverseTypeId,
  parseObjectType,
  singular,
} from './schema';

export function associate(
  store: HubSpotStore,
  fromType: HsObjectType,
  fromId: string,
  toType: HsObjectType,
  toId: string,
  typeId: number,
  category: HsAssociationCategory = 'HUBSPOT_DEFINED',
): void {
  const add = (edge: HsAssociation) => {
    const exists = store.associations.some(
      (a) =>
        a.fromType === edge.fromType &&
        a.fromId === edge.fromId &&
        a.toId === edge.toId &&
        a.typeId === edge.typeId,
    );
    if (!exists) store.associations.push(edge);
  };
  const label = associationType(typeId)?.label ?? null;
  add({ fromType, fromId, toType, toId, typeId, category, label });
  const inverse = inverseTypeId(typeId);
  if (inverse !== undefined)
    add({ fromType: toType, fromId: toId, toType: fromType, toId: fromId, typeId: inverse, category, label });
}

export function associated(
  store: HubSpotStore,
  fromType: HsObjectType,
  fromId: string,
  toType: HsObjectType,
) {
  return store.associations.filter(
    (a) => a.fromType === fromType && a.fromId === fromId && a.toType === toType,
  );
}

export function associatedIds(
  store: HubSpotStore,
  fromType: HsObjectType,
  fromId: string,
  toType: HsObjectType,
): string[] {
  return [...new Set(associated(store, fromType, fromId, toType).map((a) => a.toId))];
}

/** Groups edges by target the way v4 returns them. */
export function groupedTargets(edges: HsAssociation[]) {
  const byTarget = new Map<string, HsAssociation[]>();
  for (const edge of edges) byTarget.set(edge.toId, [...(byTarget.get(edge.toId) ?? []), edge]);
  return [...byTarget].map(([toId, list]) => ({
    toObjectId: Number(toId),
    associationTypes: list.map((e) => ({ category: e.category, typeId: e.typeId, label: e.label })),
  }));
}

function objectTypes(fromRaw: string, toRaw: string): { from: HsObjectType; to: HsObjectType } | Reply {
  const from = parseObjectType(fromRaw);
  const to = parseObjectType(toRaw);
  if (!from) return validationError(`Unable to infer object type from: ${fromRaw}`);
  if (!to) return validationError(`Unable to infer object type from: ${toRaw}`);
  return { from, to };
}

function inputIds(body: unknown, max: number): string[] | Reply {
  if (!isRecord(body) || !Array.isArray(body.inputs))
    return validationError('Invalid input JSON: inputs is required');
  if (body.inputs.length > max) return validationError(`Batch size exceeds the limit of ${max} inputs.`);
  const ids: string[] = [];
  for (const input of body.inputs) {
    if (!isRecord(input) || (typeof input.id !== 'string' && typeof input.id !== 'number')) {
      return validationError('Invalid input JSON: each input needs an id');
    }
    ids.push(String(input.id));
  }
  return ids;
}

export function batchRead(ctx: RequestContext, fromRaw: string, toRaw: string): Reply {
  const types = objectTypes(fromRaw, toRaw);
  if ('status' in types) return types;
  const ids =
    ctx.body.kind === 'json' ? inputIds(ctx.body.value, 1000) : validationError('Invalid input JSON');
  if (!Array.isArray(ids)) return ids;
  const store = ctx.state.store.hubspot;
  const startedAt = ctx.state.clock.now().toISOString();
  const results: unknown[] = [];
  const missing: string[] = [];
  const empty: string[] = [];
  for (const id of new Set(ids)) {
    if (!findRecord(store, types.from, id)) {
      missing.push(id);
      continue;
    }
    const edges = associated(store, types.from, id, types.to);
    if (edges.length === 0) empty.push(id);
    else results.push({ from: { id }, to: groupedTargets(edges) });
  }
  const errors = [
    ...missing.map((id) => ({
      status: 'error',
      category: 'OBJECT_NOT_FOUND',
      message: `Could not find ${singular(types.from)} ${id}.`,
      context: { ids: [id] },
      errors: [],
    })),
    // v4 reports records without associations of that type as errors, not as empty results.
    ...empty.map((id) => ({
      status: 'error',
      category: 'OBJECT_NOT_FOUND',
      subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
      message: `No ${singular(types.to)} is associated with ${singular(types.from)} ${id}.`,
      context: { fromObjectId: [id] },
      errors: [],
    })),
  ];
  const completedAt = ctx.state.clock.now().toISOString();
  if (errors.length === 0) return jsonReply(200, { status: 'COMPLETE', results, startedAt, completedAt });
  return jsonReply(207, {
    status: 'COMPLETE',
    results,
    numErrors: errors.length,
    errors,
    startedAt,
    completedAt,
  });
}

export function listForObject(ctx: RequestContext, fromRaw: string, id: string, toRaw: string): Reply {
  const types = objectTypes(fromRaw, toRaw);
  if ('status' in types) return types;
  if (!findRecord(ctx.state.store.hubspot, types.from, id)) {
    return hsError(404, 'OBJECT_NOT_FOUND', `Could not find ${singular(types.from)} ${id}.`);
  }
  return jsonReply(200, {
    results: groupedTargets(associated(ctx.state.store.hubspot, types.from, id, types.to)),
  });
}

interface TypeInput {
  associationCategory: HsAssociationCategory;
  associationTypeId: number;
}

export interface PlannedLink {
  toType: HsObjectType;
  toId: string;
  typeId: number;
  category: HsAssociationCategory;
}

/**
 * Validates `associations` of a create request: every type id must start at the created
 * object's type, and every target must exist. Nothing is written unless all are valid.
 */
export function planAssociations(
  store: HubSpotStore,
  fromType: HsObjectType,
  raw: unknown,
): PlannedLink[] | Reply {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return validationError('Invalid input JSON: associations must be an array');
  const links: PlannedLink[] = [];
  const missing: string[] = [];
  for (const item of raw) {
    if (!isRecord(item) || !isRecord(item.to) || !Array.isArray(item.types) || item.types.length === 0) {
      return validationError('Invalid input JSON: each association needs to.id and at least one type');
    }
    const toId = String(item.to.id ?? '');
    for (const t of item.types as unknown[]) {
      if (!isRecord(t) || typeof t.associationTypeId !== 'number') {
        return validationError('Invalid input JSON: associationTypeId must be a number');
      }
      const input = t as unknown as TypeInput;
      const def = associationType(input.associationTypeId);
      if (input.associationCategory !== 'HUBSPOT_DEFINED' || !def || def.from !== fromType) {
        return hsError(
          400,
          'VALIDATION_ERROR',
          `${input.associationTypeId} is not a valid ${input.associationCategory} association type id for ${singular(fromType)} objects.`,
          {
            errors: [
              {
                message: `invalid association type id ${input.associationTypeId}`,
                code: 'INVALID_ASSOCIATION_TYPE',
                context: { associationTypeId: [String(input.associationTypeId)] },
              },
            ],
          },
        );
      }
      if (!findRecord(store, def.to, toId)) missing.push(`${singular(def.to)} ${toId}`);
      else links.push({ toType: def.to, toId, typeId: def.typeId, category: input.associationCategory });
    }
  }
  if (missing.length) {
    return hsError(400, 'VALIDATION_ERROR', 'One or more associations are invalid', {
      errors: missing.map((m) => ({
        message: `No ${m} exists.`,
        code: 'INVALID_OBJECT_IDS',
        context: { ids: [m.split(' ')[1] ?? m] },
      })),
    });
  }
  return links;
}

export function batchCreate(ctx: RequestContext, fromRaw: string, toRaw: string): Reply {
  const types = objectTypes(fromRaw, toRaw);
  if ('status' in types) return types;
  const body = ctx.body.kind === 'json' ? ctx.body.value : undefined;
  if (!isRecord(body) || !Array.isArray(body.inputs))
    return validationError('Invalid input JSON: inputs is required');
  if (body.inputs.length > 2000) return validationError('Batch size exceeds the limit of 2000 inputs.');
  const store = ctx.state.store.hubspot;
  const planned: Array<{ fromId: string; links: PlannedLink[] }> = [];
  for (const input of body.inputs as unknown[]) {
    if (!isRecord(input) || !isRecord(input.from) || !isRecord(input.to)) {
      return validationError('Invalid input JSON: each input needs from, to and types');
    }
    const fromId = String(input.from.id ?? '');
    if (!findRecord(store, types.from, fromId))
      return hsError(400, 'VALIDATION_ERROR', `No ${singular(types.from)} ${fromId} exists.`);
    const links = planAssociations(store, types.from, [{ to: input.to, types: input.types }]);
    if (!Array.isArray(links)) return links;
    if (links.some((l) => l.toType !== types.to)) {
      return validationError(`Association type does not connect ${types.from} to ${types.to}`);
    }
    planned.push({ fromId, links });
  }
  const results = planned.map(({ fromId, links }) => {
    for (const l of links) associate(store, types.from, fromId, l.toType, l.toId, l.typeId, l.category);
    const first = links[0];
    return {
      fromObjectTypeId: types.from,
      fromObjectId: Number(fromId),
      toObjectTypeId: types.to,
      toObjectId: Number(first?.toId),
      labels: links.map((l) => associationType(l.typeId)?.label).filter((x): x is string => !!x),
    };
  });
  const now = ctx.state.clock.now().toISOString();
  return jsonReply(201, { status: 'COMPLETE', results, startedAt: now, completedAt: now });
}

export function putDefault(
  ctx: RequestContext,
  fromRaw: string,
  fromId: string,
  toRaw: string,
  toId: string,
): Reply {
  const types = objectTypes(fromRaw, toRaw);
  if ('status' in types) return types;
  const store = ctx.state.store.hubspot;
  const typeId = defaultTypeId(types.from, types.to);
  if (typeId === undefined)
    return validationError(`No default association between ${types.from} and ${types.to}`);
  if (!findRecord(store, types.from, fromId) || !findRecord(store, types.to, toId)) {
    return hsError(404, 'OBJECT_NOT_FOUND', 'One or both of the objects do not exist.');
  }
  associate(store, types.from, fromId, types.to, toId, typeId);
  const now = ctx.state.clock.now().toISOString();
  return jsonReply(200, {
    status: 'COMPLETE',
    results: [
      {
        from: { id: fromId },
        to: { id: toId },
        associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId },
      },
    ],
    startedAt: now,
    completedAt: now,
  });
}

/** GET /crm/v4/associations/{from}/{to}/labels: the HUBSPOT_DEFINED types between a pair. */
export function labels(fromRaw: string, toRaw: string): Reply {
  const types = objectTypes(fromRaw, toRaw);
  if ('status' in types) return types;
  const results = ASSOCIATION_TYPES.filter((t) => t.from === types.from && t.to === types.to).map((t) => ({
    category: 'HUBSPOT_DEFINED',
    typeId: t.typeId,
    label: t.label,
  }));
  return jsonReply(200, { results });
}
