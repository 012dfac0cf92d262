/**
 * The parts of Google Calendar's `events.list` answer Dealside reads
 * (https://developers.google.com/workspace/calendar/api/v3/reference/events/list and
 * …/reference/events#resource). Loose objects: fields Google adds later are tolerated. Events
 * are read one by one, so one odd event costs only itself.
 */
import * as z from 'zod/mini';

const opt = <T extends z.ZodMiniType>(schema: T) => z.optional(z.nullable(schema));

export const EventTime = z.looseObject({
  /** All-day events carry a date only. */
  date: opt(z.string()),
  dateTime: opt(z.string()),
  timeZone: opt(z.string()),
});

export const EventAttendee = z.looseObject({
  email: opt(z.string()),
  displayName: opt(z.string()),
  organizer: opt(z.boolean()),
  self: opt(z.boolean()),
  /** Rooms and equipment. */
  resource: opt(z.boolean()),
  optional: opt(z.boolean()),
  /** needsAction | declined | tentative | accepted */
  responseStatus: opt(z.string()),
});

export const CalendarEvent = z.looseObject({
  id: z.string().check(z.minLength(1)),
  /** confirmed | tentative | cancelled */
  status: opt(z.string()),
  summary: opt(z.string()),
  description: opt(z.string()),
  start: opt(EventTime),
  end: opt(EventTime),
  attendees: opt(z.array(EventAttendee)),
  organizer: opt(
    z.looseObject({ email: opt(z.string()), displayName: opt(z.string()), self: opt(z.boolean()) }),
  ),
  hangoutLink: opt(z.string()),
  conferenceData: opt(
    z.looseObject({
      entryPoints: opt(z.array(z.looseObject({ entryPointType: opt(z.string()), uri: opt(z.string()) }))),
    }),
  ),
  recurringEventId: opt(z.string()),
  /** default | outOfOffice | focusTime | workingLocation | birthday | fromGmail */
  eventType: opt(z.string()),
  updated: opt(z.string()),
});
export type CalendarEvent = z.infer<typeof CalendarEvent>;

export const EventsPage = z.looseObject({
  /** For the primary calendar, the rep's address. */
  summary: opt(z.string()),
  timeZone: opt(z.string()),
  nextPageToken: opt(z.string()),
  nextSyncToken: opt(z.string()),
  items: opt(z.array(z.unknown())),
});
