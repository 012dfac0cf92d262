/**
 * HubSpot at the HTTP level, shared by the sign-in (lib/auth) and the adapter (lib/crm/hubspot):
 * its host, and its error bodies turned into short messages a rep can act on. HubSpot's own
 * messages are kept where they say something useful (validation, conflicts); auth, scope,
 * rate-limit and server errors get Dealside's wording because HubSpot's are long or generic.
 */
import * as z from 'zod/mini';
import type { ErrorReader } from './request';

/** HubSpot's API host (all data centres; the app host differs for EU portals). */
export const HUBSPOT_API_BASE_URL = 'https://api.hubapi.com';

const ErrorBody = z.looseObject({
  message: z.optional(z.nullable(z.string())),
  category: z.optional(z.nullable(z.string())),
  subCategory: z.optional(z.nullable(z.string())),
  policyName: z.optional(z.nullable(z.string())),
  errors: z.optional(
    z.nullable(
      z.array(
        z.looseObject({
          message: z.optional(z.nullable(z.string())),
          code: z.optional(z.nullable(z.string())),
          context: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
        }),
      ),
    ),
  ),
});

const MAX_MESSAGE = 300;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE - 1)}…` : flat;
}

function scopesOf(errors: z.infer<typeof ErrorBody>['errors']): string[] {
  const scopes = new Set<string>();
  for (const error of errors ?? []) {
    const listed = error.context?.requiredGranularScopes ?? error.context?.requiredScopes;
    if (Array.isArray(listed)) for (const scope of listed) if (typeof scope === 'string') scopes.add(scope);
  }
  return [...scopes];
}

export const readHubSpotError: ErrorReader = (status, raw) => {
  // 502/504 arrive as HTML gateway pages; nothing in a 5xx body is worth showing.
  if (status >= 500) return { message: `the service had a problem (${status}); try again shortly.` };
  const parsed = ErrorBody.safeParse(raw);
  const body = parsed.success ? parsed.data : {};
  const category = body.category ?? undefined;
  if (status === 401) {
    return { message: 'your HubSpot sign-in has expired or was revoked.', code: category, kind: 'auth' };
  }
  if (status === 403 && category === 'MISSING_SCOPES') {
    const scopes = scopesOf(body.errors);
    const which = scopes.length ? ` (${scopes.join(', ')})` : '';
    return {
      message: `Dealside's HubSpot app is missing a permission${which}. Ask your HubSpot admin to reinstall it.`,
      code: 'MISSING_SCOPES',
      kind: 'permission',
    };
  }
  if (status === 429) {
    const policy = body.policyName ?? undefined;
    const message =
      policy === 'DAILY'
        ? "this HubSpot account has used up today's API allowance."
        : policy === 'SECONDLY'
          ? 'too many HubSpot searches at once; Dealside will try again.'
          : 'the HubSpot rate limit was reached; Dealside will try again.';
    return { message, code: policy, kind: 'rate' };
  }
  const details = (body.errors ?? [])
    .map((error) => error.message)
    .filter((message): message is string => typeof message === 'string' && message.length > 0);
  // 409 keeps HubSpot's own text: it names the existing record ("Existing ID: 123").
  const text = status !== 409 && details.length > 0 ? details.slice(0, 3).join('; ') : body.message;
  const code = body.errors?.[0]?.code ?? category;
  return text ? { message: clip(text), code: code ?? undefined } : undefined;
};
