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
 */
import * as z from 'zod/mini';
import { CrmError, kindForStatus } from '../crm/errors';
import { HUBSPOT_API_BASE_URL } from '../crm/hubspot/constants';
import { request, type ErrorReader } from '../crm/http';
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

const TokenInfo = z.looseObject({
  user: z.optional(z.nullable(z.string())),
  hub_id: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  user_id: z.optional(z.nullable(z.union([z.number(), z.string()]))),
});

const OwnerList = z.looseObject({
  results: z.optional(
    z.nullable(
      z.array(
        z.looseObject({
          id: z.union([z.string(), z.number()]),
          firstName: z.optional(z.nullable(z.string())),
          lastName: z.optional(z.nullable(z.string())),
        }),
      ),
    ),
  ),
});

const OAuthErrorBody = z.looseObject({
  error: z.optional(z.nullable(z.string())),
  error_description: z.optional(z.nullable(z.string())),
  message: z.optional(z.nullable(z.string())),
});

/** OAuth errors from HubSpot (through the exchange) and the exchange's own refusals. */
const readOAuthError: ErrorReader = (status, raw) => {
  const parsed = OAuthErrorBody.safeParse(raw);
  const body = parsed.success ? parsed.data : {};
  const code = body.error ?? undefined;
  if (code === 'invalid_grant') {
    return { message: 'the sign-in has expired or was revoked. Sign in again.', code, kind: 'auth' };
  }
  if (code === 'invalid_client' || code === 'unauthorized_client') {
    return {
      message: "the token exchange's HubSpot app credentials were refused. Tell your admin.",
      code,
      kind: 'config',
    };
  }
  if (status === 403 || status === 404 || status === 405 || status === 415) {
    // The exchange refused this extension or is not at that address: an admin must fix it.
    return {
      message: `the token exchange refused the request (${status}). Tell your admin.`,
      code,
      kind: 'config',
    };
  }
  if (status >= 500) return { message: `the token exchange or HubSpot had a problem (${status}).`, code };
  const detail = body.error_description ?? body.message ?? code;
  return {
    message: detail ? `sign-in failed: ${detail}` : `sign-in failed (${status}).`,
    code,
    kind: kindForStatus(status),
  };
};

function idText(value: number | string | null | undefined): string | null {
  return value === null || value === undefined || value === '' ? null : String(value);
}

async function postExchange(url: string, fetchImpl: typeof fetch, form: Record<string, string>) {
  const answer = await request(
    fetchImpl,
    { method: 'POST', url, body: new URLSearchParams(form) },
    readOAuthError,
    'HubSpot',
  );
  const parsed = TokenResponse.safeParse(answer.body);
  if (!parsed.success) throw new CrmError('auth', 'HubSpot: the sign-in answer could not be read.');
  return parsed.data;
}

/** Who signed in: token info (email, portal, user) then the matching owner (CRM user id, name). */
async function identify(accessToken: string, fetchImpl: typeof fetch) {
  const auth = { authorization: `Bearer ${accessToken}` };
  const info = await request(
    fetchImpl,
    {
      method: 'GET',
      url: `${HUBSPOT_API_BASE_URL}/oauth/v1/access-tokens/${encodeURIComponent(accessToken)}`,
    },
    readOAuthError,
    'HubSpot',
  )
    .then((answer) => TokenInfo.safeParse(answer.body))
    .catch(() => null);
  const email = info?.success ? (info.data.user?.trim().toLowerCase() ?? null) : null;
  const hubId = info?.success ? idText(info.data.hub_id) : null;
  if (!email) return { email: null, hubId, ownerId: null, name: null };
  const owners = await request(
    fetchImpl,
    {
      method: 'GET',
      url: `${HUBSPOT_API_BASE_URL}/crm/v3/owners?${new URLSearchParams({ email, limit: '1' })}`,
      headers: auth,
    },
    readOAuthError,
    'HubSpot',
  )
    .then((answer) => OwnerList.safeParse(answer.body))
    .catch(() => null);
  const owner = owners?.success ? owners.data.results?.[0] : undefined;
  const name = owner ? [owner.firstName, owner.lastName].filter(Boolean).join(' ') || null : null;
  return { email, hubId, ownerId: owner ? String(owner.id) : null, name };
}

function grantFrom(
  token: z.infer<typeof TokenResponse>,
  who: { email: string | null; hubId: string | null; ownerId: string | null; name: string | null },
): TokenGrant {
  return {
    accessToken: token.access_token,
    expiresInSeconds: typeof token.expires_in === 'number' ? token.expires_in : null,
    // HubSpot does not rotate refresh tokens; null keeps the stored one.
    refreshToken: token.refresh_token || null,
    apiBaseUrl: HUBSPOT_API_BASE_URL,
    authBaseUrl: null,
    tenantId: idText(token.hub_id) ?? who.hubId,
    userEmail: who.email,
    userName: who.name,
    crmUserId: who.ownerId,
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

  tokenUrl: (config) => config.hubspotTokenExchangeUrl || null,

  // api.hubapi.com is a fixed host permission; the exchange answers CORS for the extension.
  originsToRequest: () => [],

  authorizeUrl({ config, redirectUri, state, challenge }) {
    const url = new URL('/oauth/authorize', config.hubspotAppUrl);
    url.search = new URLSearchParams({
      client_id: config.hubspotClientId,
      scope: HUBSPOT_SCOPES.join(' '),
      redirect_uri: redirectUri,
      state,
      // HubSpot documents no PKCE for the authorize step; sending the challenge is harmless and
      // lets the exchange pass the verifier along should HubSpot start checking it.
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  },

  async exchangeCode({ tokenUrl, code, redirectUri, verifier, fetch: fetchImpl }) {
    const token = await postExchange(tokenUrl, fetchImpl, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      ...(verifier ? { code_verifier: verifier } : {}),
    });
    return grantFrom(token, await identify(token.access_token, fetchImpl));
  },

  async refresh({ connection, fetch: fetchImpl }) {
    // The exchange pinned at sign-in (authBaseUrl), never the setting as it is now.
    if (!connection.refreshToken || !connection.authBaseUrl)
      throw new CrmError('auth', 'HubSpot: sign in again.');
    const token = await postExchange(connection.authBaseUrl, fetchImpl, {
      grant_type: 'refresh_token',
      refresh_token: connection.refreshToken,
    });
    // Identity does not change on refresh; session.ts keeps the stored one.
    return grantFrom(token, { email: null, hubId: null, ownerId: null, name: null });
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
