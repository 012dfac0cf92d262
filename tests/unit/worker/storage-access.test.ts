import { describe, expect, it, vi } from 'vitest';
import { restrictStorageToExtension } from '@/lib/worker/storage-access';

const area = (setAccessLevel?: (options: unknown) => Promise<void>) => ({ setAccessLevel }) as never;

describe('closing storage to content scripts at worker start', () => {
  it('restricts local, sync and session to the extension itself', async () => {
    const calls: unknown[] = [];
    const record = async (options: unknown) => void calls.push(options);
    const closed = await restrictStorageToExtension({
      local: area(record),
      sync: area(record),
      session: area(record),
    });
    expect(closed).toEqual(['local', 'sync', 'session']);
    expect(calls).toEqual(Array(3).fill({ accessLevel: 'TRUSTED_CONTEXTS' }));
  });

  it('keeps the worker going where the browser cannot restrict an area, and says which', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const closed = await restrictStorageToExtension({
      // Chrome before 140: the method exists on every area but only session accepts it.
      local: area(() => Promise.reject(new Error('not supported for this storage area'))),
      sync: area(undefined),
      session: area(async () => undefined),
    });
    expect(closed).toEqual(['session']);
    expect(warn).toHaveBeenCalledWith(
      'Dealside: storage.local stays open to content scripts:',
      expect.any(Error),
    );
  });
});
