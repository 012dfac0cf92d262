/**
 * Call outcomes. HubSpot stores a call's disposition as a GUID: the six defaults are the same in
 * every portal; custom outcomes (such as "Gatekeeper") have portal-specific GUIDs, looked up by
 * label from `GET /calling/v1/dispositions` (cached). HubSpot has no default gatekeeper outcome:
 * without a custom one, "Left live message" is the closest, and the rep's label goes in the body.
 */
import * as z from 'zod/mini';
import type { CrmCache } from '../cache';
import { CrmError } from '../errors';
import type { HubSpotClient } from './client';

export const LEFT_LIVE_MESSAGE = 'a4c4c377-d246-4b32-a13b-75a56a4cd0ff';

/** Dealside's default disposition codes (and the spellings older configs used) → HubSpot GUIDs. */
export const DEFAULT_OUTCOME_GUIDS: Record<string, string> = {
  connected: 'f240bbac-87c9-4f6e-bf70-924b57d47db7',
  'left-voicemail': 'b2cf5968-551e-4856-9783-52b3da59a7d0',
  voicemail: 'b2cf5968-551e-4856-9783-52b3da59a7d0',
  'no-answer': '73a0d17f-1163-4015-bdd5-ec830791da20',
  busy: '9d9162e7-6cf3-4944-bf63-4dff82258764',
  'wrong-number': '17b47fee-58de-441e-a44c-c6300d46f273',
  'left-live-message': LEFT_LIVE_MESSAGE,
};

const TTL_MS = 6 * 60 * 60_000;
const Disposition = z.object({ id: z.string(), label: z.string() });
const DispositionList = z.array(Disposition);
const RawList = z.array(z.unknown());

const GATEKEEPER_LIKE = /gate\s*-?keeper|receptionist|front\s*desk|assistant|switchboard/i;

function normalise(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

export interface ResolvedDisposition {
  /** The GUID for hs_call_disposition, or null to leave it unset. */
  id: string | null;
  /** A line for the call body when HubSpot has no outcome with the rep's label. */
  bodyLine: string | null;
}

export function createDispositions(client: HubSpotClient, cache: CrmCache) {
  const key = `hubspot:${client.portalKey}:dispositions`;

  async function list(): Promise<Array<z.infer<typeof Disposition>>> {
    const cached = await cache.get(key, DispositionList);
    if (cached) return cached;
    try {
      const answer = await client.read({ method: 'GET', path: '/calling/v1/dispositions' });
      const raw = RawList.safeParse(answer.body);
      const items = (raw.success ? raw.data : []).flatMap((item) => {
        const parsed = Disposition.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      });
      await cache.set(key, items, TTL_MS);
      return items;
    } catch (error) {
      // Logging the call matters more than its outcome field: fall back to the defaults.
      if (error instanceof CrmError && error.kind === 'auth') throw error;
      return [];
    }
  }

  return {
    async resolve(disposition: { code: string; label: string }): Promise<ResolvedDisposition> {
      const code = normalise(disposition.code);
      const known = DEFAULT_OUTCOME_GUIDS[code];
      if (known) return { id: known, bodyLine: null };
      const wanted = new Set([normalise(disposition.label), code]);
      const custom = (await list()).find((item) => wanted.has(normalise(item.label)));
      if (custom) return { id: custom.id, bodyLine: null };
      const bodyLine = `Outcome: ${disposition.label}`;
      if (GATEKEEPER_LIKE.test(`${disposition.code} ${disposition.label}`))
        return { id: LEFT_LIVE_MESSAGE, bodyLine };
      return { id: null, bodyLine };
    },
  };
}
export type Dispositions = ReturnType<typeof createDispositions>;
