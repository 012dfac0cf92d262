/**
 * Salesforce's OAuth endpoints at the HTTP level, shared by the sign-in (lib/auth) and nothing
 * else: they answer `{error, error_description}`, unlike the REST API (lib/crm/salesforce/errors.ts).
 */
import * as z from 'zod/mini';
import type { CrmErrorKind } from './errors';
import type { ErrorReader } from './request';

const OAuthError = z.object({ error: z.string(), error_description: z.optional(z.string()) });

const OAUTH_KINDS: Record<string, CrmErrorKind> = {
  invalid_grant: 'auth',
  inactive_user: 'auth',
  inactive_org: 'auth',
  invalid_client_id: 'config',
  invalid_client: 'config',
  redirect_uri_mismatch: 'config',
  unsupported_grant_type: 'config',
  invalid_app_access: 'permission',
  rate_limit_exceeded: 'rate',
};

export const readOAuthError: ErrorReader = (status, body) => {
  const parsed = OAuthError.safeParse(body);
  if (!parsed.success) return undefined;
  const { error, error_description: description } = parsed.data;
  const kind = OAUTH_KINDS[error] ?? (status >= 500 ? 'transient' : 'auth');
  const detail = description ? `${error} (${description})` : error;
  if (kind === 'config')
    return {
      code: error,
      kind,
      message: `the Dealside app is not set up correctly in Salesforce: ${detail}. Ask your admin to check the consumer key and callback URL.`,
    };
  if (error === 'invalid_grant')
    return { code: error, kind, message: `sign-in expired or was revoked: ${detail}. Sign in again.` };
  return { code: error, kind, message: detail };
};
