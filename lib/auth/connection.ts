/** The shapes of sign-in state as stored (schemas only, so storage declarations can import them). */
import * as z from 'zod/mini';
import { Provider } from '../domain/types';

export const Connection = z.object({
  provider: Provider,
  refreshToken: z.nullable(z.string()),
  /** Salesforce: where data calls go (instance_url). HubSpot: https://api.hubapi.com. */
  apiBaseUrl: z.string(),
  /**
   * Where refresh and revoke go, pinned at sign-in (Salesforce: the login host; HubSpot: the
   * token exchange). Null only for HubSpot connections made before it was pinned.
   */
  authBaseUrl: z.nullable(z.string()),
  /** HubSpot portal id; Salesforce org id. */
  tenantId: z.nullable(z.string()),
  userEmail: z.nullable(z.string()),
  userName: z.nullable(z.string()),
  /** The rep's CRM user/owner id, once known. */
  crmUserId: z.nullable(z.string()),
  /** Why crmUserId could not be learned (shown in Settings); absent in older stored connections. */
  identityProblem: z.optional(z.nullable(z.string())),
  connectedAt: z.string(),
  /** Private-app (HubSpot pilot) connections have no refresh token and no expiry. */
  method: z.enum(['oauth', 'private-app']),
});
export type Connection = z.infer<typeof Connection>;

export const AccessToken = z.object({
  provider: Provider,
  token: z.string(),
  /** ms since epoch; null when the CRM does not say (Salesforce sessions). */
  expiresAt: z.nullable(z.number()),
  issuedAt: z.number(),
});
export type AccessToken = z.infer<typeof AccessToken>;

export const PendingLogin = z.object({
  provider: Provider,
  state: z.string(),
  verifier: z.nullable(z.string()),
  redirectUri: z.string(),
  /** The provider's token URL when sign-in started, pinned into the connection. */
  authBaseUrl: z.nullable(z.string()),
  startedAt: z.number(),
});
export type PendingLogin = z.infer<typeof PendingLogin>;
