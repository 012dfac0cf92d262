/**
 * Writes under an idempotency key, in one of two modes:
 *
 * - External ID (`settings.logKeyField`, e.g. Dealside_Key__c: External ID + Unique on Task
 *   and Event): upsert `PATCH /sobjects/Task/<field>/<logMarker(key)>`. 201 = created, 200 =
 *   it already existed (adopted). TaskSubtype is create-only, so an upsert that hits an
 *   existing Task fails with INVALID_FIELD_FOR_INSERT_UPDATE instead of overwriting it; that
 *   failure means "already written", and the record is looked up by its key and adopted.
 * - Marker (no such field): `markerLine(key)` ends the description; `findWritten` reads the
 *   Tasks/Events of the last 30 days on the record the write was filed on (`WhatId` = the
 *   opportunity, else the account; `WhoId` = the first contact when there is neither) and
 *   matches the marker here (Salesforce cannot filter on long text areas).
 *
 * A stage change PATCHes the Opportunity (StageName + the reason field). Without a reason
 * field it travels with a companion Task in one all-or-nothing composite.
 */
import { changesNeedingNote, textFieldsWritten } from '../../deal-update';
import { opportunityUpdate, reasonTask, type DealWrite } from '../map/deal-update';
import { CrmError, isCrmError } from '../../../http/errors';
import { hasMarker, logMarker, markerLine } from '../../log-key';
import { assertAttachable, requireOpportunity } from '../../target';
import { oldestFirst } from '../../duplicates';
import type {
  ActivityKind,
  CrmWrite,
  Target,
  WriteRef,
  WrittenRecord,
  WriteResult,
} from '../../../domain/types';
import type { SalesforceClient } from '../client';
import type { Subrequest } from '../client/composite';
import { LABEL, subrequestError } from '../errors';
import { loadMetadata, type MetadataStore } from '../reads/metadata';
import { RecordWithDescription, SaveResult, parseEach } from '../schemas';
import { isSalesforceId } from '../map/values';
import { quote } from '../client/soql';
import {
  activityRecord,
  stageCompanionTask,
  stageUpdate,
  type RecordPlan,
  type StageChange,
} from '../map/writes';

export interface WriteDeps {
  client: SalesforceClient;
  metadata: MetadataStore;
  userId: string | null;
  settings: { stageReasonField: string; logKeyField: string };
}

const LOOKBACK_DAYS = 30;
const SCAN_LIMIT = 200;

function keyField(deps: WriteDeps): string | null {
  return deps.settings.logKeyField.trim() || null;
}

function keyPath(field: string, object: RecordPlan['object'], key: string): string {
  return `/sobjects/${object}/${encodeURIComponent(field)}/${logMarker(key)}`;
}

/** Refuses ids that are not Salesforce ids, and deal-only writes without an opportunity. */
function assertTarget(write: WriteRef | CrmWrite): void {
  const { opportunityId, accountId } = write.target;
  assertAttachable(write, LABEL);
  if (opportunityId !== null && !isSalesforceId(opportunityId))
    throw new CrmError('validation', `${LABEL}: "${opportunityId}" is not an opportunity id.`);
  if (opportunityId === null && accountId !== null && !isSalesforceId(accountId))
    throw new CrmError('validation', `${LABEL}: "${accountId}" is not an account id.`);
}

/** Which activities a marker lookup scans: those on the write's What, else its Who. */
function scope(target: Target): string | null {
  const what = target.opportunityId ?? target.accountId;
  if (what) return `WhatId = ${quote(what)}`;
  const who = target.contactIds.find(isSalesforceId);
  return who ? `WhoId = ${quote(who)}` : null;
}

type ActivityObject = RecordPlan['object'];
const KIND_OF_OBJECT: Record<ActivityObject, ActivityKind> = { Task: 'task', Event: 'meeting' };

/** The record holding this key (External ID mode), or null. */
async function findByKey(deps: WriteDeps, field: string, object: ActivityObject, key: string) {
  try {
    const res = await deps.client.get(`${keyPath(field, object, key)}?fields=Id,CreatedDate`, 'essential');
    const body = (res.body ?? {}) as { Id?: unknown; CreatedDate?: unknown };
    const parsed = SaveResult.safeParse({ id: body.Id });
    if (!parsed.success || !parsed.data.id) return null;
    const record: WrittenRecord = {
      id: parsed.data.id,
      kind: KIND_OF_OBJECT[object],
      createdAt: typeof body.CreatedDate === 'string' ? body.CreatedDate : null,
    };
    return record;
  } catch (error) {
    if (isCrmError(error) && error.kind === 'notFound') return null;
    throw error;
  }
}

/**
 * The records carrying one of the keys' markers in their description (marker mode), oldest
 * first. A SOQL query on WhatId/WhoId reads committed rows: no index lag.
 */
async function findByMarker(
  deps: WriteDeps,
  object: ActivityObject,
  target: Target,
  keys: readonly string[],
) {
  const where = scope(target);
  if (!where) return [];
  const records = await deps.client.query(
    `SELECT Id, Description, CreatedDate FROM ${object} WHERE ${where} AND CreatedDate = LAST_N_DAYS:${LOOKBACK_DAYS} ORDER BY CreatedDate DESC LIMIT ${SCAN_LIMIT}`,
    'essential',
  );
  return oldestFirst(
    parseEach(RecordWithDescription, records)
      .rows.filter((r) => keys.some((key) => hasMarker(r.Description, key)))
      .map((r) => ({ id: r.Id, kind: KIND_OF_OBJECT[object], createdAt: r.CreatedDate ?? null })),
  );
}

async function findRecords(
  deps: WriteDeps,
  object: ActivityObject,
  target: Target,
  keys: readonly string[],
): Promise<WrittenRecord[]> {
  const field = keyField(deps);
  if (!field) return findByMarker(deps, object, target, keys);
  const found = await Promise.all(keys.map((key) => findByKey(deps, field, object, key)));
  return oldestFirst(found.filter((record) => record !== null));
}

async function findRecord(deps: WriteDeps, object: ActivityObject, target: Target, key: string) {
  const field = keyField(deps);
  return field ? ((await findByKey(deps, field, object, key))?.id ?? null) : null;
}

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

async function reasonField(deps: WriteDeps): Promise<string | null> {
  const field = deps.settings.stageReasonField.trim();
  if (!field) return null;
  const metadata = await loadMetadata(deps.client, deps.metadata);
  // A configured field the rep cannot update (or a typo) must not block the stage change:
  // the reason then goes on the companion Task instead.
  if (metadata.facts && !metadata.facts.updateableFields.includes(field.toLowerCase())) return null;
  return field;
}

async function writeStage(deps: WriteDeps, key: string, write: StageChange): Promise<WriteResult> {
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

async function findDeal(deps: WriteDeps, keys: readonly string[], write: DealWrite): Promise<string | null> {
  const opportunityId = requireOpportunity(write, LABEL);
  if (changesNeedingNote(write).length > 0)
    return (await findRecords(deps, 'Task', write.target, keys)).length ? opportunityId : null;
  const expected = textFieldsWritten(write);
  const res = await deps.client.get(
    `/sobjects/Opportunity/${opportunityId}?fields=${encodeURIComponent(Object.keys(expected).join(','))}`,
    'essential',
  );
  const record = Object.entries((res.body ?? {}) as Record<string, unknown>);
  const value = (name: string) => record.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  return Object.entries(expected).every(([name, v]) => value(name) === v) ? opportunityId : null;
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

function objectOf(write: WriteRef): ActivityObject {
  return write.kind === 'meeting' ? 'Event' : 'Task';
}

export async function findWritten(
  deps: WriteDeps,
  keys: readonly string[],
  write: WriteRef,
): Promise<string | null> {
  assertTarget(write);
  if (write.kind === 'deal') return findDeal(deps, keys, write);
  if (write.kind !== 'stage')
    return (await findRecords(deps, objectOf(write), write.target, keys))[0]?.id ?? null;
  const opportunityId = requireOpportunity(write, LABEL);
  const field = await reasonField(deps);
  if (!field) return (await findRecords(deps, 'Task', write.target, keys)).length ? opportunityId : null;
  const res = await deps.client.get(
    `/sobjects/Opportunity/${opportunityId}?fields=${encodeURIComponent(`StageName,${field}`)}`,
    'essential',
  );
  const record = Object.entries((res.body ?? {}) as Record<string, unknown>);
  const value = (name: string) => record.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  return value('StageName') === write.stageId && value(field) === write.reason.code ? opportunityId : null;
}

/** Every record under `key`; a stage change's can only be its companion Task. */
export async function findAllWritten(
  deps: WriteDeps,
  key: string,
  write: WriteRef,
): Promise<WrittenRecord[]> {
  assertTarget(write);
  if (write.kind === 'deal')
    return changesNeedingNote(write).length ? findRecords(deps, 'Task', write.target, [key]) : [];
  if (write.kind !== 'stage') return findRecords(deps, objectOf(write), write.target, [key]);
  return (await reasonField(deps)) ? [] : findRecords(deps, 'Task', write.target, [key]);
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
