/**
 * What the match pass has already read about a deal whose brief it could not finish without
 * another round trip: the deal, its contacts and company, and its activities when they were
 * read. Kept in the context cache for a few minutes, so the panel's brief request spends only
 * the one round trip still missing, in parallel with the Log button's check, instead of
 * delaying the deal for everyone. Typical case: the thread's people are on two deals and only
 * the deal read tells which one is open, so no activities were read for either.
 */
import * as z from 'zod/mini';
import type { EngagementRead } from './engagements';
import type { HsObject } from '../schemas';

const StoredObject = z.object({
  id: z.string(),
  props: z.record(z.string(), z.nullable(z.string())),
  history: z.record(
    z.string(),
    z.array(z.object({ value: z.nullable(z.string()), timestamp: z.nullable(z.string()) })),
  ),
  associations: z.record(z.string(), z.array(z.object({ id: z.string(), type: z.nullable(z.string()) }))),
  associationsTruncated: z.boolean(),
});

const StoredEngagements = z.object({
  activities: z.array(
    z.object({
      type: z.enum(['emails', 'calls', 'meetings', 'notes', 'tasks']),
      record: StoredObject,
      contactIds: z.array(z.string()),
    }),
  ),
  emailsHidden: z.boolean(),
  truncated: z.boolean(),
  dropped: z.number(),
});

export const BriefSeed = z.object({
  deal: StoredObject,
  /** Every contact on the deal (v4 association read). */
  contactIds: z.array(z.string()),
  companyId: z.nullable(z.string()),
  /** Contacts and companies already read (the thread's people, their companies). */
  contacts: z.array(StoredObject),
  companies: z.array(StoredObject),
  /** Null when the activities were not read in the match pass. */
  engagements: z.nullable(StoredEngagements),
});

export interface BriefSeed {
  deal: HsObject;
  contactIds: string[];
  companyId: string | null;
  contacts: HsObject[];
  companies: HsObject[];
  engagements: EngagementRead | null;
}
