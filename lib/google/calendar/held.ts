/**
 * Which Calendar events are held meetings with people outside: the end has passed, someone
 * outside the rep's company was invited, the event was not cancelled and the rep did not
 * decline it. Pure; the poller feeds it what Google sent.
 */
import type { Meeting } from '../../model';
import { eventToMeeting } from './convert';
import type { CalendarEvent } from './schemas';

export interface HeldRules {
  /** The rep's address, when known from elsewhere (the CRM sign-in); `self` flags win. */
  repEmail: string | null;
  internalDomains: readonly string[];
  /** Free-mail domains: a rep on one is not "internal" with everyone else on it. */
  personalDomains: readonly string[];
  now: Date;
}

export type NeverReason = 'cancelled' | 'declined' | 'internal' | 'all-day' | 'not-a-meeting';

export type EventVerdict =
  | { kind: 'held'; meeting: Meeting }
  /** External and not over yet: kept, so it is captured once it ends even if it never changes. */
  | { kind: 'upcoming'; meeting: Meeting }
  | { kind: 'never'; reason: NeverReason };

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/** The rep's own address as this event shows it. */
export function repEmailOf(event: CalendarEvent, fallback: string | null): string | null {
  const self = event.attendees?.find((a) => a.self && a.email)?.email;
  const organizer = event.organizer?.self ? event.organizer.email : null;
  return (self ?? organizer ?? fallback)?.toLowerCase() ?? null;
}

function isExternal(email: string, internal: ReadonlySet<string>): boolean {
  const domain = domainOf(email);
  // Rooms, resources and group calendars live under calendar.google.com.
  if (domain.endsWith('calendar.google.com')) return false;
  for (const own of internal) if (domain === own || domain.endsWith(`.${own}`)) return false;
  return true;
}

export function judgeEvent(event: CalendarEvent, rules: HeldRules): EventVerdict {
  if (event.status === 'cancelled') return { kind: 'never', reason: 'cancelled' };
  if (event.eventType && event.eventType !== 'default') return { kind: 'never', reason: 'not-a-meeting' };
  if (!event.start?.dateTime || !event.end?.dateTime) return { kind: 'never', reason: 'all-day' };
  const me = event.attendees?.find((a) => a.self);
  if (me?.responseStatus === 'declined') return { kind: 'never', reason: 'declined' };

  const repEmail = repEmailOf(event, rules.repEmail);
  const internal = new Set(rules.internalDomains.map((d) => d.toLowerCase()));
  const repDomain = repEmail ? domainOf(repEmail) : null;
  if (repDomain && !rules.personalDomains.includes(repDomain)) internal.add(repDomain);
  const outside = (event.attendees ?? []).some(
    (a) => !a.self && !a.resource && a.email?.includes('@') && isExternal(a.email, internal),
  );
  if (!outside) return { kind: 'never', reason: 'internal' };

  const meeting = eventToMeeting(event, repEmail);
  const ended = Date.parse(event.end.dateTime) <= rules.now.getTime();
  return ended ? { kind: 'held', meeting } : { kind: 'upcoming', meeting };
}
