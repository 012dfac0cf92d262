/**
 * Object creation (single, batch, upsert by a unique property). Used for the five activity
 * types Dealside logs, but generic so tests can also create contacts, companies and deals.
 * Everything in a request is validated before anything is written.
 */
import { isRecord, jsonReply, type Reply } from '../http';
import type { RequestContext } from '../state';
import type { HsObjectType, HsRecord, Store } from '../store/types';
import { associate, planAssociations, type PlannedLink } from './associations';
import type { HsPrincipal } from './auth';
import { propertyErrors, validationError } from './errors';
import {
  apiSource,
  duplicateValueReply,
  findByProperty,
  objectTypeOr400,
  uniqueConflict,
  type UniqueConflictStyle,
} from './objects';
import {
  applyDealStage,
  newRecord,
  propertyDefs,
  serialize,
  setProperty,
  touch,
  validateProperties,
  type WriteSource,
} from './records';
import { applyRollups } from './rollups';
import { isActivityType } from './schema';

interface Plan {
  values: Record<string, string | null>;
  links: PlannedLink[];
}

function planCreate(
  store: Store,
  type: HsObjectType,
  input: unknown,
  style: UniqueConflictStyle,
): Plan | Reply {
  if (!isRecord(input) || !isRecord(input.properties))
    return validationError('Invalid input JSON: properties is required');
  const validated = validateProperties(store, type, input.properties);
  if (!validated.ok) return propertyErrors(validated.problems);
  const values = validated.values;
  if (isActivityType(type) && !values.hs_timestamp) {
    return propertyErrors([
      { name: 'hs_timestamp', code: 'REQUIRED_PROPERTY', message: 'hs_timestamp is required' },
    ]);
  }
  if (type === 'deals' && values.dealstage) {
    const pipelineId = values.pipeline ?? 'default';
    const pipeline = store.hubspot.pipelines.find((p) => p.id === pipelineId);
    if (!pipeline?.stages.some((s) => s.id === values.dealstage)) {
      return propertyErrors([
        {
          name: 'dealstage',
          code: 'INVALID_OPTION',
          message: `${values.dealstage} is not a stage of pipeline ${pipelineId}`,
        },
      ]);
    }
    values.pipeline = pipelineId;
  }
  const conflict = uniqueConflict(store, type, values, null, style);
  if (conflict) return conflict;
  const links = planAssociations(store.hubspot, type, input.associations);
  if (!Array.isArray(links)) return links;
  return { values, links };
}

function commit(
  ctx: RequestContext,
  type: HsObjectType,
  plan: Plan,
  source: WriteSource,
  op: 'create' | 'upsert-create',
) {
  const store = ctx.state.store;
  const at = ctx.state.clock.now().toISOString();
  const record = newRecord(store, type, plan.values, at, source);
  for (const link of plan.links)
    associate(store.hubspot, type, record.id, link.toType, link.toId, link.typeId, link.category);
  if (isActivityType(type)) applyRollups(store, type, record, ctx.state.clock.nowMs(), at, source);
  store.writes.push({ provider: 'hubspot', object: type, id: record.id, op, at });
  return record;
}

export function create(ctx: RequestContext, typeRaw: string, principal: HsPrincipal): Reply {
  const type = objectTypeOr400(typeRaw);
  if (typeof type !== 'string') return type;
  const plan = planCreate(
    ctx.state.store,
    type,
    ctx.body.kind === 'json' ? ctx.body.value : undefined,
    ctx.state.faults.uniqueConflictStyle(),
  );
  if (!('values' in plan)) return plan;
  const record = commit(ctx, type, plan, apiSource(principal), 'create');
  return jsonReply(201, serialize(ctx.state.store, type, record, { allSet: true }));
}

function inputsOf(ctx: RequestContext, max: number): unknown[] | Reply {
  const body = ctx.body.kind === 'json' ? ctx.body.value : undefined;
  if (!isRecord(body) || !Array.isArray(body.inputs))
    return validationError('Invalid input JSON: inputs is required');
  if (body.inputs.length > max)
    return validationError(`Batch input limit exceeded: at most ${max} inputs are allowed.`);
  return body.inputs as unknown[];
}

/** Unique values repeated inside one batch conflict with each other, as in HubSpot. */
function duplicateInBatch(
  store: Store,
  type: HsObjectType,
  plans: Plan[],
  style: UniqueConflictStyle,
): Reply | undefined {
  const defs = propertyDefs(store, type);
  const seen = new Set<string>();
  for (const plan of plans) {
    for (const [name, value] of Object.entries(plan.values)) {
      if (!value || !defs.get(name)?.hasUniqueValue) continue;
      const key = `${name}\u0000${value.toLowerCase()}`;
      if (seen.has(key)) return duplicateValueReply(type, name, value, null, style);
      seen.add(key);
    }
  }
  return undefined;
}

export function batchCreate(ctx: RequestContext, typeRaw: string, principal: HsPrincipal): Reply {
  const type = objectTypeOr400(typeRaw);
  if (typeof type !== 'string') return type;
  const inputs = inputsOf(ctx, 100);
  if (!Array.isArray(inputs)) return inputs;
  const plans: Plan[] = [];
  for (const input of inputs) {
    const plan = planCreate(ctx.state.store, type, input, ctx.state.faults.uniqueConflictStyle());
    if (!('values' in plan)) return plan;
    plans.push(plan);
  }
  const duplicate = duplicateInBatch(ctx.state.store, type, plans, ctx.state.faults.uniqueConflictStyle());
  if (duplicate) return duplicate;
  const startedAt = ctx.state.clock.now().toISOString();
  const source = apiSource(principal);
  const results = plans.map((plan) =>
    serialize(ctx.state.store, type, commit(ctx, type, plan, source, 'create'), { allSet: true }),
  );
  return jsonReply(201, {
    status: 'COMPLETE',
    results,
    startedAt,
    completedAt: ctx.state.clock.now().toISOString(),
  });
}

export function batchUpsert(ctx: RequestContext, typeRaw: string, principal: HsPrincipal): Reply {
  const type = objectTypeOr400(typeRaw);
  if (typeof type !== 'string') return type;
  const inputs = inputsOf(ctx, 100);
  if (!Array.isArray(inputs)) return inputs;
  const store = ctx.state.store;
  const defs = propertyDefs(store, type);
  type Step =
    | { kind: 'create'; plan: Plan }
    | { kind: 'update'; record: HsRecord; values: Record<string, string | null> };
  const steps: Step[] = [];
  for (const input of inputs) {
    if (!isRecord(input) || typeof input.idProperty !== 'string' || typeof input.id !== 'string') {
      return validationError('Invalid input JSON: each input needs idProperty, id and properties');
    }
    const def = defs.get(input.idProperty);
    if (!def) {
      return propertyErrors([
        {
          name: input.idProperty,
          code: 'PROPERTY_DOESNT_EXIST',
          message: `Property "${input.idProperty}" does not exist`,
        },
      ]);
    }
    if (!def.hasUniqueValue)
      return validationError(`${input.idProperty} is not a unique identifier property for ${type}.`);
    const existing = findByProperty(store, type, input.idProperty, input.id)[0];
    const properties = isRecord(input.properties) ? input.properties : {};
    if (existing) {
      const validated = validateProperties(store, type, properties);
      if (!validated.ok) return propertyErrors(validated.problems);
      steps.push({ kind: 'update', record: existing, values: validated.values });
    } else {
      const plan = planCreate(
        store,
        type,
        { properties: { ...properties, [input.idProperty]: input.id } },
        ctx.state.faults.uniqueConflictStyle(),
      );
      if (!('values' in plan)) return plan;
      steps.push({ kind: 'create', plan });
    }
  }
  const duplicate = duplicateInBatch(
    store,
    type,
    steps.flatMap((s) => (s.kind === 'create' ? [s.plan] : [])),
    ctx.state.faults.uniqueConflictStyle(),
  );
  if (duplicate) return duplicate;
  const startedAt = ctx.state.clock.now().toISOString();
  const source = apiSource(principal);
  const results = steps.map((step) => {
    if (step.kind === 'create') {
      const record = commit(ctx, type, step.plan, source, 'upsert-create');
      return { ...serialize(store, type, record, { allSet: true }), new: true };
    }
    const at = ctx.state.clock.now().toISOString();
    for (const [name, value] of Object.entries(step.values)) {
      if (type === 'deals' && name === 'dealstage' && value)
        applyDealStage(store.hubspot, step.record, value, at, source);
      else setProperty(step.record, name, value, at, source);
    }
    touch(step.record, type, at, source);
    store.writes.push({ provider: 'hubspot', object: type, id: step.record.id, op: 'upsert-update', at });
    return { ...serialize(store, type, step.record, { allSet: true }), new: false };
  });
  return jsonReply(200, {
    status: 'COMPLETE',
    results,
    startedAt,
    completedAt: ctx.state.clock.now().toISOString(),
  });
}
