/**
 * Email address and domain comparison. CRMs and mail clients disagree on case, stray spaces,
 * plus tags and Gmail's dots, so every comparison goes through these.
 */

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * The address as a comparison key: trimmed, lower-case, `+tag` dropped (jane+crm@acme.com is
 * jane@acme.com). Gmail also ignores dots and treats googlemail.com as gmail.com, so
 * pat.founder@gmail.com and patfounder@googlemail.com are one mailbox.
 */
export function normalizeEmail(raw: string): string {
  const email = raw
    .trim()
    .toLowerCase()
    .replace(/^mailto:/, '');
  const at = email.lastIndexOf('@');
  if (at <= 0) return email;
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    domain = 'gmail.com';
    local = local.replaceAll('.', '');
  }
  return `${local}@${domain}`;
}

/** The part before the `@` of a normalized address ('' when there is none). */
export function localPart(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(0, at);
}

/** The domain of a normalized address ('' when there is none). */
export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1);
}

/** A configured or CRM domain as a key: accepts `ACME.com`, `www.acme.com`, `https://acme.com/`, `@acme.com`. */
export function normalizeDomain(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^@/, '')
    .replace(/[/?#:].*$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
}

/**
 * The domain and each parent that is still a real name (eu.mail.acme.com → eu.mail.acme.com,
 * mail.acme.com, acme.com), so a subdomain matches its organisation's domain. Bare TLDs are left
 * out; a parent like `co.uk` is harmless because no account or policy lists it.
 */
export function domainAndParents(domain: string): string[] {
  const labels = domain.split('.').filter((label) => label.length > 0);
  const out: string[] = [];
  for (let i = 0; i + 2 <= labels.length; i++) out.push(labels.slice(i).join('.'));
  return out;
}

/** Whether `domain` is one of `set` or a subdomain of one. */
export function inDomainSet(domain: string, set: ReadonlySet<string>): boolean {
  if (set.size === 0 || domain === '') return false;
  return domainAndParents(domain).some((d) => set.has(d));
}

export function domainSet(domains: readonly string[]): Set<string> {
  return new Set(domains.map(normalizeDomain).filter((d) => d.length > 0));
}
