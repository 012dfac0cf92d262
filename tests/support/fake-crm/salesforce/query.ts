/**
 * GET …/query?q=<SOQL> and …/query/<locator>: runs the SOQL interpreter and pages results the
 * way Salesforce does (2000 per batch unless Sforce-Query-Options asks for fewer).
 */
import { randomBytes } from 'node:crypto';
import { jsonReply, type Reply } from '../http';
import { executeSoql } from '../soql/evaluate';
import { SoqlError, formatSoqlError } from '../soql/errors';
import { header } from '../state';
import { storeCatalog } from './catalog';
import type { SfCall } from './call';
import { sfError, sfErrors } from './errors';

const MAX_BATCH = 2000;

function batchSize(call: SfCall): number {
  const m = /batchSize=(\d+)/i.exec(header(call.ctx, 'sforce-query-options') ?? '');
  const requested = m ? Number(m[1]) : MAX_BATCH;
  return Math.min(MAX_BATCH, Math.max(200, requested));
}

function locatorId(): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return `01g${[...randomBytes(15)].map((b) => alphabet.charAt(b % 62)).join('')}`;
}

function page(
  call: SfCall,
  locator: string | null,
  records: unknown[],
  totalSize: number,
  offset: number,
  size: number,
): Reply {
  const slice = records.slice(offset, offset + size);
  const done = offset + size >= records.length;
  let next: string | undefined;
  if (!done) {
    const id = locator ?? locatorId();
    call.ctx.state.queryCursors.set(id, { records, totalSize, pageSize: size });
    next = `/services/data/v${call.version}/query/${id}-${offset + size}`;
  }
  return jsonReply(200, { totalSize, done, ...(next ? { nextRecordsUrl: next } : {}), records: slice });
}

export function query(call: SfCall): Reply {
  const q = call.query.get('q');
  if (!q) return sfError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  try {
    const result = executeSoql(q, {
      catalog: storeCatalog(call.ctx.state.store),
      now: call.ctx.state.clock.now(),
      apiVersion: call.version,
    });
    return page(call, null, result.records, result.totalSize, 0, batchSize(call));
  } catch (error) {
    if (error instanceof SoqlError)
      return sfErrors(400, [{ message: formatSoqlError(q, error), errorCode: error.code }]);
    throw error;
  }
}

export function queryMore(call: SfCall, locatorParam: string): Reply {
  const m = /^(01g[A-Za-z0-9]+)-(\d+)$/.exec(locatorParam);
  const cursor = m?.[1] ? call.ctx.state.queryCursors.get(m[1]) : undefined;
  if (!m?.[1] || !cursor) return sfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  return page(call, m[1], cursor.records, cursor.totalSize, Number(m[2]), cursor.pageSize);
}
