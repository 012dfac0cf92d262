/**
 * Panel speed in real Chromium against the fake CRM, printed as figures (no assertions):
 * - first paint of the panel after it is opened;
 * - thread open → the panel shows the deal from its cache (a thread seen before);
 * - thread open → fresh deal and context, cold: wall time, CRM calls and sequential round trips.
 *
 *   npx tsx scripts/bench/panel.ts [--runs 5]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { E2E_BUILD } from '../../tests/support/chromium';
import type { RecordedRequest } from '../../tests/support/fake-crm';
import { checkBudget } from './budget';
import { saveFigures, type Figure } from './figures';
import { settingsFor, startStack, type DemoProvider, type Stack } from '../../tests/support/stack';

const ROOT = resolve(import.meta.dirname, '../..');
const THREAD = readFileSync(join(ROOT, 'tests/fixtures/gmail/gmail-thread-basic.html'), 'utf8');
const OTHER = readFileSync(join(ROOT, 'tests/fixtures/gmail/gmail-split-pane.html'), 'utf8');
const URL_A = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQcpKmXnVgjxCqmlckGCzvLvdNt';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (n=${xs.length})`;

/** Sequential round trips: a request that starts when none is in flight opens a new one. */
function roundTrips(requests: RecordedRequest[]): number {
  const spans = requests
    .map((r) => ({ start: Date.parse(r.at), end: Date.parse(r.at) + (r.durationMs ?? 0) }))
    .sort((a, b) => a.start - b.start);
  let trips = 0;
  let openUntil = -Infinity;
  for (const span of spans) {
    if (span.start > openUntil) trips++;
    openUntil = Math.max(openUntil, span.end);
  }
  return trips;
}

/** Time (Date.now) at which `name` first appears as a heading in the panel, watched in-page. */
function headingSeenAt(panel: Page, name: string): Promise<number> {
  // A string, not a function: tsx's name-keeping helpers do not exist inside the page.
  return panel.evaluate(`new Promise((done) => {
    const text = ${JSON.stringify(name)};
    const seen = () => [...document.querySelectorAll('h1,h2')].some((h) => h.textContent === text);
    if (seen()) return done(Date.now());
    const observer = new MutationObserver(() => {
      if (seen()) { observer.disconnect(); done(Date.now()); }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  })`) as Promise<number>;
}

/** Gmail replacing its main region when the rep opens another thread. */
function swapMain(page: Page, html: string): Promise<unknown> {
  return page.evaluate(`(() => {
    const doc = new DOMParser().parseFromString(${JSON.stringify(html)}, 'text/html');
    document.querySelector('[role=main]').replaceWith(doc.querySelector('[role=main]'));
  })()`);
}

async function benchProvider(stack: Stack, provider: DemoProvider, runs: number) {
  await stack.configure(settingsFor(provider));
  // Measure Dealside, not HubSpot's 10-second burst window refilling between runs.
  stack.crm.store.settings.hubspotBurstLimit = false;
  const { page, tabId } = await stack.open(URL_A, THREAD);
  const signInPanel = await stack.dealside.openPanel(tabId);
  await signInPanel
    .getByRole('button', { name: provider === 'hubspot' ? 'Sign in to HubSpot' : 'Sign in to Salesforce' })
    .click();
  await signInPanel.getByRole('heading', { name: 'Before you talk' }).waitFor({ timeout: 30_000 });
  await signInPanel.close();

  const firstPaint: number[] = [];
  const cold: number[] = [];
  const cached: number[] = [];
  const calls: number[] = [];
  const trips: number[] = [];
  for (let run = 0; run < runs; run++) {
    // Cold: nothing cached in the panel (a new panel per run, session cache cleared).
    const worker = await stack.dealside.worker();
    // Deal briefs shared across threads live in session storage too: a cold thread has none.
    await worker.evaluate(
      `chrome.storage.session.get(null).then((all) => chrome.storage.session.remove(['panel.queries', ...Object.keys(all).filter((key) => key.startsWith('crm.cache.'))]))`,
    );
    stack.crm.clearRequests();
    // Each call takes 30 ms at the "CRM", so concurrent calls overlap and sequential round trips
    // can be counted from the server's log (and show in the wall time).
    stack.crm.setFaults({ latencyMs: 30 });
    const panel = await stack.dealside.context.newPage();
    await panel.setViewportSize({ width: 400, height: 2000 });
    const opened = Date.now();
    await panel.goto(`chrome-extension://${stack.dealside.extensionId}/sidepanel.html?tabId=${tabId}`);
    await headingSeenAt(panel, 'Acme — Platform');
    await panel.getByRole('heading', { name: 'Before you talk' }).waitFor({ timeout: 30_000 });
    const contextAt = Date.now();
    firstPaint.push(
      (await panel.evaluate(
        `performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN`,
      )) as number,
    );
    cold.push(contextAt - opened);
    stack.crm.setFaults({});
    const requests = stack.crm.requests();
    calls.push(requests.length);
    trips.push(roundTrips(requests));

    // Cached: the rep goes to another thread and back; the deal for A is in the panel's cache.
    await swapMain(page, OTHER);
    await headingSeenAt(panel, 'Security review');
    const back = Date.now();
    const shown = headingSeenAt(panel, 'Acme — Platform');
    await swapMain(page, THREAD);
    cached.push((await shown) - back);
    await panel.close();
  }
  console.log(`\n${provider}`);
  console.log(`  panel first paint after opening:        ${fmt(firstPaint)}  (budget 300 ms)`);
  console.log(`  thread open → cached deal shown:        ${fmt(cached)}  (budget 100 ms)`);
  console.log(`  panel open → fresh deal + context, cold: ${fmt(cold)} (each CRM call given 30 ms)`);
  console.log(
    `  CRM calls for a cold thread + context:   ${median(calls)} calls in ${median(trips)} sequential round trips (median; per run: ${calls.join(', ')} calls, ${trips.join(', ')} trips)`,
  );
  checkBudget(`panel (${provider}): first paint, median`, median(firstPaint), 300, 'ms');
  checkBudget(`panel (${provider}): cached deal shown, median`, median(cached), 100, 'ms');
  return { firstPaint, cached, cold, calls, trips };
}

type Runs = Awaited<ReturnType<typeof benchProvider>>;

function figuresOf(provider: DemoProvider, runs: Runs | null): Record<string, Figure> {
  const value = (xs: number[] | undefined) => (xs && xs.length ? Math.round(median(xs)) : null);
  return {
    [`${provider}.cold.calls`]: value(runs?.calls),
    [`${provider}.cold.roundTrips`]: value(runs?.trips),
    [`${provider}.cold.medianMs`]: value(runs?.cold),
    [`panel.${provider}.firstPaint.medianMs`]: value(runs?.firstPaint),
    [`panel.${provider}.cached.medianMs`]: value(runs?.cached),
  };
}

async function main() {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
  execFileSync(join(ROOT, 'node_modules/.bin/wxt'), ['build', '--mode', 'e2e'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const all: Partial<Record<DemoProvider, Runs | null>> = {};
  const notes: Record<string, string> = {};
  for (const provider of ['hubspot', 'salesforce'] as const) {
    let stack: Stack | null = null;
    try {
      stack = await startStack({ extensionDir: E2E_BUILD });
      all[provider] = await benchProvider(stack, provider, Number(values.runs));
    } catch (error) {
      // One provider failing must not cost the other's figures.
      all[provider] = null;
      notes[`${provider}.cold.medianMs`] =
        `failed: ${error instanceof Error ? error.message : String(error)}`;
      console.error(`bench/panel (${provider}): ${notes[`${provider}.cold.medianMs`]}`);
      process.exitCode = 1;
    } finally {
      await stack?.close();
    }
  }
  const both = (pick: (runs: Runs) => number[]) =>
    (['hubspot', 'salesforce'] as const).flatMap((p) => (all[p] ? pick(all[p]) : []));
  const firstPaint = both((r) => r.firstPaint);
  const cached = both((r) => r.cached);
  saveFigures(
    'panel',
    {
      ...figuresOf('hubspot', all.hubspot ?? null),
      ...figuresOf('salesforce', all.salesforce ?? null),
      'panel.firstPaint.medianMs': firstPaint.length ? Math.round(median(firstPaint)) : null,
      'panel.cached.medianMs': cached.length ? Math.round(median(cached)) : null,
    },
    notes,
  );
}

await main();
