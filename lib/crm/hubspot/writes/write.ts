/**
 * Logging to HubSpot: each activity is created with its associations (deal, contacts, company;
 * contacts and company alone when no open deal fits) in the same call, so it can never exist
 * unattached; next steps and stage changes need a deal. A stage change is a PATCH on the deal
 * plus the reason (a deal property, or a note when none is configured). Writes are sent once;
 * the outbox retries after `findWritten` has checked whether an earlier attempt landed.
 */
import { changesNeedingNote, judgementValues, reasonLines, textFieldsWritten } from '../../deal-update';
import { CrmError } from '../../../http/errors';
import { assertAttachable, requireOpportunity } from '../../target';
import type {
  CrmWrite,
  DealWrite,
  StageWrite,
  Target,
  WriteRef,
  WrittenRecord,
  WriteResult,
} from '../../../domain/types';
import {
  associationsFor,
  draftOf,
  dueTimestamp,
  HUBSPOT_JUDGEMENT_PROPERTIES,
  withOwner,
  type Draft,
} from '../map/writes';
import { TYPE_OF } from '../map/activities';
import type { HubSpotClient } from '../client';
import type { Dispositions } from '../reads/dispositions';
import { existingIdFrom, isTakenUniqueValue, keyedBody, type Idempotency } from '../duplicates/find';
import type { Pipelines } from '../reads/pipelines';
import { OBJECTS } from '../reads/objects';
import { parseObject, text } from '../schemas';

export interface WriteSettings {
  /** Deal property for the stage reason code; '' = log the reason as a note instead. */
  stageReasonProperty: string;
  logKeyProperty: string;
}

export interface WriteDeps {
  client: HubSpotClient;
  settings: WriteSettings;
  dispositions: Dispositions;
  idempotency: Idempotency;
  pipelines: Pipelines;
}

/** A 400 about one of Dealside's configured properties is a settings problem, not bad data. */
function configProblem(error: CrmError, settings: WriteSettings, type: string): CrmError {
  if (error.kind !== 'validation') return error;
  const property = [settings.logKeyProperty, settings.stageReasonProperty].find(
    (name) => name && error.message.includes(name),
  );
  if (!property) return error;
  return new CrmError(
    'config',
    `HubSpot: the property "${property}" named in Dealside's settings cannot be used on ${type} (${error.message.replace(/^HubSpot:\s*/, '')}). Ask your admin to create it or clear the setting.`,
    error.details,
  );
}

export function createWrites(deps: WriteDeps) {
  const { client, settings, idempotency } = deps;

  async function createActivity(key: string, draft: Draft, target: Target): Promise<WriteResult> {
    const properties = { ...draft.properties, ...keyedBody(settings, draft.type, key, draft.body) };
    try {
      const answer = await client.write({
        method: 'POST',
        path: `${OBJECTS}/${draft.type}`,
        body: { properties, associations: associationsFor(draft.type, target) },
      });
      const created = parseObject(answer.body);
      if (!created)
        throw new CrmError('network', 'HubSpot: the answer to a logged activity could not be read.');
      return { recordId: created.id, adopted: false };
    } catch (error) {
      if (!(error instanceof CrmError)) throw error;
      if (isTakenUniqueValue(error, settings.logKeyProperty)) {
        // The unique key is taken: an earlier attempt landed. Adopt that record.
        const existing = existingIdFrom(error) ?? (await idempotency.find(draft.type, [key], target));
        if (existing) return { recordId: existing, adopted: true };
        if (error.kind === 'validation') throw new CrmError('conflict', error.message, error.details);
      }
      throw configProblem(error, settings, draft.type);
    }
  }

  async function closedReason(stageId: string, label: string): Promise<Record<string, string>> {
    const pipelines = await deps.pipelines.load().catch(() => null);
    const stage = pipelines?.flatMap((p) => p.stages).find((s) => s.id === stageId);
    if (!stage?.isClosed) return {};
    return stage.isWon ? { closed_won_reason: label } : { closed_lost_reason: label };
  }

  async function changeStage(key: string, write: StageWrite): Promise<WriteResult> {
    const dealId = requireOpportunity(write, 'HubSpot');
    const properties: Record<string, string> = {
      dealstage: write.stageId,
      ...(await closedReason(write.stageId, write.reason.label)),
      ...(settings.stageReasonProperty ? { [settings.stageReasonProperty]: write.reason.code } : {}),
    };
    try {
      await client.write({
        method: 'PATCH',
        path: `${OBJECTS}/deals/${encodeURIComponent(dealId)}`,
        body: { properties },
      });
    } catch (error) {
      throw error instanceof CrmError ? configProblem(error, settings, 'deals') : error;
    }
    if (!settings.stageReasonProperty) {
      // No property for the reason: keep it next to the deal as a note that carries the key.
      const note: Draft = {
        type: 'notes',
        body: `Stage changed to ${write.stageLabel} — reason: ${write.reason.label}`,
        properties: withOwner({ hs_timestamp: write.at }, write.target.ownerId),
      };
      const written = await createActivity(key, note, write.target);
      return { recordId: dealId, adopted: written.adopted };
    }
    return { recordId: dealId, adopted: false };
  }

  async function findStage(keys: readonly string[], write: StageWrite): Promise<string | null> {
    const dealId = requireOpportunity(write, 'HubSpot');
    const reasonProperty = settings.stageReasonProperty;
    let deal;
    try {
      const answer = await client.read({
        method: 'GET',
        path: `${OBJECTS}/deals/${encodeURIComponent(dealId)}`,
        query: { properties: ['dealstage', ...(reasonProperty ? [reasonProperty] : [])] },
      });
      deal = parseObject(answer.body);
    } catch (error) {
      if (error instanceof CrmError && error.kind === 'notFound') return null;
      throw error;
    }
    if (!deal || text(deal.props, 'dealstage') !== write.stageId) return null;
    if (reasonProperty) return text(deal.props, reasonProperty) === write.reason.code ? dealId : null;
    return (await idempotency.find('notes', keys, write.target)) ? dealId : null;
  }

  /** Qualification values, judgement changes and their reasons in one PATCH of the deal. */
  async function updateDeal(key: string, write: DealWrite): Promise<WriteResult> {
    const dealId = requireOpportunity(write, 'HubSpot');
    const properties = {
      ...textFieldsWritten(write),
      ...judgementValues(write, HUBSPOT_JUDGEMENT_PROPERTIES, (kind, value) =>
        kind === 'closeDate' ? dueTimestamp(value) : value,
      ),
    };
    try {
      await client.write({
        method: 'PATCH',
        path: `${OBJECTS}/deals/${encodeURIComponent(dealId)}`,
        body: { properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, String(v)])) },
      });
    } catch (error) {
      throw error instanceof CrmError ? configProblem(error, settings, 'deals') : error;
    }
    const unrecorded = changesNeedingNote(write);
    if (unrecorded.length === 0) return { recordId: dealId, adopted: false };
    const note: Draft = {
      type: 'notes',
      body: reasonLines(unrecorded).join('\n'),
      properties: withOwner({ hs_timestamp: write.at }, write.target.ownerId),
    };
    const written = await createActivity(key, note, write.target);
    return { recordId: dealId, adopted: written.adopted };
  }

  async function findDealUpdate(keys: readonly string[], write: DealWrite): Promise<string | null> {
    const dealId = requireOpportunity(write, 'HubSpot');
    if (changesNeedingNote(write).length > 0)
      return (await idempotency.find('notes', keys, write.target)) ? dealId : null;
    const expected = textFieldsWritten(write);
    let deal;
    try {
      const answer = await client.read({
        method: 'GET',
        path: `${OBJECTS}/deals/${encodeURIComponent(dealId)}`,
        query: { properties: Object.keys(expected) },
      });
      deal = parseObject(answer.body);
    } catch (error) {
      if (error instanceof CrmError && error.kind === 'notFound') return null;
      throw error;
    }
    if (!deal) return null;
    return Object.entries(expected).every(([name, value]) => text(deal.props, name) === value)
      ? dealId
      : null;
  }

  return {
    async write(key: string, write: CrmWrite): Promise<WriteResult> {
      assertAttachable(write, 'HubSpot');
      if (write.kind === 'stage') return changeStage(key, write);
      if (write.kind === 'deal') return updateDeal(key, write);
      const outcome = write.kind === 'call' ? await deps.dispositions.resolve(write.disposition) : null;
      return createActivity(key, draftOf(write, outcome), write.target);
    },
    async findWritten(keys: readonly string[], write: WriteRef): Promise<string | null> {
      assertAttachable(write, 'HubSpot');
      if (write.kind === 'stage') return findStage(keys, write);
      if (write.kind === 'deal') return findDealUpdate(keys, write);
      return idempotency.find(TYPE_OF[write.kind], keys, write.target);
    },
    /** A stage change's duplicates can only be its reason note (a PATCH repeats harmlessly). */
    async findAllWritten(key: string, write: WriteRef): Promise<WrittenRecord[]> {
      assertAttachable(write, 'HubSpot');
      if (write.kind === 'deal')
        return changesNeedingNote(write).length ? idempotency.findAll('notes', key, write.target) : [];
      if (write.kind !== 'stage') return idempotency.findAll(TYPE_OF[write.kind], key, write.target);
      return settings.stageReasonProperty ? [] : idempotency.findAll('notes', key, write.target);
    },
    removeRecord(record: Pick<WrittenRecord, 'id' | 'kind'>): Promise<void> {
      return idempotency.remove(TYPE_OF[record.kind], record.id);
    },
  };
}
