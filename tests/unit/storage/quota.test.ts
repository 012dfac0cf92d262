import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { newItem } from '@/lib/outbox/item';
import { createOutboxStore } from '@/lib/outbox/store';
import { localUsage, StorageFullError } from '@/lib/storage/quota';
import { emailItem, emailWrite } from '../outbox/fixtures';

beforeEach(() => fakeBrowser.reset());

/** What Chrome rejects `storage.local.set` with at the 10 MB cap. */
const quotaError = () => new Error('Resource::kQuotaBytes quota exceeded');

describe('local storage running out', () => {
  it('is reported from 80% of the quota, with the figures', async () => {
    const area = (bytes: number) => ({ getBytesInUse: async () => bytes, QUOTA_BYTES: 10_485_760 });
    expect(await localUsage(area(1_000_000))).toMatchObject({ nearlyFull: false });
    expect(await localUsage(area(8_400_000))).toEqual({
      bytesInUse: 8_400_000,
      quotaBytes: 10_485_760,
      ratio: 8_400_000 / 10_485_760,
      nearlyFull: true,
    });
    // Where the browser cannot measure, there is no warning rather than a wrong one.
    expect(await localUsage({})).toBeNull();
  });

  it('a log refused by a full storage says so and loses none of what was queued', async () => {
    const store = createOutboxStore();
    await store.enqueue(emailItem('first'));
    vi.spyOn(browser.storage.local, 'set').mockRejectedValueOnce(quotaError());
    const second = newItem(
      { provider: 'hubspot', payload: emailWrite('Big'), sourceId: 'second', label: 'Email to Acme — Big' },
      2_000,
    );
    const refused = store.enqueue(second);
    await expect(refused).rejects.toBeInstanceOf(StorageFullError);
    await expect(refused).rejects.toThrow(/storage on this computer is full.*Send or discard/);
    expect((await store.items()).map((i) => i.sourceId)).toEqual(['first']);
    // Once there is room again, the same log goes through.
    expect(await store.enqueue(second)).toBe('queued');
  });

  it('a landed log that cannot be recorded stays queued, so it is looked up and not lost', async () => {
    const store = createOutboxStore();
    const item = emailItem('sent');
    await store.enqueue(item);
    vi.spyOn(browser.storage.local, 'set').mockRejectedValueOnce(quotaError());
    const entry = {
      key: item.key,
      provider: 'hubspot' as const,
      op: 'email' as const,
      sourceId: 'sent',
      opportunityId: 'o1',
      recordId: 'r1',
      label: item.label,
      loggedAt: 5_000,
      adopted: false,
    };
    await expect(store.land(entry)).rejects.toBeInstanceOf(StorageFullError);
    expect((await store.items()).map((i) => i.key)).toEqual([item.key]);
    expect(await store.ledger()).toEqual([]);
  });
});
