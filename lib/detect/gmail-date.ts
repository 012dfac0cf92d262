/**
 * Gmail's full date (`.g3[title]`), e.g. "Fri, Nov 20, 2026, 1:19 PM" or
 * "Fr., 20. Nov. 2026, 13:19", read as local time. Deliberately tiny (no date library in the
 * content script): it finds a month name, a day, a four-digit year and a time in any order.
 */

/** English and German month names and abbreviations, one line per month (January first). */
const MONTH_NAMES = [
  'jan january januar jän jänner',
  'feb february februar',
  'mar march mär märz maerz',
  'apr april',
  'may mai',
  'jun june juni',
  'jul july juli',
  'aug august',
  'sep sept september',
  'oct october okt oktober',
  'nov november',
  'dec december dez dezember',
];
const MONTHS = new Map(
  MONTH_NAMES.flatMap((names, month) => names.split(' ').map((name) => [name, month] as const)),
);

/** ISO timestamp, or null when the text is not a date this parser knows. */
export function parseGmailDate(text: string | null | undefined): string | null {
  if (!text) return null;
  // Chrome's ICU puts narrow no-break spaces before AM/PM.
  const clean = text.replace(/[\u00a0\u202f\u2009]/g, ' ');
  const time = /(\d{1,2}):(\d{2})(?:\s*([ap])\.?\s*m\.?(?![a-z]))?/i.exec(clean);
  if (!time) return null;
  const rest = clean.slice(0, time.index) + ' ' + clean.slice(time.index + time[0].length);

  let month: number | undefined;
  for (const word of rest.toLowerCase().match(/\p{L}+/gu) ?? []) {
    month = MONTHS.get(word);
    if (month !== undefined) break;
  }
  const numbers = (rest.match(/\d+/g) ?? []).map(Number);
  const year = numbers.find((n) => n >= 1970 && n <= 9999);
  const day = numbers.find((n) => n >= 1 && n <= 31);
  if (month === undefined || year === undefined || day === undefined) return null;

  let hour = Number(time[1]);
  const minute = Number(time[2]);
  const meridiem = time[3]?.toLowerCase();
  if (minute > 59 || hour > (meridiem ? 12 : 23) || (meridiem && hour === 0)) return null;
  if (meridiem === 'p' && hour < 12) hour += 12;
  if (meridiem === 'a' && hour === 12) hour = 0;

  const date = new Date(year, month, day, hour, minute);
  // Reject overflow such as Feb 31, which Date silently rolls into March.
  return date.getDate() === day && date.getMonth() === month ? date.toISOString() : null;
}
