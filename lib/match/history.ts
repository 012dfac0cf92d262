/**
 * Override memory: the deal a rep chose (or logged to) for a thread or event, so replies to the
 * same thread and later views of the same event go to the same deal (market.md §3: "replies
 * inherit"). Kept in `storage.local` because the worker is killed when idle and the choice must
 * outlive it; capped so years of mail cannot grow it without bound.
 */
import { createSerialQueue } from '../serial';
import { rememberedDeals, type RememberedDeal } from '../storage/items';
import type { MatchHistory } from './schema';

/** Chains read-modify-write so two quick choices in one worker don't overwrite each other. */
const serialized = createSerialQueue();

export const HISTORY_KEY = 'match.history';
/** Enough for months of threads; each entry is ~60 bytes, far below storage.local's quota. */
export const MAX_HISTORY_ENTRIES = 2000;

export type HistoryEntry = RememberedDeal;
type StoredHistory = Record<string, HistoryEntry>;

/** A corrupt entry must not break matching: it goes to quarantine, the other choices stay. */
const read = (): Promise<StoredHistory> => rememberedDeals.read();
const write = (history: StoredHistory): Promise<void> => rememberedDeals.write(history);

function newestFirst(history: StoredHistory): [string, HistoryEntry][] {
  return Object.entries(history).sort(([ka, a], [kb, b]) =>
    a.chosenAt === b.chosenAt ? (ka < kb ? -1 : 1) : a.chosenAt < b.chosenAt ? 1 : -1,
  );
}

/** Remember the rep's choice for a thread id or event id; the newest choice replaces older ones. */
export function rememberChoice(
  sourceId: string,
  opportunityId: string,
  now: Date = new Date(),
): Promise<void> {
  return serialized(async () => {
    const history = await read();
    history[sourceId] = { opportunityId, chosenAt: now.toISOString() };
    await write(Object.fromEntries(newestFirst(history).slice(0, MAX_HISTORY_ENTRIES)));
  });
}

/** Drop a remembered choice, e.g. when the rep says "not this deal" and picks none. */
export function forgetChoice(sourceId: string): Promise<void> {
  return serialized(async () => {
    const history = await read();
    if (!(sourceId in history)) return;
    delete history[sourceId];
    await write(history);
  });
}

/**
 * The scenario's `history` for the given sources (all remembered ones when omitted). Passing the
 * open thread's or event's id keeps the scenario small.
 */
export async function loadHistory(sourceIds?: readonly string[]): Promise<MatchHistory> {
  const history = await read();
  const ids = sourceIds ?? Object.keys(history);
  const threadOpportunity: Record<string, string> = {};
  for (const id of ids) {
    const entry = history[id];
    if (entry !== undefined) threadOpportunity[id] = entry.opportunityId;
  }
  return { threadOpportunity };
}

/**
 * Forget choices that point at deals now known to be closed. Takes closed ids rather than "the
 * open ones seen" because a snapshot usually holds only the deals of the accounts on screen;
 * treating every unseen deal as closed would wipe valid choices.
 * Returns how many entries were dropped.
 */
export function forgetClosedOpportunities(closedOpportunityIds: Iterable<string>): Promise<number> {
  const closed = new Set(closedOpportunityIds);
  if (closed.size === 0) return Promise.resolve(0);
  return serialized(async () => {
    const history = await read();
    const kept = Object.entries(history).filter(([, entry]) => !closed.has(entry.opportunityId));
    const dropped = Object.keys(history).length - kept.length;
    if (dropped > 0) await write(Object.fromEntries(kept));
    return dropped;
  });
}

/** The closed deals of a snapshot, ready for `forgetClosedOpportunities`. */
export function closedOpportunityIds(opportunities: readonly { id: string; isClosed: boolean }[]): string[] {
  return opportunities.filter((o) => o.isClosed).map((o) => o.id);
}

/** Forget every remembered choice (sign-out wipes what was learnt from the CRM). */
export function clearHistory(): Promise<void> {
  return serialized(() => rememberedDeals.remove());
}
