/**
 * Every saved page under tests/fixtures/{gmail,calendar} against its .json: drop in a new
 * `<name>.html` + `<name>.json` pair and it is checked here. Keys in `expected` are optional
 * except `kind`; each one present is compared.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detect } from '../../../lib/detect/detect';
import type { EmailThread, Interaction, Meeting } from '../../../lib/model';

interface Expected {
  kind: 'email-thread' | 'meeting';
  [key: string]: unknown;
}
interface Fixture {
  url: string;
  /** Reference time for "when" texts without a year. */
  now?: string;
  expected: Expected | null;
}

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

function load(app: string) {
  return readdirSync(`${FIXTURES}${app}`)
    .filter((name) => name.endsWith('.html'))
    .map((name) => {
      const base = `${FIXTURES}${app}/${name.slice(0, -'.html'.length)}`;
      return {
        name,
        html: readFileSync(`${base}.html`, 'utf8'),
        spec: JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Fixture,
      };
    });
}

/** How each expected key is read off the detected interaction. */
const threadFields: Record<string, (t: EmailThread) => unknown> = {
  threadId: (t) => t.threadId,
  subject: (t) => t.subject,
  userEmail: (t) => t.userEmail,
  messageIds: (t) => t.messages.map((m) => m.id),
  permIds: (t) => t.messages.map((m) => m.permId),
  states: (t) => t.messages.map((m) => m.state),
  senders: (t) => t.messages.map((m) => m.from.email),
  directions: (t) => t.messages.map((m) => m.direction),
  dates: (t) => t.messages.map((m) => m.date),
  /** The header's words, kept only where the worker could not read them (null elsewhere). */
  dateTexts: (t) => t.messages.map((m) => m.dateText ?? null),
  /** The page language, kept only when some date could not be read (null otherwise). */
  lang: (t) => t.lang ?? null,
  texts: (t) => t.messages.map((m) => m.text),
  participants: (t) => t.participants.map((p) => p.email),
  names: (t) => t.participants.map((p) => p.name),
};
const meetingFields: Record<string, (m: Meeting) => unknown> = {
  eventId: (m) => m.eventId,
  calendarId: (m) => m.calendarId,
  title: (m) => m.title,
  userEmail: (m) => m.userEmail,
  attendees: (m) => m.attendees.map((p) => p.email),
  attendeeNames: (m) => m.attendees.map((p) => p.name),
  conferenceUrl: (m) => m.conferenceUrl,
  start: (m) => m.start,
  end: (m) => m.end,
  description: (m) => m.description,
};

function allText(interaction: Interaction): string {
  return interaction.kind === 'meeting'
    ? `${interaction.title}\n${interaction.description}`
    : interaction.messages.map((m) => m.text).join('\n');
}

for (const app of ['gmail', 'calendar']) {
  describe(`${app} fixtures`, () => {
    const fixtures = load(app);

    it('has pages to check', () => {
      expect(fixtures.length).toBeGreaterThan(0);
    });

    for (const { name, html, spec } of fixtures) {
      it(`${name} gives ${spec.expected ? spec.expected.kind : 'null'}`, () => {
        const { document } = parseHTML(html);
        const result = detect(document, spec.url, spec.now ? new Date(spec.now) : undefined);
        if (spec.expected === null) {
          expect(result).toBeNull();
          return;
        }
        const { kind, textHas = [], textLacks = [], ...fields } = spec.expected;
        expect(result?.kind).toBe(kind);
        const interaction = result!;
        const readers: Record<string, (i: never) => unknown> =
          interaction.kind === 'meeting' ? meetingFields : threadFields;
        for (const [key, value] of Object.entries(fields)) {
          expect(readers[key], `unknown expected key "${key}" in ${name}`).toBeDefined();
          expect(readers[key]!(interaction as never), key).toEqual(value);
        }
        for (const text of textHas as string[]) expect(allText(interaction)).toContain(text);
        for (const text of textLacks as string[]) expect(JSON.stringify(interaction)).not.toContain(text);
      });
    }
  });
}
