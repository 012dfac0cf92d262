/**
 * "Never log the same thing twice" on HubSpot, which has no Idempotency-Key. Two modes:
 *  - a unique text property on the activity objects (`settings.logKeyProperty`, e.g.
 *    `dealside_log_key`): every record carries `logMarker(key)` there, a repeat create is
 *    refused (409, or 400 "already has that value") and the existing record is adopted;
 *    lookups batch-read by that property (`idProperty`), which sees new records at once, unlike search;
 *  - no such property: `markerLine(key)` is appended to the body, and lookups read the deal's
 *    newest activities of that type and look for the marker (without a deal: the first
 *    contact's, else the company's, the records the activity was created with). Search is not
 *    used: bodies are not searchable and new records reach the search index only after a
 *    delay, which is exactly when a lost response is being checked. Without a unique property
 *    nothing stops a second record (Chromium itself resends a POST on a dropped keep-alive
 *    socket), so the outbox looks before writing and reconciles after (`findAll`, `remove`).
 */
import { CrmError } from '../../../http/errors';
import { hasMarker, logMarker, markerLine } from '../../log-key';
import { oldestFirst } from '../../duplicates';
import type { Target, WrittenRecord } from '../../../domain/types';
import { BODY_PROPERTY, KIND_OF, type ActivityType } from '../map/activities';
import type { HubSpotClient } from '../client';
import { newestIds, OBJECTS, readObjects } from '../reads/objects';
import { dateOf, parseObjectAssociations } from '../schemas';

const SCAN_LIMIT = 100;

/** The record whose associations a marker lookup scans. */
interface Anchor {
  type: 'deals' | 'contacts' | 'companies';
  id: string;
}

type Attached = Pick<Target, 'opportunityId' | 'accountId' | 'contactIds'>;

/**
 * Every activity is created associated with all of these, so any one will do: the deal, else
 * the first contact (fewer activities to scan than a whole company), else the company.
 */
function anchorOf(target: Attached): Anchor | null {
  if (target.opportunityId) return { type: 'deals', id: target.opportunityId };
  const contact = target.contactIds[0];
  if (contact) return { type: 'contacts', id: contact };
  return target.accountId ? { type: 'companies', id: target.accountId } : null;
}

export interface IdempotencySettings {
  /** Unique property on activity objects holding the marker; '' when the portal has none. */
  logKeyProperty: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/** Plain text → the HTML HubSpot stores in note/call/meeting/task bodies (escaped, line breaks kept). */
export function textToHtml(value: string): string {
  return escapeHtml(value).replace(/\r?\n/g, '<br>');
}

/**
 * The properties that carry the key: the unique property, or the body with the marker line.
 * `body` is plain text; HTML body properties get it escaped.
 */
export function keyedBody(
  settings: IdempotencySettings,
  type: ActivityType,
  key: string,
  body: string,
): Record<string, string> {
  const html = type !== 'emails';
  const withMarker = settings.logKeyProperty
    ? body
    : body
      ? `${body}\n\n${markerLine(key)}`
      : markerLine(key);
  const out: Record<string, string> = { [BODY_PROPERTY[type]]: html ? textToHtml(withMarker) : withMarker };
  if (settings.logKeyProperty) out[settings.logKeyProperty] = logMarker(key);
  return out;
}

/** HubSpot's 409 for a unique value names the record that holds it: "… Existing ID: 123". */
export function existingIdFrom(error: CrmError): string | null {
  return /Existing ID:\s*(\d+)/i.exec(error.message)?.[1] ?? null;
}

/**
 * HubSpot's answers to a second record with a taken unique value: 409 naming the holder
 * ("Existing ID: 123", documented for contacts), or 400 VALIDATION_ERROR "… already has that
 * value" without the id (reported for custom unique properties). Both mean "already written".
 */
export function isTakenUniqueValue(error: CrmError, property: string): boolean {
  if (!property) return false;
  if (error.kind === 'conflict') return true;
  return (
    error.kind === 'validation' &&
    /already has that value|already exists|must be unique|unique value/i.test(error.message) &&
    error.message.includes(property)
  );
}

const CREATED = 'hs_createdate';

export function createIdempotency(client: HubSpotClient, settings: IdempotencySettings) {
  /** All keys in one batch read by the unique property (misses are normal). */
  async function byUniqueProperty(type: ActivityType, keys: readonly string[]): Promise<WrittenRecord[]> {
    const property = settings.logKeyProperty;
    const read = await readObjects(client, type, keys.map(logMarker), [property, CREATED], {
      idProperty: property,
    });
    return read.objects.map((found) => ({
      id: found.id,
      kind: KIND_OF[type],
      createdAt: dateOf(found.props, CREATED),
    }));
  }

  /**
   * Records of `type` on the anchor whose body carries one of the keys' markers. Associations
   * and batch reads see a record as soon as it is created, unlike search.
   */
  async function byMarker(type: ActivityType, keys: readonly string[], anchor: Anchor) {
    let ids: string[];
    try {
      const answer = await client.read({
        method: 'GET',
        path: `/crm/v4/objects/${anchor.type}/${encodeURIComponent(anchor.id)}/associations/${type}`,
        query: { limit: '500' },
      });
      ids = parseObjectAssociations(answer.body);
    } catch (error) {
      // The record is gone: nothing can have been logged to it, and the write will say why.
      if (error instanceof CrmError && error.kind === 'notFound') return [];
      throw error;
    }
    const body = BODY_PROPERTY[type];
    const read = await readObjects(client, type, newestIds(ids, SCAN_LIMIT), [body, CREATED]);
    return read.objects
      .filter((record) => keys.some((key) => hasMarker(record.props[body], key)))
      .map((record): WrittenRecord => ({
        id: record.id,
        kind: KIND_OF[type],
        createdAt: dateOf(record.props, CREATED),
      }));
  }

  async function all(
    type: ActivityType,
    keys: readonly string[],
    target: Attached,
  ): Promise<WrittenRecord[]> {
    if (settings.logKeyProperty) {
      return oldestFirst(await byUniqueProperty(type, keys));
    }
    const anchor = anchorOf(target);
    return anchor ? oldestFirst(await byMarker(type, keys, anchor)) : [];
  }

  return {
    /** The oldest activity written under any of `keys` to this target, or null. */
    async find(type: ActivityType, keys: readonly string[], target: Attached): Promise<string | null> {
      return (await all(type, keys, target))[0]?.id ?? null;
    },
    /** Every activity written under `key` to this target, oldest first. */
    findAll(type: ActivityType, key: string, target: Attached): Promise<WrittenRecord[]> {
      return all(type, [key], target);
    },
    /** Archives a duplicate; one already gone is fine. */
    async remove(type: ActivityType, id: string): Promise<void> {
      try {
        await client.write({ method: 'DELETE', path: `${OBJECTS}/${type}/${encodeURIComponent(id)}` });
      } catch (error) {
        if (error instanceof CrmError && error.kind === 'notFound') return;
        throw error;
      }
    },
  };
}
export type Idempotency = ReturnType<typeof createIdempotency>;
