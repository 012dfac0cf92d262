/**
 * HubSpot's five activity objects (emails, calls, meetings, notes, tasks): which properties to
 * read, the association type ids to write, and how a record becomes a one-line
 * `ActivitySummary`. Bodies are HTML in HubSpot; they are reduced to plain text here, never
 * rendered.
 */
import type { ActivityKind, ActivitySummary } from '../../../domain/types';
import { dateOf, text, type HsObject } from '../schemas';

export type ActivityType = 'emails' | 'calls' | 'meetings' | 'notes' | 'tasks';
export const ACTIVITY_TYPES: readonly ActivityType[] = ['emails', 'calls', 'meetings', 'notes', 'tasks'];

export const KIND_OF: Record<ActivityType, ActivityKind> = {
  emails: 'email',
  calls: 'call',
  meetings: 'meeting',
  notes: 'note',
  tasks: 'task',
};

export const TYPE_OF: Record<ActivityKind, ActivityType> = {
  email: 'emails',
  call: 'calls',
  meeting: 'meetings',
  note: 'notes',
  task: 'tasks',
};

/** HUBSPOT_DEFINED association type ids from each activity to deal, contact and company. */
export const ASSOCIATION_TYPE_IDS: Record<ActivityType, { deal: number; contact: number; company: number }> =
  {
    emails: { deal: 210, contact: 198, company: 186 },
    calls: { deal: 206, contact: 194, company: 182 },
    meetings: { deal: 212, contact: 200, company: 188 },
    notes: { deal: 214, contact: 202, company: 190 },
    tasks: { deal: 216, contact: 204, company: 192 },
  };

/** Where each type keeps its free text (and the marker, when there is no unique property). */
export const BODY_PROPERTY: Record<ActivityType, string> = {
  emails: 'hs_email_text',
  calls: 'hs_call_body',
  meetings: 'hs_meeting_body',
  notes: 'hs_note_body',
  tasks: 'hs_task_body',
};

export const READ_PROPERTIES: Record<ActivityType, string[]> = {
  emails: [
    'hs_timestamp',
    'hs_email_direction',
    'hs_email_subject',
    'hs_email_from_email',
    'hs_email_from_firstname',
    'hs_email_from_lastname',
    'hs_email_to_email',
    'hs_body_preview',
    'hubspot_owner_id',
  ],
  calls: ['hs_timestamp', 'hs_call_title', 'hs_call_direction', 'hs_body_preview', 'hubspot_owner_id'],
  meetings: [
    'hs_timestamp',
    'hs_meeting_title',
    'hs_meeting_start_time',
    'hs_body_preview',
    'hubspot_owner_id',
  ],
  notes: ['hs_timestamp', 'hs_body_preview', 'hs_note_body', 'hubspot_owner_id'],
  tasks: [
    'hs_timestamp',
    'hs_task_subject',
    'hs_task_status',
    'hs_task_completion_date',
    'hs_body_preview',
    'hubspot_owner_id',
  ],
};

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
};

/** HTML → plain text, without a DOM (the worker has none) and without ever rendering it. */
export function plainText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => ENTITIES[name] ?? '');
}

/**
 * The first non-empty line, shortened for a one-line summary. Only rich-text properties are
 * HTML; subjects and titles are plain text, where "<" is a character ("Re: <Acme> pricing").
 */
export function firstLine(value: string | null, max = 140, html = false): string | null {
  if (!value) return null;
  const line = (html ? plainText(value) : value)
    .split('\n')
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .find((part) => part.length > 0);
  if (!line) return null;
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export interface Activity {
  type: ActivityType;
  record: HsObject;
  summary: ActivitySummary;
  /** Open tasks are plans, not touches. */
  isOpenTask: boolean;
}

function direction(type: ActivityType, record: HsObject): ActivitySummary['direction'] {
  if (type === 'emails') {
    const value = text(record.props, 'hs_email_direction');
    if (value === 'INCOMING_EMAIL') return 'inbound';
    return value ? 'outbound' : null;
  }
  if (type === 'calls') {
    const value = text(record.props, 'hs_call_direction');
    return value === 'INBOUND' ? 'inbound' : value === 'OUTBOUND' ? 'outbound' : null;
  }
  return null;
}

const FALLBACK_SUMMARY: Record<ActivityType, string> = {
  emails: 'Email',
  calls: 'Call',
  meetings: 'Meeting',
  notes: 'Note',
  tasks: 'Task',
};

function summaryText(type: ActivityType, record: HsObject): string {
  const p = record.props;
  const preview = text(p, 'hs_body_preview');
  // [value, is it HTML]: hs_note_body is the only rich-text property read here.
  const plain = (name: string): [string | null, boolean] => [text(p, name), false];
  const candidates: Record<ActivityType, Array<[string | null, boolean]>> = {
    emails: [plain('hs_email_subject'), [preview, false]],
    calls: [plain('hs_call_title'), [preview, false]],
    meetings: [plain('hs_meeting_title'), [preview, false]],
    notes: [
      [preview, false],
      [text(p, 'hs_note_body'), true],
    ],
    tasks: [plain('hs_task_subject'), [preview, false]],
  };
  for (const [candidate, html] of candidates[type]) {
    const line = firstLine(candidate, 140, html);
    if (line) return line;
  }
  return FALLBACK_SUMMARY[type];
}

export function toActivity(type: ActivityType, record: HsObject): Activity {
  const isTask = type === 'tasks';
  const isOpenTask = isTask && text(record.props, 'hs_task_status') !== 'COMPLETED';
  // A done task happened when it was completed; its hs_timestamp is the due date.
  const at =
    (isTask && !isOpenTask ? dateOf(record.props, 'hs_task_completion_date') : null) ??
    dateOf(record.props, 'hs_timestamp') ??
    (type === 'meetings' ? dateOf(record.props, 'hs_meeting_start_time') : null);
  return {
    type,
    record,
    isOpenTask,
    summary: {
      id: record.id,
      kind: KIND_OF[type],
      direction: direction(type, record),
      at,
      who: null,
      summary: summaryText(type, record),
      contactIds: [],
    },
  };
}

export function newestFirst(a: Activity, b: Activity): number {
  return (b.summary.at ? Date.parse(b.summary.at) : 0) - (a.summary.at ? Date.parse(a.summary.at) : 0);
}

/** Readable "who" for an email with no associated contact: the other side's name or address. */
export function emailCounterpart(record: HsObject): string | null {
  const p = record.props;
  if (text(p, 'hs_email_direction') === 'INCOMING_EMAIL') {
    const name = [text(p, 'hs_email_from_firstname'), text(p, 'hs_email_from_lastname')]
      .filter(Boolean)
      .join(' ');
    return name || text(p, 'hs_email_from_email');
  }
  return text(p, 'hs_email_to_email')?.split(';')[0]?.trim() || null;
}
