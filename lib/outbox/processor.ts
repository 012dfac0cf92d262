/**
 * Sends due outbox items, one at a time, oldest first. Before re-sending anything that may have
 * reached the CRM already, it looks the idempotency key up and adopts the record it finds, so a
 * response lost after the CRM committed never becomes a duplicate.
 */
import { CrmError } from '../crm/errors';
import type { CrmAdapter, Provider } from '../crm/types';
import { decideAfterAttempt, dueItems, type AttemptOutcome } from './decisions';
import type { OutboxItem } from './item';
import type { OutboxStore } from './store';

export interface ProcessorDeps {
  store: OutboxStore;
  /** The adapter for a provider when the rep is signed in to it, else null. */
  adapter(provider: Provider): Promise<CrmAdapter | null>;
  now(): number;
  random(): number;
  /** Aborting behaves like the worker being killed: nothing more is persisted. */
  signal?: AbortSignal;
}

export interface DrainReport {
  attempted: number;
  landed: number;
  parked: number;
  retrying: number;
}

const PROVIDER_NAMES: Record<Provider, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };

function outcomeOf(error: unknown): AttemptOutcome {
  if (error instanceof CrmError) {
    return { type: 'error', kind: error.kind, message: error.message, retryAfterMs: error.retryAfterMs };
  }
  // An answer we could not read may still mean the write landed: retry, looking it up first.
  return { type: 'error', kind: 'network', message: 'The CRM sent an answer Dealside could not read.' };
}

async function attempt(item: OutboxItem, adapter: CrmAdapter | null): Promise<AttemptOutcome> {
  if (!adapter) {
    return {
      type: 'error',
      kind: 'auth',
      message: `Sign in to ${PROVIDER_NAMES[item.provider]} to send this.`,
    };
  }
  try {
    if (item.maybeWritten) {
      const found = await adapter.findWritten(item.key, item.payload);
      if (found) return { type: 'written', recordId: found, adopted: true };
    }
    const result = await adapter.write(item.key, item.payload);
    return { type: 'written', recordId: result.recordId, adopted: result.adopted };
  } catch (error) {
    return outcomeOf(error);
  }
}

export async function drain(deps: ProcessorDeps): Promise<DrainReport> {
  const report: DrainReport = { attempted: 0, landed: 0, parked: 0, retrying: 0 };
  const tried = new Map<string, number>();
  for (;;) {
    // An item may become due again within one drain (a conflict to look up); cap the passes so
    // a misbehaving CRM cannot keep the worker busy.
    const due = dueItems(await deps.store.items(), deps.now()).filter(
      (item) => (tried.get(item.key) ?? 0) < 3,
    );
    if (due.length === 0 || deps.signal?.aborted) return report;
    for (const item of due) {
      if (deps.signal?.aborted) return report;
      tried.set(item.key, (tried.get(item.key) ?? 0) + 1);
      const sending: OutboxItem = { ...item, state: 'sending' };
      await deps.store.update([sending]);
      report.attempted++;
      const outcome = await attempt(sending, await deps.adapter(item.provider));
      if (deps.signal?.aborted) return report;
      const decision = decideAfterAttempt(sending, outcome, deps.now(), deps.random);
      if (decision.type === 'landed') {
        await deps.store.land(decision.ledger);
        report.landed++;
      } else {
        await deps.store.update([decision.item]);
        if (decision.type === 'park') report.parked++;
        else report.retrying++;
      }
    }
  }
}
