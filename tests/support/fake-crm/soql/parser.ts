/**
 * Recursive-descent SOQL parser for the subset Dealside uses (see README of the fake CRM):
 * field lists with parent paths, child subqueries, aggregates with GROUP BY, WHERE with
 * AND/OR/NOT (SOQL forbids mixing AND and OR without parentheses), IN lists and semi-joins,
 * LIKE, date literals, ORDER BY … NULLS FIRST|LAST, LIMIT, OFFSET.
 */
import type {
  AggregateExpr,
  AggregateFn,
  CompareOp,
  Condition,
  FieldRef,
  Literal,
  OrderItem,
  Query,
  SelectItem,
} from './ast';
import { SoqlError } from './errors';
import { tokenize, type Token, type TokenKind } from './lexer';

const KEYWORDS = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP',
  'BY',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'AND',
  'OR',
  'NOT',
  'IN',
  'LIKE',
  'NULL',
  'TRUE',
  'FALSE',
  'ASC',
  'DESC',
  'NULLS',
  'FIRST',
  'LAST',
  'WITH',
  'HAVING',
  'FOR',
  'USING',
  'INCLUDES',
  'EXCLUDES',
  'TYPEOF',
]);

const AGGREGATES = new Set<AggregateFn>(['COUNT', 'COUNT_DISTINCT', 'MAX', 'MIN', 'SUM', 'AVG']);

const DATE_LITERALS = new Set([
  'TODAY',
  'YESTERDAY',
  'TOMORROW',
  'THIS_WEEK',
  'LAST_WEEK',
  'NEXT_WEEK',
  'THIS_MONTH',
  'LAST_MONTH',
  'NEXT_MONTH',
  'THIS_YEAR',
  'LAST_YEAR',
  'NEXT_YEAR',
  'LAST_90_DAYS',
  'NEXT_90_DAYS',
]);
const PARAMETERIZED_DATE_LITERALS = new Set(['LAST_N_DAYS', 'NEXT_N_DAYS', 'N_DAYS_AGO', 'N_DAYS_FROM_NOW']);

export const MAX_SOQL_LENGTH = 100_000;

class Parser {
  private i = 0;
  private alias: string | null = null;

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i += 1;
    return t;
  }

  private isKeyword(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'ident' && t.value.toUpperCase() === word;
  }

  private unexpected(t: Token = this.peek()): SoqlError {
    return new SoqlError('MALFORMED_QUERY', `unexpected token: '${t.value}'`, t.pos);
  }

  private expectKeyword(word: string): Token {
    if (!this.isKeyword(word)) throw this.unexpected();
    return this.next();
  }

  private expect(kind: TokenKind): Token {
    if (this.peek().kind !== kind) throw this.unexpected();
    return this.next();
  }

  parseTop(): Query {
    const query = this.parseQuery(false);
    if (this.peek().kind !== 'eof') throw this.unexpected();
    return query;
  }

  private parseQuery(nested: boolean): Query {
    this.expectKeyword('SELECT');
    const outerAlias = this.alias;
    const selectStart = this.i;
    // FROM (and with it an alias) comes after the field list: find it first so the field
    // paths can drop the alias prefix.
    this.alias = this.lookAheadAlias();
    const select = this.parseSelectList();
    const countOnly =
      select.length === 1 && select[0]?.kind === 'aggregate' && select[0].fn === 'COUNT' && !select[0].field;
    if (select.length > 1 && select.some((s) => s.kind === 'aggregate' && s.fn === 'COUNT' && !s.field)) {
      throw new SoqlError(
        'MALFORMED_QUERY',
        'COUNT() must be the only element in the SELECT list.',
        this.tokens[selectStart]?.pos ?? 0,
      );
    }
    this.expectKeyword('FROM');
    const fromTok = this.expect('ident');
    let alias: string | null = null;
    if (this.peek().kind === 'ident' && !KEYWORDS.has(this.peek().value.toUpperCase()))
      alias = this.next().value;
    const query: Query = {
      select,
      countOnly,
      from: { name: fromTok.value, alias, pos: fromTok.pos },
      where: null,
      groupBy: [],
      orderBy: [],
      limit: null,
      offset: null,
    };
    if (this.isKeyword('USING'))
      throw new SoqlError('MALFORMED_QUERY', 'USING SCOPE is not supported by the fake CRM', this.peek().pos);
    if (this.isKeyword('WHERE')) {
      this.next();
      query.where = this.parseCondition();
    }
    if (this.isKeyword('WITH')) {
      this.next();
      const mode = this.expect('ident');
      if (!['SECURITY_ENFORCED', 'USER_MODE', 'SYSTEM_MODE'].includes(mode.value.toUpperCase()))
        throw this.unexpected(mode);
    }
    if (this.isKeyword('GROUP')) {
      this.next();
      this.expectKeyword('BY');
      query.groupBy.push(this.parseField());
      while (this.peek().kind === ',') {
        this.next();
        query.groupBy.push(this.parseField());
      }
    }
    if (this.isKeyword('HAVING'))
      throw new SoqlError('MALFORMED_QUERY', 'HAVING is not supported by the fake CRM', this.peek().pos);
    if (this.isKeyword('ORDER')) {
      this.next();
      this.expectKeyword('BY');
      query.orderBy.push(this.parseOrderItem());
      while (this.peek().kind === ',') {
        this.next();
        query.orderBy.push(this.parseOrderItem());
      }
    }
    if (this.isKeyword('LIMIT')) {
      this.next();
      query.limit = this.parseInteger();
    }
    if (this.isKeyword('OFFSET')) {
      this.next();
      query.offset = this.parseInteger();
    }
    if (this.isKeyword('FOR')) {
      this.next();
      const what = this.expect('ident');
      if (!['VIEW', 'REFERENCE', 'UPDATE'].includes(what.value.toUpperCase())) throw this.unexpected(what);
    }
    if (nested && this.peek().kind !== ')') throw this.unexpected();
    this.alias = outerAlias;
    return query;
  }

  /** Scans forward (skipping nested parentheses) for `FROM <object> <alias>`. */
  private lookAheadAlias(): string | null {
    let depth = 0;
    for (let j = this.i; j < this.tokens.length; j++) {
      const t = this.tokens[j] as Token;
      if (t.kind === '(') depth += 1;
      else if (t.kind === ')') {
        if (depth === 0) return null;
        depth -= 1;
      } else if (depth === 0 && t.kind === 'ident' && t.value.toUpperCase() === 'FROM') {
        const alias = this.tokens[j + 2];
        return alias && alias.kind === 'ident' && !KEYWORDS.has(alias.value.toUpperCase())
          ? alias.value
          : null;
      }
    }
    return null;
  }

  private parseInteger(): number {
    const t = this.expect('number');
    const n = Number(t.value);
    if (!Number.isInteger(n) || n < 0) throw this.unexpected(t);
    return n;
  }

  private parseSelectList(): SelectItem[] {
    const items: SelectItem[] = [this.parseSelectItem()];
    while (this.peek().kind === ',') {
      this.next();
      items.push(this.parseSelectItem());
    }
    return items;
  }

  private parseSelectItem(): SelectItem {
    const t = this.peek();
    if (t.kind === '(') {
      this.next();
      const query = this.parseQuery(true);
      this.expect(')');
      return { kind: 'subquery', query, pos: t.pos };
    }
    if (t.kind === 'ident' && this.peek(1).kind === '(') {
      const fn = t.value.toUpperCase();
      if (!AGGREGATES.has(fn as AggregateFn)) {
        throw new SoqlError('MALFORMED_QUERY', `${t.value}() is not supported by the fake CRM`, t.pos);
      }
      return this.parseAggregate(true);
    }
    if (t.kind === 'ident' && KEYWORDS.has(t.value.toUpperCase())) throw this.unexpected(t);
    const field = this.parseField();
    const after = this.peek();
    if (after.kind === 'ident' && !KEYWORDS.has(after.value.toUpperCase())) {
      // Aliases are only allowed on aggregates.
      throw this.unexpected(after);
    }
    return field;
  }

  private parseAggregate(allowAlias: boolean): AggregateExpr {
    const t = this.expect('ident');
    const fn = t.value.toUpperCase() as AggregateFn;
    this.expect('(');
    let field: FieldRef | null = null;
    if (this.peek().kind !== ')') field = this.parseField();
    this.expect(')');
    if (!field && fn !== 'COUNT') throw new SoqlError('MALFORMED_QUERY', `${fn}() requires a field`, t.pos);
    let alias: string | null = null;
    const next = this.peek();
    if (allowAlias && next.kind === 'ident' && !KEYWORDS.has(next.value.toUpperCase()))
      alias = this.next().value;
    return { kind: 'aggregate', fn, field, alias, pos: t.pos };
  }

  private parseField(): FieldRef {
    const t = this.expect('ident');
    if (KEYWORDS.has(t.value.toUpperCase()) && !t.value.includes('.')) throw this.unexpected(t);
    let path = t.value.split('.');
    if (this.alias && path.length > 1 && path[0]?.toLowerCase() === this.alias.toLowerCase())
      path = path.slice(1);
    return { kind: 'field', path, pos: t.pos };
  }

  private parseOrderItem(): OrderItem {
    const t = this.peek();
    const expr =
      t.kind === 'ident' && this.peek(1).kind === '(' && AGGREGATES.has(t.value.toUpperCase() as AggregateFn)
        ? this.parseAggregate(false)
        : this.parseField();
    let desc = false;
    if (this.isKeyword('ASC')) this.next();
    else if (this.isKeyword('DESC')) {
      this.next();
      desc = true;
    }
    let nulls: OrderItem['nulls'] = null;
    if (this.isKeyword('NULLS')) {
      this.next();
      if (this.isKeyword('FIRST')) nulls = 'first';
      else if (this.isKeyword('LAST')) nulls = 'last';
      else throw this.unexpected();
      this.next();
    }
    return { expr, desc, nulls };
  }

  // ------------------------------------------------------------ conditions

  private parseCondition(): Condition {
    const first = this.parseConditionTerm();
    if (!this.isKeyword('AND') && !this.isKeyword('OR')) return first;
    const joiner = this.peek().value.toUpperCase() as 'AND' | 'OR';
    const items = [first];
    while (this.isKeyword('AND') || this.isKeyword('OR')) {
      const op = this.peek();
      if (op.value.toUpperCase() !== joiner) throw this.unexpected(op);
      this.next();
      items.push(this.parseConditionTerm());
    }
    return joiner === 'AND' ? { kind: 'and', items } : { kind: 'or', items };
  }

  private parseConditionTerm(): Condition {
    if (this.isKeyword('NOT')) {
      this.next();
      return { kind: 'not', item: this.parseConditionTerm() };
    }
    if (this.peek().kind === '(') {
      this.next();
      const inner = this.parseCondition();
      this.expect(')');
      return inner;
    }
    const field = this.parseField();
    const t = this.peek();
    if (t.kind === 'op') {
      this.next();
      return { kind: 'compare', field, op: t.value as CompareOp, value: this.parseLiteral() };
    }
    let negated = false;
    if (this.isKeyword('NOT') && this.isKeyword('IN', 1)) {
      this.next();
      negated = true;
    }
    if (this.isKeyword('IN')) {
      this.next();
      this.expect('(');
      if (this.isKeyword('SELECT')) {
        const query = this.parseQuery(true);
        this.expect(')');
        return { kind: 'semijoin', field, negated, query };
      }
      const values = [this.parseLiteral()];
      while (this.peek().kind === ',') {
        this.next();
        values.push(this.parseLiteral());
      }
      this.expect(')');
      return { kind: 'in', field, negated, values };
    }
    if (this.isKeyword('LIKE')) {
      const like = this.next();
      const pattern = this.expect('string');
      return { kind: 'like', field, pattern: pattern.value, pos: like.pos };
    }
    if (this.isKeyword('INCLUDES') || this.isKeyword('EXCLUDES')) {
      throw new SoqlError('MALFORMED_QUERY', 'INCLUDES/EXCLUDES are not supported by the fake CRM', t.pos);
    }
    throw this.unexpected(t);
  }

  private parseLiteral(): Literal {
    const t = this.next();
    switch (t.kind) {
      case 'string':
        return { kind: 'string', value: t.value, pos: t.pos };
      case 'number':
        return { kind: 'number', value: Number(t.value), pos: t.pos };
      case 'date':
        return { kind: 'date', value: t.value, pos: t.pos };
      case 'datetime':
        return { kind: 'datetime', value: t.value, pos: t.pos };
      case 'ident': {
        const word = t.value.toUpperCase();
        if (word === 'NULL') return { kind: 'null', pos: t.pos };
        if (word === 'TRUE' || word === 'FALSE')
          return { kind: 'boolean', value: word === 'TRUE', pos: t.pos };
        if (DATE_LITERALS.has(word)) return { kind: 'dateLiteral', name: word, n: null, pos: t.pos };
        if (PARAMETERIZED_DATE_LITERALS.has(word)) {
          this.expect(':');
          const n = this.parseInteger();
          return { kind: 'dateLiteral', name: word, n, pos: t.pos };
        }
        throw this.unexpected(t);
      }
      case ':':
        throw new SoqlError('MALFORMED_QUERY', 'Bind variables are only supported in Apex code', t.pos);
      default:
        throw this.unexpected(t);
    }
  }
}

export function parseSoql(source: string): Query {
  if (source.length > MAX_SOQL_LENGTH) {
    throw new SoqlError(
      'MALFORMED_QUERY',
      `Query is too long: the maximum length of a SOQL statement is ${MAX_SOQL_LENGTH} characters.`,
    );
  }
  return new Parser(tokenize(source)).parseTop();
}
