/**
 * Salesforce session checks and API-usage accounting (Sforce-Limit-Info).
 */
import type { Reply } from '../http';
import { header, type RequestContext, type ServerState } from '../state';
import type { SfRow } from '../store/types';
import { sfError } from './errors';

export const SALESFORCE_CLIENT_ID = 'dealside-demo-salesforce';

export interface SfPrincipal {
  user: SfRow;
  scopes: string[];
}

export function findUser(state: ServerState, login: string): SfRow | undefined {
  const wanted = login.toLowerCase();
  return state.store.salesforce.users.find(
    (u) => String(u.Email).toLowerCase() === wanted || String(u.Username).toLowerCase() === wanted,
  );
}

export function authenticate(
  ctx: RequestContext,
): { ok: true; principal: SfPrincipal } | { ok: false; reply: Reply } {
  const m = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header(ctx, 'authorization') ?? '');
  const check = m?.[1]
    ? ctx.state.tokens.check(m[1], 'salesforce', 'access')
    : { status: 'unknown' as const };
  const user = check.status === 'valid' ? findUser(ctx.state, check.token.user) : undefined;
  if (check.status !== 'valid' || !user) {
    return { ok: false, reply: sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid') };
  }
  return { ok: true, principal: { user, scopes: check.token.scopes } };
}

export function limitInfo(state: ServerState): string {
  return `api-usage=${state.store.salesforce.apiUsage}/${state.store.settings.salesforceDailyApiLimit}`;
}

/** Counts one API call; refuses it when the org's daily allocation is used up. */
export function takeApiCall(state: ServerState): Reply | undefined {
  if (state.store.salesforce.apiUsage >= state.store.settings.salesforceDailyApiLimit) {
    return limitExceeded();
  }
  state.store.salesforce.apiUsage += 1;
  return undefined;
}

export function limitExceeded(): Reply {
  return sfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
}

export function instanceUrl(state: ServerState): string {
  const url = state.store.salesforce.instanceUrl;
  return url === 'self' ? state.baseUrl : url;
}
