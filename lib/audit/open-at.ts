/**
 * Which deals count for an activity: the ones open when it happened. A deal created after the
 * email cannot be what the email was about; a deal closed a few days before it still can be (the
 * signed contract, the kickoff call), so one closed at most `CLOSED_GRACE_DAYS` earlier counts too.
 */
import type { AuditOpportunity } from './schema';

export const CLOSED_GRACE_DAYS = 14;
const DAY_MS = 86_400_000;

export type OpenAt =
  /** Open at `at` (created before it, and still open or closed after it). */
  | { readonly counts: true; readonly closedBefore: null }
  /** Closed before `at`, within the grace period: counts, and the rep is told when it closed. */
  | { readonly counts: true; readonly closedBefore: string }
  | { readonly counts: false };

export function openAt(opportunity: AuditOpportunity, at: number): OpenAt {
  if (opportunity.createdAt && Date.parse(opportunity.createdAt) > at) return { counts: false };
  if (!opportunity.isClosed) return { counts: true, closedBefore: null };
  if (!opportunity.closedAt) return { counts: false };
  const closed = Date.parse(opportunity.closedAt);
  if (closed >= at) return { counts: true, closedBefore: null };
  return at - closed <= CLOSED_GRACE_DAYS * DAY_MS
    ? { counts: true, closedBefore: opportunity.closedAt }
    : { counts: false };
}
