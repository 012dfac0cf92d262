/**
 * What is open on a Gmail or Calendar page, read from the DOM alone. Safe for content scripts:
 * no date library here (see `complete.ts`).
 */
import type { Interaction } from '../model';
import { extractMeeting } from './calendar';
import { extractEmailThread } from './gmail';

export type App = 'gmail' | 'calendar';

export function appFromUrl(url: string): App | null {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  if (host === 'mail.google.com') return 'gmail';
  if (host === 'calendar.google.com') return 'calendar';
  return null;
}

/** The open thread or event, zod-validated; meetings carry `whenText` with start/end null. */
export function extractInteraction(document: Document, url: string): Interaction | null {
  const app = appFromUrl(url);
  if (app === 'gmail') return extractEmailThread(document, url);
  if (app === 'calendar') return extractMeeting(document, url);
  return null;
}
