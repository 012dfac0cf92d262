/**
 * Where sign-in state lives. Refresh tokens (long-lived) in `storage.local`; access tokens in
 * `storage.session` (memory only, gone when the browser closes); a login in progress in
 * `storage.session` so a worker stopped mid-login can still finish it. Only the worker reads
 * these: content scripts cannot see `storage.session`/`local` of the extension, and the panel
 * is only ever sent `ConnectionStatus`.
 */
import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { Provider } from '../crm/types';

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

const CONNECTION_KEY = 'auth.connection';
const ACCESS_KEY = 'auth.access';
const PENDING_KEY = 'auth.pending';

async function read<T>(area: 'local' | 'session', key: string, schema: z.ZodMiniType<T>): Promise<T | null> {
  const stored = await browser.storage[area].get(key);
  const parsed = schema.safeParse(stored[key]);
  return parsed.success ? parsed.data : null;
}

export const tokenStore = {
  connection: () => read('local', CONNECTION_KEY, Connection),
  saveConnection: (connection: Connection) => browser.storage.local.set({ [CONNECTION_KEY]: connection }),
  accessToken: () => read('session', ACCESS_KEY, AccessToken),
  saveAccessToken: (token: AccessToken) => browser.storage.session.set({ [ACCESS_KEY]: token }),
  clearAccessToken: () => browser.storage.session.remove(ACCESS_KEY),
  pendingLogin: () => read('session', PENDING_KEY, PendingLogin),
  savePendingLogin: (pending: PendingLogin) => browser.storage.session.set({ [PENDING_KEY]: pending }),
  clearPendingLogin: () => browser.storage.session.remove(PENDING_KEY),
  async clearAll() {
    await browser.storage.local.remove(CONNECTION_KEY);
    await browser.storage.session.remove([ACCESS_KEY, PENDING_KEY]);
  },
};

/** Refresh this long before expiry so a call never starts with a token about to lapse. */
export const REFRESH_AHEAD_MS = 5 * 60_000;

export function needsRefresh(token: AccessToken | null, now: number): boolean {
  if (!token) return true;
  if (token.expiresAt === null) return false;
  const lifetime = token.expiresAt - token.issuedAt;
  // Refresh at 80% of the lifetime, or 5 minutes ahead, whichever is earlier.
  return now >= Math.min(token.issuedAt + lifetime * 0.8, token.expiresAt - REFRESH_AHEAD_MS);
}
