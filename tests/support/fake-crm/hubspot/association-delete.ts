/**
 * `DELETE /crm/v4/objects/{from}/{id}/associations/{to}/{toId}`: removes every association
 * between two records, both directions (HubSpot v4 "remove all associations between two
 * records"). 204 whether or not there was one, as HubSpot answers.
 */
import { emptyReply, type Reply } from '../http';
import type { RequestContext } from '../state';
import { hsError, validationError } from './errors';
import { findRecord } from './records';
import { parseObjectType, singular } from './schema';

export function deleteBetween(
  ctx: RequestContext,
  fromRaw: string,
  fromId: string,
  toRaw: string,
  toId: string,
): Reply {
  const from = parseObjectType(fromRaw);
  const to = parseObjectType(toRaw);
  if (!from) return validationError(`Unable to infer object type from: ${fromRaw}`);
  if (!to) return validationError(`Unable to infer object type from: ${toRaw}`);
  const store = ctx.state.store.hubspot;
  if (!findRecord(store, from, fromId)) {
    return hsError(404, 'OBJECT_NOT_FOUND', `Could not find ${singular(from)} ${fromId}.`);
  }
  store.associations = store.associations.filter(
    (a) =>
      !(
        (a.fromType === from && a.fromId === fromId && a.toType === to && a.toId === toId) ||
        (a.fromType === to && a.fromId === toId && a.toType === from && a.toId === fromId)
      ),
  );
  return emptyReply(204);
}
