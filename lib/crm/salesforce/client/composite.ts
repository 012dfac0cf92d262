/**
 * Composite requests: up to 25 subrequests (at most 5 of them queries) in ONE API call, which is
 * how Dealside keeps a cold thread at one Salesforce round trip. The top level answers 200 even
 * when subrequests fail; each subrequest carries its own status and body.
 */
import * as z from 'zod/mini';
import { CrmError } from '../../../http/errors';
import { LABEL, subrequestError } from '../errors';

export const MAX_SUBREQUESTS = 25;
export const MAX_QUERY_SUBREQUESTS = 5;

export interface Subrequest {
  method: 'GET' | 'POST' | 'PATCH';
  /** Full path from the host: `/services/data/v66.0/…`. */
  url: string;
  referenceId: string;
  body?: unknown;
}

export interface SubResult {
  status: number;
  body: unknown;
}

const CompositeResponse = z.object({
  compositeResponse: z.array(
    z.object({
      body: z.optional(z.unknown()),
      httpStatusCode: z.number(),
      referenceId: z.string(),
    }),
  ),
});

export function queryUrl(dataPath: string, soql: string): string {
  return `${dataPath}/query?q=${encodeURIComponent(soql)}`;
}

export function compositeBody(subrequests: readonly Subrequest[], allOrNone: boolean) {
  const queries = subrequests.filter((s) => /\/query\?/.test(s.url)).length;
  if (subrequests.length > MAX_SUBREQUESTS || queries > MAX_QUERY_SUBREQUESTS) {
    // A programming error, not a CRM answer: fail loudly in tests.
    throw new Error(`composite over limits: ${subrequests.length} subrequests, ${queries} queries`);
  }
  return { allOrNone, collateSubrequests: false, compositeRequest: subrequests };
}

export function parseCompositeResponse(body: unknown): Map<string, SubResult> {
  const parsed = CompositeResponse.safeParse(body);
  if (!parsed.success) {
    throw new CrmError('transient', `${LABEL}: the composite answer could not be read.`);
  }
  return new Map(
    parsed.data.compositeResponse.map((r) => [
      r.referenceId,
      { status: r.httpStatusCode, body: r.body ?? null },
    ]),
  );
}

/** A subrequest's body when it succeeded, else its error (or a note that it is missing). */
export function subResult(
  results: Map<string, SubResult>,
  ref: string,
): { ok: true; body: unknown } | { ok: false; error: CrmError } {
  const found = results.get(ref);
  if (!found)
    return { ok: false, error: new CrmError('transient', `${LABEL}: part of the answer is missing.`) };
  if (found.status >= 300) return { ok: false, error: subrequestError(found.status, found.body) };
  return { ok: true, body: found.body };
}
