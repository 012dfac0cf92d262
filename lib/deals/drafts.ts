/**
 * What "Log email" and "Log meeting" pre-fill: everything the page shows, so the rep types
 * nothing unless they want to. The body follows the admin's `logBody` rule.
 */
import type { Config } from '../config/schema';
import type { EmailMessage, EmailThread, Meeting } from '../model';

export const EXCERPT_LENGTH = 500;

export function bodyFor(text: string, rule: Config['logBody']): string {
  if (rule === 'headers') return '';
  const trimmed = text.trim();
  if (rule === 'full' || trimmed.length <= EXCERPT_LENGTH) return trimmed;
  return `${trimmed.slice(0, EXCERPT_LENGTH).trimEnd()}…`;
}

/** The id the ledger knows a message by: Gmail's legacy id, else its permanent id. */
export function messageSourceId(message: EmailMessage): string | null {
  return message.id ?? message.permId;
}

/** The message "Log email" logs: the newest one Gmail has given an id. */
export function messageToLog(thread: EmailThread): EmailMessage | null {
  for (let i = thread.messages.length - 1; i >= 0; i--) {
    const message = thread.messages[i]!;
    if (messageSourceId(message)) return message;
  }
  return null;
}

export interface EmailDraft {
  sourceId: string;
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
    sourceId: messageSourceId(message)!,
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
