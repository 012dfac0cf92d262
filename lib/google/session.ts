/**
 * The Google Calendar connection's sign-in, tokens and refresh, beside (never instead of) the
 * CRM sign-in. Split like the CRM's: `begin` stores state and the PKCE verifier in
 * `storage.session` and returns the authorize URL; the panel runs launchWebAuthFlow; `complete`
 * redeems the code in the worker, however many times the worker restarted meanwhile.
 */
import type { Config } from '../config/schema';
import { CrmError } from '../http/errors';
import { googleOAuth, type GoogleGrant } from '../auth/google';
import { challengeFor, createState, createVerifier } from '../auth/pkce';
import { singleFlight } from '../auth/single-flight';
import { needsRefresh } from '../auth/tokens';
import { googleAccess, googleConnection, googlePending, type GoogleConnection } from './connection';

export interface GoogleAuthDeps {
  loadConfig(): Promise<Config>;
  redirectUri(): string;
  fetch: typeof fetch;
  now(): number;
}

export type GoogleAuthState = 'off' | 'signed-out' | 'connected' | 'expired';

const PENDING_TTL_MS = 15 * 60_000;

export function createGoogleAuth(deps: GoogleAuthDeps) {
  async function saveAccess(grant: GoogleGrant): Promise<string> {
    const now = deps.now();
    await googleAccess.write({
      token: grant.accessToken,
      issuedAt: now,
      expiresAt: grant.expiresInSeconds === null ? null : now + grant.expiresInSeconds * 1000,
    });
    return grant.accessToken;
  }

  const refresh = singleFlight(async (): Promise<string> => {
    const connection = await googleConnection.read();
    if (!connection?.refreshToken) throw new CrmError('auth', 'Connect Google Calendar again.');
    let grant: GoogleGrant;
    try {
      // The exchange pinned at sign-in, never the setting as it is now.
      grant = await googleOAuth.refresh({
        tokenUrl: connection.tokenUrl,
        refreshToken: connection.refreshToken,
        fetch: deps.fetch,
      });
    } catch (error) {
      if (error instanceof CrmError && error.kind === 'auth') {
        await googleConnection.write({ ...connection, refreshToken: null });
        await googleAccess.remove();
        throw new CrmError('auth', 'Your Google Calendar connection has ended. Connect again.');
      }
      throw error;
    }
    if (grant.refreshToken) await googleConnection.write({ ...connection, refreshToken: grant.refreshToken });
    return saveAccess(grant);
  });

  return {
    async state(): Promise<{ state: GoogleAuthState; problem: string | null; connectedAt: string | null }> {
      const connection = await googleConnection.read();
      if (connection) {
        return {
          state: connection.refreshToken ? 'connected' : 'expired',
          problem: null,
          connectedAt: connection.connectedAt,
        };
      }
      const problem = googleOAuth.configProblem(await deps.loadConfig());
      return { state: problem ? 'off' : 'signed-out', problem, connectedAt: null };
    },

    async begin(): Promise<{ authorizeUrl: string }> {
      const config = await deps.loadConfig();
      const problem = googleOAuth.configProblem(config);
      const tokenUrl = googleOAuth.tokenUrl(config);
      if (problem || !tokenUrl) throw new CrmError('config', problem ?? 'Google Calendar is not set up.');
      const state = createState();
      const verifier = createVerifier();
      const redirectUri = deps.redirectUri();
      await googlePending.write({ state, verifier, redirectUri, tokenUrl, startedAt: deps.now() });
      return {
        authorizeUrl: googleOAuth.authorizeUrl({
          clientId: config.googleClientId,
          redirectUri,
          state,
          challenge: await challengeFor(verifier),
        }),
      };
    },

    async complete(redirectUrl: string): Promise<GoogleConnection> {
      const pending = await googlePending.read();
      if (!pending || deps.now() - pending.startedAt > PENDING_TTL_MS) {
        throw new CrmError('auth', 'That Google sign-in took too long or was already used. Start again.');
      }
      if (!redirectUrl.startsWith(pending.redirectUri))
        throw new CrmError('auth', 'Unexpected sign-in redirect.');
      const url = new URL(redirectUrl);
      if (url.searchParams.get('state') !== pending.state) {
        throw new CrmError('auth', 'The Google answer did not match this request. Start again.');
      }
      // One use only, whatever happens next.
      await googlePending.remove();
      const denied = url.searchParams.get('error');
      if (denied) throw new CrmError('auth', `Google did not allow the connection: ${denied}`);
      const code = url.searchParams.get('code');
      if (!code) throw new CrmError('auth', 'Google sent no authorization code.');
      const grant = await googleOAuth.exchangeCode({
        tokenUrl: pending.tokenUrl,
        code,
        redirectUri: pending.redirectUri,
        verifier: pending.verifier,
        fetch: deps.fetch,
      });
      const connection: GoogleConnection = {
        refreshToken: grant.refreshToken,
        tokenUrl: pending.tokenUrl,
        scope: grant.scope,
        connectedAt: new Date(deps.now()).toISOString(),
      };
      // Refresh token first: a stop between the writes leaves a way to renew, never a lone token.
      await googleConnection.write(connection);
      await saveAccess(grant);
      return connection;
    },

    /** The current access token, refreshed ahead of expiry; one refresh shared by all callers. */
    async accessToken(): Promise<string> {
      const token = await googleAccess.read();
      if (token && !needsRefresh(token, deps.now())) return token.token;
      return refresh();
    },

    /** After a 401: refresh now (shared), so the caller can retry once. */
    forceRefresh: () => refresh(),

    /** Revokes (best effort) and forgets every Google token. */
    async signOut(): Promise<void> {
      const connection = await googleConnection.read();
      const access = await googleAccess.read();
      const token = connection?.refreshToken ?? access?.token;
      if (token) await googleOAuth.revoke({ token, fetch: deps.fetch }).catch(() => undefined);
      await Promise.all([googleConnection.remove(), googleAccess.remove(), googlePending.remove()]);
    },
  };
}
export type GoogleAuth = ReturnType<typeof createGoogleAuth>;
