/**
 * What the Google Calendar connection stores, and where: the refresh token and the pinned token
 * exchange in `storage.local` (the worker only; content scripts reach no storage area), the
 * access token and a sign-in in progress in `storage.session` (memory, gone with the browser).
 */
import * as z from 'zod/mini';
import { storedValue } from '../storage/declare';

export const GoogleConnection = z.object({
  refreshToken: z.nullable(z.string()),
  /** The token exchange the code went to, pinned at sign-in: every refresh goes there too. */
  tokenUrl: z.string(),
  scope: z.nullable(z.string()),
  connectedAt: z.string(),
});
export type GoogleConnection = z.infer<typeof GoogleConnection>;

export const GoogleAccess = z.object({
  token: z.string(),
  issuedAt: z.number(),
  expiresAt: z.nullable(z.number()),
});
export type GoogleAccess = z.infer<typeof GoogleAccess>;

export const GooglePending = z.object({
  state: z.string(),
  verifier: z.string(),
  redirectUri: z.string(),
  tokenUrl: z.string(),
  startedAt: z.number(),
});
export type GooglePending = z.infer<typeof GooglePending>;

/** The rep's sign-in: kept aside (quarantine) rather than dropped when unreadable. */
export const googleConnection = storedValue('local:google.connection', GoogleConnection);
export const googleAccess = storedValue('session:google.access', GoogleAccess, { version: 1 }, 'discard');
export const googlePending = storedValue('session:google.pending', GooglePending, { version: 1 }, 'discard');
