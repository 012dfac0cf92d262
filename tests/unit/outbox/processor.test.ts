import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { CrmError } from '@/lib/crm/errors';
import type { CrmAdapter, CrmWrite } from '@/lib/crm/types';
import { drain, type ProcessorDeps } from '@/lib/outbox/processor';
import { createOutboxStore } from '@/lib/outbox/store';
import { emailItem } from './fixtures';

/** A CRM that stores records by idempotency key and can fail on cue. */
function fakeCrm() {
  const records = new Map<string, CrmWrite>();
  const failures: (CrmError | 'commit-then-drop')[] = [];
  let writes = 0;
  let lookups = 0;
  const adapter = {
    provider: 'hubspot',
    async write(key: string, write: CrmWrite) {
      writes++;
      const failure = failures.shift();
      if (failure === 'commit-then-drop') {
        records.set(key, write);
        throw new CrmError('network', 'HubSpot: could not reach the CRM.');
      }
      if (failure) throw failure;
      records.set(key, write);
      return { recordId: `rec-${key}`, adopted: false };
    },
    async findWritten(key: string) {
      lookups++;
      return records.has(key) ? `rec-${key}` : null;
    },
  } as unknown as CrmAdapter;
  return { adapter, records, failures, counts: () => ({ writes, lookups }) };
}

describe('outbox processor', () => {
  let now = 1_000;
  beforeEach(() => {
    fakeBrowser.reset();
    now = 1_000;
  });

  const deps = (adapter: CrmAdapter | null, extra: Partial<ProcessorDeps> = {}): ProcessorDeps => ({
    store: createOutboxStore(browser.storage.local),
    adapter: async () => adapter,
    now: () => now,
    random: () => 0.5,
    ...extra,
  });

  it('logs the same message once however often it is queued', async () => {
    const crm = fakeCrm();
    const store = createOutboxStore(browser.storage.local);
    expect(await store.enqueue(emailItem())).toBe('queued');
    expect(await store.enqueue(emailItem())).toBe('already-queued');
    await drain(deps(crm.adapter));
    expect(await store.enqueue(emailItem())).toBe('already-logged');
    expect(crm.records.size).toBe(1);
    expect((await store.ledger())[0]).toMatchObject({ recordId: `rec-${emailItem().key}`, adopted: false });
  });

  it('adopts the record when the response was lost after the CRM committed', async () => {
    const crm = fakeCrm();
    crm.failures.push('commit-then-drop');
    const store = createOutboxStore(browser.storage.local);
    await store.enqueue(emailItem());
    const first = await drain(deps(crm.adapter));
    expect(first).toMatchObject({ landed: 0, retrying: 1 });
    now += 60_000;
    await drain(deps(crm.adapter));
    expect(crm.counts()).toEqual({ writes: 1, lookups: 1 });
    expect(await store.items()).toEqual([]);
    expect((await store.ledger())[0]).toMatchObject({ adopted: true });
  });

  it('survives the worker being killed mid-send: the restarted worker looks the key up first', async () => {
    const crm = fakeCrm();
    const store = createOutboxStore(browser.storage.local);
    await store.enqueue(emailItem());
    const killed = new AbortController();
    const dying = {
      ...crm.adapter,
      write: async (key: string, write: CrmWrite) => {
        const result = await crm.adapter.write(key, write);
        killed.abort();
        return result;
      },
    } as CrmAdapter;
    await drain(deps(dying, { signal: killed.signal }));
    expect((await store.items())[0]).toMatchObject({ state: 'sending' });

    await drain(deps(crm.adapter));
    expect(crm.records.size).toBe(1);
    expect(crm.counts()).toEqual({ writes: 1, lookups: 1 });
    expect((await store.ledger())[0]).toMatchObject({ adopted: true });
  });

  it('parks a request the CRM rejects and keeps it visible with the reason', async () => {
    const crm = fakeCrm();
    crm.failures.push(
      new CrmError('validation', 'HubSpot: association type 999 is not valid.', { status: 400 }),
    );
    const store = createOutboxStore(browser.storage.local);
    await store.enqueue(emailItem());
    const report = await drain(deps(crm.adapter));
    expect(report).toMatchObject({ parked: 1 });
    expect((await store.items())[0]).toMatchObject({
      state: 'failed',
      lastError: { message: 'HubSpot: association type 999 is not valid.' },
    });
    await drain(deps(crm.adapter));
    expect(crm.counts().writes).toBe(1);
  });

  it('keeps items pending while signed out, with a reason the rep can act on', async () => {
    const store = createOutboxStore(browser.storage.local);
    await store.enqueue(emailItem());
    await drain(deps(null));
    expect((await store.items())[0]).toMatchObject({
      state: 'pending',
      lastError: { kind: 'auth', message: 'Sign in to HubSpot to send this.' },
    });
  });

  it('drops a corrupt stored entry without losing the rest of the queue', async () => {
    const store = createOutboxStore(browser.storage.local);
    await store.enqueue(emailItem('good'));
    const raw = (await browser.storage.local.get('outbox.items'))['outbox.items'] as Record<string, unknown>;
    await browser.storage.local.set({ 'outbox.items': { ...raw, broken: { key: 'broken' } } });
    expect((await store.items()).map((i) => i.sourceId)).toEqual(['good']);
  });
});
