/** People on a page: addresses normalised once, so matching never trips over case or spacing. */
import type { Person } from '../model';
import { lineOf } from './text';

const EMAIL =
  /[\w.!#$%&'*+/=?^`{|}~-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+/gi;

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** The last address in a piece of text (titles put the account after the subject). */
export function lastEmailIn(text: string): string | null {
  const found = text.match(EMAIL);
  const last = found?.[found.length - 1];
  return last ? normalizeEmail(last) : null;
}

/** A person from an element carrying the address in `attribute`, named by `name` or its text. */
export function personFrom(element: Element, attribute = 'email'): Person | null {
  const email = normalizeEmail(element.getAttribute(attribute) ?? '');
  if (!email.includes('@')) return null;
  const name = (element.getAttribute('name') ?? '').trim() || lineOf(element);
  return { email, name };
}

/** First occurrence of each address wins, keeping its name unless a later one has a name. */
export function uniquePeople(people: Iterable<Person>): Person[] {
  const byEmail = new Map<string, Person>();
  for (const person of people) {
    const seen = byEmail.get(person.email);
    if (!seen) byEmail.set(person.email, { ...person });
    else if (!seen.name && person.name) seen.name = person.name;
  }
  return [...byEmail.values()];
}

/**
 * The signed-in Google account: the address in the account button's label, else the last
 * address in the page title. Only the address is read, so the label's language does not matter.
 */
export function findUserEmail(document: Document): string | null {
  // querySelector stops at the first hit, which sits near the top of the page.
  for (const selector of [
    'a[href*="accounts.google.com/SignOutOptions"][aria-label]',
    '[role=banner] a[aria-label]',
  ]) {
    const email = lastEmailIn(document.querySelector(selector)?.getAttribute('aria-label') ?? '');
    if (email) return email;
  }
  return lastEmailIn(document.title ?? '');
}
