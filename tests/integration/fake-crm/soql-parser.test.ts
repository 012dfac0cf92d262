import { describe, expect, it } from 'vitest';
import { SoqlError, formatSoqlError } from '../../support/fake-crm/soql/errors';
import { MAX_SOQL_LENGTH, parseSoql } from '../../support/fake-crm/soql/parser';

function error(src: string): SoqlError {
  try {
    parseSoql(src);
  } catch (e) {
    if (e instanceof SoqlError) return e;
    throw e;
  }
  throw new Error(`expected ${src} to fail`);
}

describe('SOQL parser', () => {
  it('parses fields, parent paths and child subqueries', () => {
    const q = parseSoql(
      'SELECT Id, Account.Name, (SELECT StageName FROM OpportunityHistories ORDER BY CreatedDate DESC LIMIT 5) FROM Opportunity',
    );
    expect(q.from.name).toBe('Opportunity');
    expect(q.select.map((s) => s.kind)).toEqual(['field', 'field', 'subquery']);
    const sub = q.select[2];
    expect(sub?.kind === 'subquery' && sub.query.from.name).toBe('OpportunityHistories');
    expect(sub?.kind === 'subquery' && sub.query.limit).toBe(5);
    expect(sub?.kind === 'subquery' && sub.query.orderBy[0]?.desc).toBe(true);
  });

  it('parses WHERE with AND/OR/NOT, IN lists, semi-joins, LIKE and date literals', () => {
    const q = parseSoql(
      "SELECT Id FROM Opportunity WHERE (StageName = 'Closed Won' OR NOT IsClosed = true) AND Id IN (SELECT OpportunityId FROM OpportunityContactRole WHERE Contact.Email IN ('a@x.com', 'b@x.com')) AND Name LIKE 'Acme%' AND CloseDate = NEXT_N_DAYS:30 AND Amount NOT IN (1, 2)",
    );
    expect(q.where?.kind).toBe('and');
    const items = q.where?.kind === 'and' ? q.where.items : [];
    expect(items.map((i) => i.kind)).toEqual(['or', 'semijoin', 'like', 'compare', 'in']);
    const dateCmp = items[3];
    expect(dateCmp?.kind === 'compare' && dateCmp.value).toMatchObject({
      kind: 'dateLiteral',
      name: 'NEXT_N_DAYS',
      n: 30,
    });
    const notIn = items[4];
    expect(notIn?.kind === 'in' && notIn.negated).toBe(true);
  });

  it('refuses to mix AND and OR without parentheses, like SOQL', () => {
    const e = error("SELECT Id FROM Contact WHERE Name = 'a' AND Email = 'b' OR Title = 'c'");
    expect(e.code).toBe('MALFORMED_QUERY');
    expect(e.message).toContain("unexpected token: 'OR'");
  });

  it('parses ORDER BY with several fields, directions and NULLS placement, LIMIT and OFFSET', () => {
    const q = parseSoql(
      'SELECT Id FROM Task ORDER BY ActivityDate DESC NULLS LAST, Subject LIMIT 10 OFFSET 5',
    );
    expect(q.orderBy).toEqual([
      { expr: expect.objectContaining({ path: ['ActivityDate'] }), desc: true, nulls: 'last' },
      { expr: expect.objectContaining({ path: ['Subject'] }), desc: false, nulls: null },
    ]);
    expect(q.limit).toBe(10);
    expect(q.offset).toBe(5);
  });

  it('parses aggregates with aliases and GROUP BY, and COUNT()', () => {
    const q = parseSoql(
      'SELECT WhoId, MAX(CreatedDate) lastTouch, COUNT(Id) FROM Task GROUP BY WhoId ORDER BY MAX(CreatedDate) DESC',
    );
    expect(q.groupBy.map((g) => g.path)).toEqual([['WhoId']]);
    expect(q.select[1]).toMatchObject({ kind: 'aggregate', fn: 'MAX', alias: 'lastTouch' });
    expect(q.orderBy[0]?.expr).toMatchObject({ kind: 'aggregate', fn: 'MAX' });
    expect(parseSoql('SELECT COUNT() FROM Contact').countOnly).toBe(true);
  });

  it('strips a FROM alias from field paths', () => {
    const q = parseSoql("SELECT c.Name, c.Account.Name FROM Contact c WHERE c.Email = 'x'");
    expect(q.select).toEqual([
      expect.objectContaining({ path: ['Name'] }),
      expect.objectContaining({ path: ['Account', 'Name'] }),
    ]);
    expect(q.from.alias).toBe('c');
  });

  it('accepts WITH SECURITY_ENFORCED and FOR VIEW', () => {
    expect(() => parseSoql('SELECT Id FROM Contact WITH SECURITY_ENFORCED LIMIT 1 FOR VIEW')).not.toThrow();
  });

  it('rejects unsupported syntax as MALFORMED_QUERY', () => {
    expect(error('SELECT FIELDS(ALL) FROM Contact').code).toBe('MALFORMED_QUERY');
    expect(error('SELECT Id FROM Contact WHERE Id = :bind').code).toBe('MALFORMED_QUERY');
    expect(error('SELECT Id FROM Contact GROUP BY Id HAVING COUNT(Id) > 1').code).toBe('MALFORMED_QUERY');
    expect(error('SELECT Id Contact').code).toBe('MALFORMED_QUERY');
    expect(error('SELECT Name n FROM Contact').code).toBe('MALFORMED_QUERY');
  });

  it('enforces the 100,000 character statement limit', () => {
    const long = `SELECT Id FROM Contact WHERE Email IN (${Array.from({ length: 6000 }, (_, i) => `'person${i}@example.com'`).join(',')})`;
    expect(long.length).toBeGreaterThan(MAX_SOQL_LENGTH);
    expect(error(long).message).toContain('100000');
  });

  it('formats errors like Salesforce, with a caret under the offending token', () => {
    const src = 'SELECT Id FROM Contact WHERE Name = "x"';
    const text = formatSoqlError(src, error(src));
    expect(text).toBe(`\n${src}\n${' '.repeat(36)}^\nERROR at Row:1:Column:37\nunexpected token: '"'`);
  });
});
