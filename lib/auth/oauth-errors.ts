/**
 * How an OAuth token endpoint's refusal (RFC 6749 §5.2 `error` / `error_description`), or the
 * organisation's token exchange's own refusal, is said to the rep. HubSpot and Google differ
 * only in the words.
 */
import * as z from 'zod/mini';
import { kindForStatus } from '../http/errors';
import type { ErrorReader } from '../http/request';

const OAuthErrorBody = z.looseObject({
  error: z.optional(z.nullable(z.string())),
  error_description: z.optional(z.nullable(z.string())),
  message: z.optional(z.nullable(z.string())),
});

export interface OAuthErrorWords {
  /** invalid_grant: the refresh token is dead; the rep must sign in again. */
  expired: string;
  /** invalid_client / unauthorized_client: the organisation's app is misconfigured. */
  clientRefused: string;
  /** Who stands behind the exchange, for 5xx answers: `HubSpot`, `Google`. */
  upstream: string;
}

export function oauthErrorReader(words: OAuthErrorWords): ErrorReader {
  return (status, raw) => {
    const parsed = OAuthErrorBody.safeParse(raw);
    const body = parsed.success ? parsed.data : {};
    const code = body.error ?? undefined;
    if (code === 'invalid_grant') return { message: words.expired, code, kind: 'auth' };
    if (code === 'invalid_client' || code === 'unauthorized_client') {
      return { message: words.clientRefused, code, kind: 'config' };
    }
    if (status === 403 || status === 404 || status === 405 || status === 415) {
      // The exchange refused this extension or is not at that address: an admin must fix it.
      return {
        message: `the token exchange refused the request (${status}). Tell your admin.`,
        code,
        kind: 'config',
      };
    }
    if (status >= 500) {
      return { message: `the token exchange or ${words.upstream} had a problem (${status}).`, code };
    }
    const detail = body.error_description ?? body.message ?? code;
    return {
      message: detail ? `sign-in failed: ${detail}` : `sign-in failed (${status}).`,
      code,
      kind: kindForStatus(status),
    };
  };
}
