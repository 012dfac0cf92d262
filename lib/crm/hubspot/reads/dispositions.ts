/**
 * Call outcomes. HubSpot stores a call's disposition as a GUID: the six defaults (calls guide)
 * are the same in every portal; custom outcomes (such as "Gatekeeper") have portal-specific
 * GUIDs, looked up by label from `GET /calling/v1/dispositions` (cached). That endpoint is
 * legacy: when it fails, the six defaults stand in, and `status()` says so for Settings rather
 * than the call form breaking. HubSpot has no default gatekeeper outcome: without a custom one,
 * "Left live message" is the closest, and the rep's label goes in the body.
 */
import * as z from 'zod/mini';
import type { CrmCache } from '../../cache';
import { CrmError } from '../../../http/errors';
import type { HubSpotClient } from '../client';

export const LEFT_LIVE_MESSAGE = 'a4c4c377-d246-4b32-a13b-75a56a4cd0ff';

/** HubSpot's six documented default call outcomes, the same GUIDs in every portal. */
export const HUBSPOT_DEFAULT_OUTCOMES = [
  { id: 'f240bbac-87c9-4f6e-bf70-924b57d47db7', label: 'Connected' },
  { id: '9d9162e7-6cf3-4944-bf63-4dff82258764', label: 'Busy' },
  { id: LEFT_LIVE_MESSAGE, label: 'Left live message' },
  { id: 'b2cf5968-551e-4856-9783-52b3da59a7d0', label: 'Left voicemail' },
  { id: '73a0d17f-1163-4015-bdd5-ec830791da20', label: 'No answer' },
  { id: '17b47fee-58de-441e-a44c-c6300d46f273', label: 'Wrong number' },
] as const;

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

const TTL_MS = 24 * 60 * 60_000;
/** A failed read is retried after this long, not on every logged call. */
const FALLBACK_TTL_MS = 15 * 60_000;
const Disposition = z.object({ id: z.string(), label: z.string() });
const Outcomes = z.object({
  items: z.array(Disposition),
  /** Why HubSpot's list could not be read (the defaults stand in), or null. */
  fallback: z.nullable(z.string()),
});
type Outcomes = z.infer<typeof Outcomes>;
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

export interface OutcomeStatus {
  source: 'crm' | 'defaults';
  /** For Settings: what the fallback means for the rep, or null when HubSpot's list was read. */
  note: string | null;
}

function fallbackNote(reason: string): string {
  return (
    `HubSpot's list of call outcomes could not be read (${reason}), so calls are logged with ` +
    "HubSpot's six default outcomes: Connected, Busy, Left live message, Left voicemail, No answer, " +
    'Wrong number. Custom outcomes such as Gatekeeper are logged as "Left live message", with your ' +
    'outcome written in the call notes.'
  );
}

export function createDispositions(client: HubSpotClient, cache: CrmCache) {
  const key = `hubspot:${client.portalKey}:call-outcomes`;

  async function defaults(reason: string): Promise<Outcomes> {
    const outcomes = { items: HUBSPOT_DEFAULT_OUTCOMES.map((o) => ({ ...o })), fallback: reason };
    await cache.set(key, outcomes, FALLBACK_TTL_MS);
    return outcomes;
  }

  async function list(): Promise<Outcomes> {
    const cached = await cache.get(key, Outcomes);
    if (cached) return cached;
    let body: unknown;
    try {
      body = (await client.read({ method: 'GET', path: '/calling/v1/dispositions' })).body;
    } catch (error) {
      // Logging the call matters more than its outcome field: fall back to the defaults.
      if (error instanceof CrmError && error.kind === 'auth') throw error;
      const status = error instanceof CrmError && error.status ? ` ${error.status}` : '';
      return defaults(`the legacy outcomes endpoint answered${status || ' with an error'}`);
    }
    const raw = RawList.safeParse(body);
    const items = (raw.success ? raw.data : []).flatMap((item) => {
      const parsed = Disposition.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
    if (items.length === 0)
      return defaults('the legacy outcomes endpoint sent no outcomes Dealside can read');
    const outcomes = { items, fallback: null };
    await cache.set(key, outcomes, TTL_MS);
    return outcomes;
  }

  return {
    async status(): Promise<OutcomeStatus> {
      const { fallback } = await list();
      return fallback ? { source: 'defaults', note: fallbackNote(fallback) } : { source: 'crm', note: null };
    },

    async resolve(disposition: { code: string; label: string }): Promise<ResolvedDisposition> {
      const code = normalise(disposition.code);
      const known = DEFAULT_OUTCOME_GUIDS[code];
      if (known) return { id: known, bodyLine: null };
      const wanted = new Set([normalise(disposition.label), code]);
      const custom = (await list()).items.find((item) => wanted.has(normalise(item.label)));
      if (custom) return { id: custom.id, bodyLine: null };
      const bodyLine = `Outcome: ${disposition.label}`;
      if (GATEKEEPER_LIKE.test(`${disposition.code} ${disposition.label}`))
        return { id: LEFT_LIVE_MESSAGE, bodyLine };
      return { id: null, bodyLine };
    },
  };
}
export type Dispositions = ReturnType<typeof createDispositions>;
