/**
 * Salesforce web-server flow with PKCE for a public External Client App (no client secret),
 * refresh (optionally rotating), revocation and the identity URL.
 */
import { createHash, createHmac } from 'node:crypto';
import { emptyReply, htmlReply, jsonReply, redirectReply, type Reply } from '../http';
import { formBody, isExtensionRedirectUri, withQuery } from '../oauth-shared';
import { header, type RequestContext } from '../state';
import type { SfRow } from '../store/types';
import { newTokenString, type AccessToken } from '../tokens';
import { SALESFORCE_CLIENT_ID, findUser, instanceUrl } from './auth';

const SESSION_SECONDS = 7200;
const ALLOWED_SCOPES = new Set([
  'api',
  'refresh_token',
  'offline_access',
  'id',
  'openid',
  'profile',
  'email',
  'web',
  'full',
]);
const SIGNING_SECRET = 'fake-crm-signing-secret';
export const LATEST_API_VERSION = '66.0';

function oauthError(error: string, description: string, status = 400): Reply {
  return jsonReply(status, { error, error_description: description });
}

function base64url(buffer: Buffer): string {
  return buffer.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function authorize(ctx: RequestContext): Reply {
  const q = ctx.query;
  const clientId = q.get('client_id');
  const redirectUri = q.get('redirect_uri');
  if (clientId !== SALESFORCE_CLIENT_ID) {
    return htmlReply(400, 'error=invalid_client_id', 'error_description=client identifier invalid');
  }
  if (!redirectUri || !isExtensionRedirectUri(redirectUri)) {
    return htmlReply(
      400,
      'error=redirect_uri_mismatch',
      'error_description=redirect_uri must match configuration',
    );
  }
  const state = q.get('state');
  const fail = (error: string, description: string) =>
    redirectReply(
      withQuery(redirectUri, { error, error_description: description, ...(state !== null ? { state } : {}) }),
    );
  if (q.get('response_type') !== 'code')
    return fail('unsupported_response_type', 'response type not supported');
  const challenge = q.get('code_challenge');
  const method = q.get('code_challenge_method') ?? 'S256';
  if (!challenge) return fail('invalid_request', 'missing required code challenge');
  if (method !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
    return fail('invalid_request', 'invalid code challenge');
  }
  const scopes = (q.get('scope') ?? 'api refresh_token id').split(/[\s+]+/).filter(Boolean);
  const unknown = scopes.find((s) => !ALLOWED_SCOPES.has(s));
  if (unknown) return fail('invalid_scope', `the requested scope is not allowed: ${unknown}`);
  const login = q.get('user') ?? q.get('login_hint') ?? 'sam@ourco.com';
  const user = findUser(ctx.state, login);
  if (!user) return htmlReply(400, 'Login failed', `${login} is not a user of this org.`);
  const code = ctx.state.tokens.createCode(
    {
      provider: 'salesforce',
      clientId,
      redirectUri,
      scopes,
      user: String(user.Email),
      codeChallenge: challenge,
    },
    ctx.state.store.salesforce.orgId,
  );
  return redirectReply(withQuery(redirectUri, { code: code.code, ...(state !== null ? { state } : {}) }));
}

function identityUrl(ctx: RequestContext, user: SfRow): string {
  return `https://login.salesforce.com/id/${ctx.state.store.salesforce.orgId}/${user.Id}`;
}

function tokenBody(ctx: RequestContext, access: AccessToken, user: SfRow, refreshToken: string | null) {
  const issuedAt = String(access.issuedAt);
  const id = identityUrl(ctx, user);
  return {
    access_token: access.token,
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    signature: createHmac('sha256', SIGNING_SECRET)
      .update(id + issuedAt)
      .digest('base64'),
    scope: access.scopes.join(' '),
    instance_url: instanceUrl(ctx.state),
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
  };
}

function issueAccess(ctx: RequestContext, user: string, scopes: string[], parent: string | null) {
  return ctx.state.tokens.issue({
    token: newTokenString('salesforce', 'access', ctx.state.store.salesforce.orgId),
    provider: 'salesforce',
    kind: 'access',
    clientId: SALESFORCE_CLIENT_ID,
    user,
    scopes,
    parent,
    lifetimeSeconds: ctx.state.faults.tokenLifetimeSeconds() ?? SESSION_SECONDS,
  });
}

function issueRefresh(ctx: RequestContext, user: string, scopes: string[]) {
  return ctx.state.tokens.issue({
    token: newTokenString('salesforce', 'refresh', ctx.state.store.salesforce.orgId),
    provider: 'salesforce',
    kind: 'refresh',
    clientId: SALESFORCE_CLIENT_ID,
    user,
    scopes,
    parent: null,
    lifetimeSeconds: null,
  });
}

export function token(ctx: RequestContext): Reply {
  const form = formBody(ctx.body);
  if (!form) return oauthError('invalid_request', 'request body must be application/x-www-form-urlencoded');
  const grantType = form.grant_type;
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    return oauthError('unsupported_grant_type', 'grant type not supported');
  }
  if (form.client_id !== SALESFORCE_CLIENT_ID)
    return oauthError('invalid_client_id', 'client identifier invalid');
  const { tokens } = ctx.state;

  if (grantType === 'authorization_code') {
    const code = form.code ? tokens.getCode(form.code) : undefined;
    if (!code || code.provider !== 'salesforce' || code.used || tokens.isCodeExpired(code)) {
      return oauthError('invalid_grant', 'invalid authorization code');
    }
    if (form.redirect_uri !== code.redirectUri) {
      return oauthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
    }
    const verifier = form.code_verifier ?? '';
    const validShape = /^[A-Za-z0-9._~-]{43,128}$/.test(verifier);
    const challenge = base64url(createHash('sha256').update(verifier).digest());
    if (!validShape || challenge !== code.codeChallenge)
      return oauthError('invalid_grant', 'invalid code verifier');
    code.used = true;
    const user = findUser(ctx.state, code.user);
    if (!user) return oauthError('invalid_grant', 'user is inactive');
    const wantsRefresh = code.scopes.includes('refresh_token') || code.scopes.includes('offline_access');
    const refresh = wantsRefresh ? issueRefresh(ctx, code.user, code.scopes) : null;
    const access = issueAccess(ctx, code.user, code.scopes, refresh?.token ?? null);
    return jsonReply(200, tokenBody(ctx, access, user, refresh?.token ?? null));
  }

  const check = form.refresh_token
    ? tokens.check(form.refresh_token, 'salesforce', 'refresh')
    : { status: 'unknown' as const };
  if (check.status !== 'valid') return oauthError('invalid_grant', 'expired access/refresh token');
  const user = findUser(ctx.state, check.token.user);
  if (!user) return oauthError('invalid_grant', 'expired access/refresh token');
  let refreshToken = check.token.token;
  let rotated: string | null = null;
  if (ctx.state.store.settings.salesforceRefreshTokenRotation) {
    // Rotation: a new refresh token each time; the old one stops working.
    const next = issueRefresh(ctx, check.token.user, check.token.scopes);
    tokens.revoke(refreshToken);
    refreshToken = next.token;
    rotated = next.token;
  }
  const access = issueAccess(ctx, check.token.user, check.token.scopes, refreshToken);
  return jsonReply(200, tokenBody(ctx, access, user, rotated));
}

export function revoke(ctx: RequestContext): Reply {
  const form = formBody(ctx.body);
  const value = form?.token ?? ctx.query.get('token') ?? '';
  const found = ctx.state.tokens.get(value);
  if (!found || found.provider !== 'salesforce' || found.revoked)
    return oauthError('invalid_token', 'invalid token');
  ctx.state.tokens.revoke(value);
  return emptyReply(200);
}

export function identity(ctx: RequestContext, orgId: string, userId: string): Reply {
  const m = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header(ctx, 'authorization') ?? '');
  const tokenValue = m?.[1] ?? ctx.query.get('oauth_token') ?? '';
  const check = ctx.state.tokens.check(tokenValue, 'salesforce', 'access');
  if (check.status !== 'valid') return { status: 403, text: 'Bad_OAuth_Token', contentType: 'text/plain' };
  const store = ctx.state.store.salesforce;
  const user = store.users.find((u) => u.Id === userId || u.Id.slice(0, 15) === userId.slice(0, 15));
  if (orgId.slice(0, 15) !== store.orgId.slice(0, 15) || !user)
    return { status: 404, text: 'Bad_Id', contentType: 'text/plain' };
  const base = instanceUrl(ctx.state);
  const version = `{version}`;
  return jsonReply(200, {
    id: identityUrl(ctx, user),
    asserted_user: String(user.Email).toLowerCase() === check.token.user.toLowerCase(),
    user_id: user.Id,
    organization_id: store.orgId,
    username: user.Username,
    nick_name: String(user.Email).split('@')[0],
    display_name: user.Name,
    email: user.Email,
    email_verified: true,
    first_name: user.FirstName,
    last_name: user.LastName,
    timezone: 'Etc/UTC',
    active: user.IsActive,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0,
    urls: {
      enterprise: `${base}/services/Soap/c/${version}/${store.orgId.slice(0, 15)}`,
      partner: `${base}/services/Soap/u/${version}/${store.orgId.slice(0, 15)}`,
      rest: `${base}/services/data/v${version}/`,
      sobjects: `${base}/services/data/v${version}/sobjects/`,
      query: `${base}/services/data/v${version}/query/`,
      profile: `${base}/${user.Id}`,
      custom_domain: base,
    },
    is_app_installed: true,
  });
}
