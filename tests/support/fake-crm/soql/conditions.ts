/**
 * WHERE clauses: type-checks every literal against its field (Salesforce rejects quoted dates,
 * unquoted strings, malformed ids, filters on long text areas) and compiles the condition to a
 * row predicate. Semi-joins run their inner query through the callback the evaluator supplies.
 */
import type { CompareOp, Condition, FieldRef, Literal, Query } from './ast';
import type { SoqlObject, SoqlRow } from './catalog';
import { dateLiteralRange, dateMs, dateTimeMs, type Range } from './dates';
import { SoqlError } from './errors';
import {
  NUMBER_TYPES,
  TEXT_TYPES,
  compareKeys,
  keyOf,
  type FieldResolver,
  type Key,
  type QueryContext,
  type Resolved,
} from './fields';

export type Predicate = (row: SoqlRow) => boolean;

/** Runs a (semi-join) subquery: its object and, lazily, the rows it matches. */
export type SubqueryRunner = (query: Query) => { object: SoqlObject; matching: () => SoqlRow[] };

function semiJoinIn(c: Condition): Extract<Condition, { kind: 'semijoin' }> | null {
  if (c.kind === 'semijoin') return c;
  if (c.kind === 'not') return semiJoinIn(c.item);
  if (c.kind === 'and' || c.kind === 'or') return c.items.map(semiJoinIn).find((j) => j !== null) ?? null;
  return null;
}

export class ConditionCompiler {
  constructor(
    private readonly fields: FieldResolver,
    private readonly ctx: QueryContext,
    private readonly subquery: SubqueryRunner,
  ) {}

  condition(root: SoqlObject, c: Condition): Predicate {
    switch (c.kind) {
      case 'and': {
        const parts = c.items.map((i) => this.condition(root, i));
        return (row) => parts.every((p) => p(row));
      }
      case 'or': {
        // Salesforce: "You can't use subqueries in conjunction with OR."
        const join = c.items.map(semiJoinIn).find((j) => j !== null);
        if (join) {
          throw new SoqlError(
            'MALFORMED_QUERY',
            "Semi join sub-selects are not allowed with the 'OR' operator",
            join.field.pos,
          );
        }
        const parts = c.items.map((i) => this.condition(root, i));
        return (row) => parts.some((p) => p(row));
      }
      case 'not': {
        const inner = this.condition(root, c.item);
        return (row) => !inner(row);
      }
      case 'compare':
        return this.compare(root, c.field, c.op, c.value);
      case 'in':
        return this.inList(root, c.field, c.negated, c.values);
      case 'semijoin':
        return this.semiJoin(root, c.field, c.negated, c.query);
      case 'like':
        return this.like(root, c.field, c.pattern);
    }
  }

  private filterable(root: SoqlObject, ref: FieldRef): Resolved {
    const r = this.fields.resolve(root, ref);
    if (!r.field.filterable) {
      throw new SoqlError(
        'INVALID_FIELD',
        `field '${r.field.name}' can not be filtered in a query call`,
        ref.pos,
      );
    }
    return r;
  }

  /** Type-checks a literal against the field and returns its comparison key or range. */
  private literalKey(r: Resolved, lit: Literal): Key | Range {
    const type = r.field.type;
    const name = r.field.name;
    const fail = (expected: string, quoted: boolean): never => {
      throw new SoqlError(
        'INVALID_FIELD',
        `value of filter criterion for field '${name}' must be of type ${expected} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
        lit.pos,
      );
    };
    if (lit.kind === 'null') return null;
    if (TEXT_TYPES.includes(type)) {
      if (lit.kind !== 'string') return fail('string', true);
      if (
        (type === 'id' || type === 'reference') &&
        !/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(lit.value)
      ) {
        throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${lit.value}`, lit.pos);
      }
      return keyOf(type, lit.value.replace(/\\([%_])/g, '$1'));
    }
    if (NUMBER_TYPES.includes(type))
      return lit.kind === 'number' ? lit.value : fail(type === 'int' ? 'int' : 'double', false);
    if (type === 'boolean') return lit.kind === 'boolean' ? (lit.value ? 1 : 0) : fail('boolean', false);
    if (lit.kind === 'dateLiteral') return dateLiteralRange(lit.name, lit.n, this.ctx.now);
    if (type === 'date') return lit.kind === 'date' ? dateMs(lit.value) : fail('date', false);
    return lit.kind === 'datetime' ? dateTimeMs(lit.value) : fail('dateTime', false);
  }

  private compare(root: SoqlObject, ref: FieldRef, op: CompareOp, lit: Literal): Predicate {
    const r = this.filterable(root, ref);
    const wanted = this.literalKey(r, lit);
    if (wanted === null && op !== '=' && op !== '!=') {
      throw new SoqlError('MALFORMED_QUERY', `invalid operator on null: ${op}`, lit.pos);
    }
    return (row) => {
      const actual = keyOf(r.field.type, this.fields.value(row, root.name, r));
      if (wanted === null) return op === '=' ? actual === null : actual !== null;
      if (actual === null) return op === '!=';
      if (typeof wanted === 'object') {
        if (typeof actual !== 'number') return false;
        const inside = actual >= wanted.start && actual < wanted.end;
        switch (op) {
          case '=':
            return inside;
          case '!=':
            return !inside;
          case '<':
            return actual < wanted.start;
          case '<=':
            return actual < wanted.end;
          case '>':
            return actual >= wanted.end;
          case '>=':
            return actual >= wanted.start;
        }
      }
      const order = compareKeys(actual, wanted);
      switch (op) {
        case '=':
          return order === 0;
        case '!=':
          return order !== 0;
        case '<':
          return order < 0;
        case '<=':
          return order <= 0;
        case '>':
          return order > 0;
        case '>=':
          return order >= 0;
      }
    };
  }

  private inList(root: SoqlObject, ref: FieldRef, negated: boolean, values: Literal[]): Predicate {
    const r = this.filterable(root, ref);
    const keys = values.map((v) => {
      const key = this.literalKey(r, v);
      if (key !== null && typeof key === 'object')
        throw new SoqlError('MALFORMED_QUERY', 'date literals are not allowed in IN lists', v.pos);
      return key;
    });
    const set = new Set(keys);
    return (row) => {
      const actual = keyOf(r.field.type, this.fields.value(row, root.name, r));
      const hit = set.has(actual);
      return negated ? !hit : hit;
    };
  }

  private semiJoin(root: SoqlObject, ref: FieldRef, negated: boolean, query: Query): Predicate {
    const r = this.filterable(root, ref);
    if (r.field.type !== 'id' && r.field.type !== 'reference') {
      throw new SoqlError(
        'INVALID_FIELD',
        `The left operand field in the where expression for outer query should be an id field, cannot use: '${r.field.name}'`,
        ref.pos,
      );
    }
    const inner = this.subquery(query);
    const selected = query.select[0];
    if (query.select.length !== 1 || selected?.kind !== 'field') {
      throw new SoqlError(
        'MALFORMED_QUERY',
        'A semi-join subquery must select exactly one field',
        query.from.pos,
      );
    }
    const innerField = this.fields.resolve(inner.object, selected);
    if (innerField.field.type !== 'id' && innerField.field.type !== 'reference') {
      throw new SoqlError(
        'INVALID_FIELD',
        `The selected field '${innerField.text}' in the subquery must be an id or reference field`,
        selected.pos,
      );
    }
    let ids: Set<Key> | undefined;
    return (row) => {
      ids ??= new Set(
        inner.matching().map((x) => keyOf('id', this.fields.value(x, inner.object.name, innerField))),
      );
      const hit = ids.has(keyOf('id', this.fields.value(row, root.name, r)));
      return negated ? !hit : hit;
    };
  }

  private like(root: SoqlObject, ref: FieldRef, pattern: string): Predicate {
    const r = this.filterable(root, ref);
    if (!TEXT_TYPES.includes(r.field.type)) {
      throw new SoqlError(
        'INVALID_FIELD',
        `invalid operator on field '${r.field.name}': LIKE only applies to text fields`,
        ref.pos,
      );
    }
    let source = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charAt(i);
      if (c === '\\' && (pattern.charAt(i + 1) === '%' || pattern.charAt(i + 1) === '_')) {
        source += pattern.charAt(i + 1);
        i += 1;
      } else if (c === '%') source += '.*';
      else if (c === '_') source += '.';
      else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    const regex = new RegExp(`^${source}$`, 'is');
    return (row) => {
      const v = this.fields.value(row, root.name, r);
      return v !== null && regex.test(String(v));
    };
  }
}
