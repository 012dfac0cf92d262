/**
 * An opportunity's Tasks, Events and (Enhanced Email) EmailMessages → the pre-call facts:
 * recent activities, last touch, last reply, next step and who was touched lately.
 *
 * Salesforce Tasks have no direction. An email's direction comes from its EmailMessage
 * (`Incoming`, linked through `ActivityId`) or, for tasks Dealside logged, from the `From:`
 * line Dealside writes at the top of the description: mail from one of the deal's people (or
 * the task's contact) is inbound. Its `Date:` line gives the exact time.
 */
import type { ActivityKind, ActivitySummary, NextStep } from '../../../domain/types';
import type { EmailMessageRow, EventRow, TaskRow } from '../schemas';
import { isoFromSalesforce } from './values';

const DAY_MS = 86_400_000;
export const TOUCH_WINDOW_DAYS = 14;
const RECENT_COUNT = 10;
const CONTACT_PREFIX = '003';

export interface ActivityInput {
  tasks: TaskRow[];
  events: EventRow[];
  emails: EmailMessageRow[];
  /** The deal's people by lower-cased email → contact id. */
  peopleByEmail: Map<string, string>;
  now: Date;
}

export interface ActivityFacts {
  recent: ActivitySummary[];
  lastTouch: ActivitySummary | null;
  lastReply: ActivitySummary | null;
  nextStep: NextStep | null;
  /** Contact id → newest touch (ISO) in the last 14 days. */
  touched: Map<string, string>;
}

interface Dated {
  summary: ActivitySummary;
  ms: number;
}

function firstLine(text: string | null): string {
  return (
    (text ?? '')
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  );
}

/** The header Dealside writes atop an email task: lines up to the first blank one. */
function header(description: string | null): string[] {
  const lines: string[] = [];
  for (const line of (description ?? '').split('\n')) {
    if (line.trim() === '') break;
    lines.push(line.trim());
  }
  return lines;
}

/**
 * Tasks carry a date. An email task's `Date:` header gives the exact time; otherwise, when the
 * date is the day the task was completed or created, use that time.
 */
function taskInstant(task: TaskRow): string | null {
  const sent = header(task.Description).find((line) => /^Date:\s/i.test(line));
  const sentMs = sent ? Date.parse(sent.slice(5).trim()) : NaN;
  if (task.TaskSubtype === 'Email' && !Number.isNaN(sentMs)) return new Date(sentMs).toISOString();
  const exact = isoFromSalesforce(task.CompletedDateTime) ?? isoFromSalesforce(task.CreatedDate);
  if (!task.ActivityDate) return exact;
  if (exact && exact.startsWith(task.ActivityDate)) return exact;
  return isoFromSalesforce(task.ActivityDate);
}

function kindOf(task: TaskRow): ActivityKind {
  if (task.TaskSubtype === 'Email') return 'email';
  if (task.TaskSubtype === 'Call') return 'call';
  if (/^note\b/i.test(task.Subject ?? '')) return 'note';
  return 'task';
}

/** The address on the `From:` line Dealside writes first in an email task's description. */
export function fromAddress(description: string | null): string | null {
  const line = header(description).find((l) => /^From:/i.test(l)) ?? '';
  const m = /^From:\s*(?:[^<]*<([^>\s]+@[^>\s]+)>|(\S+@\S+))/i.exec(line);
  return (m?.[1] ?? m?.[2] ?? null)?.toLowerCase() ?? null;
}

function taskDirection(task: TaskRow, linked: EmailMessageRow | undefined, input: ActivityInput) {
  if (task.TaskSubtype === 'Call') {
    if (task.CallType === 'Inbound') return 'inbound';
    return task.CallType === 'Outbound' ? 'outbound' : null;
  }
  if (task.TaskSubtype !== 'Email') return null;
  if (linked && linked.Incoming !== null) return linked.Incoming ? 'inbound' : 'outbound';
  const from = fromAddress(task.Description);
  if (!from) return null;
  const external = input.peopleByEmail.has(from) || from === task.Who?.Email?.toLowerCase();
  return external ? 'inbound' : 'outbound';
}

function isOpen(task: TaskRow): boolean {
  return task.IsClosed === null ? task.Status !== 'Completed' : !task.IsClosed;
}

function contactIdsOf(whoId: string | null): string[] {
  return whoId?.startsWith(CONTACT_PREFIX) ? [whoId] : [];
}

export function readActivities(input: ActivityInput): ActivityFacts {
  const nowMs = input.now.getTime();
  const emailByTask = new Map(input.emails.filter((e) => e.ActivityId).map((e) => [e.ActivityId, e]));
  const taskIds = new Set(input.tasks.map((t) => t.Id));
  const past: Dated[] = [];

  for (const task of input.tasks) {
    if (isOpen(task)) continue;
    const at = taskInstant(task);
    const kind = kindOf(task);
    const linked = emailByTask.get(task.Id);
    past.push({
      ms: at ? Date.parse(at) : 0,
      summary: {
        id: task.Id,
        kind,
        direction: taskDirection(task, linked, input),
        at,
        who: task.Who?.Name ?? null,
        summary: task.Subject?.trim() || firstLine(task.Description) || 'Task',
        contactIds: contactIdsOf(task.WhoId),
      },
    });
  }
  for (const event of input.events) {
    const at = isoFromSalesforce(event.StartDateTime);
    if (!at || Date.parse(at) > nowMs) continue;
    past.push({
      ms: Date.parse(at),
      summary: {
        id: event.Id,
        kind: 'meeting',
        direction: null,
        at,
        who: event.Who?.Name ?? null,
        summary: event.Subject?.trim() || 'Meeting',
        contactIds: contactIdsOf(event.WhoId),
      },
    });
  }
  for (const email of input.emails) {
    // An email already shown through its task is not listed twice.
    if (email.ActivityId && taskIds.has(email.ActivityId)) continue;
    const at = isoFromSalesforce(email.MessageDate);
    const from = email.FromAddress?.toLowerCase() ?? '';
    const contact = input.peopleByEmail.get(from);
    past.push({
      ms: at ? Date.parse(at) : 0,
      summary: {
        id: email.Id,
        kind: 'email',
        direction: email.Incoming === null ? null : email.Incoming ? 'inbound' : 'outbound',
        at,
        who: email.Incoming ? (email.FromName ?? email.FromAddress ?? null) : null,
        summary: email.Subject?.trim() || 'Email',
        contactIds: contact ? [contact] : [],
      },
    });
  }

  past.sort((a, b) => b.ms - a.ms);
  const recent = past.map((p) => p.summary);
  const touched = new Map<string, string>();
  for (const { ms, summary } of past) {
    if (ms < nowMs - TOUCH_WINDOW_DAYS * DAY_MS || !summary.at) continue;
    for (const id of summary.contactIds) if (!touched.has(id)) touched.set(id, summary.at);
  }
  return {
    recent: recent.slice(0, RECENT_COUNT),
    lastTouch: recent[0] ?? null,
    lastReply: recent.find((a) => a.kind === 'email' && a.direction === 'inbound') ?? null,
    nextStep: openNextStep(input.tasks),
    touched,
  };
}

/** The open task due soonest (overdue first, undated last). */
function openNextStep(tasks: TaskRow[]): NextStep | null {
  const open = tasks
    .filter(isOpen)
    .sort((a, b) => (a.ActivityDate ?? '9999').localeCompare(b.ActivityDate ?? '9999'));
  const task = open[0];
  if (!task) return null;
  return {
    subject: task.Subject?.trim() || firstLine(task.Description) || 'Task',
    dueDate: task.ActivityDate ?? null,
    ownerName: task.Owner?.Name ?? null,
    source: 'task',
  };
}
