/**
 * docs/crm-endpoints.md lists every HubSpot and Salesforce endpoint the product calls, with its
 * vendor docs page and status. This scans the code that talks to the CRMs for endpoint paths and
 * fails when one is not in that list (or the list names one the code no longer builds), so any
 * change to what Dealside calls comes with a reviewed change to the list.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SOURCES = ['lib', 'scripts/hubspot-token-exchange'];
/** Path constants the adapters build URLs from. */
const PREFIXES: Record<string, string> = {
  '${OBJECTS}': '/crm/v3/objects',
  '${ASSOCIATIONS}': '/crm/v4/associations',
  '${dataPath}': '/services/data/{v}',
};
const PREFIX_VALUES = new Set(['/crm/v3/objects', '/crm/v4/associations', '/services/data/{x}']);
/** Salesforce paths the client puts after `/services/data/vXX.X`. */
const DATA_RELATIVE = /^\/(sobjects|query|composite)\b/;
const ENDPOINT =
  /\/(?:crm|oauth|oauth2|calling|engagements|account-info|services|sobjects|composite|query|id)\/[^'"`\s?,;)]*/g;
/** Google's endpoints (the Calendar connection) are whole URLs in the code, listed as such. */
const GOOGLE_URL =
  /https:\/\/(?:accounts\.google\.com|oauth2\.googleapis\.com|www\.googleapis\.com)\/[^'"`\s?*]*/g;
/** OAuth scopes are URLs too, but nothing is called at them. */
const GOOGLE_SCOPE = /^https:\/\/www\.googleapis\.com\/auth\//;
/** Called by the organisation's token exchange (its TOKEN_URL), not by code in this repository. */
const GOOGLE_CALLED_BY_EXCHANGE = ['https://oauth2.googleapis.com/token'];
/** Listed paths the code builds at run time (from a base URL or an answer), not from a literal. */
const BUILT_AT_RUN_TIME = [
  '/oauth/v3/token/introspect', // `${tokenUrl}/introspect` in the token exchange
  '/oauth/v3/token/revoke', // `${tokenUrl}/revoke`
  '/id/{orgId}/{userId}', // the identity URL from Salesforce's token answer
  '/services/data/vXX.X/query/{queryLocator}', // nextRecordsUrl
];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Template expressions become `{x}` (innermost first, so nested templates collapse too). */
function withPlaceholders(line: string): string {
  let text = line;
  for (const [name, value] of Object.entries(PREFIXES)) text = text.split(name).join(value);
  const hole = '\u0001';
  for (let before = ''; before !== text;) {
    before = text;
    text = text.replace(/\$\{[^{}]*\}/g, hole);
  }
  return text.replace(/\{v\}/g, hole).split(hole).join('{x}');
}

function endpointsInCode(): Array<{ path: string; where: string }> {
  const found: Array<{ path: string; where: string }> = [];
  for (const file of SOURCES.flatMap(sourceFiles)) {
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const code = line.trim();
        if (code.startsWith('*') || code.startsWith('//') || code.startsWith('/*')) return;
        // Module specifiers ('../crm/types') are not endpoints.
        if (/\bfrom\s+['"]|\bimport\s*\(|^import\s+['"]/.test(code)) return;
        for (const match of withPlaceholders(line.replace(GOOGLE_URL, '')).matchAll(ENDPOINT)) {
          const path = match[0].replace(/\/+$/, '');
          // The prefix constants themselves (OBJECTS, dataPath…) are not calls.
          if (PREFIX_VALUES.has(path)) continue;
          found.push({
            path: DATA_RELATIVE.test(path) ? `/services/data/{x}${path}` : path,
            where: `${relative(ROOT, join(ROOT, file))}:${index + 1}`,
          });
        }
      });
  }
  return found;
}

function googleUrlsInCode(): Array<{ url: string; where: string }> {
  const found: Array<{ url: string; where: string }> = [];
  for (const file of sourceFiles('lib')) {
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const code = line.trim();
        if (code.startsWith('*') || code.startsWith('//') || code.startsWith('/*')) return;
        for (const match of line.matchAll(GOOGLE_URL)) {
          const url = match[0].replace(/\/+$/, '');
          if (GOOGLE_SCOPE.test(url) || new URL(url).pathname === '/') continue;
          found.push({ url, where: `${file}:${index + 1}` });
        }
      });
  }
  return found;
}

interface Listed {
  vendor: string;
  method: string;
  path: string;
  status: string;
  docs: string;
}

function listedEndpoints(): Listed[] {
  const markdown = readFileSync(join(ROOT, 'docs/crm-endpoints.md'), 'utf8');
  const rows: Listed[] = [];
  let vendor = '';
  for (const line of markdown.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) vendor = heading[1]!.trim();
    const cells = line.split('|').map((cell) => cell.trim());
    const path = /`([^`]+)`/.exec(cells[2] ?? '')?.[1];
    if (!line.startsWith('|') || !path || !/^[A-Z]+$/.test(cells[1] ?? '')) continue;
    rows.push({ vendor, method: cells[1]!, path, status: cells[4] ?? '', docs: cells[5] ?? '' });
  }
  return rows;
}

function pattern(listedPath: string): RegExp {
  const escaped = listedPath
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\{[^}]+\}/g, '[^/]+')
    .replace('vXX\\.X', '[^/]+');
  return new RegExp(`^${escaped}$`);
}

describe('docs/crm-endpoints.md: every CRM endpoint the product calls', () => {
  const code = endpointsInCode();
  const listed = listedEndpoints();

  it('finds the endpoints in the code (the scan works)', () => {
    const paths = new Set(code.map((c) => c.path));
    expect(paths).toContain('/crm/v3/objects/deals/search');
    expect(paths).toContain('/calling/v1/dispositions');
    expect(paths).toContain('/services/oauth2/token');
    expect(paths).toContain('/services/data/{x}/sobjects/{x}/{x}/{x}');
    expect(listed.length).toBeGreaterThan(20);
  });

  it('lists every endpoint path found in lib/ and the token exchange', () => {
    const missing = code.filter(({ path }) => !listed.some((row) => pattern(row.path).test(path)));
    expect(missing.map(({ path, where }) => `${path} (${where})`)).toEqual([]);
  });

  it('lists every Google URL the Calendar connection calls, and nothing else for Google', () => {
    const google = listed.filter((row) => row.vendor === 'Google').map((row) => row.path);
    const inCode = googleUrlsInCode();
    expect(inCode.map((c) => c.url)).toContain(
      'https://www.googleapis.com/calendar/v3/calendars/primary/events',
    );
    expect(
      inCode.filter(({ url }) => !google.includes(url)).map(({ url, where }) => `${url} (${where})`),
    ).toEqual([]);
    const stale = google.filter(
      (url) => !GOOGLE_CALLED_BY_EXCHANGE.includes(url) && !inCode.some((c) => c.url === url),
    );
    expect(stale).toEqual([]);
  });

  it('lists nothing the code no longer calls', () => {
    const stale = listed.filter(
      (row) =>
        row.vendor !== 'Google' &&
        !BUILT_AT_RUN_TIME.includes(row.path) &&
        !code.some(({ path }) => pattern(row.path).test(path)),
    );
    expect(stale.map((row) => `${row.method} ${row.path}`)).toEqual([]);
  });

  it('gives each one a vendor docs page and a status, and no OAuth v1 path', () => {
    for (const row of listed) {
      expect(row.vendor, row.path).toMatch(/^(HubSpot|Salesforce|Google)$/);
      expect(row.status, row.path).toMatch(/^(GA|beta|legacy)$/);
      const host =
        row.vendor === 'HubSpot'
          ? 'developers.hubspot.com'
          : row.vendor === 'Google'
            ? 'developers.google.com'
            : '(developer|help).salesforce.com';
      expect(row.docs, row.path).toMatch(new RegExp(`^https://${host}/`));
      expect(row.path).not.toMatch(/\/oauth\/v1\//);
    }
  });
});
