/**
 * Google sign-in for the optional Calendar connection: the authorization code flow with PKCE
 * through `identity.launchWebAuthFlow`, read-only Calendar scope, offline access (a refresh
 * token), as "OAuth 2.0 for Web Server Applications" documents it
 * (https://developers.google.com/identity/protocols/oauth2/web-server).
 *
 * launchWebAuthFlow redirects to `https://<extension id>.chromiumapp.org/…`, which only a
 * "Web application" OAuth client accepts, and Google's token endpoint requires that client's
 * `client_secret` for the code exchange and every refresh, PKCE or not. An extension cannot keep
 * a secret, so, like HubSpot, both go through the organisation's token exchange (pinned when
 * sign-in starts), which adds the secret and forwards to https://oauth2.googleapis.com/token.
 * Revoking needs no secret and goes straight to Google.
 */
import * as z from 'zod/mini';
import type { Config } from '../config/schema';
import { CrmError } from '../http/errors';
import { request } from '../http/request';
import { oauthErrorReader } from './oauth-errors';

export const GOOGLE_AUTHORIZE_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
export const GOOGLE_REVOKE_URL = 'https://oauth2.googleapis.com/revoke';
/**
 * "View events on all your calendars": the narrowest documented scope under which events.list
 * reads the primary calendar (https://developers.google.com/workspace/calendar/api/auth).
 * calendar.readonly would also expose calendar settings and sharing; nothing is ever written.
 */
export const GOOGLE_CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar.events.readonly';
/** Origins the worker calls; requested (optional host permissions) when the rep connects. */
export const GOOGLE_ORIGINS = ['https://www.googleapis.com/*', 'https://oauth2.googleapis.com/*'];

const LABEL = 'Google sign-in';

export const GoogleTokenResponse = z.looseObject({
  access_token: z.string().check(z.minLength(1)),
  expires_in: z.optional(z.nullable(z.number())),
  refresh_token: z.optional(z.nullable(z.string())),
  scope: z.optional(z.nullable(z.string())),
});

export interface GoogleGrant {
  accessToken: string;
  expiresInSeconds: number | null;
  /** Null keeps the stored one (Google sends a refresh token only with the first consent). */
  refreshToken: string | null;
  scope: string | null;
}

const readOAuthError = oauthErrorReader({
  expired: 'the Google sign-in has expired or was revoked. Connect again.',
  clientRefused: "Google refused the organisation's OAuth client. Tell your admin.",
  upstream: 'Google',
});

function grantFrom(body: unknown): GoogleGrant {
  const parsed = GoogleTokenResponse.safeParse(body);
  if (!parsed.success)
    throw new CrmError('auth', `${LABEL}: Google sent a token answer Dealside cannot read.`);
  const token = parsed.data;
  return {
    accessToken: token.access_token,
    expiresInSeconds: typeof token.expires_in === 'number' ? token.expires_in : null,
    refreshToken: token.refresh_token || null,
    scope: token.scope ?? null,
  };
}

async function post(fetchImpl: typeof fetch, url: string, form: Record<string, string>) {
  return request(fetchImpl, { method: 'POST', url, body: new URLSearchParams(form) }, readOAuthError, LABEL);
}

export const googleOAuth = {
  /** Why the connection cannot start with this config, in words for the rep, or null. */
  configProblem(config: Pick<Config, 'googleClientId' | 'googleTokenExchangeUrl'>): string | null {
    if (!config.googleClientId) {
      return 'Your administrator has not set up the Google Calendar connection (a Google OAuth client id).';
    }
    if (!config.googleTokenExchangeUrl) {
      return 'Your administrator has not set the token exchange for the Google Calendar connection yet.';
    }
    return null;
  },

  /** Where the code and every refresh go; read once at sign-in and pinned into the connection. */
  tokenUrl: (config: Pick<Config, 'googleTokenExchangeUrl'>) => config.googleTokenExchangeUrl || null,

  authorizeUrl(input: { clientId: string; redirectUri: string; state: string; challenge: string }): string {
    const url = new URL(GOOGLE_AUTHORIZE_URL);
    url.search = new URLSearchParams({
      client_id: input.clientId,
      redirect_uri: input.redirectUri,
      response_type: 'code',
      scope: GOOGLE_CALENDAR_SCOPE,
      // A refresh token, so meetings are captured while the rep is away from the panel.
      access_type: 'offline',
      // Google sends the refresh token only with a consent; a reconnect must get one too.
      prompt: 'consent',
      code_challenge: input.challenge,
      code_challenge_method: 'S256',
      state: input.state,
    }).toString();
    return url.toString();
  },

  async exchangeCode(input: {
    tokenUrl: string;
    code: string;
    redirectUri: string;
    verifier: string;
    fetch: typeof fetch;
  }): Promise<GoogleGrant> {
    const res = await post(input.fetch, input.tokenUrl, {
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: input.redirectUri,
      code_verifier: input.verifier,
    });
    return grantFrom(res.body);
  },

  async refresh(input: {
    tokenUrl: string;
    refreshToken: string;
    fetch: typeof fetch;
  }): Promise<GoogleGrant> {
    const res = await post(input.fetch, input.tokenUrl, {
      grant_type: 'refresh_token',
      refresh_token: input.refreshToken,
    });
    return grantFrom(res.body);
  },

  /** Best effort; revoking the refresh token ends its access tokens too. */
  async revoke(input: { token: string; fetch: typeof fetch }): Promise<void> {
    await post(input.fetch, GOOGLE_REVOKE_URL, { token: input.token });
  },
};
