/**
 * Sends due outbox items, one at a time, oldest first. Before writing anything that may already
 * be in the CRM it looks the idempotency key up and adopts the record it finds; without a unique
 * key in the CRM it also looks right after each write and once more later, keeps the oldest
 * record under the key and deletes the others through the outbox.
 */
import { CrmError } from '../http/errors';
import type { CrmAdapter } from '../crm/adapter';
import type { CrmWrite, Provider, WrittenRecord } from '../domain/types';
import {
  decideAfterAttempt,
  decideAfterFollowUp,
  dueFollowUps,
  dueItems,
  type AttemptOutcome,
} from './decisions';
import type { OutboxItem } from './item';
import { sameTenant, wrongTenantMessage, type SignedIn, type Tenant } from './tenant';
import type { OutboxStore } from './store';

export interface ProcessorDeps {
  store: OutboxStore;
  /** The adapter for a provider when the rep is signed in to it, else null. */
  adapter(provider: Provider): Promise<CrmAdapter | null>;
  now(): number;
  random(): number;
  /** Who is signed in now, so a write goes only to the tenant it was made for. */
  signedIn?(): Promise<SignedIn | null>;
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

/**
 * One write, exactly once. Marker mode (the CRM cannot refuse a second record): look before the
 * first write as well as before a retry, and look again right after the write, because the
 * browser itself may have sent the POST twice. Unique-key mode: the CRM refuses the second
 * record, so only a retry of a maybe-written item looks first.
 */
async function attemptWrite(
  item: OutboxItem & { payload: CrmWrite },
  adapter: CrmAdapter,
): Promise<AttemptOutcome> {
  const marker = adapter.keyMode() === 'marker';
  if (marker || item.maybeWritten) {
    const found = await adapter.findWritten([item.key, ...(item.aliases ?? [])], item.payload);
    if (found) return { type: 'written', recordId: found, adopted: true, followUp: marker };
  }
  const result = await adapter.write(item.key, item.payload);
  if (!marker) return { type: 'written', recordId: result.recordId, adopted: result.adopted };
  let found: WrittenRecord[] = [];
  try {
    found = await adapter.findAllWritten(item.key, item.payload);
  } catch {
    // The log landed; the follow-up look will reconcile once the CRM answers again.
  }
  return { type: 'written', recordId: result.recordId, adopted: result.adopted, found, followUp: true };
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
    const payload = item.payload;
    if (payload.kind === 'remove') {
      await adapter.removeRecord({ id: payload.recordId, kind: payload.activity });
      return { type: 'written', recordId: payload.recordId, adopted: false };
    }
    if (payload.kind === 'attach' || payload.kind === 'detach') {
      if (!adapter.audit)
        return { type: 'error', kind: 'config', message: 'This CRM cannot move activities.' };
      const moved = await adapter.audit.move(payload);
      return { type: 'written', recordId: payload.recordId, adopted: moved.already };
    }
    return await attemptWrite({ ...item, payload }, adapter);
  } catch (error) {
    return outcomeOf(error);
  }
}

/** A write made for another portal, org or rep waits for that sign-in; null when it may go. */
async function wrongTenant(tenant: Tenant | undefined, deps: ProcessorDeps): Promise<AttemptOutcome | null> {
  if (!tenant || !deps.signedIn) return null;
  const signedIn = await deps.signedIn();
  if (signedIn && sameTenant(tenant, signedIn)) return null;
  return { type: 'error', kind: 'auth', message: wrongTenantMessage(tenant) };
}

/** The later look for duplicates of logs that landed (marker mode). */
async function followUps(deps: ProcessorDeps): Promise<void> {
  for (const entry of dueFollowUps(await deps.store.ledger(), deps.now())) {
    if (deps.signal?.aborted) return;
    const adapter = await deps.adapter(entry.provider);
    if (!adapter || !entry.followUp || (await wrongTenant(entry.tenant, deps))) continue;
    let result: Parameters<typeof decideAfterFollowUp>[1];
    try {
      result = { type: 'found', records: await adapter.findAllWritten(entry.key, entry.followUp.payload) };
    } catch {
      result = { type: 'error' };
    }
    if (deps.signal?.aborted) return;
    const decided = decideAfterFollowUp(entry, result, deps.now());
    await deps.store.updateLedger([decided.entry], decided.followers);
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
    if (deps.signal?.aborted) return report;
    if (due.length === 0) {
      const before = (await deps.store.items()).length;
      await followUps(deps);
      // A follow-up that found duplicates queued their deletes: send them in this drain.
      if ((await deps.store.items()).length === before) return report;
      continue;
    }
    for (const item of due) {
      if (deps.signal?.aborted) return report;
      tried.set(item.key, (tried.get(item.key) ?? 0) + 1);
      const sending: OutboxItem = { ...item, state: 'sending' };
      await deps.store.update([sending]);
      report.attempted++;
      const outcome =
        (await wrongTenant(item.tenant, deps)) ?? (await attempt(sending, await deps.adapter(item.provider)));
      if (deps.signal?.aborted) return report;
      const decision = decideAfterAttempt(sending, outcome, deps.now(), deps.random);
      if (decision.type === 'landed') {
        // A deleted duplicate is housekeeping, not a touch: it leaves no ledger entry.
        if (item.op === 'remove') await deps.store.remove(item.key);
        else await deps.store.land(decision.ledger, decision.followers);
        report.landed++;
      } else {
        await deps.store.update([decision.item]);
        if (decision.type === 'park') report.parked++;
        else report.retrying++;
      }
    }
  }
}
