/**
 * What each CRM's sign-in module provides. The generic flow (session.ts) owns state, PKCE,
 * storage and refresh scheduling; a provider only knows its URLs and token shapes.
 */
import type { Config } from '../config/schema';
import type { Provider } from '../domain/types';
import type { Connection } from './tokens';

/** What a token endpoint granted, normalised. */
export interface TokenGrant {
  accessToken: string;
  /** Seconds; null when the CRM does not say (Salesforce). */
  expiresInSeconds: number | null;
  /** A new refresh token, or null to keep the current one (HubSpot does not rotate). */
  refreshToken: string | null;
  apiBaseUrl: string;
  /** Ignored by session.ts, which pins the URL chosen when sign-in started (tokenUrl). */
  authBaseUrl: string | null;
  tenantId: string | null;
  userEmail: string | null;
  userName: string | null;
  crmUserId: string | null;
  /**
   * Why the rep's CRM user/owner could not be learned, in words, or null when it was; absent
   * when identity was not looked up (a refresh), so the stored one stays.
   */
  identityProblem?: string | null;
}

export interface OAuthProvider {
  readonly provider: Provider;
  /** Why sign-in cannot start with this config (missing client id…), in words, or null. */
  configProblem(config: Config): string | null;
  /**
   * Where the code exchange, refresh and revoke go (HubSpot: the token exchange; Salesforce: the
   * login host), or null when the config names none. Read once, when sign-in starts, and pinned
   * into the connection: a setting changed later never redirects the rep's refresh token.
   */
  tokenUrl(config: Config): string | null;
  /** Origins to request as optional host permissions before signing in. */
  originsToRequest(config: Config): string[];
  authorizeUrl(input: { config: Config; redirectUri: string; state: string; challenge: string }): string;
  exchangeCode(input: {
    config: Config;
    /** The pinned `tokenUrl`. */
    tokenUrl: string;
    code: string;
    redirectUri: string;
    verifier: string;
    fetch: typeof fetch;
  }): Promise<TokenGrant>;
  /** Goes to `connection.authBaseUrl`, pinned at sign-in; never to a URL from the config. */
  refresh(input: { config: Config; connection: Connection; fetch: typeof fetch }): Promise<TokenGrant>;
  /** Best effort: sign-out proceeds even when the CRM cannot be reached. */
  revoke(input: {
    config: Config;
    connection: Connection;
    accessToken: string | null;
    fetch: typeof fetch;
  }): Promise<void>;
}
