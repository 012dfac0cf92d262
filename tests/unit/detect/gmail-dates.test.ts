/**
 * Gmail header dates in the rep's Gmail language, read in the worker. Runs with TZ=UTC
 * (vitest.config.ts), so local times read back as the same clock time in Z.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeInteraction } from '../../../lib/detect/complete';
import { DATE_LANGUAGES, readGmailDate } from '../../../lib/detect/message-date';
import type { EmailMessage, EmailThread } from '../../../lib/model';

describe('readGmailDate', () => {
  it.each([
    ['Fri, Nov 20, 2026, 1:19 PM', 'en', '2026-11-20T13:19:00.000Z'],
    ['Fri, Nov 20, 2026, 1:19\u202fPM', 'en-US', '2026-11-20T13:19:00.000Z'],
    ['Fri, Nov 20, 2026 at 12:05 AM', 'en', '2026-11-20T00:05:00.000Z'],
    ['Sun, Nov 22, 2026, 12:00 PM', 'en', '2026-11-22T12:00:00.000Z'],
    ['Fri, 20 Nov 2026, 13:19', 'en-GB', '2026-11-20T13:19:00.000Z'],
    ['Wednesday, September 2, 2026, 8:00 a.m.', 'en', '2026-09-02T08:00:00.000Z'],
    ['Fr., 20. Nov. 2026, 13:19', 'de', '2026-11-20T13:19:00.000Z'],
    ['Mi., 6. Mai 2026 um 17:45', 'de-AT', '2026-05-06T17:45:00.000Z'],
    ['mar. 2 mars 2027, 09:05', 'fr', '2027-03-02T09:05:00.000Z'],
    ['vie, 20 nov 2026, 13:19', 'es', '2026-11-20T13:19:00.000Z'],
    ['mié, 30 sept 2026, 11:59 p.m.', 'es-419', '2026-09-30T23:59:00.000Z'],
    ['sex., 20 de nov. de 2026, 13:19', 'pt-BR', '2026-11-20T13:19:00.000Z'],
    ['vr 20 nov 2026, 13:19', 'nl', '2026-11-20T13:19:00.000Z'],
    ['ven 20 nov 2026, 13:19', 'it', '2026-11-20T13:19:00.000Z'],
    ['2026年11月20日(金) 13:19', 'ja', '2026-11-20T13:19:00.000Z'],
    ['2026年11月20日(金) 午前0:05', 'ja', '2026-11-20T00:05:00.000Z'],
    ['2026年11月20日周五 13:19', 'zh-CN', '2026-11-20T13:19:00.000Z'],
    ['2026年11月20日週五 下午1:19', 'zh-TW', '2026-11-20T13:19:00.000Z'],
    ['пт, 20 нояб. 2026 г., 13:19', 'ru', '2026-11-20T13:19:00.000Z'],
    ['fre 20 nov. 2026 13:19', 'sv', '2026-11-20T13:19:00.000Z'],
    ['пт, 20 лист. 2026 р., 13:19', 'uk', '2026-11-20T13:19:00.000Z'],
  ])('%s (%s) → %s', (text, lang, iso) => {
    expect(readGmailDate(text, lang)).toBe(iso);
  });

  it.each([
    // Nothing to read, or not a full date and time.
    [null, 'en'],
    ['', 'en'],
    ['Nov 20', 'en'],
    ['3:02 PM', 'en'],
    ['Fri, Nov 20, 2026', 'en'],
    ['Fri, Nov 20, 26, 1:19 PM', 'en'],
    // Impossible dates and times.
    ['Feb 31, 2026, 1:00 PM', 'en'],
    ['Fri, Nov 20, 2026, 13:19 PM', 'en'],
    ['Fri, Nov 20, 2026, 25:00', 'en'],
    // The weekday says chrono read another day than Gmail wrote.
    ['Sat, Nov 20, 2026, 1:19 PM', 'en'],
    // Day and month could be either way round.
    ['03/04/2026, 13:19', 'en'],
    // A day period this reader does not know could move the hour by twelve.
    ['pt, 20 lis 2026, 1:19 po południu', 'pl'],
    ['Fri, Nov 20, 2026, 1:19 nachm.', 'de'],
    // The page's language decides: French words are not read as English ("mar." is not March).
    ['mar. 2 mars 2027, 09:05', 'en'],
    // No language, or one chrono cannot read: null, never a guess.
    ['Fri, Nov 20, 2026, 1:19 PM', undefined],
    ['2026년 11월 20일 (금) 오후 1:19', 'ko'],
  ])('%s (%s) → null', (text, lang) => {
    expect(readGmailDate(text, lang)).toBeNull();
  });

  /**
   * Chrome words Gmail's dates with its ICU data; Node's Intl has the same CLDR patterns. The
   * options reproduce the English and German titles of the saved pages, with and without the
   * weekday, with long month names, and with 12- and 24-hour clocks.
   */
  const FORMATS: Intl.DateTimeFormatOptions[] = [
    { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
    { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
    { weekday: 'short', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' },
    { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', hourCycle: 'h12' },
    { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', hourCycle: 'h23' },
  ];
  const LOCALES = [
    ...DATE_LANGUAGES,
    ...['en-GB', 'en-IN', 'de-CH', 'fr-CA', 'es-419', 'pt-PT', 'nl-BE', 'zh-TW', 'zh-HK'],
  ];

  it('reads every language it supports, as Chrome words it, or gives null; never another date', () => {
    const minute = 60_000;
    const start = Date.UTC(2000, 0, 1);
    const span = Date.UTC(2040, 0, 1) - start;
    let read = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...LOCALES),
        fc.constantFrom(...FORMATS),
        fc.integer({ min: 0, max: span / minute - 1 }),
        (locale, format, offset) => {
          runs++;
          const when = new Date(start + offset * minute);
          const text = new Intl.DateTimeFormat(locale, { ...format, timeZone: 'UTC' }).format(when);
          const date = readGmailDate(text, locale);
          if (date !== null) read++;
          return date === null || date === when.toISOString();
        },
      ),
      { numRuns: 800, seed: 20261122 },
    );
    // Null is the safe answer, not the usual one: pt-PT writes some months as numbers, and
    // "7/01/2008" is left unread rather than guessed.
    expect(read / runs).toBeGreaterThan(0.97);
  });
});

describe('completing a thread in the worker', () => {
  const message = (patch: Partial<EmailMessage>): EmailMessage => ({
    id: '19d847db53731d21',
    permId: null,
    from: { email: 'jane@acme.com', name: 'Jane Doe' },
    to: [],
    date: null,
    state: 'expanded',
    text: 'Hello',
    ...patch,
  });
  const thread = (messages: EmailMessage[], lang?: string): EmailThread => ({
    kind: 'email-thread',
    threadId: '198c6747aabb71a9',
    subject: 'Pricing',
    messages,
    participants: [{ email: 'jane@acme.com', name: 'Jane Doe' }],
    ...(lang ? { lang } : {}),
  });

  it('reads each date in the page language and drops the words it read', () => {
    const done = completeInteraction(thread([message({ dateText: 'ven. 20 nov. 2026, 13:19' })], 'fr'));
    expect(done).toEqual(thread([message({ date: '2026-11-20T13:19:00.000Z' })]));
  });

  it('keeps the words and the language when a date cannot be read, so support can see why', () => {
    const done = completeInteraction(thread([message({ dateText: 'pt, 20 lis 2026, 13:19' })], 'pl'));
    expect(done).toEqual(thread([message({ date: null, dateText: 'pt, 20 lis 2026, 13:19' })], 'pl'));
  });

  it('keeps a date sent without words only when it is a well-formed timestamp', () => {
    const done = completeInteraction(
      thread([message({ date: 'yesterday' }), message({ date: '2026-11-20T13:19:00.000Z' })]),
    );
    expect(done.kind === 'email-thread' && done.messages.map((m) => m.date)).toEqual([
      null,
      '2026-11-20T13:19:00.000Z',
    ]);
  });
});
