import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  quote,
  quoteLikeContains,
  websiteMatches,
  inList,
  normalizeEmails,
} from '../../../lib/crm/salesforce/client/soql';
import { domainFromWebsite, isoFromSalesforce } from '../../../lib/crm/salesforce/map/values';
import type { FakeCrm } from '../../support/fake-crm';
import { DATA, startCrm } from './helpers';

describe('SOQL building', () => {
  it('escapes backslashes and quotes, and LIKE wildcards in LIKE patterns', () => {
    expect(quote("o'brien\\x")).toBe("'o\\'brien\\\\x'");
    expect(quoteLikeContains("50%_a'b\\")).toBe("'%50\\%\\_a\\'b\\\\%'");
    expect(inList(['a', "b'c"])).toBe("('a','b\\'c')");
  });

  it('lower-cases and de-duplicates addresses', () => {
    expect(normalizeEmails([' Jane@Acme.com', 'jane@acme.com', 'nope'])).toEqual(['jane@acme.com']);
  });

  it('reads dates and websites the way Salesforce writes them', () => {
    expect(isoFromSalesforce('2026-11-18T13:19:00.000+0000')).toBe('2026-11-18T13:19:00.000Z');
    expect(isoFromSalesforce('2026-11-18')).toBe('2026-11-18T00:00:00.000Z');
    expect(isoFromSalesforce('garbage')).toBeNull();
    expect(domainFromWebsite('https://www.Acme.com/en')).toBe('acme.com');
    expect(domainFromWebsite('acme.com')).toBe('acme.com');
    expect(domainFromWebsite('n/a')).toBeNull();
  });
});

describe('SOQL the fake accepts and rejects like Salesforce', () => {
  let crm: FakeCrm;
  let token: string;
  beforeAll(async () => {
    crm = await startCrm();
    token = crm.issueToken('salesforce').accessToken;
  });
  afterAll(() => crm.close());
  beforeEach(() => crm.reset());

  const run = async (soql: string) => {
    const res = await fetch(`${crm.url}${DATA}/query?q=${encodeURIComponent(soql)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it('matches account websites in their usual shapes, not look-alike domains', async () => {
    crm.store.salesforce.accounts.push(
      { ...crm.store.salesforce.accounts[0], Id: '001Dz0000000091IAA', Website: 'https://acme.company.io' },
      { ...crm.store.salesforce.accounts[0], Id: '001Dz0000000092IAA', Website: 'acme.com/en' },
      { ...crm.store.salesforce.accounts[0], Id: '001Dz0000000093IAA', Website: 'http://eu.acme.com' },
    );
    const res = await run(`SELECT Id, Website FROM Account WHERE ${websiteMatches('Website', ['acme.com'])}`);
    expect(res.status).toBe(200);
    const sites = (res.body as { records: Array<{ Website: string }> }).records.map((r) => r.Website).sort();
    expect(sites).toEqual(['acme.com/en', 'http://eu.acme.com', 'https://www.acme.com']);
  });

  it('rejects a semi-join combined with OR (which is why matchData uses two queries)', async () => {
    const res = await run(
      "SELECT Id FROM Opportunity WHERE Id IN (SELECT OpportunityId FROM OpportunityContactRole WHERE Contact.Email = 'jane@acme.com') OR AccountId IN (SELECT AccountId FROM Contact WHERE Email = 'jane@acme.com')",
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject([
      {
        errorCode: 'MALFORMED_QUERY',
        message: expect.stringContaining("Semi join sub-selects are not allowed with the 'OR' operator"),
      },
    ]);
  });
});
