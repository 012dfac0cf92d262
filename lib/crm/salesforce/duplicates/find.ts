/**
 * Finding what an earlier attempt wrote under an idempotency key (how each mode stores the key:
 * writes/write.ts):
 *
 * - External ID (`settings.logKeyField`): the record is read by its key, one GET per key.
 * - Marker (no such field): `markerLine(key)` ends the description; `findWritten` reads the
 *   Tasks/Events of the last 30 days on the record the write was filed on (`WhatId` = the
 *   opportunity, else the account; `WhoId` = the first contact when there is neither) and
 *   matches the marker here (Salesforce cannot filter on long text areas).
 */
import { changesNeedingNote, textFieldsWritten } from '../../deal-update';
import type { DealWrite } from '../../../domain/types';
import { CrmError, isCrmError } from '../../../http/errors';
import { hasMarker, logMarker } from '../../log-key';
import { assertAttachable, requireOpportunity } from '../../target';
import { oldestFirst } from '../../duplicates';
import type { ActivityKind, CrmWrite, Target, WriteRef, WrittenRecord } from '../../../domain/types';
import type { SalesforceClient } from '../client';
import { LABEL } from '../errors';
import { loadMetadata, type MetadataStore } from '../reads/metadata';
import { RecordWithDescription, SaveResult, parseEach } from '../schemas';
import { isSalesforceId } from '../map/values';
import { quote } from '../client/soql';
import type { RecordPlan } from '../map/writes';

export interface WriteDeps {
  client: SalesforceClient;
  metadata: MetadataStore;
  userId: string | null;
  settings: { stageReasonField: string; logKeyField: string };
}

const LOOKBACK_DAYS = 30;
const SCAN_LIMIT = 200;

export function keyField(deps: WriteDeps): string | null {
  return deps.settings.logKeyField.trim() || null;
}

export function keyPath(field: string, object: RecordPlan['object'], key: string): string {
  return `/sobjects/${object}/${encodeURIComponent(field)}/${logMarker(key)}`;
}

/** Refuses ids that are not Salesforce ids, and deal-only writes without an opportunity. */
export function assertTarget(write: WriteRef | CrmWrite): void {
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
export async function findByKey(deps: WriteDeps, field: string, object: ActivityObject, key: string) {
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

export async function findRecord(deps: WriteDeps, object: ActivityObject, target: Target, key: string) {
  const field = keyField(deps);
  return field ? ((await findByKey(deps, field, object, key))?.id ?? null) : null;
}

export async function reasonField(deps: WriteDeps): Promise<string | null> {
  const field = deps.settings.stageReasonField.trim();
  if (!field) return null;
  const metadata = await loadMetadata(deps.client, deps.metadata);
  // A configured field the rep cannot update (or a typo) must not block the stage change:
  // the reason then goes on the companion Task instead.
  if (metadata.facts && !metadata.facts.updateableFields.includes(field.toLowerCase())) return null;
  return field;
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
