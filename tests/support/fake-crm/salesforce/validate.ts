/**
 * Field-level validation of Salesforce writes, with Salesforce's error codes: unknown and
 * read-only fields, JSON types, lengths, restricted picklists (StageName against the active
 * OpportunityStages), reference ids, required fields and unique values.
 */
import { dateTimeMs, formatDateTime } from '../soql/dates';
import type { SfValue, Store } from '../store/types';
import { findSfRecord } from './catalog';
import type { SfError } from './errors';
import { isWellFormedId, to18 } from './ids';
import { sfField, type SfFieldDef, type SfObjectDef } from './schema';

export const err = (errorCode: string, message: string, fields: string[] = []): SfError => ({
  message,
  errorCode,
  fields,
});

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stageNames(store: Store): string[] {
  return store.salesforce.opportunityStages.filter((s) => s.IsActive === true).map((s) => String(s.ApiName));
}

function coerceValue(store: Store, field: SfFieldDef, raw: unknown): { value: SfValue } | { error: SfError } {
  const name = field.name;
  if (raw === null) return { value: null };
  const jsonError = (what: string) =>
    err(
      'JSON_PARSER_ERROR',
      `Cannot deserialize instance of ${what} from VALUE_STRING value ${String(raw)} or request may be missing a required field at [line:1, column:1]`,
    );
  switch (field.type) {
    case 'boolean':
      if (typeof raw === 'boolean') return { value: raw };
      if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
      return { error: jsonError('boolean') };
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      const n =
        typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(n) || (field.type === 'int' && !Number.isInteger(n)))
        return { error: jsonError(field.type === 'int' ? 'int' : 'double') };
      return { value: n };
    }
    case 'date': {
      if (
        typeof raw !== 'string' ||
        !/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(raw) ||
        Number.isNaN(Date.parse(raw.slice(0, 10)))
      ) {
        return { error: jsonError('date') };
      }
      return { value: raw.slice(0, 10) };
    }
    case 'datetime': {
      const ms = typeof raw === 'string' ? dateTimeMs(raw) : typeof raw === 'number' ? raw : NaN;
      if (!Number.isFinite(ms)) return { error: jsonError('datetime') };
      return { value: formatDateTime(ms) };
    }
    default:
      break;
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') return { error: jsonError('string') };
  const text = String(raw);
  if (field.length > 0 && text.length > field.length) {
    return {
      error: err(
        'STRING_TOO_LONG',
        `${field.label}: data value too large: ${text.slice(0, 40)} (max length=${field.length})`,
        [name],
      ),
    };
  }
  if (field.type === 'email' && text !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text)) {
    return { error: err('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${text}`, [name]) };
  }
  if (field.type === 'reference') {
    if (!isWellFormedId(text))
      return { error: err('MALFORMED_ID', `${field.label}: id value of incorrect type: ${text}`, [name]) };
    const target = findSfRecord(store, text);
    if (!target || !field.referenceTo.includes(target.object)) {
      return { error: err('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [name]) };
    }
    return { value: to18(text) };
  }
  if (field.type === 'picklist' && field.restrictedPicklist) {
    const allowed = name === 'StageName' ? stageNames(store) : field.picklistValues;
    if (!allowed.includes(text)) {
      return {
        error: err(
          'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          `${field.label}: bad value for restricted picklist field: ${text}`,
          [name],
        ),
      };
    }
  }
  return { value: text };
}

export function coerceBody(
  store: Store,
  def: SfObjectDef,
  body: unknown,
  mode: 'create' | 'update',
): { values: Record<string, SfValue> } | { errors: SfError[] } {
  if (!isPlainObject(body))
    return { errors: [err('JSON_PARSER_ERROR', 'The request body must be a JSON object')] };
  const values: Record<string, SfValue> = {};
  const errors: SfError[] = [];
  const readOnly: string[] = [];
  for (const [key, raw] of Object.entries(body)) {
    if (key === 'attributes') continue;
    const field = sfField(def, key);
    if (!field) {
      errors.push(err('INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`));
      continue;
    }
    if (mode === 'create' ? !field.createable : !field.updateable) {
      readOnly.push(field.name);
      continue;
    }
    const result = coerceValue(store, field, raw);
    if ('error' in result) errors.push(result.error);
    else values[field.name] = result.value;
  }
  if (readOnly.length) {
    errors.unshift(
      err(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        readOnly,
      ),
    );
  }
  return errors.length ? { errors } : { values };
}

export function uniqueConflict(
  store: Store,
  def: SfObjectDef,
  row: Record<string, SfValue>,
  selfId: string | null,
): SfError | undefined {
  if (!def.table) return undefined;
  for (const field of def.fields) {
    const value = row[field.name];
    if (!field.unique || value === null || value === undefined || value === '') continue;
    const other = store.salesforce[def.table].find(
      (r) => r.Id !== selfId && String(r[field.name] ?? '').toLowerCase() === String(value).toLowerCase(),
    );
    if (other)
      return err(
        'DUPLICATE_VALUE',
        `duplicate value found: ${field.name} duplicates value on record with id: ${other.Id}`,
        [],
      );
  }
  return undefined;
}

export function missingRequired(def: SfObjectDef, row: Record<string, SfValue>): SfError | undefined {
  const missing = def.fields
    .filter((f) => f.required && (row[f.name] === null || row[f.name] === undefined || row[f.name] === ''))
    .map((f) => f.name);
  if (def.name === 'Event') {
    if (!row.StartDateTime && !row.ActivityDateTime) missing.push('ActivityDateTime');
    if (!row.EndDateTime && (row.DurationInMinutes === null || row.DurationInMinutes === undefined))
      missing.push('DurationInMinutes');
  }
  return missing.length
    ? err('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing)
    : undefined;
}
