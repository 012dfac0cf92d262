/**
 * Reading, validating and writing HubSpot records: property coercion to HubSpot's string
 * values, per-property history, derived properties (deal stage bookkeeping, email headers,
 * activity roll-ups) and the wire shape of an object.
 */
import type { HsHistoryEntry, HsObjectType, HsRecord, HubSpotStore, Store } from '../store/types';
import {
  DEFAULT_PROPERTIES,
  createdProperty,
  isActivityType,
  modifiedProperty,
  propertiesOf,
  type HsPropertyDef,
} from './schema';

export function tableOf(store: HubSpotStore, type: HsObjectType): HsRecord[] {
  return store[type];
}

export function findRecord(store: HubSpotStore, type: HsObjectType, id: string): HsRecord | undefined {
  return store[type].find((r) => r.id === id && !r.archived);
}

export function propertyDefs(store: Store, type: HsObjectType): Map<string, HsPropertyDef> {
  const defs = propertiesOf(type, {
    pipelines: store.hubspot.pipelines,
    dispositionIds: store.hubspot.dispositions.map((d) => d.id),
    ownerIds: store.hubspot.owners.map((o) => o.id),
    uniqueLogKey: store.settings.hubspotUniqueLogKey,
  });
  return new Map(defs.map((d) => [d.name, d]));
}

export type Coerced = { ok: true; value: string | null } | { ok: false; code: string; message: string };

export function toIso(raw: unknown): string | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return new Date(raw).toISOString();
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  if (/^\d+$/.test(raw)) return new Date(Number(raw)).toISOString();
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export function coerce(def: HsPropertyDef, raw: unknown): Coerced {
  if (raw === null || raw === undefined || raw === '') return { ok: true, value: raw === '' ? '' : null };
  const text = typeof raw === 'string' ? raw : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
  switch (def.type) {
    case 'number':
      return Number.isFinite(Number(text))
        ? { ok: true, value: text }
        : { ok: false, code: 'INVALID_INTEGER', message: `${text} was not a valid number.` };
    case 'datetime':
    case 'date': {
      const iso = toIso(raw);
      return iso
        ? { ok: true, value: iso }
        : {
            ok: false,
            code: 'INVALID_DATE',
            message: `${text} is not a valid date or epoch millisecond value.`,
          };
    }
    case 'bool':
      return /^(true|false)$/i.test(text)
        ? { ok: true, value: text.toLowerCase() }
        : { ok: false, code: 'INVALID_BOOLEAN', message: `${text} was not a valid boolean.` };
    case 'enumeration': {
      if (!def.options || def.options.length === 0) return { ok: true, value: text };
      const match = def.options.find((o) => o.toLowerCase() === text.toLowerCase());
      if (match !== undefined) return { ok: true, value: match };
      if (def.name === 'hubspot_owner_id') {
        return { ok: false, code: 'INVALID_OWNER_ID', message: `${text} is not a valid owner id` };
      }
      return {
        ok: false,
        code: 'INVALID_OPTION',
        message: `${text} was not one of the allowed options: [${def.options.join(', ')}]`,
      };
    }
    default:
      return { ok: true, value: text };
  }
}

export interface PropertyProblem {
  name: string;
  code: string;
  message: string;
}

/** Validates an input `properties` object the way HubSpot does on create/update. */
export function validateProperties(
  store: Store,
  type: HsObjectType,
  input: Record<string, unknown>,
): { ok: true; values: Record<string, string | null> } | { ok: false; problems: PropertyProblem[] } {
  const defs = propertyDefs(store, type);
  const values: Record<string, string | null> = {};
  const problems: PropertyProblem[] = [];
  for (const [name, raw] of Object.entries(input)) {
    const def = defs.get(name);
    if (!def) {
      problems.push({ name, code: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` });
      continue;
    }
    if (def.readOnly) {
      problems.push({
        name,
        code: 'READ_ONLY_VALUE',
        message: `"${name}" is a read only property; its value cannot be set.`,
      });
      continue;
    }
    const result = coerce(def, raw);
    if (result.ok) values[name] = result.value;
    else problems.push({ name, code: result.code, message: result.message });
  }
  return problems.length ? { ok: false, problems } : { ok: true, values };
}

export interface WriteSource {
  sourceType: string;
  sourceId: string | null;
  userId?: number;
}

export function setProperty(
  record: HsRecord,
  name: string,
  value: string | null,
  at: string,
  source: WriteSource,
) {
  if (record.properties[name] === value && record.history[name]) return;
  record.properties[name] = value;
  const entry: HsHistoryEntry = {
    value: value ?? '',
    timestamp: at,
    sourceType: source.sourceType,
    sourceId: source.sourceId,
    ...(source.userId !== undefined ? { updatedByUserId: source.userId } : {}),
  };
  (record.history[name] ??= []).unshift(entry);
}

/** Applies a stage change with HubSpot's stage-calculated bookkeeping. */
export function applyDealStage(
  store: HubSpotStore,
  deal: HsRecord,
  stageId: string,
  at: string,
  source: WriteSource,
) {
  const previous = deal.properties.dealstage ?? null;
  const pipeline = store.pipelines.find((p) => p.stages.some((s) => s.id === stageId));
  const stage = pipeline?.stages.find((s) => s.id === stageId);
  if (!pipeline || !stage) return;
  if (previous === stageId) return;
  if (previous) setProperty(deal, `hs_v2_date_exited_${previous}`, at, at, source);
  setProperty(deal, 'dealstage', stageId, at, source);
  setProperty(deal, 'pipeline', pipeline.id, at, source);
  setProperty(deal, `hs_v2_date_entered_${stageId}`, at, at, source);
  setProperty(deal, 'hs_v2_date_entered_current_stage', at, at, source);
  setProperty(deal, 'hs_is_closed', String(stage.isClosed), at, source);
  setProperty(deal, 'hs_is_closed_won', String(stage.isClosed && stage.probability === 1), at, source);
  setProperty(deal, 'hs_deal_stage_probability', String(stage.probability), at, source);
}

interface EmailHeaderPerson {
  email?: string;
  firstName?: string;
  lastName?: string;
}

/** HubSpot derives the read-only from/to properties from the `hs_email_headers` JSON. */
export function deriveEmailProperties(record: HsRecord, at: string, source: WriteSource) {
  const raw = record.properties.hs_email_headers;
  if (!raw) return;
  let headers: { from?: EmailHeaderPerson; to?: EmailHeaderPerson[]; cc?: EmailHeaderPerson[] };
  try {
    headers = JSON.parse(raw) as typeof headers;
  } catch {
    return;
  }
  const emails = (list: EmailHeaderPerson[] | undefined) =>
    (list ?? [])
      .map((p) => p.email)
      .filter((e): e is string => typeof e === 'string')
      .join(';') || null;
  setProperty(record, 'hs_email_from_email', headers.from?.email ?? null, at, source);
  setProperty(record, 'hs_email_from_firstname', headers.from?.firstName ?? null, at, source);
  setProperty(record, 'hs_email_from_lastname', headers.from?.lastName ?? null, at, source);
  setProperty(record, 'hs_email_to_email', emails(headers.to), at, source);
  setProperty(record, 'hs_email_cc_email', emails(headers.cc), at, source);
}

export function newRecord(
  store: Store,
  type: HsObjectType,
  values: Record<string, string | null>,
  at: string,
  source: WriteSource,
  id?: string,
): HsRecord {
  const recordId = id ?? String(store.hubspot.nextId++);
  const record: HsRecord = {
    id: recordId,
    properties: {},
    history: {},
    createdAt: at,
    updatedAt: at,
    archived: false,
  };
  setProperty(record, 'hs_object_id', recordId, at, source);
  setProperty(record, createdProperty(type), at, at, source);
  setProperty(record, modifiedProperty(type), at, at, source);
  for (const [name, value] of Object.entries(values)) {
    if (type === 'deals' && name === 'dealstage') continue;
    setProperty(record, name, value, at, source);
  }
  if (type === 'deals' && values.dealstage)
    applyDealStage(store.hubspot, record, values.dealstage, at, source);
  if (type === 'emails') deriveEmailProperties(record, at, source);
  if (type === 'contacts' && values.email) {
    setProperty(record, 'hs_email_domain', values.email.split('@')[1] ?? null, at, source);
  }
  if (isActivityType(type)) {
    const body =
      values.hs_email_text ??
      values.hs_call_body ??
      values.hs_meeting_body ??
      values.hs_note_body ??
      values.hs_task_body;
    if (body) setProperty(record, 'hs_body_preview', body.replace(/<[^>]+>/g, '').slice(0, 200), at, source);
  }
  store.hubspot[type].push(record);
  return record;
}

export function touch(record: HsRecord, type: HsObjectType, at: string, source: WriteSource) {
  record.updatedAt = at;
  setProperty(record, modifiedProperty(type), at, at, source);
}

export interface SerializeOptions {
  properties?: string[] | undefined;
  propertiesWithHistory?: string[] | undefined;
  /** Return every property with a value (create/update responses). */
  allSet?: boolean;
}

export function serialize(store: Store, type: HsObjectType, record: HsRecord, opts: SerializeOptions = {}) {
  const defs = propertyDefs(store, type);
  const names = new Set<string>(['hs_object_id', createdProperty(type), modifiedProperty(type)]);
  if (opts.allSet) {
    for (const [name, value] of Object.entries(record.properties)) if (value !== null) names.add(name);
  } else {
    for (const name of opts.properties && opts.properties.length
      ? opts.properties
      : DEFAULT_PROPERTIES[type]) {
      names.add(name);
    }
  }
  const properties: Record<string, string | null> = {};
  for (const name of [...names].sort()) {
    if (defs.has(name)) properties[name] = record.properties[name] ?? null;
  }
  const out: Record<string, unknown> = {
    id: record.id,
    properties,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    archived: record.archived,
  };
  if (opts.propertiesWithHistory && opts.propertiesWithHistory.length) {
    const history: Record<string, HsHistoryEntry[]> = {};
    for (const name of opts.propertiesWithHistory)
      if (defs.has(name)) history[name] = record.history[name] ?? [];
    out.propertiesWithHistory = history;
  }
  return out;
}

/** Property names from `properties=a,b&properties=c` or a JSON array. */
export function propertyList(raw: unknown): string[] | undefined {
  if (Array.isArray(raw)) return raw.filter((x): x is string => typeof x === 'string');
  if (typeof raw === 'string') return raw.split(',').filter(Boolean);
  return undefined;
}

export function queryList(params: URLSearchParams, name: string): string[] | undefined {
  const all = params.getAll(name);
  if (all.length === 0) return undefined;
  return all.flatMap((v) => v.split(',')).filter(Boolean);
}
