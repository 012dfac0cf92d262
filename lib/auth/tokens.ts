/**
 * Where sign-in state lives. Refresh tokens (long-lived) in `storage.local`; access tokens in
 * `storage.session` (memory only, gone when the browser closes); a login in progress in
 * `storage.session` so a worker stopped mid-login can still finish it. Only the worker reads
 * these: content scripts cannot see `storage.session`/`local` of the extension, and the panel
 * is only ever sent `ConnectionStatus`.
 */
import { discardQuarantinedFrom } from '../storage/quarantine';
import { accessToken, connection, pendingLogin } from '../storage/items';
import type { AccessToken, Connection, PendingLogin } from './connection';

export { AccessToken, Connection, PendingLogin } from './connection';

export const tokenStore = {
  connection: () => connection.read(),
  saveConnection: (value: Connection) => connection.write(value),
  accessToken: () => accessToken.read(),
  saveAccessToken: (token: AccessToken) => accessToken.write(token),
  clearAccessToken: () => accessToken.remove(),
  pendingLogin: () => pendingLogin.read(),
  savePendingLogin: (pending: PendingLogin) => pendingLogin.write(pending),
  clearPendingLogin: () => pendingLogin.remove(),
  async clearAll() {
    await connection.remove();
    await Promise.all([accessToken.remove(), pendingLogin.remove()]);
    // A quarantined connection still holds a refresh token: it leaves with the others.
    await discardQuarantinedFrom([connection.key]);
  },
};

/** Refresh this long before expiry so a call never starts with a token about to lapse. */
export const REFRESH_AHEAD_MS = 5 * 60_000;

export function needsRefresh(
  token: Pick<AccessToken, 'expiresAt' | 'issuedAt'> | null,
  now: number,
): boolean {
  if (!token) return true;
  if (token.expiresAt === null) return false;
  const lifetime = token.expiresAt - token.issuedAt;
  // Refresh at 80% of the lifetime, or 5 minutes ahead, whichever is earlier.
  return now >= Math.min(token.issuedAt + lifetime * 0.8, token.expiresAt - REFRESH_AHEAD_MS);
}
