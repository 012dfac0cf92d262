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
        for (const match of withPlaceholders(line).matchAll(ENDPOINT)) {
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

  it('lists nothing the code no longer calls', () => {
    const stale = listed.filter(
      (row) =>
        !BUILT_AT_RUN_TIME.includes(row.path) && !code.some(({ path }) => pattern(row.path).test(path)),
    );
    expect(stale.map((row) => `${row.method} ${row.path}`)).toEqual([]);
  });

  it('gives each one a vendor docs page and a status, and no OAuth v1 path', () => {
    for (const row of listed) {
      expect(row.vendor, row.path).toMatch(/^(HubSpot|Salesforce)$/);
      expect(row.status, row.path).toMatch(/^(GA|beta|legacy)$/);
      const host = row.vendor === 'HubSpot' ? 'developers.hubspot.com' : '(developer|help).salesforce.com';
      expect(row.docs, row.path).toMatch(new RegExp(`^https://${host}/`));
      expect(row.path).not.toMatch(/\/oauth\/v1\//);
    }
  });
});
