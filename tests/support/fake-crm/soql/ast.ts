/**
 * SOQL syntax tree produced by the parser.
 */
export interface FieldRef {
  kind: 'field';
  /** Path segments as written, alias removed: ['Account', 'Name']. */
  path: string[];
  pos: number;
}

export type AggregateFn = 'COUNT' | 'COUNT_DISTINCT' | 'MAX' | 'MIN' | 'SUM' | 'AVG';

export interface AggregateExpr {
  kind: 'aggregate';
  fn: AggregateFn;
  /** null for COUNT(). */
  field: FieldRef | null;
  alias: string | null;
  pos: number;
}

export interface SubqueryItem {
  kind: 'subquery';
  query: Query;
  pos: number;
}

export type SelectItem = FieldRef | AggregateExpr | SubqueryItem;

export type Literal =
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'boolean'; value: boolean; pos: number }
  | { kind: 'null'; pos: number }
  | { kind: 'date'; value: string; pos: number }
  | { kind: 'datetime'; value: string; pos: number }
  /** TODAY, LAST_N_DAYS:14, … */
  | { kind: 'dateLiteral'; name: string; n: number | null; pos: number };

export type CompareOp = '=' | '!=' | '<' | '>' | '<=' | '>=';

export type Condition =
  | { kind: 'and'; items: Condition[] }
  | { kind: 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'compare'; field: FieldRef; op: CompareOp; value: Literal }
  | { kind: 'in'; field: FieldRef; negated: boolean; values: Literal[] }
  | { kind: 'semijoin'; field: FieldRef; negated: boolean; query: Query }
  | { kind: 'like'; field: FieldRef; pattern: string; pos: number };

export interface OrderItem {
  expr: FieldRef | AggregateExpr;
  desc: boolean;
  nulls: 'first' | 'last' | null;
}

export interface Query {
  select: SelectItem[];
  /** `SELECT COUNT() FROM …`: only totalSize is returned. */
  countOnly: boolean;
  from: { name: string; alias: string | null; pos: number };
  where: Condition | null;
  groupBy: FieldRef[];
  orderBy: OrderItem[];
  limit: number | null;
  offset: number | null;
}
