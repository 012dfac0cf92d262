/**
 * What each write becomes in HubSpot: the activity's properties and body (the idempotency key is
 * added by duplicates/find.ts), its associations, and the deal properties of judgement calls.
 * Pure: writes/write.ts sends them.
 */
import type { ActivityWrite, Target } from '../../../domain/types';
import { unique } from '../../unique';
import type { ResolvedDisposition } from '../reads/dispositions';
import { ASSOCIATION_TYPE_IDS, type ActivityType } from './activities';

export interface Draft {
  type: ActivityType;
  properties: Record<string, string>;
  /** Plain text; becomes the body property together with the idempotency marker. */
  body: string;
}

export const MEETING_OUTCOME: Record<string, string> = {
  completed: 'COMPLETED',
  scheduled: 'SCHEDULED',
  rescheduled: 'RESCHEDULED',
  'no show': 'NO_SHOW',
  canceled: 'CANCELED',
};

export function person(address: { email: string; name: string }) {
  const [firstName = '', ...rest] = address.name.trim().split(/\s+/);
  return { email: address.email, firstName, lastName: rest.join(' ') };
}

export function withOwner(
  properties: Record<string, string>,
  ownerId: string | null,
): Record<string, string> {
  return ownerId ? { ...properties, hubspot_owner_id: ownerId } : properties;
}

/** HubSpot's own deal properties for the judgement calls (`hs_manual_forecast_category` is the editable forecast). */
export const HUBSPOT_JUDGEMENT_PROPERTIES = {
  closeDate: 'closedate',
  forecastCategory: 'hs_manual_forecast_category',
  amount: 'amount',
} as const;

/** A due date (YYYY-MM-DD) at noon UTC: the same calendar day in every time zone from -11 to +11. */
export function dueTimestamp(date: string): string {
  return `${date}T12:00:00.000Z`;
}

/** The activity a write becomes; a call needs its outcome resolved first (`dispositions`). */
export function draftOf(write: ActivityWrite, outcome: ResolvedDisposition | null): Draft {
  const owner = write.target.ownerId;
  switch (write.kind) {
    case 'email':
      return {
        type: 'emails',
        body: write.body,
        properties: withOwner(
          {
            hs_timestamp: write.at,
            hs_email_direction: write.direction === 'inbound' ? 'INCOMING_EMAIL' : 'EMAIL',
            hs_email_status: 'SENT',
            hs_email_subject: write.subject,
            hs_email_headers: JSON.stringify({
              from: person(write.from),
              to: write.to.map(person),
              cc: [],
              bcc: [],
            }),
          },
          owner,
        ),
      };
    case 'meeting': {
      const location = write.location?.trim() ?? '';
      const isUrl = /^https?:\/\//i.test(location);
      return {
        type: 'meetings',
        body: write.body,
        properties: withOwner(
          {
            hs_timestamp: write.start,
            hs_meeting_title: write.title,
            hs_meeting_start_time: write.start,
            hs_meeting_end_time: write.end,
            hs_meeting_outcome: MEETING_OUTCOME[write.outcome ?? 'completed'] ?? 'COMPLETED',
            ...(isUrl
              ? { hs_meeting_external_url: location }
              : location
                ? { hs_meeting_location: location }
                : {}),
          },
          owner,
        ),
      };
    }
    case 'call': {
      return {
        type: 'calls',
        body: [write.body, outcome?.bodyLine].filter(Boolean).join('\n\n'),
        properties: withOwner(
          {
            hs_timestamp: write.at,
            hs_call_title: write.title,
            hs_call_duration: String(write.durationSeconds * 1000),
            hs_call_direction: write.direction === 'inbound' ? 'INBOUND' : 'OUTBOUND',
            hs_call_status: 'COMPLETED',
            ...(outcome?.id ? { hs_call_disposition: outcome.id } : {}),
          },
          owner,
        ),
      };
    }
    case 'note':
      return { type: 'notes', body: write.body, properties: withOwner({ hs_timestamp: write.at }, owner) };
    case 'task':
      return {
        type: 'tasks',
        body: write.body,
        properties: withOwner(
          {
            hs_timestamp: dueTimestamp(write.dueDate),
            hs_task_subject: write.subject,
            hs_task_status: 'NOT_STARTED',
            // HubSpot's task-type enum (EMAIL, CALL, TODO): the next step is a plain to-do.
            hs_task_type: 'TODO',
          },
          write.ownerId ?? owner,
        ),
      };
  }
}

export function associationsFor(type: ActivityType, target: Target) {
  const ids = ASSOCIATION_TYPE_IDS[type];
  const link = (id: string, typeId: number) => ({
    to: { id },
    types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }],
  });
  return [
    ...(target.opportunityId ? [link(target.opportunityId, ids.deal)] : []),
    ...unique(target.contactIds).map((id) => link(id, ids.contact)),
    ...(target.accountId ? [link(target.accountId, ids.company)] : []),
  ];
}
