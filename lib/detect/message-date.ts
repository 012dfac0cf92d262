/**
 * Gmail's full message date (`.g3[title]`) in the rep's Gmail language, e.g.
 * "Fri, Nov 20, 2026, 1:19 PM", "ven. 20 nov. 2026, 13:19", "2026年11月20日(金) 13:19" or
 * "пт, 20 нояб. 2026 г., 13:19", read as local time. Worker and CLI only: chrono-node must
 * never reach a content script.
 *
 * Chrono reads the date part only. The time is cut out first with a strict pattern, because
 * chrono takes a weekday next to a number for a time ("пт, 20" as 20:00). A date is returned
 * only when everything agrees; anything doubtful gives null, never a wrong date.
 */
import type { Chrono, ParsedResult } from 'chrono-node';
import * as de from 'chrono-node/de';
import * as en from 'chrono-node/en';
import * as es from 'chrono-node/es';
import * as fr from 'chrono-node/fr';
import * as it from 'chrono-node/it';
import * as ja from 'chrono-node/ja';
import * as nl from 'chrono-node/nl';
import * as pt from 'chrono-node/pt';
import * as ru from 'chrono-node/ru';
import * as sv from 'chrono-node/sv';
import * as uk from 'chrono-node/uk';
import * as zh from 'chrono-node/zh';

/** By the primary subtag of `<html lang>`: "pt-BR" reads as pt, "zh-TW" as zh (both scripts). */
const READERS: Record<string, Chrono> = {
  de: de.strict,
  en: en.strict,
  es: es.strict,
  fr: fr.strict,
  it: it.strict,
  ja: ja.strict,
  nl: nl.strict,
  pt: pt.strict,
  ru: ru.strict,
  sv: sv.strict,
  uk: uk.strict,
  zh: zh.strict,
};

/** The languages whose dates can be read; any other `lang` leaves dates null. */
export const DATE_LANGUAGES = Object.keys(READERS);

/**
 * Abbreviations Chrome's CLDR data writes that chrono 2.10.3 does not know, spelled the way it
 * does. Keyed by language; each pattern must match a whole word.
 */
const SPELLINGS: Record<string, [RegExp, string][]> = {
  en: [[/\bsept\b/giu, 'sep']],
  es: [[/\bsept\b/giu, 'sep']],
  fr: [[/(?<!\p{L})juill\./giu, 'juil.']],
  ru: [
    [/(?<!\p{L})февр\./giu, 'фев.'],
    [/(?<!\p{L})июн\./giu, 'июня'],
    [/(?<!\p{L})июл\./giu, 'июля'],
    [/(?<!\p{L})сент\./giu, 'сен.'],
    [/(?<!\p{L})нояб\./giu, 'ноя.'],
  ],
  uk: [[/(?<!\p{L})лист\./giu, 'листопада']],
};

/**
 * "13:19", "1:19 PM", "1:19 p. m.", "1:19 em" (sv), "1:19 пп" (uk), "下午1:19" (zh), "午後1:19"
 * (ja), "13 h 19" (fr-CA). Day periods before the time are CJK; the others follow it.
 */
const TIME =
  /(上午|下午|中午|晚上|凌晨|早上|午前|午後)?\s*(?<![\d:])(\d{1,2})(?::|\s?h\s?)(\d{2})(?![\d:])(?:\s*(a\.?\s?m\.?|p\.?\s?m\.?|fm|em|дп|пп)(?!\p{L}))?/giu;
/** Day periods, written without dots and spaces. Noon (中午) counts as afternoon: 中午1:00 is 13:00. */
const PERIODS: Record<string, 'am' | 'pm'> = {
  am: 'am',
  pm: 'pm',
  fm: 'am',
  em: 'pm',
  дп: 'am',
  пп: 'pm',
  上午: 'am',
  凌晨: 'am',
  早上: 'am',
  午前: 'am',
  下午: 'pm',
  晚上: 'pm',
  中午: 'pm',
  午後: 'pm',
};

interface Clock {
  hour: number;
  minute: number;
  rest: string;
}

/**
 * The one time in the text and the text without it; null when there is none, more than one,
 * or a word right after it that could be a day period this reader does not know.
 */
function clockOf(text: string): Clock | null {
  const matches = [...text.matchAll(TIME)];
  if (matches.length !== 1) return null;
  const [match] = matches;
  const [whole, before, hourText, minuteText, after] = match!;
  const end = match!.index + whole.length;
  if (/^\s*\p{L}/u.test(text.slice(end))) return null;
  let hour = Number(hourText);
  const minute = Number(minuteText);
  const marker = after ?? before;
  const period = marker ? PERIODS[marker.toLowerCase().replace(/[.\s]/g, '')] : undefined;
  if (marker && !period) return null;
  if (minute > 59 || hour > (period ? 12 : 23)) return null;
  if (period === 'pm' && hour < 12) hour += 12;
  else if (period === 'am' && hour === 12) hour = 0;
  const rest = text.slice(0, match!.index) + ' ' + text.slice(end);
  return { hour, minute, rest };
}

/** Day-first or month-first numbers ("03/04/2026") are read only when no order could differ. */
function ambiguousNumbers(result: ParsedResult): boolean {
  const numeric = /^\D*?(\d{1,2})[./-](\d{1,2})[./-]\d{4}/.exec(result.text);
  if (!numeric) return false;
  const [first, second] = [Number(numeric[1]), Number(numeric[2])];
  return first <= 12 && second <= 12 && first !== second;
}

function dayOf(results: ParsedResult[]): { year: number; month: number; day: number } | null {
  const dated = results.filter(
    (r) => r.start.isCertain('year') && r.start.isCertain('month') && r.start.isCertain('day'),
  );
  if (dated.length !== 1 || ambiguousNumbers(dated[0]!)) return null;
  const { start } = dated[0]!;
  const [year, month, day] = [start.get('year')!, start.get('month')!, start.get('day')!];
  // A weekday that disagrees with the date means chrono read something else than Gmail wrote.
  if (start.isCertain('weekday') && new Date(year, month - 1, day).getDay() !== start.get('weekday'))
    return null;
  return { year, month, day };
}

/**
 * ISO timestamp of a Gmail header date worded in `lang` (BCP 47, from `<html lang>`), or null
 * when the language has no reader or the text is not a full date and time.
 */
export function readGmailDate(
  text: string | null | undefined,
  lang: string | null | undefined,
): string | null {
  const language = lang?.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const reader = READERS[language];
  if (!text || !reader) return null;
  // Chrome's ICU puts (narrow) no-break spaces around times and inside dates.
  let clean = text.replace(/[\u00a0\u202f\u2009]/g, ' ').trim();
  for (const [pattern, spelling] of SPELLINGS[language] ?? []) clean = clean.replace(pattern, spelling);
  const clock = clockOf(clean);
  // A four-digit year is always in Gmail's full date; two digits would leave the century to guess.
  if (!clock || !/\d{4}/.test(clock.rest)) return null;
  const day = dayOf(reader.parse(clock.rest, new Date(Date.UTC(2000, 0, 1))));
  if (!day) return null;
  const date = new Date(day.year, day.month - 1, day.day, clock.hour, clock.minute);
  // Reject overflow such as Feb 31, which Date silently rolls into March.
  return date.getDate() === day.day && date.getMonth() === day.month - 1 ? date.toISOString() : null;
}
