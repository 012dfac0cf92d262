/**
 * Salesforce error bodies → readable, classified errors. REST errors are arrays of
 * `{message, errorCode, fields}` (the OAuth endpoints' errors: lib/http/salesforce.ts). The
 * messages Salesforce writes are meant for people, so they are kept (shortened), never tokens.
 */
import * as z from 'zod/mini';
import { CrmError, kindForStatus, type CrmErrorKind } from '../../http/errors';
import type { ErrorReader } from '../../http/request';

export const LABEL = 'Salesforce';

const ErrorItem = z.object({
  message: z.optional(z.string()),
  errorCode: z.optional(z.string()),
  fields: z.optional(z.array(z.string())),
});

/** Daily allocations reset on a rolling 24 h window; asking again within minutes is pointless. */
export const DAILY_LIMIT_RETRY_MS = 15 * 60_000;

export const MESSAGES = {
  appNotApproved:
    'your org does not allow Dealside to use the Salesforce API yet. Ask your Salesforce admin to approve the Dealside app (see the admin guide).',
  sessionEnded: 'your session has ended. Sign in to Salesforce again.',
  dailyLimit:
    "your org has used up today's Salesforce API requests. Dealside will try again later; tell your admin if this keeps happening.",
};

const KIND_BY_CODE: Record<string, CrmErrorKind> = {
  REQUEST_LIMIT_EXCEEDED: 'rate',
  DUPLICATE_VALUE: 'conflict',
  DUPLICATE_EXTERNAL_ID: 'conflict',
  NOT_FOUND: 'notFound',
  ENTITY_IS_DELETED: 'notFound',
  INSUFFICIENT_ACCESS: 'permission',
  INSUFFICIENT_ACCESS_OR_READONLY: 'permission',
  INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: 'permission',
  API_DISABLED_FOR_ORG: 'permission',
  API_CURRENTLY_DISABLED: 'permission',
  SERVER_UNAVAILABLE: 'transient',
  UNKNOWN_EXCEPTION: 'transient',
};

/** SOQL errors quote the whole statement before `ERROR at Row:…`; the last line says what is wrong. */
function readable(message: string): string {
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const text = message.includes('ERROR at Row') ? (lines[lines.length - 1] ?? message) : lines.join(' ');
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** Turns one error body (top level or a composite subrequest's) into a message, code and kind. */
export const readSalesforceError: ErrorReader = (status, body) => {
  if (status === 300 && Array.isArray(body)) {
    return {
      code: 'MULTIPLE_CHOICES',
      kind: 'conflict',
      message: 'more than one record carries this Dealside key; an admin should merge them.',
    };
  }
  const first = Array.isArray(body) ? body[0] : body;
  const parsed = ErrorItem.safeParse(first);
  if (!parsed.success || (!parsed.data.errorCode && !parsed.data.message)) {
    if (status === 403) {
      return {
        kind: 'permission',
        message:
          'Salesforce refused the request (403). If every call fails, ask your admin to add Dealside to the CORS allowlist and to approve the app.',
      };
    }
    return undefined;
  }
  const code = parsed.data.errorCode ?? 'UNKNOWN';
  const message = parsed.data.message ?? code;
  if (code === 'INVALID_SESSION_ID') {
    // API access control: the token is fine, the org just blocks this client. Refreshing
    // cannot help, so this is not an 'auth' error (which would trigger a refresh loop).
    if (/not valid for use with the (REST )?API/i.test(message))
      return { code, kind: 'permission', message: MESSAGES.appNotApproved };
    return { code, kind: 'auth', message: MESSAGES.sessionEnded };
  }
  if (code === 'REQUEST_LIMIT_EXCEEDED') return { code, kind: 'rate', message: MESSAGES.dailyLimit };
  const kind = KIND_BY_CODE[code] ?? kindForStatus(status);
  return { code, kind, message: readable(message) };
};

/** A composite subrequest's failure as the same CrmError a direct call would have thrown. */
export function subrequestError(status: number, body: unknown): CrmError {
  const read = readSalesforceError(status, body);
  return new CrmError(
    read?.kind ?? kindForStatus(status),
    `${LABEL}: ${read?.message ?? `the CRM answered ${status}`}`,
    {
      status,
      ...(read?.code ? { code: read.code } : {}),
      ...(read?.code === 'REQUEST_LIMIT_EXCEEDED' ? { retryAfterMs: DAILY_LIMIT_RETRY_MS } : {}),
    },
  );
}
