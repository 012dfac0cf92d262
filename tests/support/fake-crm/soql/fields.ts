/**
 * Field paths in SOQL: resolving `Account.Owner.Email` against the catalog (with Salesforce's
 * error messages), reading a path's value from a row, and comparison keys per field type.
 */
import { to18 } from '../salesforce/ids';
import type { FieldRef } from './ast';
import {
  POLYMORPHIC_OBJECT,
  type Catalog,
  type SoqlField,
  type SoqlFieldType,
  type SoqlObject,
  type SoqlRow,
  type SoqlValue,
} from './catalog';
import { dateMs, dateTimeMs } from './dates';
import { SoqlError } from './errors';

export interface QueryContext {
  catalog: Catalog;
  now: Date;
  /** e.g. "62.0", used in `attributes.url`. */
  apiVersion: string;
}

export interface Resolved {
  /** Reference fields walked, in order (Account.Owner.Email → AccountId, OwnerId). */
  hops: SoqlField[];
  field: SoqlField;
  /** The last hop is polymorphic (Who, What, RelatedTo): `Type` is the record's object. */
  polymorphicEnd: boolean;
  /** Canonical spelling of the whole path, for matching GROUP BY against SELECT. */
  canonical: string;
  text: string;
}

export type Key = string | number | null;

export const TEXT_TYPES: readonly SoqlFieldType[] = [
  'id',
  'reference',
  'string',
  'textarea',
  'email',
  'picklist',
  'phone',
  'url',
];
export const NUMBER_TYPES: readonly SoqlFieldType[] = ['currency', 'double', 'percent', 'int'];

const OBJECT_HINT =
  "If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.";
const FIELD_HINT =
  "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
export const RELATION_HINT =
  "If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.";

/** 15- and 18-character ids name the same record; compare the 18-character form. */
export function normalizeId(value: string): string {
  return (/^[a-zA-Z0-9]{15}$/.test(value) ? to18(value) : value).toLowerCase();
}

export function keyOf(type: SoqlFieldType, value: SoqlValue): Key {
  if (value === null || value === undefined) return null;
  if (TEXT_TYPES.includes(type))
    return type === 'id' || type === 'reference' ? normalizeId(String(value)) : String(value).toLowerCase();
  if (NUMBER_TYPES.includes(type)) return Number(value);
  if (type === 'boolean') return value === true || value === 'true' ? 1 : 0;
  if (type === 'date') return dateMs(String(value));
  return dateTimeMs(String(value));
}

export function compareKeys(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

export class FieldResolver {
  constructor(private readonly ctx: QueryContext) {}

  object(name: string, pos: number): SoqlObject {
    const found = this.ctx.catalog.object(name);
    if (!found || found.name === POLYMORPHIC_OBJECT) {
      throw new SoqlError('INVALID_TYPE', `sObject type '${name}' is not supported. ${OBJECT_HINT}`, pos);
    }
    return found;
  }

  resolve(root: SoqlObject, ref: FieldRef): Resolved {
    let current = root;
    const hops: SoqlField[] = [];
    const names: string[] = [];
    let polymorphicEnd = false;
    const segments = ref.path;
    for (const [index, segment] of segments.entries()) {
      const last = index === segments.length - 1;
      if (last) {
        const field = current.fields.find((f) => f.name.toLowerCase() === segment.toLowerCase());
        if (!field) {
          throw new SoqlError(
            'INVALID_FIELD',
            `No such column '${segment}' on entity '${current.name}'. ${FIELD_HINT}`,
            ref.pos,
          );
        }
        names.push(field.name);
        return { hops, field, polymorphicEnd, canonical: names.join('.'), text: segments.join('.') };
      }
      const hop = current.fields.find((f) => f.relationshipName?.toLowerCase() === segment.toLowerCase());
      if (!hop || !hop.relationshipName) {
        throw new SoqlError(
          'INVALID_FIELD',
          `Didn't understand relationship '${segment}' in field path. ${RELATION_HINT}`,
          ref.pos,
        );
      }
      hops.push(hop);
      names.push(hop.relationshipName);
      polymorphicEnd = hop.referenceTo.length > 1;
      const targetName = polymorphicEnd ? POLYMORPHIC_OBJECT : (hop.referenceTo[0] ?? '');
      const target = this.ctx.catalog.object(targetName);
      if (!target)
        throw new SoqlError(
          'INVALID_FIELD',
          `Didn't understand relationship '${segment}' in field path.`,
          ref.pos,
        );
      current = target;
    }
    throw new SoqlError('MALFORMED_QUERY', 'empty field path', ref.pos);
  }

  value(row: SoqlRow, rootName: string, r: Resolved): SoqlValue {
    let current: SoqlRow = row;
    let type = rootName;
    for (const hop of r.hops) {
      const id = current[hop.name];
      if (typeof id !== 'string') return null;
      const target = this.ctx.catalog.byId(id);
      if (!target) return null;
      current = target.row;
      type = target.object;
    }
    if (r.polymorphicEnd && r.field.name === 'Type') return type;
    return current[r.field.name] ?? null;
  }
}
