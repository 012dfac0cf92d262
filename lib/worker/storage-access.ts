/**
 * Tokens, the outbox and settings live in the extension's storage, which content scripts can
 * read and write by default; a page that compromised its renderer could then take the refresh
 * token or point the token exchange elsewhere. The worker closes every area to content scripts
 * at each start (they never need it: they only message the worker). Chrome before 140 has no
 * setAccessLevel on local/sync; the manifest's minimum_chrome_version excludes it, and elsewhere
 * the call is skipped rather than stopping the worker.
 */
import type { Browser } from 'wxt/browser';

const AREAS = ['local', 'sync', 'session'] as const;
export type RestrictedArea = (typeof AREAS)[number];

type Area = { setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };

/** Restricts each area that supports it; resolves with the areas that are now closed. */
export async function restrictStorageToExtension(
  storage: Pick<typeof Browser.storage, RestrictedArea>,
): Promise<RestrictedArea[]> {
  const results = await Promise.all(
    AREAS.map(async (name) => {
      const area = storage[name] as unknown as Area | undefined;
      if (typeof area?.setAccessLevel !== 'function') return null;
      try {
        await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
        return name;
      } catch (error) {
        console.warn(`Dealside: storage.${name} stays open to content scripts:`, error);
        return null;
      }
    }),
  );
  return results.filter((name): name is RestrictedArea => name !== null);
}
