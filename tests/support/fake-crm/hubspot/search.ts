/**
 * CRM search: filterGroups (OR of ANDed filters), the `associations.<type>` pseudo-property,
 * one sort, paging, and HubSpot's documented request limits.
 */
import { isRecord, jsonReply, type Reply } from '../http';
import type { RequestContext } from '../state';
import type { HsObjectType, HsRecord, Store } from '../store/types';
import { associatedIds } from './associations';
import { validationError } from './errors';
import { objectTypeOr400 } from './objects';
import { propertyDefs, propertyList, serialize, toIso } from './records';
import { parseObjectType, type HsPropertyDef } from './schema';

const OPERATORS = [
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
] as const;
type Operator = (typeof OPERATORS)[number];

interface Filter {
  propertyName: string;
  operator: Operator;
  value?: string;
  highValue?: string;
  values?: string[];
  /** Resolved target type for `associations.<type>`. */
  association?: HsObjectType;
  def?: HsPropertyDef;
}

const LIMITS = { groups: 5, perGroup: 6, total: 18, pageSize: 200, results: 10_000, bodyChars: 3000 };

function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function parseFilters(store: Store, type: HsObjectType, raw: unknown): Filter[][] | Reply {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return validationError('filterGroups must be an array');
  if (raw.length > LIMITS.groups) {
    return validationError(`Too many filter groups: ${raw.length}. The maximum is ${LIMITS.groups}.`);
  }
  const defs = propertyDefs(store, type);
  let total = 0;
  const groups: Filter[][] = [];
  for (const group of raw as unknown[]) {
    const filters =
      isRecord(group) && Array.isArray(group.filters) ? (group.filters as unknown[]) : undefined;
    if (!filters) return validationError('Each filter group needs a filters array');
    if (filters.length > LIMITS.perGroup) {
      return validationError(
        `Too many filters in a group: ${filters.length}. The maximum is ${LIMITS.perGroup}.`,
      );
    }
    total += filters.length;
    const parsed: Filter[] = [];
    for (const f of filters) {
      if (!isRecord(f) || typeof f.propertyName !== 'string')
        return validationError('Each filter needs a propertyName');
      const operator = (typeof f.operator === 'string' ? f.operator : 'EQ') as Operator;
      if (!OPERATORS.includes(operator)) return validationError(`Unknown operator ${String(f.operator)}`);
      const filter: Filter = { propertyName: f.propertyName, operator };
      const value = asText(f.value);
      const high = asText(f.highValue);
      if (value !== undefined) filter.value = value;
      if (high !== undefined) filter.highValue = high;
      if (Array.isArray(f.values)) filter.values = (f.values as unknown[]).map((v) => asText(v) ?? '');
      if (f.propertyName.startsWith('associations.')) {
        const target = parseObjectType(f.propertyName.slice('associations.'.length));
        if (!target) return validationError(`Unknown association type in ${f.propertyName}`);
        filter.association = target;
      } else {
        const def = defs.get(f.propertyName);
        if (!def)
          return validationError(
            `There was a problem with the request: property ${f.propertyName} does not exist.`,
          );
        if (def.notSearchable) return validationError(`Property ${f.propertyName} is not searchable.`);
        filter.def = def;
      }
      const problem = operandProblem(filter);
      if (problem) return validationError(problem);
      parsed.push(filter);
    }
    groups.push(parsed);
  }
  if (total > LIMITS.total)
    return validationError(`Too many filters: ${total}. The maximum is ${LIMITS.total}.`);
  return groups;
}

function operandProblem(f: Filter): string | undefined {
  const op = f.operator;
  if (op === 'HAS_PROPERTY' || op === 'NOT_HAS_PROPERTY') return undefined;
  if (op === 'IN' || op === 'NOT_IN') {
    if (!f.values || f.values.length === 0)
      return `${op} requires a non-empty values array for ${f.propertyName}`;
    const isString = !f.def || ['string', 'enumeration'].includes(f.def.type);
    // Documented: string values of IN / NOT_IN must be lower case.
    const upper = f.values.find((v) => isString && !f.association && v !== v.toLowerCase());
    if (upper !== undefined)
      return `Values for ${op} on string property ${f.propertyName} must be lowercase: ${upper}`;
    return undefined;
  }
  if (f.value === undefined) return `${op} requires a value for ${f.propertyName}`;
  if (op === 'BETWEEN' && f.highValue === undefined)
    return `BETWEEN requires highValue for ${f.propertyName}`;
  return undefined;
}

type Comparable = number | string;

function comparable(def: HsPropertyDef | undefined, raw: string): Comparable {
  if (def?.type === 'number') return Number(raw);
  if (def?.type === 'datetime' || def?.type === 'date') {
    const iso = toIso(raw);
    return iso ? Date.parse(iso) : NaN;
  }
  return raw.toLowerCase();
}

function tokenMatch(value: string, pattern: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .toLowerCase()
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')}$`,
  );
  const tokens = [value, ...value.split(/[\s;,]+/)].map((t) => t.toLowerCase());
  return tokens.some((t) => regex.test(t));
}

function matchesFilter(store: Store, type: HsObjectType, record: HsRecord, f: Filter): boolean {
  if (f.association) {
    const ids = associatedIds(store.hubspot, type, record.id, f.association);
    switch (f.operator) {
      case 'EQ':
        return ids.includes(f.value ?? '');
      case 'NEQ':
        return !ids.includes(f.value ?? '');
      case 'IN':
        return (f.values ?? []).some((v) => ids.includes(v));
      case 'NOT_IN':
        return !(f.values ?? []).some((v) => ids.includes(v));
      case 'HAS_PROPERTY':
        return ids.length > 0;
      case 'NOT_HAS_PROPERTY':
        return ids.length === 0;
      default:
        return false;
    }
  }
  const raw = record.properties[f.propertyName];
  const has = raw !== null && raw !== undefined && raw !== '';
  if (f.operator === 'HAS_PROPERTY') return has;
  if (f.operator === 'NOT_HAS_PROPERTY') return !has;
  if (f.operator === 'NEQ') return !has || comparable(f.def, raw) !== comparable(f.def, f.value ?? '');
  if (f.operator === 'NOT_IN')
    return !has || !(f.values ?? []).some((v) => comparable(f.def, v) === comparable(f.def, raw));
  if (f.operator === 'NOT_CONTAINS_TOKEN') return !has || !tokenMatch(raw, f.value ?? '');
  if (!has) return false;
  const actual = comparable(f.def, raw);
  const wanted = comparable(f.def, f.value ?? '');
  switch (f.operator) {
    case 'EQ':
      return actual === wanted;
    case 'LT':
      return actual < wanted;
    case 'LTE':
      return actual <= wanted;
    case 'GT':
      return actual > wanted;
    case 'GTE':
      return actual >= wanted;
    case 'BETWEEN':
      return actual >= wanted && actual <= comparable(f.def, f.highValue ?? '');
    case 'IN':
      return (f.values ?? []).some((v) => comparable(f.def, v) === actual);
    case 'CONTAINS_TOKEN':
      return tokenMatch(raw, f.value ?? '');
    default:
      return false;
  }
}

function parseSort(
  store: Store,
  type: HsObjectType,
  raw: unknown,
): { name: string; desc: boolean } | null | Reply {
  if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) return null;
  if (!Array.isArray(raw)) return validationError('sorts must be an array');
  if (raw.length > 1) return validationError('Only one sort is supported.');
  const first: unknown = raw[0];
  let name: string | undefined;
  let desc = false;
  if (typeof first === 'string') {
    desc = first.startsWith('-');
    name = first.replace(/^-/, '');
  } else if (isRecord(first) && typeof first.propertyName === 'string') {
    name = first.propertyName;
    desc = first.direction === 'DESCENDING';
  }
  if (!name || !propertyDefs(store, type).has(name))
    return validationError(`Cannot sort by unknown property ${String(name)}`);
  return { name, desc };
}

export function search(ctx: RequestContext, typeRaw: string): Reply {
  const type = objectTypeOr400(typeRaw);
  if (typeof type !== 'string') return type;
  const raw = ctx.body.kind === 'json' ? ctx.body.value : {};
  if (!isRecord(raw)) return validationError('Invalid input JSON');
  if (JSON.stringify(raw).length > LIMITS.bodyChars) {
    return validationError(
      `The search request body is too long; the maximum is ${LIMITS.bodyChars} characters.`,
    );
  }
  const store = ctx.state.store;
  const groups = parseFilters(store, type, raw.filterGroups);
  if (!Array.isArray(groups)) return groups;
  const sort = parseSort(store, type, raw.sorts);
  if (sort !== null && 'status' in sort) return sort;
  const limit = raw.limit === undefined ? 10 : Number(raw.limit);
  if (!Number.isInteger(limit) || limit < 0 || limit > LIMITS.pageSize) {
    return validationError(`limit must be between 0 and ${LIMITS.pageSize}`);
  }
  const after = raw.after === undefined || raw.after === null || raw.after === '' ? 0 : Number(raw.after);
  if (!Number.isInteger(after) || after < 0) return validationError('after must be a non-negative integer');
  if (after + limit > LIMITS.results) {
    return validationError(
      `Search results are limited to ${LIMITS.results}; narrow the filters instead of paging further.`,
    );
  }
  const query = typeof raw.query === 'string' ? raw.query.toLowerCase() : '';

  // Index lag: records created within the last `searchLagMs` are not in the index yet. Reads by id,
  // by unique property and through associations see them at once, as in HubSpot.
  const lagMs = ctx.state.faults.searchLagMs();
  const indexedBefore = ctx.state.clock.nowMs() - lagMs;
  let rows = store.hubspot[type].filter(
    (r) =>
      !r.archived &&
      (lagMs === 0 || Date.parse(r.createdAt) <= indexedBefore) &&
      (groups.length === 0 || groups.some((g) => g.every((f) => matchesFilter(store, type, r, f)))) &&
      (!query || Object.values(r.properties).some((v) => v?.toLowerCase().includes(query))),
  );
  if (sort) {
    const def = propertyDefs(store, type).get(sort.name);
    rows = [...rows].sort((a, b) => {
      const av = a.properties[sort.name];
      const bv = b.properties[sort.name];
      if (av == null || bv == null) return av == null ? (bv == null ? 0 : 1) : -1;
      const x = comparable(def, av);
      const y = comparable(def, bv);
      const order = x < y ? -1 : x > y ? 1 : 0;
      return sort.desc ? -order : order;
    });
  } else {
    rows = [...rows].sort((a, b) => Number(a.id) - Number(b.id));
  }
  const page = rows.slice(after, after + limit);
  const properties = propertyList(raw.properties);
  const next = after + limit < rows.length ? String(after + limit) : undefined;
  return jsonReply(200, {
    total: rows.length,
    results: page.map((r) => serialize(store, type, r, { properties })),
    ...(next
      ? {
          paging: {
            next: { after: next, link: `${ctx.state.baseUrl}/crm/v3/objects/${type}/search?after=${next}` },
          },
        }
      : {}),
  });
}
