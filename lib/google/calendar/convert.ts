/**
 * A Calendar API event as the `Meeting` the Calendar page's detector reports, so the meeting's
 * source id, and with it every idempotency key, is the same whichever path saw it: the API's
 * event id is the id the page's `data-eventid` decodes to (recurring instances included, as
 * `<id>_<YYYYMMDDTHHMMSSZ>` with `singleEvents=true`).
 */
import type { Meeting, Person } from '../../model';
import type { CalendarEvent } from './schemas';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** Descriptions may hold Google's HTML; the CRM gets plain text, never markup. */
export function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function iso(value: string | null | undefined): string | null {
  if (!value) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

function conferenceUrl(event: CalendarEvent): string | null {
  if (event.hangoutLink) return event.hangoutLink;
  const video = event.conferenceData?.entryPoints?.find((e) => e.entryPointType === 'video' && e.uri);
  return video?.uri ?? null;
}

export function eventToMeeting(event: CalendarEvent, repEmail: string | null): Meeting {
  const seen = new Set<string>();
  const attendees: Person[] = [];
  for (const attendee of event.attendees ?? []) {
    const email = attendee.email?.trim().toLowerCase();
    if (!email?.includes('@') || attendee.resource || seen.has(email)) continue;
    seen.add(email);
    attendees.push({ email, name: attendee.displayName?.trim() ?? '' });
  }
  return {
    kind: 'meeting',
    eventId: event.id,
    // The primary calendar's id is the rep's address, as the page's eid carries it.
    calendarId: repEmail,
    title: event.summary ?? '',
    start: iso(event.start?.dateTime),
    end: iso(event.end?.dateTime),
    attendees,
    conferenceUrl: conferenceUrl(event),
    description: plainText(event.description ?? ''),
    userEmail: repEmail,
  };
}
