/**
 * What the attach audit needs from a CRM, beside the matcher's own `matchData`: the rep's (and
 * team's) recent emails, meetings and calls, when the candidate deals were created, and the one
 * write it makes — moving an activity onto a deal, or back (undo). Moves travel through the
 * outbox like every write.
 */
import * as z from 'zod/mini';
import type { AuditActivity } from '../audit/schema';
import { Target, type CrmAccount, type Opportunity } from '../domain/types';

export const MovedActivity = z.enum(['email', 'meeting', 'call']);
export type MovedActivity = z.infer<typeof MovedActivity>;

/** Put an activity on a deal: HubSpot adds a v4 association; Salesforce sets `WhatId`. */
export const AttachActivity = z.object({
  kind: z.literal('attach'),
  /** `opportunityId` is the deal; `accountId`, `contactIds` where the activity was. */
  target: Target,
  activity: MovedActivity,
  recordId: z.string(),
  /** Salesforce: the `WhatId` before the move (an account, or null); undo puts it back. */
  previousWhatId: z.nullable(z.string()),
  /** Why the audit chose this deal, as the rep reads it in the review list. */
  reasons: z.array(z.string()),
});
export type AttachActivity = z.infer<typeof AttachActivity>;

/** Undo of an attach: the association removed, or `WhatId` restored. */
export const DetachActivity = z.object({
  kind: z.literal('detach'),
  target: Target,
  activity: MovedActivity,
  recordId: z.string(),
  restoreWhatId: z.nullable(z.string()),
});
export type DetachActivity = z.infer<typeof DetachActivity>;

export type ActivityMove = AttachActivity | DetachActivity;

export interface AuditRead {
  /** Oldest first by last change; owner ids are the CRM's user/owner ids. */
  activities: AuditActivity[];
  /** The newest last-change instant seen: the next incremental run starts there. */
  cursor: string | null;
  /** More changed than one run reads; the next run continues from `cursor`. */
  truncated: boolean;
  notes: string[];
  /** Salesforce: each activity's `WhatId` as read (an account, or null), what undo restores. */
  whatIds?: Record<string, string | null>;
}

/** A closed deal as the open-at rule needs it (lib/audit/open-at.ts). */
export interface ClosedDeal extends Opportunity {
  /** Null: the CRM did not say; the deal counts as existing since forever. */
  createdAt: string | null;
  closedAt: string;
}

export interface ClosedDeals {
  opportunities: ClosedDeal[];
  /** Accounts of those deals the snapshot may not know yet (Salesforce reads them along). */
  accounts: CrmAccount[];
  notes: string[];
}

export interface AuditAdapter {
  /**
   * Emails, meetings and calls owned by `ownerIds` that happened since `from` and were created
   * or changed since `changedSince` (null: all of them).
   */
  readActivities(input: {
    ownerIds: string[];
    from: string;
    changedSince: string | null;
  }): Promise<AuditRead>;
  /** When each deal was created (deals the CRM does not answer for are left out). */
  createdAt(opportunityIds: string[]): Promise<Record<string, string>>;
  /**
   * Deals of these accounts or contacts that closed at or after `since`, with when they were
   * created and closed. Open deals come from `matchData`; these are the ones that were open when
   * an older activity happened (or closed just before it). Optional: without it, only deals still
   * open count.
   */
  closedDeals?(input: { accountIds: string[]; contactIds: string[]; since: string }): Promise<ClosedDeals>;
  /**
   * Performs one move. Refuses (`validation`) an activity that is on another deal by now, or
   * moved since the audit looked; `already` when the CRM holds the result already.
   */
  move(move: ActivityMove): Promise<{ already: boolean }>;
}
