/**
 * Back-pressure from the org's daily API allocation. Every Salesforce response carries
 * `Sforce-Limit-Info: api-usage=N/M`; the latest figure is kept in the shared cache (the
 * worker is short-lived, and every tab's calls count against the same org allocation). Above
 * 90 % Dealside stops reads that only refresh what the rep already sees, so the remaining
 * requests go to logging and to other integrations of the org.
 */
import * as z from 'zod/mini';
import type { CrmCache } from '../../cache';
import { CrmError } from '../../../http/errors';
import { LABEL } from '../errors';

export const Usage = z.object({ used: z.number(), max: z.number() });
export type Usage = z.infer<typeof Usage>;

export const BACK_PRESSURE_RATIO = 0.9;
/** A stale figure must not block reads for long: usage drops as the 24 h window rolls on. */
const USAGE_TTL_MS = 15 * 60_000;

export function parseLimitInfo(header: string | null): Usage | null {
  const m = /api-usage=(\d+)\/(\d+)/.exec(header ?? '');
  if (!m) return null;
  const used = Number(m[1]);
  const max = Number(m[2]);
  return max > 0 ? { used, max } : null;
}

export function createUsageTracker(cache: CrmCache, cacheKey: string) {
  return {
    async record(headers: Headers): Promise<void> {
      const usage = parseLimitInfo(headers.get('sforce-limit-info'));
      if (usage) await cache.set(cacheKey, usage, USAGE_TTL_MS);
    },
    /** Throws a 'rate' error when the org is above the threshold (for non-essential reads). */
    async assertRoomForOptionalRead(): Promise<void> {
      const usage = await cache.get(cacheKey, Usage);
      if (!usage || usage.used / usage.max < BACK_PRESSURE_RATIO) return;
      const percent = Math.floor((usage.used / usage.max) * 100);
      throw new CrmError(
        'rate',
        `${LABEL}: your org has used ${percent}% of its daily API requests (${usage.used.toLocaleString('en-US')} of ${usage.max.toLocaleString('en-US')}). Dealside pauses refreshes and searches until usage drops; logging still works.`,
        { code: 'DEALSIDE_BACK_PRESSURE', retryAfterMs: USAGE_TTL_MS },
      );
    },
  };
}
export type UsageTracker = ReturnType<typeof createUsageTracker>;
