/**
 * Salesforce value formats ↔ Dealside's. Salesforce writes datetimes as
 * `2026-11-18T13:19:00.000+0000` (no colon in the offset, which `Date.parse` rejects) and
 * dates as `2026-11-18`; Dealside passes ISO strings around.
 */

/** A Salesforce datetime (or date) as an ISO string, or null when absent or unreadable. */
export function isoFromSalesforce(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? `${value}T00:00:00.000Z`
    : value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export function msFromSalesforce(value: string | null | undefined): number | null {
  const iso = isoFromSalesforce(value);
  return iso === null ? null : Date.parse(iso);
}

/**
 * The calendar day of an instant where the rep is (the browser's time zone): Task.ActivityDate
 * is a plain date and Salesforce shows it as is, so "today" must mean the rep's today.
 */
export function localDate(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** `acme.com` from `https://www.acme.com/en`, or null when the Website is not a host. */
export function domainFromWebsite(website: string | null | undefined): string | null {
  if (!website) return null;
  const trimmed = website.trim().toLowerCase();
  try {
    const host = new URL(/^[a-z]+:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`).hostname;
    const domain = host.replace(/^www\./, '');
    return /^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain) ? domain : null;
  } catch {
    return null;
  }
}

/** Cuts text to a Salesforce field length, marking the cut. */
export function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** 15- or 18-character record ids only: anything else never reaches a statement or a path. */
export function isSalesforceId(value: string): boolean {
  return /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(value);
}
