/**
 * Building SOQL safely. Every value that reaches a statement goes through `quote` (or
 * `quoteLike` for LIKE patterns): Salesforce string literals escape `\` and `'` with a
 * backslash, and LIKE additionally treats `%` and `_` as wildcards unless escaped.
 */

/** A SOQL string literal, quotes included. */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A LIKE pattern matching `value` anywhere, with the rep's `%` and `_` taken literally. */
export function quoteLikeContains(value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/%/g, '\\%').replace(/_/g, '\\_');
  return `'%${escaped}%'`;
}

/** `('a','b')` for an IN clause; callers keep lists to `IN_CHUNK` values. */
export function inList(values: readonly string[]): string {
  return `(${values.map(quote).join(',')})`;
}

/**
 * Values per IN list. Salesforce has no documented IN-list cap, but statements are limited to
 * 100,000 characters and URIs to ~16 KB; ~100 values keeps every statement far below both.
 */
export const IN_CHUNK = 100;

/** Lower-cased, trimmed, de-duplicated addresses (SOQL compares case-insensitively anyway). */
export function normalizeEmails(emails: readonly string[]): string[] {
  return [...new Set(emails.map((e) => e.trim().toLowerCase()).filter((e) => e.includes('@')))];
}

export function normalizeDomains(domains: readonly string[]): string[] {
  return [
    ...new Set(
      domains
        .map((d) =>
          d
            .trim()
            .toLowerCase()
            .replace(/^www\./, ''),
        )
        .filter((d) => /^[a-z0-9.-]+\.[a-z]{2,}$/.test(d)),
    ),
  ];
}

/**
 * Accounts whose Website is this domain or a sub-domain of it, in the shapes reps type
 * (`acme.com`, `www.acme.com`, `https://www.acme.com/`, `http://acme.com/en`) but not
 * `acme.company.io`. Leading-wildcard LIKE cannot use an index; it only runs inside a
 * semi-join whose outer query is narrowed to open opportunities.
 */
export function websiteMatches(field: string, domains: readonly string[]): string {
  const parts: string[] = [];
  for (const domain of domains) {
    parts.push(`${field} = ${quote(domain)}`, `${field} LIKE ${quote(`${domain}/%`)}`);
    for (const before of ['%//', '%.']) {
      parts.push(`${field} LIKE ${quote(`${before}${domain}`)}`);
      parts.push(`${field} LIKE ${quote(`${before}${domain}/%`)}`);
    }
  }
  return parts.join(' OR ');
}
