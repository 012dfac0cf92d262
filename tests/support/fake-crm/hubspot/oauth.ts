/**
 * HubSpot OAuth: authorize (approves at once and redirects), token exchange/refresh (v3 and
 * 2026-03 paths), revocation and token introspection. Confidential client: the secret is
 * required. Every v1 path answers 410 Gone: HubSpot retired them on 2027-02-16.
 */
import { correlationId, emptyReply, htmlReply, jsonReply, redirectReply, type Reply } from '../http';
import { formBody, isExtensionRedirectUri, withQuery } from '../oauth-shared';
import type { RequestContext } from '../state';
import { newTokenString, type AccessToken } from '../tokens';
import { HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET, HUBSPOT_APP_ID } from './auth';

const DEFAULT_LIFETIME_SECONDS = 1800;

function oauthError(error: string, status: string, description: string, http = 400): Reply {
  // RFC 6749 fields plus HubSpot's legacy status/message (kept by the v3 endpoints).
  return jsonReply(http, { error, error_description: description, status, message: description });
}

/** Documented authorize parameters, plus the fake's own `user` to choose who approves. */
const AUTHORIZE_PARAMS = new Set(['client_id', 'scope', 'optional_scope', 'redirect_uri', 'state', 'user']);

export function v1Gone(ctx: RequestContext): Reply {
  return jsonReply(410, {
    status: 'error',
    message: `${ctx.method} ${ctx.path}: the OAuth v1 API was retired on 2027-02-16. Use the OAuth 2026-03 (v3) endpoints.`,
    category: 'GONE',
    correlationId: correlationId(),
  });
}

export function authorize(ctx: RequestContext): Reply {
  const q = ctx.query;
  const unknown = [...q.keys()].filter((name) => !AUTHORIZE_PARAMS.has(name));
  if (unknown.length) {
    return htmlReply(400, 'Authorization failed', `Unsupported parameter(s): ${unknown.join(', ')}.`);
  }
  const clientId = q.get('client_id');
  const redirectUri = q.get('redirect_uri');
  if (clientId !== HUBSPOT_CLIENT_ID) {
    return htmlReply(400, 'Authorization failed', `Unknown client_id "${clientId ?? ''}".`);
  }
  if (!redirectUri || !isExtensionRedirectUri(redirectUri)) {
    return htmlReply(
      400,
      'Authorization failed',
      "redirect_uri does not match any of the app's redirect URLs.",
    );
  }
  const scope = q.get('scope');
  if (!scope) return htmlReply(400, 'Authorization failed', 'The scope parameter is required.');
  const userEmail = (q.get('user') ?? 'sam@ourco.com').toLowerCase();
  const owner = ctx.state.store.hubspot.owners.find((o) => o.email.toLowerCase() === userEmail);
  if (!owner)
    return htmlReply(400, 'Authorization failed', `${userEmail} is not a user of this HubSpot account.`);
  const scopes = [scope, q.get('optional_scope') ?? '']
    .join(' ')
    .split(/[\s+]+/)
    .filter(Boolean);
  const code = ctx.state.tokens.createCode(
    {
      provider: 'hubspot',
      clientId,
      redirectUri,
      scopes: [...new Set(scopes)],
      user: owner.email,
      codeChallenge: null,
    },
    ctx.state.store.salesforce.orgId,
  );
  const params: Record<string, string> = { code: code.code };
  const state = q.get('state');
  if (state !== null) params.state = state;
  return redirectReply(withQuery(redirectUri, params));
}

function tokenResponse(ctx: RequestContext, access: AccessToken, refreshToken: string): Reply {
  const owner = ctx.state.store.hubspot.owners.find((o) => o.email === access.user);
  return jsonReply(200, {
    token_type: 'bearer',
    refresh_token: refreshToken,
    access_token: access.token,
    hub_id: ctx.state.store.hubspot.portalId,
    user_id: owner?.userId,
    scopes: access.scopes,
    expires_in: access.expiresAt === null ? null : Math.round((access.expiresAt - access.issuedAt) / 1000),
  });
}

export function token(ctx: RequestContext): Reply {
  const form = formBody(ctx.body);
  if (!form) {
    return oauthError(
      'invalid_request',
      'BAD_REQUEST',
      'Request body must be application/x-www-form-urlencoded.',
    );
  }
  const grantType = form.grant_type;
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    return oauthError(
      'unsupported_grant_type',
      'BAD_GRANT_TYPE',
      `grant_type "${grantType ?? ''}" is not supported.`,
    );
  }
  if (form.client_id !== HUBSPOT_CLIENT_ID) {
    return oauthError('invalid_client', 'BAD_CLIENT_ID', 'missing or unknown client id');
  }
  if (form.client_secret !== HUBSPOT_CLIENT_SECRET) {
    return oauthError('invalid_client', 'BAD_CLIENT_SECRET', 'missing or invalid client secret');
  }
  const { tokens, faults, store } = ctx.state;
  const lifetime = faults.tokenLifetimeSeconds() ?? DEFAULT_LIFETIME_SECONDS;

  if (grantType === 'authorization_code') {
    const code = form.code ? tokens.getCode(form.code) : undefined;
    if (!code || code.provider !== 'hubspot' || code.used || tokens.isCodeExpired(code)) {
      return oauthError('invalid_grant', 'BAD_AUTH_CODE', 'missing or unknown auth code');
    }
    if (form.redirect_uri !== code.redirectUri) {
      return oauthError(
        'invalid_grant',
        'BAD_REDIRECT_URI',
        'redirect_uri does not match the one used to authorize',
      );
    }
    code.used = true;
    const base = {
      provider: 'hubspot' as const,
      clientId: code.clientId,
      user: code.user,
      scopes: code.scopes,
    };
    const refresh = tokens.issue({
      ...base,
      token: newTokenString('hubspot', 'refresh', store.salesforce.orgId),
      kind: 'refresh',
      parent: null,
      lifetimeSeconds: null,
    });
    const access = tokens.issue({
      ...base,
      token: newTokenString('hubspot', 'access', store.salesforce.orgId),
      kind: 'access',
      parent: refresh.token,
      lifetimeSeconds: lifetime,
    });
    return tokenResponse(ctx, access, refresh.token);
  }

  const refresh = form.refresh_token
    ? tokens.check(form.refresh_token, 'hubspot', 'refresh')
    : { status: 'unknown' };
  if (refresh.status !== 'valid' || !('token' in refresh)) {
    return oauthError('invalid_grant', 'BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
  }
  // HubSpot does not rotate refresh tokens: the same one is returned.
  const access = tokens.issue({
    provider: 'hubspot',
    clientId: refresh.token.clientId,
    user: refresh.token.user,
    scopes: refresh.token.scopes,
    token: newTokenString('hubspot', 'access', store.salesforce.orgId),
    kind: 'access',
    parent: refresh.token.token,
    lifetimeSeconds: lifetime,
  });
  return tokenResponse(ctx, access, refresh.token.token);
}

export function revokeV3(ctx: RequestContext): Reply {
  const form = formBody(ctx.body);
  if (!form?.token) return oauthError('invalid_request', 'BAD_REQUEST', 'token is required');
  // RFC 7009: revoking an unknown token is not an error.
  ctx.state.tokens.revoke(form.token);
  return emptyReply(204);
}

/**
 * POST /oauth/v3/token/introspect. Answers the documented shapes: `{"active": false}` for an
 * unknown, revoked or expired token; for an active one either the full metadata (access and
 * refresh token variants) or `{"active": true}` alone (store.settings.hubspotIntrospection).
 */
export function introspect(ctx: RequestContext): Reply {
  const form = formBody(ctx.body);
  if (form?.client_id !== HUBSPOT_CLIENT_ID) {
    return oauthError('invalid_client', 'BAD_CLIENT_ID', 'missing or unknown client id', 401);
  }
  if (form.client_secret !== HUBSPOT_CLIENT_SECRET) {
    return oauthError('invalid_client', 'BAD_CLIENT_SECRET', 'missing or invalid client secret', 401);
  }
  const found = form.token ? ctx.state.tokens.get(form.token) : undefined;
  const now = ctx.state.clock.nowMs();
  const active =
    !!found &&
    found.provider === 'hubspot' &&
    !found.revoked &&
    (found.expiresAt === null || found.expiresAt > now);
  if (!found || !active) return jsonReply(200, { active: false });
  if (ctx.state.store.settings.hubspotIntrospection === 'active-only')
    return jsonReply(200, { active: true });
  const { store } = ctx.state;
  const owner = store.hubspot.owners.find((o) => o.email === found.user);
  const common = {
    active: true,
    app_id: HUBSPOT_APP_ID,
    client_id: found.clientId,
    hub_domain: 'dealside-demo.hubspot.com',
    hub_id: store.hubspot.portalId,
    scopes: found.scopes,
    token: found.token,
    token_type: 'bearer',
    user: found.user,
    user_id: owner?.userId,
  };
  if (found.kind !== 'access') return jsonReply(200, { ...common, token_use: 'refresh_token' });
  const expiresInSeconds =
    found.expiresAt === null ? 0 : Math.max(0, Math.round((found.expiresAt - now) / 1000));
  return jsonReply(200, {
    ...common,
    token_use: 'access_token',
    expires_in: expiresInSeconds,
    is_private_distribution: true,
    signed_access_token: {
      appId: HUBSPOT_APP_ID,
      expiresAt: found.expiresAt ?? 0,
      hubId: store.hubspot.portalId,
      hublet: 'na1',
      installingUserId: owner?.userId,
      isPrivateDistribution: true,
      isServiceAccount: false,
      isUserLevel: true,
      userId: owner?.userId,
      scopes: found.scopes.join(' '),
    },
  });
}
