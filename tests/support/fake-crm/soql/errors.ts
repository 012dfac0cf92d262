/**
 * SOQL errors carry Salesforce's errorCode and the character offset they point at, so the
 * query endpoint can render Salesforce's "ERROR at Row:1:Column:N" message.
 */
export type SoqlErrorCode =
  | 'MALFORMED_QUERY'
  | 'INVALID_FIELD'
  | 'INVALID_TYPE'
  | 'INVALID_QUERY_FILTER_OPERATOR'
  | 'NUMBER_OUTSIDE_VALID_RANGE';

export class SoqlError extends Error {
  constructor(
    readonly code: SoqlErrorCode,
    message: string,
    readonly pos: number | null = null,
  ) {
    super(message);
    this.name = 'SoqlError';
  }
}

/** Salesforce's message layout: the query line, a caret, the row/column, then the reason. */
export function formatSoqlError(query: string, error: SoqlError): string {
  if (error.pos === null) return error.message;
  const before = query.slice(0, error.pos);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = query.indexOf('\n', error.pos);
  const line = query.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  const column = error.pos - lineStart;
  return `\n${line}\n${' '.repeat(column)}^\nERROR at Row:${row}:Column:${column + 1}\n${error.message}`;
}
