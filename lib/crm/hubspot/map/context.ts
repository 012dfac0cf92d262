/**
 * A deal's brief from the HubSpot records read for it (reads/context.ts): its contacts, most
 * recently touched first, and its next step. Pure.
 */
import type { DealContact, NextStep } from '../../../domain/types';
import { text, type HsObject } from '../schemas';
import type { Activity } from './activities';
import { keyOf } from './timeline';

export function personName(contact: HsObject): string {
  const name = [text(contact.props, 'firstname'), text(contact.props, 'lastname')].filter(Boolean).join(' ');
  return name || text(contact.props, 'email') || `Contact ${contact.id}`;
}

/** Recently touched first (newest touch first), then the others by name. */
export function dealContactsOf(
  contacts: HsObject[],
  touches: Activity[],
  participants: Map<string, string[]>,
): DealContact[] {
  const touchedAt = new Map<string, string>();
  for (const a of touches) {
    for (const id of participants.get(keyOf(a)) ?? []) {
      const at = a.summary.at ?? '';
      const previous = touchedAt.get(id);
      if (!previous || Date.parse(at) > Date.parse(previous)) touchedAt.set(id, at);
    }
  }
  return contacts
    .map((c) => ({
      id: c.id,
      name: personName(c),
      email: text(c.props, 'email'),
      touchedAt: touchedAt.get(c.id) ?? null,
    }))
    .sort(
      (a, b) =>
        (b.touchedAt ? Date.parse(b.touchedAt) : 0) - (a.touchedAt ? Date.parse(a.touchedAt) : 0) ||
        a.name.localeCompare(b.name),
    );
}

/** The next open task (see timeline.ts), else the deal's own next-step property. */
export function nextStepOf(
  deal: HsObject,
  nextTask: Activity | null,
  taskOwnerName: string | null,
): NextStep | null {
  const nextStepField = text(deal.props, 'hs_next_step');
  return nextTask
    ? {
        subject: nextTask.summary.summary,
        dueDate: nextTask.summary.at ? nextTask.summary.at.slice(0, 10) : null,
        ownerName: taskOwnerName,
        source: 'task',
      }
    : nextStepField
      ? { subject: nextStepField, dueDate: null, ownerName: null, source: 'field' }
      : null;
}
