import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as z from 'zod/mini';
import { tokenStore } from '@/lib/auth/tokens';
import { createStorageCache } from '@/lib/crm/cache';
import { loadConfig } from '@/lib/config/store';
import { loadHistory } from '@/lib/match/history';
import { newItem } from '@/lib/outbox/item';
import { createOutboxStore } from '@/lib/outbox/store';
import { listQuarantined } from '@/lib/storage/quarantine';
import { readInteraction } from '@/lib/worker/active-interactions';
import { emailWrite } from '../outbox/fixtures';

/** What release 0.1.0 wrote, recorded by running its own code (see the fixture's `recordedBy`). */
const release = JSON.parse(readFileSync('tests/fixtures/storage/release-0.1.0.json', 'utf8')) as {
  local: Record<string, unknown>;
  sync: Record<string, unknown>;
  session: Record<string, unknown>;
};

async function installRelease() {
  await browser.storage.local.set(structuredClone(release.local));
  await browser.storage.sync.set(structuredClone(release.sync));
  await browser.storage.session.set(structuredClone(release.session));
}

describe('an update from release 0.1.0', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await installRelease();
  });

  it("keeps the rep's pending logs and the ledger of what already landed", async () => {
    const store = createOutboxStore();
    const items = await store.items();
    expect(items).toEqual(Object.values(release.local['outbox.items'] as object));
    expect(items.map((i) => [i.label, i.state])).toEqual([
      ['Email to Acme — Platform', 'pending'],
      ['Meeting with Acme — Platform', 'failed'],
    ]);
    const ledger = await store.ledger();
    expect(ledger).toEqual(Object.values(release.local['outbox.ledger'] as object));
    // The email 0.1.0 already logged is still recognised: clicking "Log" again writes nothing.
    expect(await store.enqueue({ ...items[0]!, key: ledger[0]!.key })).toBe('already-logged');
  });

  it('keeps the remembered deal choices, the settings and the sign-in', async () => {
    expect(await loadHistory()).toEqual({ threadOpportunity: { '198c6860711611c7': 'o1', 'evt-qbr': 'o2' } });
    const { config, warnings } = await loadConfig();
    expect(config).toMatchObject({
      logBody: 'excerpt',
      requireNextStep: true,
      excludedDomains: ['lawfirm.com'],
    });
    expect(warnings).toEqual([]);
    expect(await tokenStore.connection()).toEqual(release.local['auth.connection']);
    expect(await tokenStore.accessToken()).toEqual(release.session['auth.access']);
    expect((await readInteraction(7))?.interaction).toMatchObject({ kind: 'meeting', eventId: 'evt-qbr' });
    const cache = createStorageCache(() => 1_764_000_000_000);
    expect(await cache.get('hubspot.pipelines', z.array(z.unknown()))).toEqual([
      { id: 'default', label: 'Sales' },
    ]);
  });

  it('reads all of it without quarantining anything, and the first new write keeps the rest', async () => {
    const store = createOutboxStore();
    const next = newItem(
      { provider: 'hubspot', payload: emailWrite('Next'), sourceId: 'new-1', label: 'Email to Acme — Next' },
      2e12,
    );
    expect(await store.enqueue(next)).toBe('queued');
    expect((await store.items()).map((i) => i.sourceId)).toEqual(['198c6860711611c7', 'evt-qbr', 'new-1']);
    expect(await listQuarantined()).toEqual([]);
    // Every key 0.1.0 used is still there, and no version marker was needed for version 1.
    const local = await browser.storage.local.get(null);
    for (const key of Object.keys(release.local)) expect(local).toHaveProperty([key]);
    expect(Object.keys(local).filter((key) => key.endsWith('$'))).toEqual([]);
    expect(await browser.storage.sync.get(null)).toEqual(release.sync);
  });
});
