import { describe, expect, it } from 'vitest';
import { domainAndParents, inDomainSet, normalizeDomain, normalizeEmail } from '../../../lib/match/address';

describe('addresses', () => {
  it.each([
    [' Jane@ACME.com ', 'jane@acme.com'],
    ['jane+crm@acme.com', 'jane@acme.com'],
    ['Jane+Deals+2@Acme.COM', 'jane@acme.com'],
    ['Pat.Founder@googlemail.com', 'patfounder@gmail.com'],
    ['pat.founder+x@gmail.com', 'patfounder@gmail.com'],
    ['first.last@acme.com', 'first.last@acme.com'],
    ['mailto:jane@acme.com', 'jane@acme.com'],
  ])('%s is compared as %s', (raw, key) => {
    expect(normalizeEmail(raw)).toBe(key);
  });

  it.each([
    ['ACME.com', 'acme.com'],
    ['https://www.acme.com/about', 'acme.com'],
    ['@acme.com', 'acme.com'],
    ['acme.com.', 'acme.com'],
  ])('domain %s is %s', (raw, domain) => {
    expect(normalizeDomain(raw)).toBe(domain);
  });

  it('treats subdomains as their organisation, but not a bare TLD', () => {
    expect(domainAndParents('eu.mail.acme.com')).toEqual(['eu.mail.acme.com', 'mail.acme.com', 'acme.com']);
    expect(inDomainSet('eu.acme.com', new Set(['acme.com']))).toBe(true);
    expect(inDomainSet('notacme.com', new Set(['acme.com']))).toBe(false);
    expect(inDomainSet('acme.com', new Set(['com']))).toBe(false);
  });
});
