/**
 * Compiles a parsed SOQL query against a Catalog (resolving every field, checking types and
 * filterability so errors surface even on empty tables) and runs it, producing records in the
 * REST shape: parent relationships nested with `attributes`, child subqueries as
 * `{totalSize, done, records}` or null, aggregates as `AggregateResult` rows.
 */
import type { AggregateExpr, Query } from './ast';
import { POLYMORPHIC_OBJECT, type SoqlObject, type SoqlRow, type SoqlValue } from './catalog';
import { ConditionCompiler, type Predicate } from './conditions';
import { SoqlError } from './errors';
import {
  FieldResolver,
  NUMBER_TYPES,
  RELATION_HINT,
  compareKeys,
  keyOf,
  normalizeId,
  type Key,
  type QueryContext,
  type Resolved,
} from './fields';
import { parseSoql } from './parser';

export type { QueryContext } from './fields';

export type OutputRecord = Record<string, unknown>;

export interface QueryResult {
  totalSize: number;
  records: OutputRecord[];
}

interface AggregateSpec {
  kind: 'group' | 'aggregate';
  fn?: AggregateExpr['fn'];
  resolved: Resolved | null;
  outKey: string;
}

class CompiledQuery {
  readonly filter: Predicate;
  private readonly sorters: Array<{ key: (row: SoqlRow) => Key; desc: boolean; nulls: 'first' | 'last' }> =
    [];
  private readonly isAggregate: boolean;
  private readonly groupBy: Resolved[] = [];
  private readonly aggregateSpecs: AggregateSpec[] = [];
  private readonly aggregateOrder: Array<{ spec: AggregateSpec; desc: boolean; nulls: 'first' | 'last' }> =
    [];
  private readonly projections: Array<(row: SoqlRow, out: OutputRecord) => void> = [];

  constructor(
    private readonly fields: FieldResolver,
    private readonly ctx: QueryContext,
    private readonly query: Query,
    readonly object: SoqlObject,
  ) {
    const conditions = new ConditionCompiler(fields, ctx, (inner) => {
      const compiled = new CompiledQuery(fields, ctx, inner, fields.object(inner.from.name, inner.from.pos));
      return {
        object: compiled.object,
        matching: () => compiled.matchingRows(ctx.catalog.rows(compiled.object.name)),
      };
    });
    this.filter = query.where ? conditions.condition(object, query.where) : () => true;
    if (query.offset !== null && query.offset > 2000) {
      throw new SoqlError('NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is 2000`, null);
    }
    this.isAggregate =
      !query.countOnly && (query.groupBy.length > 0 || query.select.some((s) => s.kind === 'aggregate'));
    if (this.isAggregate) this.compileAggregate();
    else if (!query.countOnly) this.compileProjection();
  }

  private compileProjection() {
    for (const item of this.query.select) {
      if (item.kind === 'field') {
        const r = this.fields.resolve(this.object, item);
        this.projections.push((row, out) => this.place(out, row, r));
      } else if (item.kind === 'subquery') {
        this.projections.push(this.compileChild(item.query));
      }
    }
    for (const o of this.query.orderBy) {
      if (o.expr.kind !== 'field')
        throw new SoqlError('MALFORMED_QUERY', 'Aggregate functions in ORDER BY need GROUP BY', o.expr.pos);
      const r = this.fields.resolve(this.object, o.expr);
      if (!r.field.sortable)
        throw new SoqlError(
          'INVALID_FIELD',
          `field '${r.field.name}' can not be sorted in a query call`,
          o.expr.pos,
        );
      // SOQL sorts nulls first by default, whatever the direction.
      this.sorters.push({
        key: (row) => keyOf(r.field.type, this.fields.value(row, this.object.name, r)),
        desc: o.desc,
        nulls: o.nulls ?? 'first',
      });
    }
  }

  private compileChild(query: Query): (row: SoqlRow, out: OutputRecord) => void {
    const rel = this.object.childRelationships.find(
      (c) => c.relationshipName.toLowerCase() === query.from.name.toLowerCase(),
    );
    if (!rel) {
      throw new SoqlError(
        'INVALID_TYPE',
        `Didn't understand relationship '${query.from.name}' in FROM part of query call. ${RELATION_HINT}`,
        query.from.pos,
      );
    }
    if (query.select.some((s) => s.kind === 'subquery')) {
      throw new SoqlError('MALFORMED_QUERY', 'Nesting of child subqueries is not supported', query.from.pos);
    }
    const child = new CompiledQuery(
      this.fields,
      this.ctx,
      query,
      this.fields.object(rel.childSObject, query.from.pos),
    );
    return (row, out) => {
      const rows = this.ctx.catalog.rows(rel.childSObject).filter((c) => {
        const v = c[rel.field];
        return typeof v === 'string' && normalizeId(v) === normalizeId(row.Id);
      });
      const result = child.execute(rows);
      out[rel.relationshipName] =
        result.totalSize === 0 ? null : { totalSize: result.totalSize, done: true, records: result.records };
    };
  }

  private url(type: string, id: string) {
    return `/services/data/v${this.ctx.apiVersion}/sobjects/${type}/${id}`;
  }

  private place(out: OutputRecord, row: SoqlRow, r: Resolved) {
    let container: OutputRecord = out;
    let current: SoqlRow = row;
    let type = this.object.name;
    for (const hop of r.hops) {
      const rel = hop.relationshipName as string;
      const id = current[hop.name];
      const target = typeof id === 'string' ? this.ctx.catalog.byId(id) : undefined;
      if (!target) {
        if (!(rel in container)) container[rel] = null;
        return;
      }
      let nested = container[rel] as OutputRecord | null | undefined;
      if (!nested) {
        const attrType = hop.referenceTo.length > 1 ? POLYMORPHIC_OBJECT : target.object;
        nested = { attributes: { type: attrType, url: this.url(target.object, target.row.Id) } };
        container[rel] = nested;
      }
      container = nested;
      current = target.row;
      type = target.object;
    }
    container[r.field.name] =
      r.polymorphicEnd && r.field.name === 'Type' ? type : (current[r.field.name] ?? null);
  }

  private compileAggregate() {
    this.groupBy.push(...this.query.groupBy.map((g) => this.fields.resolve(this.object, g)));
    const grouped = new Set(this.groupBy.map((g) => g.canonical.toLowerCase()));
    let exprIndex = 0;
    for (const item of this.query.select) {
      if (item.kind === 'subquery')
        throw new SoqlError('MALFORMED_QUERY', 'Subqueries are not allowed in aggregate queries', item.pos);
      if (item.kind === 'field') {
        const r = this.fields.resolve(this.object, item);
        if (!grouped.has(r.canonical.toLowerCase())) {
          throw new SoqlError(
            'MALFORMED_QUERY',
            `Field must be grouped or aggregated: ${r.field.name}`,
            item.pos,
          );
        }
        this.aggregateSpecs.push({ kind: 'group', resolved: r, outKey: r.field.name });
        continue;
      }
      this.aggregateSpecs.push(this.aggregateSpec(item, item.alias ?? `expr${exprIndex++}`));
    }
    for (const o of this.query.orderBy) {
      let spec: AggregateSpec;
      if (o.expr.kind === 'field') {
        const r = this.fields.resolve(this.object, o.expr);
        if (!grouped.has(r.canonical.toLowerCase())) {
          throw new SoqlError(
            'MALFORMED_QUERY',
            `Ordered field must be grouped or aggregated: ${r.field.name}`,
            o.expr.pos,
          );
        }
        spec = { kind: 'group', resolved: r, outKey: '' };
      } else spec = this.aggregateSpec(o.expr, '');
      this.aggregateOrder.push({ spec, desc: o.desc, nulls: o.nulls ?? 'first' });
    }
  }

  private aggregateSpec(item: AggregateExpr, outKey: string): AggregateSpec {
    const r = item.field ? this.fields.resolve(this.object, item.field) : null;
    if (r && (item.fn === 'SUM' || item.fn === 'AVG') && !NUMBER_TYPES.includes(r.field.type)) {
      throw new SoqlError('MALFORMED_QUERY', `Invalid field ${r.field.name} for ${item.fn}`, item.pos);
    }
    return { kind: 'aggregate', fn: item.fn, resolved: r, outKey };
  }

  private computeSpec(spec: AggregateSpec, rows: SoqlRow[]): SoqlValue {
    const r = spec.resolved;
    if (spec.kind === 'group') return r && rows[0] ? this.fields.value(rows[0], this.object.name, r) : null;
    if (!r) return rows.length;
    const values = rows
      .map((row) => this.fields.value(row, this.object.name, r))
      .filter((v): v is Exclude<SoqlValue, null> => v !== null);
    switch (spec.fn) {
      case 'COUNT':
        return values.length;
      case 'COUNT_DISTINCT':
        return new Set(values.map((v) => keyOf(r.field.type, v))).size;
      case 'SUM':
        return values.length ? values.reduce<number>((sum, v) => sum + Number(v), 0) : null;
      case 'AVG':
        return values.length ? values.reduce<number>((sum, v) => sum + Number(v), 0) / values.length : null;
      case 'MAX':
      case 'MIN': {
        let best: Exclude<SoqlValue, null> | null = null;
        for (const v of values) {
          const order = best === null ? 1 : compareKeys(keyOf(r.field.type, v), keyOf(r.field.type, best));
          if (best === null || (spec.fn === 'MAX' ? order > 0 : order < 0)) best = v;
        }
        return best;
      }
      default:
        return null;
    }
  }

  matchingRows(rows: readonly SoqlRow[]): SoqlRow[] {
    return rows.filter(this.filter);
  }

  private sortRows<T>(
    items: T[],
    keys: Array<{ key: (item: T) => Key; desc: boolean; nulls: 'first' | 'last' }>,
  ): T[] {
    if (keys.length === 0) return items;
    return [...items].sort((a, b) => {
      for (const s of keys) {
        const x = s.key(a);
        const y = s.key(b);
        if (x === y) continue;
        if (x === null || y === null) return (x === null) === (s.nulls === 'first') ? -1 : 1;
        const order = x < y ? -1 : 1;
        return s.desc ? -order : order;
      }
      return 0;
    });
  }

  private page<T>(items: T[]): T[] {
    const start = this.query.offset ?? 0;
    return items.slice(start, this.query.limit === null ? undefined : start + this.query.limit);
  }

  execute(rows: readonly SoqlRow[]): QueryResult {
    const matching = this.matchingRows(rows);
    if (this.query.countOnly) {
      const count = this.page(matching).length;
      return { totalSize: count, records: [] };
    }
    if (this.isAggregate) return this.executeAggregate(matching);
    const sorted = this.sortRows(matching, this.sorters);
    const records = this.page(sorted).map((row) => {
      const out: OutputRecord = {
        attributes: { type: this.object.name, url: this.url(this.object.name, row.Id) },
      };
      for (const project of this.projections) project(row, out);
      return out;
    });
    return { totalSize: records.length, records };
  }

  private executeAggregate(rows: SoqlRow[]): QueryResult {
    const groups = new Map<string, SoqlRow[]>();
    if (this.groupBy.length === 0) groups.set('', rows);
    for (const row of this.groupBy.length ? rows : []) {
      const key = JSON.stringify(
        this.groupBy.map((g) => keyOf(g.field.type, this.fields.value(row, this.object.name, g))),
      );
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    const ordered = this.sortRows(
      [...groups.values()],
      this.aggregateOrder.map((o) => ({
        key: (group: SoqlRow[]) => {
          const v = this.computeSpec(o.spec, group);
          const type = o.spec.resolved?.field.type ?? 'int';
          return o.spec.fn === 'COUNT' || o.spec.fn === 'COUNT_DISTINCT' ? Number(v) : keyOf(type, v);
        },
        desc: o.desc,
        nulls: o.nulls,
      })),
    );
    const records = this.page(ordered).map((group) => {
      const out: OutputRecord = { attributes: { type: 'AggregateResult' } };
      for (const spec of this.aggregateSpecs) out[spec.outKey] = this.computeSpec(spec, group);
      return out;
    });
    return { totalSize: records.length, records };
  }
}

export function runQuery(query: Query, ctx: QueryContext): QueryResult {
  const fields = new FieldResolver(ctx);
  const compiled = new CompiledQuery(fields, ctx, query, fields.object(query.from.name, query.from.pos));
  return compiled.execute(ctx.catalog.rows(compiled.object.name));
}

/** Parses and runs a SOQL statement; throws SoqlError with Salesforce's error codes. */
export function executeSoql(source: string, ctx: QueryContext): QueryResult {
  return runQuery(parseSoql(source), ctx);
}
