/**
 * The touch a path saw, before any CRM call: its id (the same one the Log button uses), the
 * draft of what would be logged, or why it is not a touch to capture at all.
 */
import type { Config } from '../config/schema';
import { bodyFor, meetingDraft, messageAliasIds, messageSourceId } from '../deals/drafts';
import type { EmailMessage, EmailThread, Interaction, Meeting } from '../model';
import type { CaptureKind } from './modes';

export type EmailTouch = {
  kind: 'sent' | 'received';
  sourceId: string;
  aliasSourceIds: string[];
  title: string;
  at: string;
  thread: EmailThread;
  message: EmailMessage;
};
export type MeetingTouch = {
  kind: 'meeting';
  sourceId: string;
  aliasSourceIds: string[];
  title: string;
  at: string;
  meeting: Meeting;
};
export type Touch = EmailTouch | MeetingTouch;

export type NotATouch = { skip: 'wrong-kind' | 'not-held' | 'unkeyable' | 'no-external'; why: string };

const MINUTE = 60_000;

/**
 * The ids of the same message keyed one minute earlier or later: the time a send is seen and the
 * minute Gmail later shows can straddle a minute boundary.
 */
function neighbourIds(message: EmailMessage, subject: string): string[] {
  if (!message.date) return [];
  const at = Date.parse(message.date);
  return [-MINUTE, MINUTE].flatMap((shift) => {
    const id = messageSourceId({ ...message, date: new Date(at + shift).toISOString() }, subject);
    return id ? [id] : [];
  });
}

function isOutbound(thread: EmailThread, message: EmailMessage): boolean {
  if (message.direction) return message.direction === 'sent';
  const user = thread.userEmail?.toLowerCase();
  return !!user && message.from.email.toLowerCase() === user;
}

export function emailTouch(
  thread: EmailThread,
  message: EmailMessage,
  kind: 'sent' | 'received',
): EmailTouch | NotATouch {
  const outbound = isOutbound(thread, message);
  if (outbound !== (kind === 'sent')) {
    return { skip: 'wrong-kind', why: outbound ? 'You sent this message.' : 'You received this message.' };
  }
  const sourceId = messageSourceId(message, thread.subject);
  if (!sourceId) return { skip: 'unkeyable', why: 'Gmail has not saved this message yet.' };
  const aliases = [...messageAliasIds(message, thread.subject), ...neighbourIds(message, thread.subject)];
  return {
    kind,
    sourceId,
    aliasSourceIds: [...new Set(aliases)].filter((id) => id !== sourceId),
    title: thread.subject,
    at: message.date ?? new Date().toISOString(),
    thread,
    message,
  };
}

/** A meeting is held once its end has passed; only then is there something to log. */
export function meetingTouch(meeting: Meeting, now: Date): MeetingTouch | NotATouch {
  if (!meeting.end || Date.parse(meeting.end) > now.getTime()) {
    return { skip: 'not-held', why: 'The meeting has not ended yet.' };
  }
  return {
    kind: 'meeting',
    sourceId: meeting.eventId,
    aliasSourceIds: [],
    title: meeting.title,
    at: meeting.end,
    meeting,
  };
}

/**
 * The touch for `kind` in `interaction`. For email, `message` picks the message (default: the
 * newest one of that direction that can be keyed).
 */
export function touchOf(
  interaction: Interaction,
  kind: CaptureKind,
  now: Date,
  message?: EmailMessage,
): Touch | NotATouch {
  if (interaction.kind === 'meeting') {
    return kind === 'meeting'
      ? meetingTouch(interaction, now)
      : { skip: 'wrong-kind', why: 'A meeting is not an email.' };
  }
  if (kind === 'meeting') return { skip: 'wrong-kind', why: 'An email is not a meeting.' };
  if (message) return emailTouch(interaction, message, kind);
  for (let i = interaction.messages.length - 1; i >= 0; i--) {
    const touch = emailTouch(interaction, interaction.messages[i]!, kind);
    if (!('skip' in touch)) return touch;
  }
  return { skip: 'unkeyable', why: 'No message here can be captured yet.' };
}

export function isTouch(value: Touch | NotATouch): value is Touch {
  return !('skip' in value);
}

/** What the log says, as the Log button would pre-fill it. */
export function touchContent(touch: Touch, rule: Config['logBody'], now: Date) {
  if (touch.kind === 'meeting') {
    const draft = meetingDraft(touch.meeting, rule, now);
    return {
      kind: 'meeting' as const,
      title: touch.title,
      body: draft.body,
      start: draft.start,
      end: draft.end,
      location: draft.location,
      outcome: 'completed' as const,
    };
  }
  const { message, thread } = touch;
  return {
    kind: 'email' as const,
    subject: thread.subject,
    body: bodyFor(message.text, rule),
    from: message.from,
    to: message.to,
    at: touch.at,
    direction: touch.kind === 'sent' ? ('outbound' as const) : ('inbound' as const),
  };
}
