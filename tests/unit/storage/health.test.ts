import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { tokenStore } from '@/lib/auth/tokens';
import { createOutboxStore } from '@/lib/outbox/store';
import { storageHealth } from '@/lib/storage/health';
import { storageNotes } from '@/lib/storage/health-view';
import { emailItem } from '../outbox/fixtures';

beforeEach(() => fakeBrowser.reset());

describe('what the panel says about stored data', () => {
  it('nothing when all of it reads and there is room', async () => {
    await createOutboxStore().enqueue(emailItem());
    expect(storageNotes(await storageHealth())).toEqual([]);
  });

  it('names what was set aside, says nothing was deleted and what to do', async () => {
    const store = createOutboxStore();
    await store.enqueue(emailItem('good'));
    const raw = (await browser.storage.local.get('outbox.items'))['outbox.items'] as object;
    await browser.storage.local.set({ 'outbox.items': { ...raw, bad: 1 }, 'auth.connection': 'x' });
    await store.items();
    await tokenStore.connection();

    const [note, ...others] = storageNotes(await storageHealth());
    expect(others).toEqual([]);
    expect(note?.title).toBe(
      'Dealside could not read 2 saved items (a log waiting to be sent, your CRM sign-in).',
    );
    expect(note?.detail).toMatch(/^Nothing was deleted: a copy is kept .* tell your Dealside administrator/);
  });

  it('warns from 80% of the local quota, with the figures and what to do', () => {
    const usage = (bytesInUse: number) => ({
      quarantined: [],
      usage: {
        bytesInUse,
        quotaBytes: 10_485_760,
        ratio: bytesInUse / 10_485_760,
        nearlyFull: bytesInUse >= 8_388_608,
      },
    });
    expect(storageNotes(usage(8_000_000))).toEqual([]);
    expect(storageNotes(usage(9_437_184))).toEqual([
      {
        tone: 'warn',
        title: "Dealside's storage on this computer is 90% full (9.0 MB of 10.0 MB).",
        detail: expect.stringContaining('Send or discard the logs waiting in the outbox'),
      },
    ]);
  });
});
