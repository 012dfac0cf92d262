/**
 * Salesforce sign-in: the web-server flow with PKCE on an External Client App configured as a
 * public client (no secret; the PKCE verifier proves the caller). Tokens come back with
 * `instance_url` (data calls) and `id` (the identity URL, naming org and user); Salesforce
 * sends no `expires_in`, since the session lives as long as the org's session timeout, so
 * access tokens are refreshed when a call answers 401.
 *
 * Refresh and revoke go to the login host the rep signed in through (My Domain or
 * login/test.salesforce.com), pinned as the connection's `authBaseUrl`; data calls go to the
 * `instance_url` of the sign-in, pinned as `apiBaseUrl`. Both must be Salesforce hosts.
 */
import * as z from 'zod/mini';
import type { Config } from '../config/schema';
import { CrmError } from '../http/errors';
import { request } from '../http/request';
import { readOAuthError } from '../http/salesforce';
import type { OAuthProvider, TokenGrant } from './provider';

export const SALESFORCE_SCOPES = ['api', 'refresh_token', 'id'];
const LABEL = 'Salesforce sign-in';

const TokenResponse = z.looseObject({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: z.optional(z.nullable(z.string())),
  instance_url: z.string(),
  id: z.optional(z.nullable(z.string())),
});

const Identity = z.looseObject({
  user_id: z.optional(z.nullable(z.string())),
  organization_id: z.optional(z.nullable(z.string())),
  email: z.optional(z.nullable(z.string())),
  display_name: z.optional(z.nullable(z.string())),
});

/**
 * Hosts Dealside may send a Salesforce sign-in or data call to: My Domain hosts (production,
 * sandbox and the other `*.my.salesforce.com` kinds) and the generic login hosts, as in the
 * manifest's optional host permissions; plain http only on this machine (tests, the demo CRM).
 */
export function salesforceOrigin(raw: string): URL | null {
  try {
    const url = new URL(raw.trim());
    const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
    if (local) return url.protocol === 'http:' || url.protocol === 'https:' ? new URL(url.origin) : null;
    if (url.protocol !== 'https:' || url.port !== '' || url.username || url.password) return null;
    const host = url.hostname;
    const ok =
      host === 'login.salesforce.com' ||
      host === 'test.salesforce.com' ||
      /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.my\.salesforce\.com$/.test(
        host,
      );
    return ok ? new URL(url.origin) : null;
  } catch {
    return null;
  }
}

function loginOrigin(config: Pick<Config, 'salesforceLoginUrl'>): URL | null {
  return salesforceOrigin(config.salesforceLoginUrl);
}

function requireLogin(config: Config): string {
  const origin = loginOrigin(config);
  if (!origin)
    throw new CrmError('config', `${LABEL}: the Salesforce login URL is not a Salesforce https:// address.`);
  return origin.origin;
}

/** `…/id/<org id>/<user id>` → both ids. */
function idsFrom(identityUrl: string | null | undefined): { orgId: string | null; userId: string | null } {
  const m = /\/id\/([a-zA-Z0-9]{15,18})\/([a-zA-Z0-9]{15,18})\/?$/.exec(identityUrl ?? '');
  return { orgId: m?.[1] ?? null, userId: m?.[2] ?? null };
}

async function postForm(fetchImpl: typeof fetch, url: string, form: Record<string, string>) {
  return request(fetchImpl, { method: 'POST', url, body: new URLSearchParams(form) }, readOAuthError, LABEL);
}

function readToken(body: unknown): z.infer<typeof TokenResponse> {
  const parsed = TokenResponse.safeParse(body);
  if (!parsed.success)
    throw new CrmError('auth', `${LABEL}: Salesforce sent a token answer Dealside cannot read.`);
  return parsed.data;
}

/**
 * Who signed in. The identity URL is fetched on the login host, for which the rep granted
 * access at connect time (Salesforce serves `/id/…` on My Domain hosts too). Best effort: the
 * ids also come from the URL itself.
 */
async function identity(fetchImpl: typeof fetch, authBase: string, idUrl: string, token: string) {
  try {
    const path = new URL(idUrl).pathname;
    const res = await request(
      fetchImpl,
      { method: 'GET', url: authBase + path, headers: { authorization: `Bearer ${token}` } },
      readOAuthError,
      LABEL,
    );
    const parsed = Identity.safeParse(res.body);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const salesforceOAuth: OAuthProvider = {
  provider: 'salesforce',

  configProblem(config) {
    if (!config.salesforceClientId.trim()) {
      return 'Salesforce sign-in is not set up yet: your administrator has to create the Dealside app in Salesforce and enter its consumer key in Dealside.';
    }
    if (!loginOrigin(config)) {
      return 'The Salesforce login address is missing or not a Salesforce https:// address. Your administrator sets it (for example https://yourcompany.my.salesforce.com).';
    }
    return null;
  },

  tokenUrl: (config) => loginOrigin(config)?.origin ?? null,

  originsToRequest(config) {
    const origin = loginOrigin(config);
    if (!origin) return [];
    const origins = [`${origin.protocol}//${origin.hostname}/*`];
    // With the generic login hosts the org's My Domain (where data calls go) is only known
    // after sign-in, so ask for the My Domain pattern up front.
    if (origin.hostname === 'login.salesforce.com') origins.push('https://*.my.salesforce.com/*');
    if (origin.hostname === 'test.salesforce.com') origins.push('https://*.sandbox.my.salesforce.com/*');
    return origins;
  },

  authorizeUrl({ config, redirectUri, state, challenge }) {
    const params: Record<string, string> = {
      response_type: 'code',
      client_id: config.salesforceClientId.trim(),
      redirect_uri: redirectUri,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      scope: SALESFORCE_SCOPES.join(' '),
      state,
    };
    const query = Object.entries(params)
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
      .join('&');
    return `${requireLogin(config)}/services/oauth2/authorize?${query}`;
  },

  async exchangeCode({
    config,
    tokenUrl,
    code,
    redirectUri,
    verifier,
    fetch: fetchImpl,
  }): Promise<TokenGrant> {
    const authBase = salesforceOrigin(tokenUrl)?.origin;
    if (!authBase) throw new CrmError('config', `${LABEL}: the login address is not a Salesforce host.`);
    // A public client: no client_secret, the PKCE verifier is the proof.
    const res = await postForm(fetchImpl, `${authBase}/services/oauth2/token`, {
      grant_type: 'authorization_code',
      code,
      client_id: config.salesforceClientId.trim(),
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    const token = readToken(res.body);
    // Data calls (with the rep's token) go to the instance for the whole connection: only ever a
    // Salesforce host, whatever the token answer says.
    const instance = salesforceOrigin(token.instance_url);
    if (!instance) {
      throw new CrmError('auth', `${LABEL}: Salesforce named an instance that is not a Salesforce host.`);
    }
    const ids = idsFrom(token.id);
    const who = token.id ? await identity(fetchImpl, authBase, token.id, token.access_token) : null;
    return {
      accessToken: token.access_token,
      expiresInSeconds: null,
      refreshToken: token.refresh_token ?? null,
      apiBaseUrl: instance.origin,
      authBaseUrl: authBase,
      tenantId: who?.organization_id ?? ids.orgId,
      userEmail: who?.email?.toLowerCase() ?? null,
      userName: who?.display_name ?? null,
      crmUserId: who?.user_id ?? ids.userId,
    };
  },

  async refresh({ config, connection, fetch: fetchImpl }): Promise<TokenGrant> {
    // The login host pinned at sign-in, never the setting as it is now.
    const authBase = connection.authBaseUrl && salesforceOrigin(connection.authBaseUrl)?.origin;
    if (!connection.refreshToken || !authBase) throw new CrmError('auth', 'Sign in to Salesforce again.');
    const res = await postForm(fetchImpl, `${authBase}/services/oauth2/token`, {
      grant_type: 'refresh_token',
      client_id: config.salesforceClientId.trim(),
      refresh_token: connection.refreshToken,
    });
    const token = readToken(res.body);
    const ids = idsFrom(token.id);
    return {
      accessToken: token.access_token,
      expiresInSeconds: null,
      // With refresh token rotation Salesforce returns a new one; otherwise keep ours.
      refreshToken: token.refresh_token ?? null,
      // session.ts keeps the instance pinned at sign-in.
      apiBaseUrl: connection.apiBaseUrl,
      authBaseUrl: authBase,
      tenantId: ids.orgId,
      userEmail: null,
      userName: null,
      crmUserId: ids.userId,
    };
  },

  async revoke({ connection, accessToken, fetch: fetchImpl }) {
    // Revoking the refresh token also ends every access token issued from it.
    const token = connection.refreshToken ?? accessToken;
    const authBase = connection.authBaseUrl && salesforceOrigin(connection.authBaseUrl)?.origin;
    if (!token || !authBase) return;
    await postForm(fetchImpl, `${authBase}/services/oauth2/revoke`, { token });
  },
};
