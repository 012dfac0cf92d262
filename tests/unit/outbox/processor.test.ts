import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { CrmError } from '@/lib/http/errors';
import type { CrmAdapter } from '@/lib/crm/adapter';
import type { CrmWrite, KeyMode } from '@/lib/domain/types';
import { FOLLOW_UP_DELAY_MS, wakeAuthBlocked } from '@/lib/outbox/decisions';
import { sameTenant, tenantOf } from '@/lib/outbox/tenant';
import { drain, type ProcessorDeps } from '@/lib/outbox/processor';
import { createOutboxStore } from '@/lib/outbox/store';
import { emailItem } from './fixtures';

type Failure = CrmError | 'commit-then-drop' | 'commit-twice' | 'commit-late';

/**
 * A CRM holding records under idempotency keys and failing on cue. `unique` refuses a second
 * record per key, like a unique property; `marker` keeps whatever is written, duplicates too,
 * like a body marker, which is where the browser's own resend and late commits hurt.
 */
function fakeCrm(mode: KeyMode = 'unique') {
  let records: { id: string; key: string; createdAt: string }[] = [];
  const failures: Failure[] = [];
  const late: (() => void)[] = [];
  let writes = 0;
  let lookups = 0;
  let removes = 0;
  let clock = 0;
  const commit = (key: string) => {
    const existing = records.find((r) => r.key === key);
    if (mode === 'unique' && existing) return existing.id;
    clock++;
    const record = {
      id: `rec-${clock}`,
      key,
      createdAt: new Date(Date.UTC(2026, 10, 20, 15, 0, clock)).toISOString(),
    };
    records.push(record);
    return record.id;
  };
  const adapter = {
    provider: 'hubspot',
    keyMode: () => mode,
    async write(key: string) {
      writes++;
      const failure = failures.shift();
      if (failure === 'commit-then-drop') {
        commit(key);
        throw new CrmError('network', 'HubSpot: could not reach the CRM.');
      }
      if (failure === 'commit-twice') {
        // Chromium resent the POST on a dropped keep-alive socket: two records, one answer.
        commit(key);
        return { recordId: commit(key), adopted: false };
      }
      if (failure === 'commit-late') {
        // A slow write from a worker that was stopped commits later on.
        late.push(() => commit(key));
        return { recordId: commit(key), adopted: false };
      }
      if (failure) throw failure;
      return { recordId: commit(key), adopted: false };
    },
    async findWritten(keys: string | readonly string[]) {
      lookups++;
      const wanted = typeof keys === 'string' ? [keys] : keys;
      return records.find((r) => wanted.includes(r.key))?.id ?? null;
    },
    async findAllWritten(key: string) {
      lookups++;
      return records
        .filter((r) => r.key === key)
        .map((r) => ({ id: r.id, kind: 'email', createdAt: r.createdAt }));
    },
    async removeRecord(record: { id: string }) {
      removes++;
      records = records.filter((r) => r.id !== record.id);
    },
  } as unknown as CrmAdapter;
  return {
    adapter,
    records: () => records,
    failures,
    commitLate: () => late.splice(0).forEach((run) => run()),
    seed: (key: string) => commit(key),
    counts: () => ({ writes, lookups, removes }),
  };
}

describe('outbox processor', () => {
  let now = 1_000;
  beforeEach(() => {
    fakeBrowser.reset();
    now = 1_000;
  });

  const deps = (adapter: CrmAdapter | null, extra: Partial<ProcessorDeps> = {}): ProcessorDeps => ({
    store: createOutboxStore(),
    adapter: async () => adapter,
    now: () => now,
    random: () => 0.5,
    ...extra,
  });

  it('logs the same message once however often it is queued', async () => {
    const crm = fakeCrm();
    const store = createOutboxStore();
    expect(await store.enqueue(emailItem())).toBe('queued');
    expect(await store.enqueue(emailItem())).toBe('already-queued');
    await drain(deps(crm.adapter));
    expect(await store.enqueue(emailItem())).toBe('already-logged');
    expect(crm.records()).toHaveLength(1);
    expect((await store.ledger())[0]).toMatchObject({ recordId: 'rec-1', adopted: false });
  });

  it('adopts the record when the response was lost after the CRM committed', async () => {
    const crm = fakeCrm();
    crm.failures.push('commit-then-drop');
    const store = createOutboxStore();
    await store.enqueue(emailItem());
    const first = await drain(deps(crm.adapter));
    expect(first).toMatchObject({ landed: 0, retrying: 1 });
    now += 60_000;
    await drain(deps(crm.adapter));
    expect(crm.counts()).toEqual({ writes: 1, lookups: 1, removes: 0 });
    expect(await store.items()).toEqual([]);
    expect((await store.ledger())[0]).toMatchObject({ adopted: true });
  });

  it('survives the worker being killed mid-send: the restarted worker looks the key up first', async () => {
    const crm = fakeCrm();
    const store = createOutboxStore();
    await store.enqueue(emailItem());
    const killed = new AbortController();
    const dying: CrmAdapter = {
      ...crm.adapter,
      write: async (key: string, write: CrmWrite) => {
        const result = await crm.adapter.write(key, write);
        killed.abort();
        return result;
      },
    };
    await drain(deps(dying, { signal: killed.signal }));
    expect((await store.items())[0]).toMatchObject({ state: 'sending' });

    await drain(deps(crm.adapter));
    expect(crm.records()).toHaveLength(1);
    expect(crm.counts()).toEqual({ writes: 1, lookups: 1, removes: 0 });
    expect((await store.ledger())[0]).toMatchObject({ adopted: true });
  });

  it('parks a request the CRM rejects and keeps it visible with the reason', async () => {
    const crm = fakeCrm();
    crm.failures.push(
      new CrmError('validation', 'HubSpot: association type 999 is not valid.', { status: 400 }),
    );
    const store = createOutboxStore();
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
    const store = createOutboxStore();
    await store.enqueue(emailItem());
    await drain(deps(null));
    expect((await store.items())[0]).toMatchObject({
      state: 'pending',
      lastError: { kind: 'auth', message: 'Sign in to HubSpot to send this.' },
    });
  });

  it('sets a corrupt stored entry aside without losing the rest of the queue', async () => {
    const store = createOutboxStore();
    await store.enqueue(emailItem('good'));
    const raw = (await browser.storage.local.get('outbox.items'))['outbox.items'] as Record<string, unknown>;
    await browser.storage.local.set({ 'outbox.items': { ...raw, broken: { key: 'broken' } } });
    expect((await store.items()).map((i) => i.sourceId)).toEqual(['good']);
  });

  describe('without a unique key in the CRM (marker mode)', () => {
    it('looks before the first write: a touch already in the CRM is adopted, not written again', async () => {
      const crm = fakeCrm('marker');
      // Logged before a sign-out cleared the ledger, or from the rep's other machine.
      crm.seed(emailItem().key);
      const store = createOutboxStore();
      await store.enqueue(emailItem());
      await drain(deps(crm.adapter));
      expect(crm.records()).toHaveLength(1);
      expect(crm.counts().writes).toBe(0);
      expect((await store.ledger())[0]).toMatchObject({ recordId: 'rec-1', adopted: true });
    });

    it("catches the browser's own resend right after the write: keeps the oldest, deletes the other", async () => {
      const crm = fakeCrm('marker');
      crm.failures.push('commit-twice');
      const store = createOutboxStore();
      await store.enqueue(emailItem());
      await drain(deps(crm.adapter));
      expect(crm.records().map((r) => r.id)).toEqual(['rec-1']);
      expect(await store.items()).toEqual([]);
      // The delete was housekeeping: the ledger holds the one touch and nothing else.
      expect(await store.ledger()).toHaveLength(1);
      const entry = (await store.ledger()).find((e) => e.key === emailItem().key);
      expect(entry).toMatchObject({ recordId: 'rec-1', duplicatesRemoved: 1 });
    });

    it('looks again later: a slow write from a stopped worker that commits afterwards is removed', async () => {
      const crm = fakeCrm('marker');
      crm.failures.push('commit-late');
      const store = createOutboxStore();
      await store.enqueue(emailItem());
      await drain(deps(crm.adapter));
      crm.commitLate();
      expect(crm.records()).toHaveLength(2);

      now += FOLLOW_UP_DELAY_MS - 1;
      await drain(deps(crm.adapter));
      expect(crm.records()).toHaveLength(2);

      now += 1;
      await drain(deps(crm.adapter));
      expect(crm.records().map((r) => r.id)).toEqual(['rec-1']);
      const entry = (await store.ledger()).find((e) => e.key === emailItem().key);
      expect(entry).toMatchObject({ recordId: 'rec-1', duplicatesRemoved: 1 });
      expect(entry?.followUp).toBeUndefined();
    });

    it('a sign-out that keeps pending logs keeps the unfinished follow-ups too, and they still run', async () => {
      const crm = fakeCrm('marker');
      crm.failures.push('commit-late');
      const store = createOutboxStore();
      await store.enqueue(emailItem());
      await drain(deps(crm.adapter));
      await store.clearLedger({ keepFollowUps: true });
      crm.commitLate();
      now += FOLLOW_UP_DELAY_MS;
      await drain(deps(crm.adapter));
      expect(crm.records().map((r) => r.id)).toEqual(['rec-1']);

      // Discarding at sign-out forgets them with everything else.
      await store.enqueue(emailItem('other'));
      await drain(deps(crm.adapter));
      await store.clearLedger({ keepFollowUps: false });
      expect(await store.ledger()).toEqual([]);
    });

    it('a follow-up that cannot reach the CRM is tried again, and the log stays logged', async () => {
      const crm = fakeCrm('marker');
      const store = createOutboxStore();
      await store.enqueue(emailItem());
      await drain(deps(crm.adapter));
      const offline = {
        ...crm.adapter,
        findAllWritten: async () => {
          throw new CrmError('network', 'HubSpot: could not reach the CRM.');
        },
      };
      now += FOLLOW_UP_DELAY_MS;
      await drain(deps(offline));
      const entry = (await store.ledger())[0];
      expect(entry?.followUp).toMatchObject({ tries: 1 });
      expect(entry?.followUp?.at).toBeGreaterThan(now);
      expect(await store.items()).toEqual([]);
    });

    it('a message logged under its old Gmail-id key is found under the alias and not logged again', async () => {
      const crm = fakeCrm('marker');
      const legacy = emailItem('198c6860711611c7');
      crm.seed(legacy.key);
      const store = createOutboxStore();
      const item = { ...emailItem('mail-0123456789abcdef'), aliases: [legacy.key] };
      await store.enqueue(item);
      await drain(deps(crm.adapter));
      expect(crm.records()).toHaveLength(1);
      expect(crm.counts().writes).toBe(0);
    });
  });
});

describe('every pending write is bound to the CRM tenant it was made for', () => {
  beforeEach(() => fakeBrowser.reset());
  const portalA = { provider: 'hubspot' as const, tenantId: '1001', crmUserId: 'u1' };
  const portalB = { provider: 'hubspot' as const, tenantId: '2002', crmUserId: 'u9' };

  it('waits while signed in to another portal, and lands once back in its own', async () => {
    const crm = fakeCrm();
    const store = createOutboxStore();
    await store.enqueue({ ...emailItem(), tenant: tenantOf(portalA) });
    let signedIn = portalB;
    const run = () =>
      drain({
        store,
        adapter: async () => crm.adapter,
        signedIn: async () => signedIn,
        now: () => 1_000,
        random: () => 0.5,
      });
    await run();
    expect(crm.counts().writes).toBe(0);
    expect((await store.items())[0]).toMatchObject({
      state: 'pending',
      lastError: {
        kind: 'auth',
        message: 'Made for HubSpot portal 1001: sign in there to send, or discard.',
      },
    });

    signedIn = portalA;
    const now = 1_000;
    await store.update((await store.items()).map((item) => wakeAuthBlocked(item, now)));
    await run();
    await run();
    expect(crm.records()).toHaveLength(1);
    expect(await store.items()).toEqual([]);
  });

  it('a Salesforce sandbox is not production, even with the same record ids', () => {
    const production = { provider: 'salesforce' as const, tenantId: '00D000000000001', crmUserId: '005A' };
    const sandbox = { provider: 'salesforce' as const, tenantId: '00D000000000002', crmUserId: '005A' };
    expect(sameTenant(tenantOf(production), sandbox)).toBe(false);
    expect(sameTenant(tenantOf(production), production)).toBe(true);
  });

  it('another rep signed in to the same portal does not send my pending logs', () => {
    expect(sameTenant(tenantOf(portalA), { ...portalA, crmUserId: 'u2' })).toBe(false);
  });

  it('the stored tenant never carries the connection’s tokens', () => {
    const connection = { ...portalA, refreshToken: 'secret-refresh', userEmail: 'sam@ourco.com' };
    expect(JSON.stringify(tenantOf(connection))).not.toContain('secret');
  });
});
