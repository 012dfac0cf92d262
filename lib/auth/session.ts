/**
 * Sign-in, tokens and refresh for whichever CRM is configured. Sign-in is split in two so the
 * worker may be stopped while the rep is on the CRM's login page: `begin` stores state and the
 * PKCE verifier in `storage.session` and returns the authorize URL; the panel runs
 * `identity.launchWebAuthFlow` (it needs the rep's click anyway) and hands the redirect URL to
 * `complete`, which finds the stored verifier however many times the worker restarted.
 */
import * as z from 'zod/mini';
import type { Config, ConfigKey } from '../config/schema';
import { CrmError } from '../http/errors';
import type { Provider } from '../domain/types';
import { challengeFor, createState, createVerifier } from './pkce';
import type { OAuthProvider, TokenGrant } from './provider';
import { singleFlight } from './single-flight';
import { needsRefresh, tokenStore, type Connection } from './tokens';

export const AuthStatus = z.object({
  provider: z.nullable(z.enum(['hubspot', 'salesforce'])),
  state: z.enum(['not-configured', 'signed-out', 'signed-in', 'expired']),
  method: z.nullable(z.enum(['oauth', 'private-app'])),
  userEmail: z.nullable(z.string()),
  userName: z.nullable(z.string()),
  /** What stops sign-in, in words for the rep, or null. */
  problem: z.nullable(z.string()),
  /** Signed in, but who the rep is in the CRM (their owner id) is unknown: why, in words. */
  identityProblem: z.optional(z.nullable(z.string())),
});
export type AuthStatus = z.infer<typeof AuthStatus>;

export interface AuthDeps {
  providers: Record<Provider, OAuthProvider>;
  loadConfig(): Promise<Config>;
  /** Whether the administrator's policy sets this key (only such a value is trusted unpinned). */
  isLocked?(key: ConfigKey): Promise<boolean>;
  redirectUri(provider: Provider): string;
  fetch: typeof fetch;
  now(): number;
}

/** Logins older than this are abandoned (the rep closed the window long ago). */
const PENDING_TTL_MS = 15 * 60_000;
const HUBSPOT_API = 'https://api.hubapi.com';

function privateAppConnection(config: Config, now: number): Connection | null {
  if (config.crmProvider !== 'hubspot' || !config.hubspotPrivateAppToken) return null;
  return {
    provider: 'hubspot',
    method: 'private-app',
    refreshToken: null,
    apiBaseUrl: HUBSPOT_API,
    authBaseUrl: null,
    tenantId: null,
    userEmail: null,
    userName: null,
    crmUserId: null,
    connectedAt: new Date(now).toISOString(),
  };
}

/** A new sign-in: everything from the grant, with the token URL pinned when sign-in started. */
function connectionFrom(provider: Provider, grant: TokenGrant, tokenUrl: string, now: number): Connection {
  return {
    provider,
    method: 'oauth',
    refreshToken: grant.refreshToken,
    apiBaseUrl: grant.apiBaseUrl,
    authBaseUrl: tokenUrl,
    tenantId: grant.tenantId,
    userEmail: grant.userEmail,
    userName: grant.userName,
    crmUserId: grant.crmUserId,
    identityProblem: grant.identityProblem ?? null,
    connectedAt: new Date(now).toISOString(),
  };
}

/**
 * After a refresh: a new token, but where calls and refreshes go stays as pinned at sign-in,
 * whatever the token answer or the settings say now.
 */
function refreshedConnection(previous: Connection, grant: TokenGrant): Connection {
  return {
    ...previous,
    refreshToken: grant.refreshToken ?? previous.refreshToken,
    tenantId: grant.tenantId ?? previous.tenantId,
    userEmail: grant.userEmail ?? previous.userEmail,
    userName: grant.userName ?? previous.userName,
    crmUserId: grant.crmUserId ?? previous.crmUserId,
    identityProblem:
      grant.identityProblem === undefined ? (previous.identityProblem ?? null) : grant.identityProblem,
  };
}

/** The setting each provider's token URL comes from. */
const TOKEN_URL_KEY: Record<Provider, ConfigKey> = {
  hubspot: 'hubspotTokenExchangeUrl',
  salesforce: 'salesforceLoginUrl',
};

export function createAuth(deps: AuthDeps) {
  async function saveGrant(connection: Connection, grant: TokenGrant) {
    const now = deps.now();
    const provider = connection.provider;
    // Refresh token first: if the worker stops between the two writes, the next call simply
    // refreshes again instead of holding an access token without a way to renew it.
    await tokenStore.saveConnection(connection);
    await tokenStore.saveAccessToken({
      provider,
      token: grant.accessToken,
      issuedAt: now,
      expiresAt: grant.expiresInSeconds === null ? null : now + grant.expiresInSeconds * 1000,
    });
    return connection;
  }

  async function currentConnection(config: Config): Promise<Connection | null> {
    const privateApp = privateAppConnection(config, deps.now());
    if (privateApp) return privateApp;
    const connection = await tokenStore.connection();
    return connection && connection.provider === config.crmProvider ? connection : null;
  }

  /**
   * A connection made before token URLs were pinned has none: only a URL the administrator's
   * policy sets is trusted to pin now; anything else means signing in again.
   */
  async function withPinnedTokenUrl(connection: Connection, config: Config): Promise<Connection> {
    if (connection.authBaseUrl) return connection;
    const locked = (await deps.isLocked?.(TOKEN_URL_KEY[connection.provider])) ?? false;
    const tokenUrl = locked ? deps.providers[connection.provider].tokenUrl(config) : null;
    if (!tokenUrl) return connection;
    const pinned = { ...connection, authBaseUrl: tokenUrl };
    await tokenStore.saveConnection(pinned);
    return pinned;
  }

  const refresh = singleFlight(async (): Promise<string> => {
    const config = await deps.loadConfig();
    const current = await currentConnection(config);
    if (!current || current.method !== 'oauth' || !current.refreshToken) {
      throw new CrmError('auth', 'Sign in to your CRM to continue.');
    }
    const connection = await withPinnedTokenUrl(current, config);
    let grant: TokenGrant;
    try {
      grant = await deps.providers[connection.provider].refresh({ config, connection, fetch: deps.fetch });
    } catch (error) {
      if (error instanceof CrmError && error.kind === 'auth') {
        // The refresh token was revoked or expired: only a new sign-in helps.
        await tokenStore.saveConnection({ ...connection, refreshToken: null });
        await tokenStore.clearAccessToken();
        throw new CrmError('auth', 'Your CRM session has ended. Sign in again.');
      }
      throw error;
    }
    await saveGrant(refreshedConnection(connection, grant), grant);
    return grant.accessToken;
  });

  return {
    async status(): Promise<AuthStatus> {
      const config = await deps.loadConfig();
      const provider = config.crmProvider;
      const base = { provider, method: null, userEmail: null, userName: null, problem: null };
      if (!provider) return { ...base, state: 'not-configured', problem: 'Choose your CRM in Settings.' };
      const connection = await currentConnection(config);
      if (connection) {
        const state =
          connection.method === 'private-app' || connection.refreshToken ? 'signed-in' : 'expired';
        return {
          ...base,
          state,
          method: connection.method,
          userEmail: connection.userEmail,
          userName: connection.userName,
          identityProblem: connection.identityProblem ?? null,
        };
      }
      return { ...base, state: 'signed-out', problem: deps.providers[provider].configProblem(config) };
    },

    async begin(provider: Provider): Promise<{ authorizeUrl: string; origins: string[] }> {
      const config = await deps.loadConfig();
      if (config.crmProvider !== provider)
        throw new CrmError('config', 'That CRM is not the one chosen in Settings.');
      const oauth = deps.providers[provider];
      const problem = oauth.configProblem(config);
      if (problem) throw new CrmError('config', problem);
      const state = createState();
      const verifier = createVerifier();
      const redirectUri = deps.redirectUri(provider);
      await tokenStore.savePendingLogin({
        provider,
        state,
        verifier,
        redirectUri,
        // Pinned now: the code, and later every refresh, go where this sign-in started.
        authBaseUrl: oauth.tokenUrl(config),
        startedAt: deps.now(),
      });
      const challenge = await challengeFor(verifier);
      return {
        authorizeUrl: oauth.authorizeUrl({ config, redirectUri, state, challenge }),
        origins: oauth.originsToRequest(config),
      };
    },

    async complete(redirectUrl: string): Promise<AuthStatus> {
      const pending = await tokenStore.pendingLogin();
      if (!pending || deps.now() - pending.startedAt > PENDING_TTL_MS) {
        throw new CrmError('auth', 'That sign-in took too long or was already used. Start again.');
      }
      let url: URL;
      try {
        url = new URL(redirectUrl);
      } catch {
        throw new CrmError('auth', 'The CRM sent back an address Dealside cannot read.');
      }
      if (!redirectUrl.startsWith(pending.redirectUri))
        throw new CrmError('auth', 'Unexpected sign-in redirect.');
      if (url.searchParams.get('state') !== pending.state) {
        throw new CrmError('auth', 'The sign-in answer did not match this request. Start again.');
      }
      const denied = url.searchParams.get('error');
      if (denied) {
        await tokenStore.clearPendingLogin();
        const why = url.searchParams.get('error_description') ?? denied;
        throw new CrmError('auth', `The CRM did not allow the sign-in: ${why}`);
      }
      const code = url.searchParams.get('code');
      if (!code) throw new CrmError('auth', 'The CRM sent no authorization code.');
      const config = await deps.loadConfig();
      // One use only, whatever happens next.
      await tokenStore.clearPendingLogin();
      const tokenUrl = pending.authBaseUrl;
      if (!tokenUrl) throw new CrmError('auth', 'That sign-in cannot be finished. Start again.');
      const grant = await deps.providers[pending.provider].exchangeCode({
        config,
        tokenUrl,
        code,
        redirectUri: pending.redirectUri,
        verifier: pending.verifier ?? '',
        fetch: deps.fetch,
      });
      await saveGrant(connectionFrom(pending.provider, grant, tokenUrl, deps.now()), grant);
      return this.status();
    },

    /** The current access token, refreshed ahead of expiry; one refresh shared by all callers. */
    async accessToken(): Promise<string> {
      const config = await deps.loadConfig();
      if (config.crmProvider === 'hubspot' && config.hubspotPrivateAppToken)
        return config.hubspotPrivateAppToken;
      const token = await tokenStore.accessToken();
      if (token && token.provider === config.crmProvider && !needsRefresh(token, deps.now()))
        return token.token;
      return refresh();
    },

    /** After a 401: refresh now (shared), so the caller can retry once. */
    async forceRefresh(): Promise<string> {
      const config = await deps.loadConfig();
      if (config.crmProvider === 'hubspot' && config.hubspotPrivateAppToken) {
        throw new CrmError('auth', 'HubSpot refused the private app token set by your administrator.');
      }
      return refresh();
    },

    async connection(): Promise<Connection | null> {
      return currentConnection(await deps.loadConfig());
    },

    /** Revokes (best effort) and forgets every token. */
    async signOut(): Promise<void> {
      const config = await deps.loadConfig();
      const connection = await tokenStore.connection();
      const access = await tokenStore.accessToken();
      if (connection && connection.method === 'oauth') {
        await deps.providers[connection.provider]
          .revoke({ config, connection, accessToken: access?.token ?? null, fetch: deps.fetch })
          .catch(() => undefined);
      }
      await tokenStore.clearAll();
    },
  };
}
export type Auth = ReturnType<typeof createAuth>;
