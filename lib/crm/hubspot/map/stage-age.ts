/**
 * When did the deal enter its current stage? HubSpot's stage-calculated properties say so
 * directly (`hs_v2_date_entered_<stageId>`, `hs_v2_date_entered_current_stage`; availability
 * varies by tier); otherwise the `dealstage` history read in the same request tells, and the rep
 * is told the figure is derived.
 */
import type { Notes } from './notes';
import type { Pipeline } from '../../../domain/types';
import { dateOf, isoDate, text, type HistoryValue, type HsObject } from '../schemas';
import { unique } from '../../unique';

/** Per-stage "date entered" properties asked for when the stage ids are known (cached pipelines). */
const MAX_STAGE_PROPERTIES = 60;

export const STAGE_FROM_HISTORY_NOTE =
  "HubSpot's stage-entry date is not available; stage age comes from the deal's stage history.";
export const STAGE_UNKNOWN_NOTE = 'HubSpot did not say when this deal entered its current stage.';

export function stageEnteredProperties(pipelines: Pipeline[] | null): string[] {
  const ids = unique((pipelines ?? []).flatMap((p) => p.stages.map((s) => s.id)));
  return ids.slice(0, MAX_STAGE_PROPERTIES).map((id) => `hs_v2_date_entered_${id}`);
}

/** Start of the latest unbroken run of the current stage in the history (newest first or not). */
export function enteredFromHistory(
  history: HistoryValue[] | undefined,
  stageId: string | null,
): string | null {
  if (!history || !stageId) return null;
  const entries = history
    .map((entry) => ({ value: entry.value, at: isoDate(entry.timestamp) }))
    .filter((entry): entry is { value: string | null; at: string } => entry.at !== null)
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  let entered: string | null = null;
  for (const entry of entries) {
    if (entry.value !== stageId) break;
    entered = entry.at;
  }
  return entered;
}

export function stageEnteredAt(deal: HsObject, notes: Notes): string | null {
  const stageId = text(deal.props, 'dealstage');
  const direct =
    (stageId ? dateOf(deal.props, `hs_v2_date_entered_${stageId}`) : null) ??
    dateOf(deal.props, 'hs_v2_date_entered_current_stage');
  if (direct) return direct;
  const fromHistory = enteredFromHistory(deal.history.dealstage, stageId);
  notes.add(fromHistory ? STAGE_FROM_HISTORY_NOTE : STAGE_UNKNOWN_NOTE);
  return fromHistory;
}
