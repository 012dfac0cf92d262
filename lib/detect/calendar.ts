/**
 * Google Calendar: the event open in the details dialog or on the event page, as a `Meeting`.
 * Start and end stay null here; `completeInteraction` reads them from `whenText` outside the
 * content script, where a date library costs nothing.
 */
import type { Meeting, Person } from '../model';
import { decodeEventId } from './calendar-eid';
import { findConferenceUrl } from './conference';
import { findUserEmail, normalizeEmail, uniquePeople } from './people';
import { lineOf, textOf } from './text';
import { isHiddenInPage } from './visibility';

interface OpenEvent {
  container: Element;
  eid: string;
  page: 'dialog' | 'edit';
}

/** Chips (`role=button`) also carry ids, in the grid and in "more events" popovers: not open. */
const DIALOG_EVENT = [
  '#xDetDlg[data-eventid]',
  '[role=dialog][data-eventid]:not([role=button])',
  '[role=dialog] [data-eventid]:not([role=button])',
].join(', ');

function isShown(element: Element): boolean {
  return !isHiddenInPage(element) && element.closest('[aria-hidden=true]') === null;
}

/** The eid of `/r/eventedit/<eid>` (or `?eid=`); duplicating (`/eventedit/copy/`) is a new event. */
export function eidFromCalendarUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const path = /\/r\/eventedit\/([^/?#]+)\/?$/.exec(parsed.pathname);
  if (path) return path[1] === 'copy' ? null : decodeURIComponent(path[1]!);
  return /\/r\/eventedit\/?$/.test(parsed.pathname) ? parsed.searchParams.get('eid') : null;
}

function findOpenEvent(document: Document, url: string): OpenEvent | null {
  for (const element of document.querySelectorAll(DIALOG_EVENT)) {
    const eid = element.getAttribute('data-eventid')?.trim();
    if (eid && isShown(element)) {
      return { container: element.closest('[role=dialog]') ?? element, eid, page: 'dialog' };
    }
  }
  const eid = eidFromCalendarUrl(url);
  const page = eid ? document.querySelector('[data-is-create="false"]') : null;
  return eid && page && isShown(page) ? { container: page, eid, page: 'edit' } : null;
}

function attendees(container: Element): Person[] {
  const people: Person[] = [];
  for (const element of container.querySelectorAll('[data-email]')) {
    const email = normalizeEmail(element.getAttribute('data-email') ?? '');
    if (!email.includes('@')) continue;
    // The name is the first text span; sibling text holds localized RSVP words ("Organizer").
    const nameElement = [...element.querySelectorAll('span')].find((span) => lineOf(span) !== '');
    people.push({ email, name: nameElement ? lineOf(nameElement) : '' });
  }
  return uniquePeople(people);
}

function inputValue(container: Element, selector: string): string {
  return container.querySelector(selector)?.getAttribute('data-initial-value')?.trim() ?? '';
}

/** The event page has separate date and time fields; join them the way the dialog words them. */
function editPageWhen(container: Element): string | null {
  const [startDate, startTime, endTime, endDate] = ['#xStDaIn', '#xStTiIn', '#xEnTiIn', '#xEnDaIn'].map(
    (id) => inputValue(container, `${id}[data-initial-value], ${id} [data-initial-value]`),
  );
  if (!startDate) return null;
  const start = [startDate, startTime].filter(Boolean).join(' ');
  const end = [endDate || (startTime ? startDate : ''), endTime].filter(Boolean).join(' ');
  return end ? `${start} – ${end}` : start;
}

function readEvent(open: OpenEvent): Omit<Meeting, 'kind' | 'eventId' | 'calendarId' | 'userEmail'> {
  const { container } = open;
  if (open.page === 'dialog') {
    const when = container.querySelector('#xDetDlgWhen');
    const descriptionElement = container.querySelector('#xDetDlgDesc');
    const description = descriptionElement ? textOf(descriptionElement) : '';
    const heading = container.querySelector('[role=heading]');
    return {
      title: heading ? lineOf(heading) : '',
      start: null,
      end: null,
      attendees: attendees(container),
      conferenceUrl: findConferenceUrl(container, description),
      description,
      whenText: when ? textOf(when) || null : null,
    };
  }
  const descriptionElement =
    container.querySelector('#xDescIn [role=textbox]') ?? container.querySelector('#xDesc');
  const description = descriptionElement ? textOf(descriptionElement) : '';
  return {
    title:
      inputValue(container, '#xTiIn[data-initial-value], #xTiIn [data-initial-value]') ||
      inputValue(container, 'input[data-initial-value]'),
    start: null,
    end: null,
    attendees: attendees(container),
    conferenceUrl: findConferenceUrl(container, description),
    description,
    whenText: editPageWhen(container),
  };
}

export function extractMeeting(document: Document, url: string): Meeting | null {
  const open = findOpenEvent(document, url);
  const ref = open ? decodeEventId(open.eid) : null;
  if (!open || !ref) return null;
  // Built in the contract's key order; the worker checks the shape (zod stays out of the page).
  return { kind: 'meeting', ...ref, ...readEvent(open), userEmail: findUserEmail(document) };
}

/** The raw id of what is open: the key changes exactly when this does. */
export function calendarFingerprint(document: Document, url: string): string {
  const open = findOpenEvent(document, url);
  return open ? `${open.page}:${open.eid}` : '';
}
