/** Messages the side panel sends the worker: sign-in, settings, deals, logging, the outbox. */
import * as z from 'zod/mini';
import { AuthStatus } from '../auth/session';
import { ConfigShape } from '../config/schema';
import { CallOutcomeStatus } from '../crm/adapter';
import { CrmWrite, Opportunity, OpportunityContext, Pipeline, Provider, Target } from '../domain/types';
import { DealView } from '../deals/view';
import { LedgerEntry, OutboxItem } from '../outbox/item';
import { StorageHealth } from '../storage/health-view';
import { Ack, type MessageSpec } from './core';

/**
 * The config as the panel receives it: a secret arrives as a marker saying whether the
 * administrator set it (see `redactForPanel`), never as the value, so it is not held to the
 * value's format. Holding it there hid the log form from every private-app pilot.
 */
export const PanelConfig = z.extend(ConfigShape, { hubspotPrivateAppToken: z.string() });

export const ConfigView = z.object({
  config: PanelConfig,
  locked: z.array(z.string()),
  warnings: z.array(z.object({ source: z.enum(['policy', 'user']), key: z.string(), message: z.string() })),
});

export const panelProtocol = {
  'auth.status': { from: ['extension-page'], request: z.object({}), response: AuthStatus },
  'auth.begin': {
    from: ['extension-page'],
    request: z.object({ provider: Provider }),
    response: z.object({ authorizeUrl: z.string(), origins: z.array(z.string()) }),
  },
  'auth.complete': {
    from: ['extension-page'],
    request: z.object({ redirectUrl: z.string() }),
    response: AuthStatus,
  },
  'auth.signOut': {
    from: ['extension-page'],
    /** What to do with writes not yet sent: keep them for the next sign-in, or discard them. */
    request: z.object({ pending: z.enum(['keep', 'discard']) }),
    response: AuthStatus,
  },
  'config.get': { from: ['extension-page'], request: z.object({}), response: ConfigView },
  /** The admin page: what the managed policy says (secrets masked) beside the effective config. */
  'config.admin': {
    from: ['extension-page'],
    request: z.object({}),
    response: z.object({ policy: z.record(z.string(), z.unknown()), view: ConfigView }),
  },
  'config.save': {
    from: ['extension-page'],
    request: z.object({ edits: z.record(z.string(), z.unknown()) }),
    response: ConfigView,
  },
  'deal.match': {
    from: ['extension-page'],
    request: z.object({ tabId: z.number() }),
    response: DealView,
  },
  'deal.context': {
    from: ['extension-page'],
    request: z.object({ opportunityId: z.string() }),
    response: OpportunityContext,
  },
  'deal.choose': {
    from: ['extension-page'],
    request: z.object({ sourceId: z.string(), opportunityId: z.string() }),
    response: Ack,
  },
  'deal.search': {
    from: ['extension-page'],
    request: z.object({ query: z.string(), accountIds: z.array(z.string()) }),
    response: z.array(Opportunity),
  },
  'deal.pipelines': { from: ['extension-page'], request: z.object({}), response: z.array(Pipeline) },
  /** For Settings: null when signed out or when the CRM takes outcomes as text (Salesforce). */
  'crm.callOutcomes': {
    from: ['extension-page'],
    request: z.object({}),
    response: z.nullable(CallOutcomeStatus),
  },
  'log.submit': {
    from: ['extension-page'],
    request: z.object({
      writes: z
        .array(
          z.object({
            sourceId: z.string(),
            /** Source ids the same touch had before (an email's Gmail id in earlier releases). */
            aliasSourceIds: z.optional(z.array(z.string())),
            label: z.string(),
            payload: CrmWrite,
          }),
        )
        .check(z.minLength(1)),
      /** Remember this deal for the thread or event, so replies go to it too. */
      remember: z.optional(z.object({ sourceId: z.string(), opportunityId: z.string() })),
    }),
    response: z.array(
      z.object({ key: z.string(), status: z.enum(['queued', 'already-queued', 'already-logged']) }),
    ),
  },
  /**
   * Is this touch already in the CRM, ledger or not (logged from another machine, or before a
   * sign-out cleared the ledger)? A found record is added to the ledger.
   */
  'log.lookup': {
    from: ['extension-page'],
    request: z.object({
      op: z.enum(['email', 'meeting']),
      sourceId: z.string(),
      aliasSourceIds: z.optional(z.array(z.string())),
      label: z.string(),
      target: Target,
    }),
    response: z.object({ recordId: z.nullable(z.string()) }),
  },
  /** Creates the CRM's unique log-key field (where an app may) and uses it for this rep. */
  'logKey.create': {
    from: ['extension-page'],
    request: z.object({}),
    response: z.object({ field: z.string(), savedForYou: z.boolean() }),
  },
  'outbox.status': {
    from: ['extension-page'],
    request: z.object({}),
    response: z.object({ items: z.array(OutboxItem), ledger: z.array(LedgerEntry) }),
  },
  'outbox.retry': { from: ['extension-page'], request: z.object({ key: z.string() }), response: Ack },
  'outbox.discard': { from: ['extension-page'], request: z.object({ key: z.string() }), response: Ack },
  /** Data set aside because it could not be read, and how full local storage is. */
  'storage.health': { from: ['extension-page'], request: z.object({}), response: StorageHealth },
  /** The rep has dealt with the copies set aside (sent them on, or does not need them). */
  'storage.discardCopies': { from: ['extension-page'], request: z.object({}), response: Ack },
} as const satisfies Record<string, MessageSpec>;
