/**
 * SOQL tokenizer. Keywords are plain identifiers here (SOQL keywords are case-insensitive and
 * context-dependent); dotted relationship paths are one identifier token.
 */
import { SoqlError } from './errors';

export type TokenKind =
  'ident' | 'string' | 'number' | 'date' | 'datetime' | 'op' | '(' | ')' | ',' | ':' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Identifier/operator text, number text, or the unescaped string literal. */
  value: string;
  pos: number;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
const DATETIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})/y;
const DATE = /\d{4}-\d{2}-\d{2}(?![T\d])/y;
const NUMBER = /[+-]?\d+(?:\.\d+)?(?![A-Za-z_])/y;
const OPERATOR = /!=|<>|<=|>=|=|<|>/y;

const ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
  // LIKE wildcards stay escaped so the LIKE compiler can tell them from real wildcards.
  '%': '\\%',
  _: '\\_',
};

function sticky(re: RegExp, src: string, pos: number): string | undefined {
  re.lastIndex = pos;
  return re.exec(src)?.[0];
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= src.length)
          throw new SoqlError('MALFORMED_QUERY', 'unexpected token: <EOF>: unterminated string literal', i);
        const c = src.charAt(j);
        if (c === "'") break;
        if (c === '\\') {
          const next = src.charAt(j + 1);
          const mapped = ESCAPES[next];
          if (mapped === undefined) {
            throw new SoqlError(
              'MALFORMED_QUERY',
              `Invalid string literal '\\${next}'. Illegal character sequence '\\${next}' in string literal.`,
              j,
            );
          }
          value += mapped;
          j += 2;
          continue;
        }
        value += c;
        j += 1;
      }
      tokens.push({ kind: 'string', value, pos: i });
      i = j + 1;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',' || ch === ':') {
      tokens.push({ kind: ch, value: ch, pos: i });
      i += 1;
      continue;
    }
    const datetime = sticky(DATETIME, src, i);
    if (datetime) {
      tokens.push({ kind: 'datetime', value: datetime, pos: i });
      i += datetime.length;
      continue;
    }
    const date = sticky(DATE, src, i);
    if (date) {
      tokens.push({ kind: 'date', value: date, pos: i });
      i += date.length;
      continue;
    }
    const number = sticky(NUMBER, src, i);
    if (number) {
      tokens.push({ kind: 'number', value: number, pos: i });
      i += number.length;
      continue;
    }
    const ident = sticky(IDENT, src, i);
    if (ident) {
      tokens.push({ kind: 'ident', value: ident, pos: i });
      i += ident.length;
      continue;
    }
    const op = sticky(OPERATOR, src, i);
    if (op) {
      tokens.push({ kind: 'op', value: op === '<>' ? '!=' : op, pos: i });
      i += op.length;
      continue;
    }
    throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${ch}'`, i);
  }
  tokens.push({ kind: 'eof', value: '<EOF>', pos: src.length });
  return tokens;
}
