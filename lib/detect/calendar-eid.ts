/**
 * Calendar's `data-eventid` / URL `eid`: base64 (often unpadded, sometimes URL-safe) of
 * `"<eventId>[_<instance start>] <calendarId>"`, with calendar ids abbreviated.
 */

export interface EventRef {
  /** Kept with its recurring-instance suffix (`_20190130T000000Z`), as the API names instances. */
  eventId: string;
  calendarId: string | null;
}

const CALENDAR_SUFFIXES: Record<string, string> = {
  m: 'gmail.com',
  g: 'group.calendar.google.com',
};

/** Tasks share the chip markup but are not meetings. */
export function isTaskEid(eid: string): boolean {
  return /^tasks[_.]/.test(eid.trim());
}

function base64ToText(value: string): string | null {
  const standard = value.trim().replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]+$/.test(standard) || standard.length % 4 === 1) return null;
  try {
    const binary = atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '='));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function expandCalendarId(calendarId: string): string {
  const match = /^(.+)@([a-z])$/.exec(calendarId);
  const domain = match ? CALENDAR_SUFFIXES[match[2]!] : undefined;
  return match && domain ? `${match[1]}@${domain}` : calendarId;
}

/** The event an eid names, or null for tasks and for anything that does not decode cleanly. */
export function decodeEventId(eid: string | null | undefined): EventRef | null {
  if (!eid || isTaskEid(eid)) return null;
  const text = base64ToText(eid);
  if (!text) return null;
  const [eventId = '', calendarId, ...extra] = text.trim().split(' ');
  if (extra.length > 0 || !/^[\x21-\x7e]+$/.test(eventId) || isTaskEid(eventId)) return null;
  if (calendarId !== undefined && !/^[\x21-\x7e]+$/.test(calendarId)) return null;
  return { eventId, calendarId: calendarId ? expandCalendarId(calendarId) : null };
}
