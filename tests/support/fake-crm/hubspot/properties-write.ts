/**
 * Creating properties and property groups (`POST /crm/v3/properties/{type}` and `/groups`), as
 * far as Dealside uses them: its own unique log-key property on the activity objects. Any other
 * property is refused, so a test cannot rely on the fake inventing a schema.
 */
import { jsonReply, type Reply } from '../http';
import type { RequestContext } from '../state';
import { hsError, validationError } from './errors';
import { objectTypeOr400 } from './objects';
import { isActivityType } from './schema';

const LOG_KEY = 'dealside_log_key';

function bodyOf(ctx: RequestContext): Record<string, unknown> | null {
  const body = ctx.body.kind === 'json' ? ctx.body.value : null;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}

export function createGroup(ctx: RequestContext, typeRaw: string): Reply {
  const type = objectTypeOr400(typeRaw);
  if (typeof type !== 'string') return type;
  const body = bodyOf(ctx);
  if (typeof body?.name !== 'string' || typeof body.label !== 'string')
    return validationError('Property group requires name and label.');
  const groups = (ctx.state.store.hubspot.propertyGroups ??= new Set<string>());
  const key = `${type}:${body.name}`;
  if (groups.has(key))
    return hsError(409, 'CONFLICT', `A property group named '${body.name}' already exists.`);
  groups.add(key);
  return jsonReply(201, { name: body.name, label: body.label, displayOrder: -1, archived: false });
}

export function createProperty(ctx: RequestContext, typeRaw: string): Reply {
  const type = objectTypeOr400(typeRaw);
  if (typeof type !== 'string') return type;
  const body = bodyOf(ctx);
  if (
    !body ||
    typeof body.name !== 'string' ||
    typeof body.type !== 'string' ||
    typeof body.fieldType !== 'string'
  )
    return validationError('Property requires name, label, type, fieldType and groupName.');
  if (body.name !== LOG_KEY || !isActivityType(type))
    return validationError(`The fake CRM only creates ${LOG_KEY} on activity objects.`);
  const groups = ctx.state.store.hubspot.propertyGroups ?? new Set<string>();
  if (
    typeof body.groupName !== 'string' ||
    (body.groupName !== 'information' && !groups.has(`${type}:${body.groupName}`))
  )
    return validationError(`Property group ${String(body.groupName)} does not exist.`);
  if (ctx.state.store.settings.hubspotUniqueLogKey)
    return hsError(409, 'CONFLICT', `A property named '${LOG_KEY}' already exists.`);
  if (body.hasUniqueValue !== true) return validationError('Dealside needs hasUniqueValue: true.');
  // The fake's schema has the key on all five activity objects or on none.
  ctx.state.store.settings.hubspotUniqueLogKey = true;
  return jsonReply(201, {
    name: LOG_KEY,
    label: body.label,
    type: 'string',
    fieldType: 'text',
    hasUniqueValue: true,
  });
}
