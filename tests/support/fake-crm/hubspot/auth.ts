/**
 * HubSpot request authentication, scope checks and the account-level rate limits with their
 * X-HubSpot-RateLimit-* headers.
 */
import { performance } from 'node:perf_hooks';
import { correlationId, type Reply } from '../http';
import { header, type RequestContext } from '../state';
import type { HsObjectType } from '../store/types';
import { hsError } from './errors';

export const HUBSPOT_CLIENT_ID = 'dealside-demo-hubspot';
export const HUBSPOT_CLIENT_SECRET = 'dealside-demo-hubspot-secret';
export const PRIVATE_APP_TOKEN = 'pat-na1-demo-private-app';
export const HUBSPOT_APP_ID = 5151515;

export interface HsPrincipal {
  kind: 'oauth' | 'private-app';
  user: string;
  userId: number | undefined;
  /** null = every scope (private app created with all of them). */
  scopes: Set<string> | null;
}

const AUTH_HELP =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

export function authenticate(
  ctx: RequestContext,
): { ok: true; principal: HsPrincipal } | { ok: false; reply: Reply } {
  const auth = header(ctx, 'authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(auth);
  const token = m?.[1];
  if (!token) return { ok: false, reply: hsError(401, 'INVALID_AUTHENTICATION', AUTH_HELP) };
  if (token === PRIVATE_APP_TOKEN) {
    const owner = ctx.state.store.hubspot.owners[0];
    return {
      ok: true,
      principal: {
        kind: 'private-app',
        user: owner?.email ?? 'sam@ourco.com',
        userId: owner?.userId,
        scopes: null,
      },
    };
  }
  const check = ctx.state.tokens.check(token, 'hubspot', 'access');
  if (check.status === 'expired') {
    // HubSpot tells expired tokens apart from unknown ones (category EXPIRED_AUTHENTICATION).
    const minutes = Math.max(1, Math.round(check.expiredForMs / 60_000));
    return {
      ok: false,
      reply: hsError(
        401,
        'EXPIRED_AUTHENTICATION',
        `The OAuth token used to make this call expired ${minutes} minute(s) ago.`,
      ),
    };
  }
  if (check.status !== 'valid')
    return { ok: false, reply: hsError(401, 'INVALID_AUTHENTICATION', AUTH_HELP) };
  const owner = ctx.state.store.hubspot.owners.find((o) => o.email === check.token.user);
  return {
    ok: true,
    principal: {
      kind: 'oauth',
      user: check.token.user,
      userId: owner?.userId,
      scopes: new Set(check.token.scopes),
    },
  };
}

/** `required` is a list of requirements; each requirement is "a|b" (any of). */
export function checkScopes(principal: HsPrincipal, required: readonly string[]): Reply | undefined {
  if (principal.scopes === null) return undefined;
  const granted = principal.scopes;
  const missing = required.filter((req) => !req.split('|').some((s) => granted.has(s)));
  if (missing.length === 0) return undefined;
  return {
    status: 403,
    json: {
      status: 'error',
      message:
        "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
      correlationId: correlationId(),
      errors: [
        {
          message: 'One or more of the following scopes are required.',
          context: { requiredGranularScopes: missing.flatMap((m) => m.split('|')) },
        },
      ],
      links: { scopes: 'https://developers.hubspot.com/scopes' },
      category: 'MISSING_SCOPES',
    },
  };
}

export function readScope(type: HsObjectType): string[] {
  if (type === 'companies') return ['crm.objects.companies.read'];
  if (type === 'deals') return ['crm.objects.deals.read'];
  if (type === 'emails') return ['crm.objects.contacts.read', 'sales-email-read'];
  return ['crm.objects.contacts.read'];
}

export function writeScope(type: HsObjectType): string[] {
  if (type === 'companies') return ['crm.objects.companies.write'];
  if (type === 'deals') return ['crm.objects.deals.write'];
  if (type === 'emails') return ['crm.objects.contacts.write', 'sales-email-read'];
  return ['crm.objects.contacts.write'];
}

export const ANY_OBJECT_READ = 'crm.objects.contacts.read|crm.objects.companies.read|crm.objects.deals.read';

const TEN_SECONDS = 10_000;
const DAILY_PRIVATE_APP = 250_000;

function policy(principal: HsPrincipal) {
  // Marketplace OAuth apps: 110 / 10 s per account; private apps (Starter): 100 / 10 s + daily cap.
  return principal.kind === 'oauth' ? { bucket: 'oauth', max: 110 } : { bucket: 'private-app', max: 100 };
}

export function rateLimitHeaders(
  ctx: RequestContext,
  principal: HsPrincipal,
  remaining?: number,
): Record<string, string> {
  const { bucket, max } = policy(principal);
  const now = performance.now();
  const used = (ctx.state.hubspotLimits.burst.get(bucket) ?? []).filter((t) => now - t < TEN_SECONDS).length;
  const headers: Record<string, string> = {
    'x-hubspot-ratelimit-interval-milliseconds': String(TEN_SECONDS),
    'x-hubspot-ratelimit-max': String(max),
    'x-hubspot-ratelimit-remaining': String(remaining ?? Math.max(0, max - used)),
  };
  // Daily headers are only sent for private apps ("there is no daily limit" for OAuth calls).
  if (principal.kind === 'private-app') {
    headers['x-hubspot-ratelimit-daily'] = String(DAILY_PRIVATE_APP);
    headers['x-hubspot-ratelimit-daily-remaining'] = String(
      Math.max(0, DAILY_PRIVATE_APP - ctx.state.hubspotLimits.daily),
    );
  }
  return headers;
}

/** Counts the request against the 10-second window; returns a 429 when it is full. */
export function takeBurst(ctx: RequestContext, principal: HsPrincipal): Reply | undefined {
  const { bucket, max } = policy(principal);
  const now = performance.now();
  const window = (ctx.state.hubspotLimits.burst.get(bucket) ?? []).filter((t) => now - t < TEN_SECONDS);
  ctx.state.hubspotLimits.burst.set(bucket, window);
  if (ctx.state.store.settings.hubspotBurstLimit && window.length >= max) {
    return rateLimitReply('TEN_SECONDLY_ROLLING', null, rateLimitHeaders(ctx, principal, 0));
  }
  window.push(now);
  ctx.state.hubspotLimits.daily += 1;
  return undefined;
}

/** CRM search has its own limit: 5 requests per second per account, shared by all apps. */
export function takeSearch(ctx: RequestContext): Reply | undefined {
  const now = performance.now();
  const window = ctx.state.hubspotLimits.search.filter((t) => now - t < 1000);
  ctx.state.hubspotLimits.search = window;
  if (ctx.state.store.settings.hubspotSearchLimit && window.length >= 5)
    return rateLimitReply('SECONDLY', null, {});
  window.push(now);
  return undefined;
}

export function rateLimitReply(
  policyName: 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY',
  retryAfterSeconds: number | null,
  headers: Record<string, string>,
): Reply {
  const message =
    policyName === 'TEN_SECONDLY_ROLLING'
      ? 'You have reached your ten_secondly_rolling limit.'
      : policyName === 'SECONDLY'
        ? 'You have reached your secondly limit.'
        : 'You have reached your daily limit.';
  return {
    status: 429,
    headers: {
      ...headers,
      ...(retryAfterSeconds !== null ? { 'retry-after': String(retryAfterSeconds) } : {}),
    },
    json: {
      status: 'error',
      message,
      errorType: 'RATE_LIMIT',
      correlationId: correlationId(),
      policyName,
      groupName: policyName === 'SECONDLY' ? 'search' : `api-calls-burst:${HUBSPOT_APP_ID}`,
    },
  };
}
