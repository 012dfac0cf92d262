/**
 * The engagements API's "associated engagements" list: every email, call, meeting, note and
 * task associated with a record, each with its associations and type-specific metadata, paged
 * by `offset`/`limit` (≤ 100). Built from the same records the v3 object routes serve. Without
 * the sales-email-read scope, emails keep their place but lose their content, as documented.
 */
import { jsonReply, type Reply } from '../http';
import type { RequestContext } from '../state';
import type { HsActivityType, HsObjectType, HsRecord } from '../store/types';
import { associatedIds } from './associations';
import type { HsPrincipal } from './auth';
import { notFound, validationError } from './errors';
import { findRecord } from './records';

const OBJECT_TYPES: Record<string, HsObjectType> = {
  CONTACT: 'contacts',
  COMPANY: 'companies',
  DEAL: 'deals',
};
const KINDS: HsActivityType[] = ['emails', 'calls', 'meetings', 'notes', 'tasks'];

const ms = (value: string | null | undefined) => {
  const at = value ? Date.parse(value) : NaN;
  return Number.isFinite(at) ? at : null;
};
const split = (value: string | null | undefined) =>
  (value ?? '')
    .split(/[;,]/)
    .map((part) => part.trim())
    .filter(Boolean);

function engagementType(kind: HsActivityType, record: HsRecord): string {
  if (kind !== 'emails') return kind.slice(0, -1).toUpperCase();
  return record.properties.hs_email_direction ?? 'EMAIL';
}

function metadataOf(kind: HsActivityType, r: HsRecord, emailsVisible: boolean): Record<string, unknown> {
  const p = r.properties;
  switch (kind) {
    case 'emails':
      if (!emailsVisible)
        return {
          cc: [],
          to: [],
          bcc: [],
          validationSkipped: [],
          html: 'The content of this email has been redacted. To include it in the response, your app must require the sales-email-read scope.',
        };
      return {
        from: {
          email: p.hs_email_from_email ?? null,
          firstName: p.hs_email_from_firstname ?? null,
          lastName: p.hs_email_from_lastname ?? null,
        },
        to: split(p.hs_email_to_email).map((email) => ({ email })),
        cc: [],
        bcc: [],
        subject: p.hs_email_subject ?? null,
        text: p.hs_email_text ?? null,
        html: p.hs_email_html ?? null,
      };
    case 'calls':
      return {
        title: p.hs_call_title ?? null,
        body: p.hs_call_body ?? null,
        status: p.hs_call_status ?? null,
        disposition: p.hs_call_disposition ?? null,
        durationMilliseconds: Number(p.hs_call_duration ?? 0) || null,
      };
    case 'meetings':
      return {
        title: p.hs_meeting_title ?? null,
        body: p.hs_meeting_body ?? null,
        startTime: ms(p.hs_meeting_start_time),
        endTime: ms(p.hs_meeting_end_time),
      };
    case 'notes':
      return { body: p.hs_note_body ?? null };
    case 'tasks':
      return {
        subject: p.hs_task_subject ?? null,
        body: p.hs_task_body ?? null,
        status: p.hs_task_status ?? null,
        taskType: p.hs_task_type ?? null,
        completionDate: ms(p.hs_task_completion_date),
      };
  }
}

function serialize(ctx: RequestContext, kind: HsActivityType, r: HsRecord, emailsVisible: boolean) {
  const store = ctx.state.store.hubspot;
  const hidden = kind === 'emails' && !emailsVisible;
  const owner = r.properties.hubspot_owner_id;
  return {
    engagement: {
      id: Number(r.id),
      portalId: store.portalId,
      active: true,
      createdAt: ms(r.createdAt),
      lastUpdated: ms(r.updatedAt),
      ...(owner && !hidden ? { ownerId: Number(owner) } : {}),
      type: engagementType(kind, r),
      timestamp: ms(r.properties.hs_timestamp),
      ...(hidden ? {} : { bodyPreview: r.properties.hs_body_preview ?? null }),
    },
    associations: {
      contactIds: associatedIds(store, kind, r.id, 'contacts').map(Number),
      companyIds: associatedIds(store, kind, r.id, 'companies').map(Number),
      dealIds: associatedIds(store, kind, r.id, 'deals').map(Number),
      ownerIds: [],
    },
    attachments: [],
    metadata: metadataOf(kind, r, emailsVisible),
  };
}

export function associatedEngagements(
  ctx: RequestContext,
  objectTypeRaw: string,
  objectId: string,
  principal: HsPrincipal,
): Reply {
  const type = OBJECT_TYPES[objectTypeRaw.toUpperCase()];
  if (!type) return validationError(`Unknown object type ${objectTypeRaw}`);
  const store = ctx.state.store.hubspot;
  if (!findRecord(store, type, objectId)) return notFound(`No ${objectTypeRaw} with id ${objectId}`);
  const limit = Number(ctx.query.get('limit') ?? '10');
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return validationError('limit must be between 1 and 100');
  const offset = Number(ctx.query.get('offset') ?? '0') || 0;
  const emailsVisible = principal.scopes === null || principal.scopes.has('sales-email-read');
  const all = KINDS.flatMap((kind) =>
    associatedIds(store, type, objectId, kind).flatMap((id) => {
      const record = findRecord(store, kind, id);
      return record && !record.archived ? [{ kind, record }] : [];
    }),
  ).sort((a, b) => Number(a.record.id) - Number(b.record.id));
  const page = all.slice(offset, offset + limit);
  return jsonReply(200, {
    results: page.map(({ kind, record }) => serialize(ctx, kind, record, emailsVisible)),
    hasMore: offset + limit < all.length,
    offset: offset + page.length,
  });
}
