import { describe, expect, it } from 'vitest';
import { SoqlError } from '../../support/fake-crm/soql/errors';
import { tokenize } from '../../support/fake-crm/soql/lexer';

const kinds = (src: string) => tokenize(src).map((t) => `${t.kind}:${t.value}`);

describe('SOQL lexer', () => {
  it('tokenizes identifiers with dotted paths as one token', () => {
    expect(kinds('SELECT Account.Owner.Email FROM Contact')).toEqual([
      'ident:SELECT',
      'ident:Account.Owner.Email',
      'ident:FROM',
      'ident:Contact',
      'eof:<EOF>',
    ]);
  });

  it('reads string literals with escapes, keeping LIKE wildcards escaped', () => {
    const [str] = tokenize(String.raw`'O\'Brien \\ 100\% \_x'`);
    expect(str).toMatchObject({ kind: 'string', value: String.raw`O'Brien \ 100\% \_x` });
  });

  it('distinguishes dates, datetimes and numbers', () => {
    expect(kinds('2026-11-20 2026-11-20T10:00:00Z 2026-11-20T10:00:00.000+0000 42 -3.5')).toEqual([
      'date:2026-11-20',
      'datetime:2026-11-20T10:00:00Z',
      'datetime:2026-11-20T10:00:00.000+0000',
      'number:42',
      'number:-3.5',
      'eof:<EOF>',
    ]);
  });

  it('normalizes <> to != and keeps two-character operators together', () => {
    expect(kinds('a <> 1 AND b >= 2 AND c != 3')).toContain('op:!=');
    expect(kinds('b >= 2')).toEqual(['ident:b', 'op:>=', 'number:2', 'eof:<EOF>']);
  });

  it('reads date literal parameters as ident, colon, number', () => {
    expect(kinds('LAST_N_DAYS:14')).toEqual(['ident:LAST_N_DAYS', ':::', 'number:14', 'eof:<EOF>']);
  });

  it('rejects unterminated strings and stray characters with their position', () => {
    expect(() => tokenize("SELECT Id FROM Contact WHERE Name = 'x")).toThrow(SoqlError);
    try {
      tokenize('SELECT Id FROM Contact WHERE Name = "x"');
    } catch (error) {
      expect(error).toBeInstanceOf(SoqlError);
      expect((error as SoqlError).code).toBe('MALFORMED_QUERY');
      expect((error as SoqlError).pos).toBe(36);
    }
  });
});
