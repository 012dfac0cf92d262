import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as z from 'zod/mini';
import { storedRecord, storedValue, writeTogether } from '@/lib/storage/declare';
import { listQuarantined } from '@/lib/storage/quarantine';

/**
 * How a future shape change ships: the declaration's version goes up and a migration turns the
 * old shape into the new one. Here a remembered deal gains `source` (version 2).
 */
const V2 = z.object({ opportunityId: z.string(), source: z.enum(['rep', 'logged']) });
const toV2 = (previous: unknown) =>
  Object.fromEntries(
    Object.entries(previous as Record<string, { opportunityId: string }>).map(([id, entry]) => [
      id,
      { opportunityId: entry.opportunityId, source: 'rep' },
    ]),
  );

let n = 0;
const freshKey = () => `example.${n++}` as const;

beforeEach(() => fakeBrowser.reset());

describe('a stored shape that changes', () => {
  it('is migrated from the version a release wrote, once, and marked with its new version', async () => {
    const key = freshKey();
    await browser.storage.local.set({ [key]: { T1: { opportunityId: 'o1' } } });
    let calls = 0;
    const declared = storedRecord(`local:${key}`, V2, {
      version: 2,
      migrations: { 2: (v) => (calls++, toV2(v)) },
    });
    expect(await declared.read()).toEqual({ T1: { opportunityId: 'o1', source: 'rep' } });
    expect((await browser.storage.local.get(`${key}$`))[`${key}$`]).toEqual({ v: 2 });

    // The next start defines it again: already at version 2, nothing runs twice.
    const again = storedRecord(`local:${key}`, V2, {
      version: 2,
      migrations: { 2: (v) => (calls++, toV2(v)) },
    });
    expect(await again.read()).toEqual({ T1: { opportunityId: 'o1', source: 'rep' } });
    expect(calls).toBe(1);
  });

  it('written fresh at version 2 in one write with others, is not migrated again at the next start', async () => {
    const key = freshKey();
    const other = storedValue(`local:${freshKey()}`, z.string());
    const declared = storedRecord(`local:${key}`, V2, { version: 2, migrations: { 2: toV2 } });
    await writeTogether([
      { declared, value: { T1: { opportunityId: 'o1', source: 'logged' } } },
      { declared: other, value: 'x' },
    ]);
    const restarted = storedRecord(`local:${key}`, V2, {
      version: 2,
      migrations: { 2: () => ({ broken: 'by a second migration' }) },
    });
    expect(await restarted.read()).toEqual({ T1: { opportunityId: 'o1', source: 'logged' } });
  });

  it('a migration that fails loses nothing: the old value is kept aside and reported', async () => {
    const key = freshKey();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await browser.storage.local.set({ [key]: { opportunityId: 'o1' } });
    const declared = storedValue(`local:${key}`, V2, {
      version: 2,
      migrations: {
        2: () => {
          throw new Error('cannot read this');
        },
      },
    });
    expect(await declared.read()).toBeNull();
    expect(logged).toHaveBeenCalled();
    expect(await listQuarantined()).toEqual([expect.objectContaining({ from: `local:${key}` })]);
    const copy = Object.entries(await browser.storage.local.get(null)).find(([k]) =>
      k.startsWith('quarantine.'),
    );
    expect(copy?.[1]).toMatchObject({ value: { opportunityId: 'o1' } });
  });
});
