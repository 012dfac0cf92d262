/**
 * An activity read back from the CRM, seen as the matcher sees a thread or meeting. The CRM keeps
 * no message bodies here, so every outside participant stands in as the sender of an empty
 * message: the automated and list-sender rules then judge them exactly as in a live thread, and a
 * thread is bulk only when every outside party is a machine or a list.
 */
import type { Interaction, Person } from '../model';
import { normalizeEmail } from '../match/address';
import type { Contact } from '../match/schema';
import type { AuditActivity } from './schema';

/**
 * The people of the activity: its participants, plus the contacts it is associated with (a call
 * logged to a contact often lists no participant at all).
 */
export function activityPeople(
  activity: AuditActivity,
  contactsById: ReadonlyMap<string, Contact>,
): Person[] {
  const people: Person[] = activity.participants.map((p) => ({ email: p.email, name: p.name }));
  const seen = new Set(people.map((p) => normalizeEmail(p.email)));
  for (const id of activity.contactIds) {
    const contact = contactsById.get(id);
    if (!contact?.email || seen.has(normalizeEmail(contact.email))) continue;
    seen.add(normalizeEmail(contact.email));
    people.push({ email: contact.email, name: contact.name ?? '' });
  }
  return people;
}

export function activityInteraction(activity: AuditActivity, people: readonly Person[]): Interaction {
  if (activity.kind === 'email') {
    return {
      kind: 'email-thread',
      threadId: activity.id,
      subject: activity.subject,
      messages: people.map((from) => ({
        id: null,
        permId: null,
        from,
        to: [],
        date: activity.at,
        state: 'expanded' as const,
        text: '',
      })),
      participants: [...people],
    };
  }
  // A call is a meeting by phone: the same people rules, the subject as its title.
  return {
    kind: 'meeting',
    eventId: activity.id,
    calendarId: null,
    title: activity.subject,
    start: activity.at,
    end: null,
    attendees: [...people],
    conferenceUrl: null,
    description: '',
  };
}
