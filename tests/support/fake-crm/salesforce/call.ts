/**
 * One Salesforce REST data call, already authenticated. Composite subrequests are calls too,
 * built from the subrequest's method, URL and body.
 */
import type { ParsedBody } from '../http';
import type { RequestContext } from '../state';
import type { SfPrincipal } from './auth';

export interface SfCall {
  ctx: RequestContext;
  principal: SfPrincipal;
  /** "62.0" */
  version: string;
  method: string;
  /** Path below /services/data/vXX.X, e.g. "/sobjects/Task". */
  path: string;
  query: URLSearchParams;
  body: ParsedBody;
}

export function jsonBody(call: SfCall): unknown {
  return call.body.kind === 'json' ? call.body.value : undefined;
}
