/**
 * Dealside writes → Salesforce record bodies. Everything is a Task or an Event on the
 * opportunity (`WhatId`), or on the account when no open opportunity fits (Salesforce allows an
 * Account as the What of a Contact's activity): emails, calls, notes and next steps are Tasks
 * (TaskSubtype Email / Call / Task), meetings are Events; a stage change is a PATCH of the
 * Opportunity.
 *
 * A Task or Event has ONE `WhoId` unless the org enabled Shared Activities, which Dealside
 * cannot assume: the first contact becomes the Who and the others are listed in the
 * description. A Lead is never the Who, because Salesforce requires `WhatId` to be empty when
 * `WhoId` is a lead, and Dealside logs to an opportunity, account or contact.
 */
import type { ActivityWrite, StageWrite, Target } from '../../../domain/types';

import { fit, isSalesforceId, localDate } from './values';

const SUBJECT_MAX = 255;
const DESCRIPTION_MAX = 32_000;

export interface RecordPlan {
  object: 'Task' | 'Event';
  fields: Record<string, unknown>;
}

interface Context {
  /** The signed-in rep, the owner when the write names none. */
  userId: string | null;
  /** `markerLine(key)` when the org has no External ID field to hold the key, else null. */
  marker: string | null;
}

function who(target: Target): { whoId: string | null; others: string | null } {
  const contacts = target.contactIds.filter(isSalesforceId);
  const others = [...contacts.slice(1), ...(target.leadIds ?? []).filter(isSalesforceId)];
  return {
    whoId: contacts[0] ?? null,
    others: others.length > 0 ? `Also with (Salesforce ids): ${others.join(', ')}` : null,
  };
}

/** Body first, cut if needed so the people line and the marker always survive. */
function description(
  head: string[],
  body: string,
  tail: Array<string | null>,
  marker: string | null,
): string {
  const after = [...tail, marker].filter((part): part is string => !!part && part.trim() !== '');
  const fixed = [...head, ...after].join('\n\n').length + 4;
  const room = Math.max(0, DESCRIPTION_MAX - fixed);
  return [...head, fit(body.trim(), room), ...after].filter((part) => part !== '').join('\n\n');
}

function address(a: { email: string; name: string }): string {
  return a.name.trim() && a.name.trim().toLowerCase() !== a.email.toLowerCase()
    ? `${a.name.trim()} <${a.email}>`
    : a.email;
}

function links(target: Target, ownerId: string | null, userId: string | null) {
  const { whoId } = who(target);
  const owner = ownerId ?? target.ownerId ?? userId;
  const whatId = target.opportunityId ?? target.accountId;
  return {
    ...(whatId ? { WhatId: whatId } : {}),
    ...(whoId ? { WhoId: whoId } : {}),
    ...(owner ? { OwnerId: owner } : {}),
  };
}

export function activityRecord(write: ActivityWrite, ctx: Context): RecordPlan {
  const { others } = who(write.target);
  const base = links(write.target, write.kind === 'task' ? write.ownerId : null, ctx.userId);
  switch (write.kind) {
    case 'email': {
      // An email-like header: From: tells Dealside later whether the email came in or went
      // out, Date: when it was sent (a Task only keeps the day).
      const sent = new Date(write.at);
      const head = [
        [
          `From: ${address(write.from)}`,
          `To: ${write.to.map(address).join(', ')}`,
          ...(Number.isNaN(sent.getTime()) ? [] : [`Date: ${sent.toUTCString()}`]),
        ].join('\n'),
      ];
      return {
        object: 'Task',
        fields: {
          ...base,
          Subject: fit(`Email: ${write.subject.trim() || '(no subject)'}`, SUBJECT_MAX),
          Description: description(head, write.body, [others], ctx.marker),
          TaskSubtype: 'Email',
          Status: 'Completed',
          Priority: 'Normal',
          ActivityDate: localDate(write.at),
        },
      };
    }
    case 'call':
      return {
        object: 'Task',
        fields: {
          ...base,
          Subject: fit(
            /^call\b/i.test(write.title.trim()) ? write.title.trim() : `Call: ${write.title.trim()}`,
            SUBJECT_MAX,
          ),
          Description: description([], write.body, [others], ctx.marker),
          TaskSubtype: 'Call',
          Status: 'Completed',
          Priority: 'Normal',
          ActivityDate: localDate(write.at),
          CallType: write.direction === 'inbound' ? 'Inbound' : 'Outbound',
          CallDisposition: fit(write.disposition.label, 255),
          CallDurationInSeconds: write.durationSeconds,
        },
      };
    case 'meeting':
      return {
        object: 'Event',
        fields: {
          ...base,
          Subject: fit(write.title.trim() || 'Meeting', SUBJECT_MAX),
          StartDateTime: write.start,
          EndDateTime: write.end,
          ...(write.location ? { Location: fit(write.location, 255) } : {}),
          Description: description([], write.body, [others], ctx.marker),
        },
      };
    case 'note': {
      const excerpt = write.body.trim().split('\n')[0] ?? '';
      return {
        object: 'Task',
        fields: {
          ...base,
          Subject: fit(excerpt ? `Note: ${excerpt}` : 'Note', 80),
          Description: description([], write.body, [others], ctx.marker),
          TaskSubtype: 'Task',
          Status: 'Completed',
          Priority: 'Normal',
          ActivityDate: localDate(write.at),
        },
      };
    }
    case 'task':
      return {
        object: 'Task',
        fields: {
          ...base,
          Subject: fit(write.subject.trim(), SUBJECT_MAX),
          Description: description([], write.body, [others], ctx.marker),
          TaskSubtype: 'Task',
          Status: 'Not Started',
          Priority: 'Normal',
          ActivityDate: write.dueDate,
        },
      };
  }
}

export function stageUpdate(write: StageWrite, reasonField: string | null): Record<string, unknown> {
  return { StageName: write.stageId, ...(reasonField ? { [reasonField]: write.reason.code } : {}) };
}

/** Without a reason field, the reason lives on a completed Task next to the change. */
export function stageCompanionTask(write: StageWrite, ctx: Context): RecordPlan {
  const owner = write.target.ownerId ?? ctx.userId;
  return {
    object: 'Task',
    fields: {
      WhatId: write.target.opportunityId,
      ...(owner ? { OwnerId: owner } : {}),
      Subject: fit(`Stage changed to ${write.stageLabel} — reason: ${write.reason.label}`, SUBJECT_MAX),
      Description: description(
        [
          `Stage: ${write.stageLabel} (${write.stageId})`,
          `Reason: ${write.reason.label} (${write.reason.code})`,
        ],
        '',
        [],
        ctx.marker,
      ),
      TaskSubtype: 'Task',
      Status: 'Completed',
      Priority: 'Normal',
      ActivityDate: localDate(write.at),
    },
  };
}
