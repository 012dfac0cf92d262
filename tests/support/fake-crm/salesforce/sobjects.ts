/**
 * sObject resources: describe, create, read, update, and upsert by External ID.
 */
import { emptyReply, jsonReply, type Reply } from '../http';
import type { SfRow } from '../store/types';
import type { SfCall } from './call';
import { jsonBody } from './call';
import { notFound, sfErrors } from './errors';
import { isWellFormedId, to18 } from './ids';
import { sfField, sfObject, sfSchema, type SfObjectDef } from './schema';
import { createRecord, findRow, updateRecord, upsertRecord, type WriteResult } from './write';

function objectOr404(call: SfCall, name: string): SfObjectDef | Reply {
  return sfObject(call.ctx.state.store.settings, name) ?? notFound();
}

function isDef(x: SfObjectDef | Reply): x is SfObjectDef {
  return 'fields' in x;
}

export function describe(call: SfCall, name: string): Reply {
  const def = objectOr404(call, name);
  if (!isDef(def)) return def;
  const base = `/services/data/v${call.version}/sobjects/${def.name}`;
  const stages = call.ctx.state.store.salesforce.opportunityStages;
  return jsonReply(200, {
    name: def.name,
    label: def.label,
    labelPlural: def.labelPlural,
    keyPrefix: def.keyPrefix,
    custom: false,
    createable: def.createable,
    updateable: def.updateable,
    deletable: def.createable,
    queryable: true,
    retrieveable: true,
    searchable: true,
    fields: def.fields.map((f) => {
      const values =
        f.name === 'StageName'
          ? stages.filter((s) => s.IsActive).map((s) => String(s.ApiName))
          : f.picklistValues;
      return {
        name: f.name,
        label: f.label,
        type: f.type,
        length: f.length,
        custom: f.custom,
        externalId: f.externalId,
        unique: f.unique,
        idLookup: f.type === 'id' || f.externalId,
        filterable: f.filterable,
        sortable: f.sortable,
        groupable: f.groupable,
        nillable: f.nillable,
        createable: f.createable,
        updateable: f.updateable,
        defaultedOnCreate: f.defaultValue !== null && f.type !== 'boolean',
        calculated: false,
        referenceTo: f.referenceTo,
        relationshipName: f.relationshipName,
        polymorphicForeignKey: f.referenceTo.length > 1,
        restrictedPicklist: f.restrictedPicklist,
        picklistValues: values.map((v) => ({
          active: true,
          defaultValue: v === f.defaultValue,
          label: v,
          value: v,
          validFor: null,
        })),
      };
    }),
    childRelationships: def.childRelationships.map((c) => ({ ...c, cascadeDelete: false })),
    urls: { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` },
  });
}

export function describeGlobal(call: SfCall): Reply {
  const objects = [...sfSchema(call.ctx.state.store.settings).values()].map((d) => ({
    name: d.name,
    label: d.label,
    labelPlural: d.labelPlural,
    keyPrefix: d.keyPrefix,
    custom: false,
    createable: d.createable,
    updateable: d.updateable,
    queryable: true,
    urls: { sobject: `/services/data/v${call.version}/sobjects/${d.name}` },
  }));
  return jsonReply(200, { encoding: 'UTF-8', maxBatchSize: 200, sobjects: objects });
}

export function writeReply(
  call: SfCall,
  objectName: string,
  result: WriteResult,
  createdStatus = 201,
): Reply {
  if (!result.ok) return sfErrors(result.status, result.errors);
  const location = `/services/data/v${call.version}/sobjects/${objectName}/${result.id}`;
  return jsonReply(createdStatus, { id: result.id, success: true, errors: [] }, { location });
}

export function create(call: SfCall, name: string): Reply {
  const def = objectOr404(call, name);
  if (!isDef(def)) return def;
  return writeReply(call, def.name, createRecord(call.ctx.state, def.name, jsonBody(call), call.principal));
}

export function update(call: SfCall, name: string, id: string): Reply {
  const def = objectOr404(call, name);
  if (!isDef(def)) return def;
  const result = updateRecord(call.ctx.state, def.name, id, jsonBody(call), call.principal);
  return result.ok ? emptyReply(204) : sfErrors(result.status, result.errors);
}

/**
 * DELETE sobjects/{O}/{id}: 204 without a body; the row leaves reads and SOQL at once. Deleting
 * it again answers 404 ENTITY_IS_DELETED, an id that never existed 404 NOT_FOUND.
 */
export function remove(call: SfCall, name: string, id: string): Reply {
  const def = objectOr404(call, name);
  if (!isDef(def)) return def;
  const store = call.ctx.state.store;
  const row = findRow(store, def, id);
  if (!row || !def.table) {
    const wanted = isWellFormedId(id) ? to18(id).toLowerCase() : id.toLowerCase();
    const gone = store.writes.some(
      (w) => w.provider === 'salesforce' && w.op === 'delete' && w.id.toLowerCase() === wanted,
    );
    return gone
      ? sfErrors(404, [{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }])
      : notFound();
  }
  const table = store.salesforce[def.table] as SfRow[];
  table.splice(table.indexOf(row), 1);
  store.writes.push({
    provider: 'salesforce',
    object: def.name,
    id: row.Id,
    op: 'delete',
    at: call.ctx.state.clock.now().toISOString(),
  });
  return emptyReply(204);
}

export function upsert(call: SfCall, name: string, field: string, value: string): Reply {
  const def = objectOr404(call, name);
  if (!isDef(def)) return def;
  const result = upsertRecord(call.ctx.state, def.name, field, value, jsonBody(call), call.principal);
  if (!result.ok && result.status === 300 && 'matches' in result) {
    return jsonReply(
      300,
      result.matches.map((id) => `/services/data/v${call.version}/sobjects/${def.name}/${id}`),
    );
  }
  if (!result.ok) return sfErrors(result.status, 'errors' in result ? result.errors : []);
  const location = `/services/data/v${call.version}/sobjects/${def.name}/${result.id}`;
  return jsonReply(
    result.created ? 201 : 200,
    { id: result.id, success: true, errors: [], created: result.created },
    { location },
  );
}

function recordJson(call: SfCall, def: SfObjectDef, row: SfRow) {
  const wanted = call.query
    .get('fields')
    ?.split(',')
    .map((f) => f.trim().toLowerCase());
  const out: Record<string, unknown> = {
    attributes: { type: def.name, url: `/services/data/v${call.version}/sobjects/${def.name}/${row.Id}` },
  };
  for (const f of def.fields)
    if (!wanted || wanted.includes(f.name.toLowerCase())) out[f.name] = row[f.name] ?? null;
  return out;
}

export function read(call: SfCall, name: string, id: string): Reply {
  const def = objectOr404(call, name);
  if (!isDef(def)) return def;
  const row = findRow(call.ctx.state.store, def, id);
  return row ? jsonReply(200, recordJson(call, def, row)) : notFound();
}

export function readByExternalId(call: SfCall, name: string, fieldName: string, value: string): Reply {
  const def = objectOr404(call, name);
  if (!isDef(def) || !def.table) return isDef(def) ? notFound() : def;
  const field = sfField(def, fieldName);
  if (!field?.externalId) {
    return sfErrors(404, [
      {
        errorCode: 'NOT_FOUND',
        message: `Provided external ID field does not exist or is not accessible: ${fieldName}`,
      },
    ]);
  }
  const rows = call.ctx.state.store.salesforce[def.table].filter(
    (r) => String(r[field.name] ?? '').toLowerCase() === value.toLowerCase(),
  );
  const row = rows[0];
  return row ? jsonReply(200, recordJson(call, def, row)) : notFound();
}
