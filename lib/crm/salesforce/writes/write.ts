/**
 * Writes under an idempotency key, in one of two modes:
 *
 * - External ID (`settings.logKeyField`, e.g. Dealside_Key__c: External ID + Unique on Task
 *   and Event): upsert `PATCH /sobjects/Task/<field>/<logMarker(key)>`. 201 = created, 200 =
 *   it already existed (adopted). TaskSubtype is create-only, so an upsert that hits an
 *   existing Task fails with INVALID_FIELD_FOR_INSERT_UPDATE instead of overwriting it; that
 *   failure means "already written", and the record is looked up by its key and adopted.
 * - Marker (no such field): `markerLine(key)` ends the description (duplicates/find.ts finds it).
 *
 * A stage change PATCHes the Opportunity (StageName + the reason field). Without a reason
 * field it travels with a companion Task in one all-or-nothing composite.
 */
import { changesNeedingNote } from '../../deal-update';
import { CrmError, isCrmError } from '../../../http/errors';
import { markerLine } from '../../log-key';
import { requireOpportunity } from '../../target';
import type { CrmWrite, DealWrite, StageWrite, WrittenRecord, WriteResult } from '../../../domain/types';
import type { Subrequest } from '../client/composite';
import {
  assertTarget,
  findByKey,
  findRecord,
  keyField,
  keyPath,
  reasonField,
  type WriteDeps,
} from '../duplicates/find';
import { LABEL, subrequestError } from '../errors';
import { opportunityUpdate, reasonTask } from '../map/deal-update';
import { isSalesforceId } from '../map/values';
import { activityRecord, stageCompanionTask, stageUpdate, type RecordPlan } from '../map/writes';
import { SaveResult } from '../schemas';

const alreadyThere = (error: unknown) =>
  isCrmError(error) && error.details.code === 'INVALID_FIELD_FOR_INSERT_UPDATE';

async function upsert(deps: WriteDeps, field: string, plan: RecordPlan, key: string): Promise<WriteResult> {
  let refused: unknown = null;
  try {
    const res = await deps.client.write('PATCH', keyPath(field, plan.object, key), plan.fields);
    const saved = SaveResult.safeParse(res.body);
    if (saved.success && saved.data.id) {
      return { recordId: saved.data.id, adopted: saved.data.created === false || res.status === 200 };
    }
    // Older API versions answer an update with 204 and no body: look the record up.
  } catch (error) {
    if (!alreadyThere(error)) throw error;
    refused = error;
  }
  const found = await findByKey(deps, field, plan.object, key);
  if (found) return { recordId: found.id, adopted: true };
  // Nothing holds the key, so the refusal was about the rep's field access, not a duplicate.
  throw (
    refused ??
    new CrmError('conflict', `${LABEL}: the record was saved but could not be found by its Dealside key.`)
  );
}

async function create(deps: WriteDeps, plan: RecordPlan): Promise<WriteResult> {
  const res = await deps.client.write('POST', `/sobjects/${plan.object}`, plan.fields);
  const saved = SaveResult.safeParse(res.body);
  if (!saved.success || !saved.data.id)
    throw new CrmError('network', `${LABEL}: the answer to a saved record could not be read.`);
  return { recordId: saved.data.id, adopted: false };
}

async function writeStage(deps: WriteDeps, key: string, write: StageWrite): Promise<WriteResult> {
  const opportunityId = requireOpportunity(write, LABEL);
  const oppPath = `/sobjects/Opportunity/${opportunityId}`;
  const field = await reasonField(deps);
  if (field) {
    await deps.client.write('PATCH', oppPath, stageUpdate(write, field));
    return { recordId: opportunityId, adopted: false };
  }
  const ext = keyField(deps);
  const task = stageCompanionTask(write, { userId: deps.userId, marker: ext ? null : markerLine(key) });
  const dataPath = deps.client.dataPath;
  const subrequests: Subrequest[] = [
    { method: 'PATCH', url: dataPath + oppPath, referenceId: 'stage', body: stageUpdate(write, null) },
    ext
      ? {
          method: 'PATCH',
          url: dataPath + keyPath(ext, 'Task', key),
          referenceId: 'reason',
          body: task.fields,
        }
      : { method: 'POST', url: `${dataPath}/sobjects/Task`, referenceId: 'reason', body: task.fields },
  ];
  const results = await deps.client.composite(subrequests, { write: true, allOrNone: true });
  const reason = results.get('reason');
  const stage = results.get('stage');
  if (stage && stage.status < 300 && reason && reason.status < 300) {
    const saved = SaveResult.safeParse(reason.body);
    return { recordId: opportunityId, adopted: saved.success && saved.data.created === false };
  }
  // All or nothing: find the subrequest that failed (the other one says PROCESSING_HALTED).
  const errors = [stage, reason]
    .filter((r) => r && r.status >= 300)
    .map((r) => subrequestError(r?.status ?? 500, r?.body));
  const cause = errors.find((e) => e.details.code !== 'PROCESSING_HALTED') ?? errors[0];
  // The companion Task exists already: an earlier attempt landed both halves together.
  if (ext && alreadyThere(cause) && (await findRecord(deps, 'Task', write.target, key)))
    return { recordId: opportunityId, adopted: true };
  throw cause ?? new CrmError('transient', `${LABEL}: the stage change answer could not be read.`);
}

/**
 * Qualification values, judgement changes and their reason fields in one PATCH of the
 * Opportunity; reasons without a field go on a completed Task next to it, keyed like any log.
 */
async function writeDeal(deps: WriteDeps, key: string, write: DealWrite): Promise<WriteResult> {
  const opportunityId = requireOpportunity(write, LABEL);
  await deps.client.write('PATCH', `/sobjects/Opportunity/${opportunityId}`, opportunityUpdate(write));
  const unrecorded = changesNeedingNote(write);
  if (unrecorded.length === 0) return { recordId: opportunityId, adopted: false };
  const ext = keyField(deps);
  const task = reasonTask(write, unrecorded, { userId: deps.userId, marker: ext ? null : markerLine(key) });
  const written = ext ? await upsert(deps, ext, task, key) : await create(deps, task);
  return { recordId: opportunityId, adopted: written.adopted };
}

export async function performWrite(deps: WriteDeps, key: string, write: CrmWrite): Promise<WriteResult> {
  assertTarget(write);
  if (write.kind === 'stage') return writeStage(deps, key, write);
  if (write.kind === 'deal') return writeDeal(deps, key, write);
  const ext = keyField(deps);
  const plan = activityRecord(write, {
    userId: deps.userId,
    marker: ext ? null : markerLine(key),
  });
  return ext ? upsert(deps, ext, plan, key) : create(deps, plan);
}

/** Deletes a duplicate Task or Event; one already deleted is fine. */
export async function removeRecord(
  deps: WriteDeps,
  record: Pick<WrittenRecord, 'id' | 'kind'>,
): Promise<void> {
  if (!isSalesforceId(record.id))
    throw new CrmError('validation', `${LABEL}: "${record.id}" is not a record id.`);
  const object = record.kind === 'meeting' ? 'Event' : 'Task';
  try {
    await deps.client.write('DELETE', `/sobjects/${object}/${record.id}`, undefined);
  } catch (error) {
    if (isCrmError(error) && error.kind === 'notFound') return;
    throw error;
  }
}
