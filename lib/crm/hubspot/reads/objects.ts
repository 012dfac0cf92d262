/**
 * Batched reads: objects by id (or by a unique property such as email) and v4 associations.
 * Batch endpoints have no search limit and no indexing delay, so they are preferred over
 * search. Chunks of one read run in parallel, so a read is one round trip however large.
 */
import { unique } from '../../unique';
import type { HubSpotClient } from '../client';
import { parseAssociations, parseObjects, type AssociatedId, type HsObject } from '../schemas';

export const OBJECTS = '/crm/v3/objects';
export const ASSOCIATIONS = '/crm/v4/associations';

const BATCH_READ_MAX = 100;
const ASSOCIATION_READ_MAX = 1000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The `max` newest ids. HubSpot ids grow over time, so when a record has more associations than
 * Dealside reads, the most recently created ones are kept.
 */
export function newestIds(ids: string[], max: number): string[] {
  return unique(ids).sort(newestFirst).slice(0, max);
}

function newestFirst(a: string, b: string): number {
  const numeric = /^\d+$/;
  // Numeric strings compared by length, then digits: no precision loss on 17-digit ids.
  if (numeric.test(a) && numeric.test(b) && a.length !== b.length) return b.length - a.length;
  return a < b ? 1 : a > b ? -1 : 0;
}

export interface ObjectRead {
  objects: HsObject[];
  /** Records that came back in a shape Dealside could not read. */
  dropped: number;
}

export async function readObjects(
  client: HubSpotClient,
  type: string,
  ids: string[],
  properties: string[],
  options: { idProperty?: string; propertiesWithHistory?: string[] } = {},
): Promise<ObjectRead> {
  const inputs = unique(ids);
  if (inputs.length === 0) return { objects: [], dropped: 0 };
  const answers = await Promise.all(
    chunks(inputs, BATCH_READ_MAX).map((chunk) =>
      client.read({
        method: 'POST',
        path: `${OBJECTS}/${type}/batch/read`,
        body: {
          properties,
          propertiesWithHistory: options.propertiesWithHistory ?? [],
          ...(options.idProperty ? { idProperty: options.idProperty } : {}),
          // 207 with "not found" errors for misses is normal (unknown emails).
          inputs: chunk.map((id) => ({ id })),
        },
      }),
    ),
  );
  const objects: HsObject[] = [];
  let dropped = 0;
  for (const answer of answers) {
    const parsed = parseObjects(answer.body);
    objects.push(...parsed.objects);
    dropped += parsed.dropped;
  }
  return { objects, dropped };
}

export interface AssociationRead {
  byFrom: Map<string, AssociatedId[]>;
  /** Some record had more associations than one page. */
  truncated: boolean;
  dropped: number;
}

/** v4 batch read; records without associations (HubSpot reports them as 207 errors) map to none. */
export async function readAssociations(
  client: HubSpotClient,
  from: string,
  to: string,
  ids: string[],
): Promise<AssociationRead> {
  const inputs = unique(ids);
  const result: AssociationRead = { byFrom: new Map(), truncated: false, dropped: 0 };
  if (inputs.length === 0) return result;
  const answers = await Promise.all(
    chunks(inputs, ASSOCIATION_READ_MAX).map((chunk) =>
      client.read({
        method: 'POST',
        path: `${ASSOCIATIONS}/${from}/${to}/batch/read`,
        body: { inputs: chunk.map((id) => ({ id })) },
      }),
    ),
  );
  for (const answer of answers) {
    const parsed = parseAssociations(answer.body);
    for (const [id, targets] of parsed.byFrom) result.byFrom.set(id, targets);
    result.truncated ||= parsed.truncated;
    result.dropped += parsed.dropped;
  }
  return result;
}

/** Every target id of an association read. */
export function targetIds(read: AssociationRead): string[] {
  return unique([...read.byFrom.values()].flatMap((targets) => targets.map((target) => target.id)));
}
