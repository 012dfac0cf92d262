/**
 * Every value Dealside stores, declared once: key and area, shape, version. The keys are the
 * ones release 0.1.0 wrote, so an update reads what the rep already has (version 1 = that
 * shape; fields added since are optional). A shape change raises the version and adds a
 * migration here, never a new key.
 */
import * as z from 'zod/mini';
import { AccessToken, Connection, PendingLogin } from '../auth/connection';
import { CaptureRecord } from '../capture/record';
import { Interaction } from '../model';
import { LedgerEntry, OutboxItem } from '../outbox/item';
import { storedRecord, storedValue } from './declare';

// The rep's data: unreadable values and entries go to quarantine.

/** Writes waiting to land, by idempotency key. */
export const outboxItems = storedRecord('local:outbox.items', OutboxItem);
/** What landed and where, by idempotency key (what stops a second log of the same touch). */
export const outboxLedger = storedRecord('local:outbox.ledger', LedgerEntry);

/** The sign-in: refresh token, pinned endpoints, tenant. */
export const connection = storedValue('local:auth.connection', Connection);

/**
 * The rep's own settings (policy is in `storage.managed`, read-only). Values are checked key by
 * key when the configuration is resolved, so only "a record" is required here.
 */
export const userSettings = storedValue('sync:settings', z.record(z.string(), z.unknown()));

export const RememberedDeal = z.object({ opportunityId: z.string(), chosenAt: z.string() });
export type RememberedDeal = z.infer<typeof RememberedDeal>;
/** The deal a rep chose for a thread or event id ("replies inherit"). */
export const rememberedDeals = storedRecord('local:match.history', RememberedDeal);

// State rebuilt from the CRM or the page: an unreadable value is simply not used.

export const accessToken = storedValue('session:auth.access', AccessToken, { version: 1 }, 'discard');
export const pendingLogin = storedValue('session:auth.pending', PendingLogin, { version: 1 }, 'discard');

export const LimiterWindows = z.object({
  calls: z.record(z.string(), z.array(z.number())),
  blockedUntil: z.record(z.string(), z.number()),
  inFlight: z.optional(z.record(z.string(), z.array(z.number()))),
});
/** Calls spent per rate rule, so a restarted worker keeps to the CRM's limits. */
export const limiterWindows = storedValue('session:crm.limiter', LimiterWindows, { version: 1 }, 'discard');

/** The panel's persisted query cache (a serialised react-query client). */
export const panelQueries = storedValue('session:panel.queries', z.string(), { version: 1 }, 'discard');

export const ActiveInteraction = z.object({
  tabId: z.number(),
  key: z.string(),
  interaction: Interaction,
  seenAt: z.string(),
});
export type ActiveInteraction = z.infer<typeof ActiveInteraction>;
export const activeInteractionKey = (tabId: number) => `interaction:${tabId}`;
/** The interaction open in a tab (one key per tab so tabs never overwrite each other). */
export const activeInteraction = (tabId: number) =>
  storedValue(`session:${activeInteractionKey(tabId)}`, ActiveInteraction, { version: 1 }, 'discard');

export const PanelCommand = z.object({ command: z.literal('log'), tabId: z.number(), at: z.number() });
export type PanelCommand = z.infer<typeof PanelCommand>;
export const PANEL_COMMAND_KEY = 'panel.command';
/** The log shortcut's request to an open panel. */
export const panelCommand = storedValue(
  `session:${PANEL_COMMAND_KEY}`,
  PanelCommand,
  { version: 1 },
  'discard',
);

export const CACHE_PREFIX = 'crm.cache.';
export const CachedCrmValue = z.object({ value: z.unknown(), expiresAt: z.number() });
/** One cached piece of CRM metadata (pipelines, owners), with its expiry. */
export const crmCacheEntry = (key: string) =>
  storedValue(`local:${CACHE_PREFIX}${key}`, CachedCrmValue, { version: 1 }, 'discard');

/** Auto-capture: suggestions waiting for a click and what was captured, where and why. */
export const captureRecords = storedRecord('local:capture.records', CaptureRecord);
/** The local day (`YYYY-MM-DD`) the My day reminder was last shown: never twice a day. */
export const reminderShownDay = storedValue(
  'local:reports.reminderShownDay',
  z.string(),
  { version: 1 },
  'discard',
);
/** One short-lived CRM read shared across threads (a deal's brief), kept in memory only. */
export const crmSessionCacheEntry = (key: string) =>
  storedValue(`session:${CACHE_PREFIX}${key}`, CachedCrmValue, { version: 1 }, 'discard');
