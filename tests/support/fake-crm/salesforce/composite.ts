/**
 * Composite (up to 25 subrequests, ≤5 queries, `@{ref.path}` references, allOrNone rollback)
 * and sObject Collections (up to 200 records). Each is ONE API call however many
 * subrequests it carries.
 */
import { isRecord, jsonReply, type Reply } from '../http';
import type { SfCall } from './call';
import { jsonBody } from './call';
import { sfError } from './errors';
import { createRecord, updateRecord, type WriteResult } from './write';

const MAX_SUBREQUESTS = 25;
const MAX_QUERIES = 5;
const MAX_COLLECTION = 200;
const ROLLED_BACK = 'The transaction was rolled back since another operation in the same transaction failed.';

type Dispatch = (call: SfCall) => Reply;

interface SubResponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

const REF = /@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g;

class BadReference extends Error {}

function evaluatePath(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.match(/\.[A-Za-z0-9_]+|\[\d+\]/g) ?? []) {
    if (current === null || current === undefined) return undefined;
    const key = part.startsWith('[') ? Number(part.slice(1, -1)) : part.slice(1);
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function resolveString(text: string, results: Map<string, SubResponse>): unknown {
  const lookup = (ref: string, path: string) => {
    const found = results.get(ref);
    const value = found && found.httpStatusCode < 400 ? evaluatePath(found.body, path) : undefined;
    if (value === undefined) {
      throw new BadReference(
        `Invalid reference specified. No value for ${ref}${path} found in ${ref}. Provided referenceId ('${ref}') must be a subrequest with a successful response that ran before this one.`,
      );
    }
    return value;
  };
  const whole = /^@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}$/.exec(text);
  if (whole) return lookup(whole[1] ?? '', whole[2] ?? '');
  return text.replace(REF, (_m, ref: string, path: string) => String(lookup(ref, path)));
}

function resolveDeep(value: unknown, results: Map<string, SubResponse>): unknown {
  if (typeof value === 'string') return resolveString(value, results);
  if (Array.isArray(value)) return value.map((v) => resolveDeep(v, results));
  if (isRecord(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDeep(v, results)]));
  return value;
}

function halted(referenceId: string, message = ROLLED_BACK): SubResponse {
  return {
    body: [{ errorCode: 'PROCESSING_HALTED', message }],
    httpHeaders: {},
    httpStatusCode: 400,
    referenceId,
  };
}

function snapshot(call: SfCall) {
  const store = call.ctx.state.store;
  const tables = structuredClone(store.salesforce);
  const writes = store.writes.length;
  return () => {
    Object.assign(store.salesforce, tables);
    store.writes.length = writes;
  };
}

export function composite(call: SfCall, dispatch: Dispatch): Reply {
  const body = jsonBody(call);
  if (!isRecord(body) || !Array.isArray(body.compositeRequest)) {
    return sfError(400, 'JSON_PARSER_ERROR', 'compositeRequest is required');
  }
  const requests = body.compositeRequest as unknown[];
  if (requests.length > MAX_SUBREQUESTS) {
    return sfError(
      400,
      'LIMIT_EXCEEDED',
      `Limit Exceeded: the composite request can have at most ${MAX_SUBREQUESTS} subrequests`,
    );
  }
  const seen = new Set<string>();
  let queries = 0;
  for (const r of requests) {
    if (
      !isRecord(r) ||
      typeof r.method !== 'string' ||
      typeof r.url !== 'string' ||
      typeof r.referenceId !== 'string'
    ) {
      return sfError(400, 'INVALID_INPUT', 'Each subrequest needs method, url and referenceId');
    }
    if (!/^[A-Za-z0-9_]+$/.test(r.referenceId) || seen.has(r.referenceId)) {
      return sfError(400, 'INVALID_INPUT', `Duplicate or invalid referenceId: ${r.referenceId}`);
    }
    seen.add(r.referenceId);
    if (/\/query(All)?\/?(\?|$)/.test(r.url) || /\/query\/01g/.test(r.url)) queries += 1;
  }
  if (queries > MAX_QUERIES) {
    return sfError(
      400,
      'LIMIT_EXCEEDED',
      `Limit Exceeded: the composite request can have at most ${MAX_QUERIES} query operations`,
    );
  }
  const allOrNone = body.allOrNone === true;
  const restore = allOrNone ? snapshot(call) : null;
  const results = new Map<string, SubResponse>();
  const responses: SubResponse[] = [];
  let failedAt = -1;
  for (const [index, raw] of requests.entries()) {
    const r = raw as { method: string; url: string; referenceId: string; body?: unknown };
    if (failedAt >= 0) {
      responses.push(halted(r.referenceId));
      continue;
    }
    let response: SubResponse;
    try {
      const url = String(resolveString(r.url, results));
      const resolvedBody = r.body === undefined ? undefined : resolveDeep(r.body, results);
      response = runSub(call, dispatch, r.method.toUpperCase(), url, resolvedBody, r.referenceId);
    } catch (error) {
      if (!(error instanceof BadReference)) throw error;
      response = halted(r.referenceId, error.message);
    }
    responses.push(response);
    results.set(r.referenceId, response);
    if (allOrNone && response.httpStatusCode >= 400) failedAt = index;
  }
  if (restore && failedAt >= 0) {
    restore();
    for (const [i, response] of responses.entries())
      if (i !== failedAt) responses[i] = halted(response.referenceId);
  }
  return jsonReply(200, { compositeResponse: responses });
}

function runSub(
  call: SfCall,
  dispatch: Dispatch,
  method: string,
  url: string,
  body: unknown,
  referenceId: string,
): SubResponse {
  const parsed = new URL(url, 'http://composite.invalid');
  const m = /^\/services\/data\/v(\d+\.\d+)(\/.*)?$/.exec(parsed.pathname);
  let reply: Reply;
  if (!m) reply = sfError(404, 'NOT_FOUND', `The requested resource does not exist: ${url}`);
  else if (/^\/composite/.test(m[2] ?? ''))
    reply = sfError(400, 'INVALID_INPUT', 'Composite requests cannot be nested');
  else {
    reply = dispatch({
      ...call,
      version: m[1] ?? call.version,
      method,
      path: (m[2] ?? '/').replace(/\/$/, '') || '/',
      query: parsed.searchParams,
      body: body === undefined ? { kind: 'none' } : { kind: 'json', value: body },
    });
  }
  const location = reply.headers?.location;
  return {
    body: reply.json ?? null,
    httpHeaders: location ? { Location: location } : {},
    httpStatusCode: reply.status,
    referenceId,
  };
}

function collectionResult(result: WriteResult) {
  if (result.ok) return { id: result.id, success: true, errors: [] };
  return {
    success: false,
    errors: result.errors.map((e) => ({
      statusCode: e.errorCode,
      message: e.message,
      fields: e.fields ?? [],
    })),
  };
}

export function collection(call: SfCall, mode: 'create' | 'update'): Reply {
  const body = jsonBody(call);
  if (!isRecord(body) || !Array.isArray(body.records))
    return sfError(400, 'JSON_PARSER_ERROR', 'records is required');
  const records = body.records as unknown[];
  if (records.length > MAX_COLLECTION) {
    return sfError(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_COLLECTION} records into this call`,
    );
  }
  const allOrNone = body.allOrNone === true;
  const restore = allOrNone ? snapshot(call) : null;
  const results = records.map((record) => {
    if (!isRecord(record) || !isRecord(record.attributes) || typeof record.attributes.type !== 'string') {
      return collectionResult({
        ok: false,
        status: 400,
        errors: [{ errorCode: 'INVALID_TYPE', message: 'Must specify a type in attributes', fields: [] }],
      });
    }
    const { attributes, ...fields } = record;
    const type = String((attributes as { type: string }).type);
    if (mode === 'create')
      return collectionResult(createRecord(call.ctx.state, type, fields, call.principal));
    const { Id, ...rest } = fields;
    return collectionResult(updateRecord(call.ctx.state, type, String(Id ?? ''), rest, call.principal));
  });
  if (restore && results.some((r) => !r.success)) {
    restore();
    return jsonReply(
      200,
      results.map((r) =>
        r.success
          ? {
              id: null,
              success: false,
              errors: [
                {
                  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                  message:
                    'Record rolled back because not all records were valid and the request was using AllOrNone header',
                  fields: [],
                },
              ],
            }
          : r,
      ),
    );
  }
  return jsonReply(200, results);
}
