/**
 * What the worker tells the panel about the open thread or meeting: which deal, why, and what
 * else it could be. Validated on receipt like every message.
 */
import * as z from 'zod/mini';
import { AuthStatus } from '../auth/session';
import { CrmAccount, CrmPerson, Opportunity, OpportunityContext, Provider } from '../domain/types';
import { MatchResult } from '../match/schema';

export const DealView = z.discriminatedUnion('state', [
  z.object({ state: z.literal('no-interaction') }),
  z.object({ state: z.literal('signed-out'), auth: AuthStatus }),
  /** A thread whose messages the page does not show yet: nothing to match until it is opened. */
  z.object({ state: z.literal('unreadable'), interactionKey: z.string(), sourceId: z.string() }),
  z.object({
    state: z.literal('ready'),
    provider: Provider,
    interactionKey: z.string(),
    sourceId: z.string(),
    result: MatchResult,
    /** What the panel preselects: the attached deal, or the first candidate when asking. */
    selectedOpportunityId: z.nullable(z.string()),
    opportunities: z.array(Opportunity),
    accounts: z.array(CrmAccount),
    people: z.array(CrmPerson),
    /** Contexts read in the same pass (Salesforce), keyed by opportunity id in the array. */
    contexts: z.array(OpportunityContext),
    notes: z.array(z.string()),
    crmUserId: z.nullable(z.string()),
    fetchedAt: z.string(),
  }),
]);
export type DealView = z.infer<typeof DealView>;
export type ReadyDealView = Extract<DealView, { state: 'ready' }>;
