/**
 * What "Log email" and "Log meeting" pre-fill: everything the page shows, so the rep types
 * nothing unless they want to. The body follows the admin's `logBody` rule.
 */
import type { Config } from '../config/schema';
import { fingerprint } from '../crm/log-key';
import type { EmailMessage, EmailThread, Meeting } from '../model';

export const EXCERPT_LENGTH = 500;

export function bodyFor(text: string, rule: Config['logBody']): string {
  if (rule === 'headers') return '';
  const trimmed = text.trim();
  if (rule === 'full' || trimmed.length <= EXCERPT_LENGTH) return trimmed;
  return `${trimmed.slice(0, EXCERPT_LENGTH).trimEnd()}…`;
}

/** Reply and forward prefixes in the languages Gmail users write in: "Re: Re: Fwd: x" → "x". */
const SUBJECT_PREFIX =
  /^\s*(?:re|fw|fwd|aw|wg|tr|sv|vs|antw|rif|r|res|enc|doorst)\s*(?:\[\d+\])?\s*[:：]\s*/i;

export function normalizedSubject(subject: string): string {
  let rest = subject;
  for (let previous = ''; previous !== rest;) {
    previous = rest;
    rest = rest.replace(SUBJECT_PREFIX, '');
  }
  return rest.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Gmail's temporary id for a message it has not finished saving (`msg-a:r…`). */
function isTemporaryId(id: string | null): boolean {
  return id === null || /^#?msg-a:/.test(id);
}

/** The Gmail id of a message, when it is a permanent one. */
function gmailId(message: EmailMessage): string | null {
  if (message.id) return message.id;
  return isTemporaryId(message.permId) ? null : message.permId;
}

/**
 * The id the outbox and the CRM know an email touch by. It must be the same whether Gmail shows
 * the just-sent message under its temporary id or, later, its permanent one, so it is built from
 * what does not change: the sender, the minute it was sent and the thread's subject. Without a
 * readable date it falls back to Gmail's permanent id; a message with neither cannot be keyed yet.
 */
export function messageSourceId(message: EmailMessage, subject = ''): string | null {
  if (message.date && message.from.email) {
    const minute = message.date.slice(0, 16);
    return `mail-${fingerprint(`${message.from.email.toLowerCase()}|${minute}|${normalizedSubject(subject)}`)}`;
  }
  return gmailId(message);
}

/** Ids an earlier release logged this message under (its Gmail id), so it is not logged again. */
export function messageAliasIds(message: EmailMessage, subject = ''): string[] {
  const legacy = gmailId(message);
  return legacy && legacy !== messageSourceId(message, subject) ? [legacy] : [];
}

/** The message "Log email" logs: the newest one that can be keyed. */
export function messageToLog(thread: EmailThread): EmailMessage | null {
  for (let i = thread.messages.length - 1; i >= 0; i--) {
    const message = thread.messages[i]!;
    if (messageSourceId(message, thread.subject)) return message;
  }
  return null;
}

export interface EmailDraft {
  sourceId: string;
  /** Other source ids the same message may have been logged under. */
  aliasSourceIds: string[];
  subject: string;
  body: string;
  from: { email: string; name: string };
  to: { email: string; name: string }[];
  at: string;
  direction: 'inbound' | 'outbound';
}

export function emailDraft(thread: EmailThread, rule: Config['logBody'], now: Date): EmailDraft | null {
  const message = messageToLog(thread);
  if (!message) return null;
  const user = thread.userEmail?.toLowerCase();
  const outbound = message.direction
    ? message.direction === 'sent'
    : message.from.email.toLowerCase() === user;
  return {
    sourceId: messageSourceId(message, thread.subject)!,
    aliasSourceIds: messageAliasIds(message, thread.subject),
    subject: thread.subject,
    body: bodyFor(message.text, rule),
    from: message.from,
    to: message.to,
    at: message.date ?? now.toISOString(),
    direction: outbound ? 'outbound' : 'inbound',
  };
}

export interface MeetingDraft {
  sourceId: string;
  title: string;
  body: string;
  start: string;
  end: string;
  location: string | null;
  /** Minutes between start and end: the default duration of a call logged from the meeting. */
  durationMinutes: number;
}

export function meetingDraft(meeting: Meeting, rule: Config['logBody'], now: Date): MeetingDraft {
  const start = meeting.start ?? now.toISOString();
  const end = meeting.end ?? new Date(Date.parse(start) + 30 * 60_000).toISOString();
  return {
    sourceId: meeting.eventId,
    title: meeting.title,
    body: bodyFor(meeting.description, rule),
    start,
    end,
    location: meeting.conferenceUrl,
    durationMinutes: Math.max(0, Math.round((Date.parse(end) - Date.parse(start)) / 60_000)),
  };
}
