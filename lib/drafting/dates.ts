/**
 * The date a sentence names, read in the thread's language relative to when it was written (a
 * message's date, a meeting's start), as a calendar day. Worker, panel and CLI only: chrono-node
 * never reaches a content script.
 *
 * Chrono reads short capitalised words as dates: "Sam," as Saturday (fr "sam."), "Jan," as
 * January, "Mar," as March. A name is never a date, so a lone short word is refused, as is a
 * duration ("10 hours a week") or a day already gone when it was written.
 */
import type { Chrono, ParsedResult } from 'chrono-node';
import * as de from 'chrono-node/de';
import * as en from 'chrono-node/en';
import * as es from 'chrono-node/es';
import * as fr from 'chrono-node/fr';
import * as nl from 'chrono-node/nl';
import * as pt from 'chrono-node/pt';
import type { Language } from './language';

const READERS: Record<Language, Chrono> = {
  en: en.casual,
  de: de.casual,
  fr: fr.casual,
  es: es.casual,
  pt: pt.casual,
  nl: nl.casual,
};

/** "next week" where chrono 2.10.3 misses it, spelled the way it reads. */
const SPELLINGS: Partial<Record<Language, [RegExp, string][]>> = {
  es: [[/\b(la )?pr[oó]xima semana\b/giu, 'el próximo lunes']],
  pt: [[/\b(na )?pr[oó]xima semana\b/giu, 'na próxima segunda-feira']],
};

const DURATION =
  /\d+\s*(hours?|hrs?|minutes?|mins?|stunden|minuten|heures?|minutes?|horas?|minutos?|uur|minuten)\b/iu;

export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function isName(result: ParsedResult): boolean {
  const word = result.text.replace(/[\s,.;:!]+$/u, '').trim();
  return /^\p{Lu}\p{Ll}{1,3}$/u.test(word);
}

/**
 * A weekday alone ("by Friday") said on that very weekday means the next one: nobody writes
 * "by Friday" on a Friday meaning today.
 */
function dayOf(result: ParsedResult, ref: Date): Date {
  const date = result.start.date();
  const weekdayOnly = result.start.isCertain('weekday') && !result.start.isCertain('day');
  if (weekdayOnly && localDay(date) === localDay(ref)) {
    const later = new Date(date);
    later.setDate(later.getDate() + 7);
    return later;
  }
  return date;
}

/** Every date the sentence names, as YYYY-MM-DD, on or after the day it was written. */
export function datesIn(sentence: string, language: Language, ref: Date): string[] {
  let text = sentence;
  for (const [pattern, spelling] of SPELLINGS[language] ?? []) text = text.replace(pattern, spelling);
  const results = READERS[language].parse(text, ref, { forwardDate: true });
  const today = localDay(ref);
  const days: string[] = [];
  for (const result of results) {
    if (isName(result) || DURATION.test(result.text)) continue;
    const day = localDay(dayOf(result, ref));
    if (day >= today) days.push(day);
  }
  return days;
}

/** The first date the sentence names, or null. */
export function dateIn(sentence: string, language: Language, ref: Date): string | null {
  return datesIn(sentence, language, ref)[0] ?? null;
}

/** The panel's own default when the text names no date: two business days on. */
export function addBusinessDays(from: Date, days: number): Date {
  const date = new Date(from);
  let left = days;
  while (left > 0) {
    date.setDate(date.getDate() + 1);
    const weekday = date.getDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return date;
}
