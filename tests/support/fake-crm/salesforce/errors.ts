/**
 * Salesforce REST errors are arrays: `[{"message","errorCode","fields"?}]`.
 */
import { jsonReply, type Reply } from '../http';

export interface SfError {
  message: string;
  errorCode: string;
  fields?: string[];
}

export function sfErrors(status: number, errors: SfError[], headers: Record<string, string> = {}): Reply {
  return jsonReply(status, errors, headers);
}

export function sfError(status: number, errorCode: string, message: string, fields?: string[]): Reply {
  return sfErrors(status, [{ message, errorCode, ...(fields ? { fields } : {}) }]);
}

export const notFound = () => sfError(404, 'NOT_FOUND', 'The requested resource does not exist');

export function jsonParserError(detail: string): Reply {
  return sfError(
    400,
    'JSON_PARSER_ERROR',
    `Unexpected character in request body: ${detail} at [line:1, column:1]`,
  );
}
