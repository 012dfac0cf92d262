/**
 * HubSpot sign-in. HubSpot requires the client secret to exchange and refresh codes, and an
 * extension cannot keep a secret, so both go through the organisation's token exchange
 * (scripts/hubspot-token-exchange), which adds the secret and forwards to HubSpot. Data calls
 * go straight to api.hubapi.com with the access token; the exchange never sees them.
 *
 * Exchange protocol (form-encoded POST to `hubspotTokenExchangeUrl`):
 *   grant_type=authorization_code&code&redirect_uri[&code_verifier] → HubSpot's token JSON
 *   grant_type=refresh_token&refresh_token                            → HubSpot's token JSON
 *   action=revoke&token=<refresh token>                               → HubSpot's revoke answer
 *   action=introspect&token=<access token>                            → HubSpot's v3 introspection
 *
 * No v1 OAuth endpoint is called: HubSpot retires them on 2027-02-16 (hubspot-identity.ts).
 */
import * as z from 'zod/mini';
import { CrmError } from '../http/errors';
import { HUBSPOT_API_BASE_URL } from '../http/hubspot';
import { request } from '../http/request';
import { identifyHubSpotUser, idText, type HubSpotIdentity } from './hubspot-identity';
import { oauthErrorReader } from './oauth-errors';
import type { OAuthProvider, TokenGrant } from './provider';

/** Minimal scopes (crm-apis.md §1.5); docs/admin-hubspot.md says what each is for. */
export const HUBSPOT_SCOPES = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.owners.read',
  'sales-email-read',
];

const TokenResponse = z.looseObject({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: z.optional(z.nullable(z.string())),
  expires_in: z.optional(z.nullable(z.number())),
  hub_id: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  user_id: z.optional(z.nullable(z.union([z.number(), z.string()]))),
});

/** OAuth errors from HubSpot (through the exchange) and the exchange's own refusals. */
const readOAuthError = oauthErrorReader({
  expired: 'the sign-in has expired or was revoked. Sign in again.',
  clientRefused: "the token exchange's HubSpot app credentials were refused. Tell your admin.",
  upstream: 'HubSpot',
});

async function exchangeAnswer(url: string, fetchImpl: typeof fetch, form: Record<string, string>) {
  const answer = await request(
    fetchImpl,
    { method: 'POST', url, body: new URLSearchParams(form) },
    readOAuthError,
    'HubSpot',
  );
  return answer.body;
}

async function postExchange(url: string, fetchImpl: typeof fetch, form: Record<string, string>) {
  const parsed = TokenResponse.safeParse(await exchangeAnswer(url, fetchImpl, form));
  if (!parsed.success) throw new CrmError('auth', 'HubSpot: the sign-in answer could not be read.');
  return parsed.data;
}

/** `exchangeUrl`: the exchange pinned at sign-in, which also answers `action=introspect`. */
function identify(exchangeUrl: string, token: z.infer<typeof TokenResponse>, fetchImpl: typeof fetch) {
  return identifyHubSpotUser({
    accessToken: token.access_token,
    fromToken: { hubId: idText(token.hub_id), userId: idText(token.user_id) },
    introspect: () =>
      exchangeAnswer(exchangeUrl, fetchImpl, { action: 'introspect', token: token.access_token }),
    fetch: fetchImpl,
  });
}

function grantFrom(token: z.infer<typeof TokenResponse>, who: HubSpotIdentity | null): TokenGrant {
  return {
    accessToken: token.access_token,
    expiresInSeconds: typeof token.expires_in === 'number' ? token.expires_in : null,
    // HubSpot does not rotate refresh tokens; null keeps the stored one.
    refreshToken: token.refresh_token || null,
    apiBaseUrl: HUBSPOT_API_BASE_URL,
    authBaseUrl: null,
    tenantId: idText(token.hub_id) ?? who?.hubId ?? null,
    userEmail: who?.email ?? null,
    userName: who?.name ?? null,
    crmUserId: who?.ownerId ?? null,
    // null: identity was not looked up again, so whatever is stored stays.
    ...(who ? { identityProblem: who.problem } : {}),
  };
}

export const hubspotOAuth: OAuthProvider = {
  provider: 'hubspot',

  configProblem(config) {
    if (config.hubspotPrivateAppToken) return null;
    if (!config.hubspotClientId) {
      return 'Your administrator has not set the HubSpot app (its client id) yet, so Dealside cannot sign you in.';
    }
    if (!config.hubspotTokenExchangeUrl) {
      return 'Your administrator has not set the address of the HubSpot token exchange yet, so Dealside cannot sign you in.';
    }
    return null;
  },

  // api.hubapi.com is a fixed host permission; the exchange answers CORS for the extension.
  originsToRequest: () => [],

  // Only the documented parameters (client_id, scope, redirect_uri, optional_scope, state):
  // HubSpot documents no PKCE, so no challenge is sent and no verifier follows it.
  authorizeUrl({ config, redirectUri, state }) {
    const url = new URL('/oauth/authorize', config.hubspotAppUrl);
    url.search = new URLSearchParams({
      client_id: config.hubspotClientId,
      scope: HUBSPOT_SCOPES.join(' '),
      redirect_uri: redirectUri,
      state,
    }).toString();
    return url.toString();
  },

  tokenUrl: (config) => config.hubspotTokenExchangeUrl || null,

  async exchangeCode({ tokenUrl, code, redirectUri, fetch: fetchImpl }) {
    const token = await postExchange(tokenUrl, fetchImpl, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
    });
    return grantFrom(token, await identify(tokenUrl, token, fetchImpl));
  },

  async refresh({ connection, fetch: fetchImpl }) {
    // The exchange pinned at sign-in (authBaseUrl), never the setting as it is now.
    const exchange = connection.authBaseUrl;
    if (!connection.refreshToken || !exchange) throw new CrmError('auth', 'HubSpot: sign in again.');
    const token = await postExchange(exchange, fetchImpl, {
      grant_type: 'refresh_token',
      refresh_token: connection.refreshToken,
    });
    // Identity does not change on refresh (session.ts keeps the stored one), unless it was never
    // learned: then each refresh tries again, so a fixed exchange or owner record heals it.
    const known = connection.crmUserId !== null && connection.tenantId !== null;
    return grantFrom(token, known ? null : await identify(exchange, token, fetchImpl));
  },

  async revoke({ connection, fetch: fetchImpl }) {
    if (!connection.refreshToken || !connection.authBaseUrl) return;
    await request(
      fetchImpl,
      {
        method: 'POST',
        url: connection.authBaseUrl,
        body: new URLSearchParams({ action: 'revoke', token: connection.refreshToken }),
      },
      readOAuthError,
      'HubSpot',
    );
  },
};
