/**
 * Panel speed in real Chromium against the fake CRM, printed as figures (no assertions):
 * - first paint of the panel after it is opened;
 * - thread open → the panel shows the deal from its cache (a thread seen before);
 * - thread open → fresh deal and context, cold: wall time, CRM calls and sequential round trips.
 *
 * The cold figures are taken in two passes per run, so neither disturbs the other:
 * - timed: each CRM call given 30 ms; the wall time from opening the panel until the deal and its
 *   brief are on screen;
 * - counted: the fake CRM answers in waves (tests/support/fake-crm/waves.ts); once the panel has
 *   settled (deal, brief, and the Log button's "logged already?" check answered) and the CRM is
 *   quiet, every CRM call it made is counted, and the waves they were answered in are the
 *   sequential round trips: a dependency depth, not a reading of the machine's speed.
 *
 *   npx tsx scripts/bench/panel.ts [--runs 5] [--provider hubspot|salesforce] [--calls]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { E2E_BUILD } from '../../tests/support/chromium';
import type { RecordedRequest } from '../../tests/support/fake-crm';
import { WaveGate, wavesOf } from '../../tests/support/fake-crm/waves';
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

/** A wave stays open this long after its latest request: far above a sibling's stagger. */
const WAVE_QUIET_MS = 250;

export const COLD_METHOD =
  'cold.calls: every CRM call the panel makes for a thread it has never seen (no brief, no deal cached), ' +
  "from opening until it has settled: the deal, its brief and the Log button's check that this email was " +
  'not logged already (from another machine). Metadata cached for the day (pipelines, owners, describe) is ' +
  'warm, as it is for a rep after the first thread of the day. The attach audit, when its alarm fires ' +
  'during a run, is listed but not counted. Salesforce composite subrequests count as ' +
  'the one call they are. cold.roundTrips: the waves the fake CRM answered those calls in; a wave is ' +
  `answered once no request has arrived for ${WAVE_QUIET_MS} ms, so a call that waited for another is ` +
  'always in a later wave and calls sent together are in the same one however staggered (dependency ' +
  'depth, not timing). cold.medianMs: a separate pass with each call given 30 ms, until deal and brief show.';

/**
 * The attach audit's reads (lib/worker/audit.ts, on an alarm): activity searches and their
 * association reads in HubSpot, the Task/Event scan in Salesforce. When its alarm fires during a
 * counted run they are listed but not counted: they are not the thread's.
 */
function isAudit(r: RecordedRequest): boolean {
  if (/^\/crm\/v3\/objects\/(emails|meetings|calls|notes|tasks)\/search$/.test(r.path)) return true;
  if (/^\/crm\/v4\/associations\/(emails|meetings|calls|notes|tasks)\//.test(r.path)) return true;
  return /LastModifiedDate, OwnerId, WhatId/.test(JSON.stringify(r.query));
}

/** Which part of the panel a call served, for the printed breakdown. */
function purpose(r: RecordedRequest): string {
  if (isAudit(r)) return 'attach audit on its alarm: not counted';
  const body = JSON.stringify(r.body ?? '');
  if (/Dealside_Key__c|dealside_log_key/i.test(`${r.path} ${body}`)) return 'log check';
  if (/FROM Opportunity WHERE Id =/.test(JSON.stringify(r.query))) return 'brief (panel refresh)';
  return 'deal + brief';
}

function describeCall(r: RecordedRequest): string {
  const q = typeof r.query.q === 'string' ? ` ${r.query.q.slice(0, 60)}…` : '';
  return `${r.method} ${r.path}${q} [${purpose(r)}]`;
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

/** The panel has settled: the brief is shown and the Log button no longer waits for the CRM. */
async function settled(panel: Page): Promise<void> {
  await panel.getByRole('heading', { name: 'Before you talk' }).waitFor({ timeout: 30_000 });
  // A string with its own observer: the panel's CSP forbids waitForFunction's eval.
  await panel.evaluate(`new Promise((done) => {
    const ready = () => {
      const checking = [...document.querySelectorAll('[role=status]')].some((s) => (s.textContent || '').startsWith('Checking your CRM'));
      const log = [...document.querySelectorAll('button.primary')].find((b) => /^Log\\b/.test(b.textContent || ''));
      return !checking && log !== undefined && !log.disabled;
    };
    if (ready()) return done(true);
    const observer = new MutationObserver(() => {
      if (ready()) { observer.disconnect(); done(true); }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  })`);
}

/** Waits until the fake CRM holds no wave and has seen no new request for two quiet periods. */
async function crmQuiet(stack: Stack, gate: WaveGate): Promise<void> {
  let seen = -1;
  for (;;) {
    const count = stack.crm.requests().length;
    if (gate.idle && count === seen) return;
    seen = count;
    await new Promise((done) => setTimeout(done, 2 * WAVE_QUIET_MS));
  }
}

async function openCold(stack: Stack): Promise<Page> {
  // Cold: nothing cached in the panel (a new panel per run, session cache cleared).
  const worker = await stack.dealside.worker();
  // Deal briefs shared across threads live in session storage too: a cold thread has none.
  await worker.evaluate(
    `chrome.storage.session.get(null).then((all) => chrome.storage.session.remove(['panel.queries', ...Object.keys(all).filter((key) => key.startsWith('crm.cache.'))]))`,
  );
  stack.crm.clearRequests();
  const panel = await stack.dealside.context.newPage();
  await panel.setViewportSize({ width: 400, height: 2000 });
  return panel;
}

/** One cold thread with the CRM answering in waves: its calls and round trips. */
async function countCold(stack: Stack, tabId: number, logCalls: boolean) {
  const gate = new WaveGate(WAVE_QUIET_MS);
  const panel = await openCold(stack);
  stack.crm.setWaveGate(gate);
  try {
    await panel.goto(`chrome-extension://${stack.dealside.extensionId}/sidepanel.html?tabId=${tabId}`);
    await headingSeenAt(panel, 'Acme — Platform');
    await settled(panel);
    await crmQuiet(stack, gate);
  } finally {
    stack.crm.setWaveGate(null);
    await panel.close();
  }
  const all = stack.crm.requests().filter((r) => r.provider !== 'other');
  const requests = all.filter((r) => !isAudit(r));
  const first = Math.min(...requests.map((r) => r.wave ?? Infinity));
  const lines = all.map((r) => `    wave ${(r.wave ?? first) - first + 1}: ${describeCall(r)}`);
  if (logCalls) console.log(lines.join('\n'));
  return { calls: requests.length, trips: wavesOf(requests), lines };
}

async function benchProvider(stack: Stack, provider: DemoProvider, runs: number, logCalls: boolean) {
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
  let lastCalls: string[] = [];
  for (let run = 0; run < runs; run++) {
    const counted = await countCold(stack, tabId, logCalls);
    calls.push(counted.calls);
    trips.push(counted.trips);
    lastCalls = counted.lines;

    const panel = await openCold(stack);
    // Each call takes 30 ms at the "CRM", so round trips show in the wall time.
    stack.crm.setFaults({ latencyMs: 30 });
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
  console.log(`  calls of the last counted run, by wave:\n${lastCalls.join('\n')}`);
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
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      provider: { type: 'string' },
      calls: { type: 'boolean', default: false },
    },
  });
  console.log(`How the cold figures are taken. ${COLD_METHOD}`);
  execFileSync(join(ROOT, 'node_modules/.bin/wxt'), ['build', '--mode', 'e2e'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const all: Partial<Record<DemoProvider, Runs | null>> = {};
  const notes: Record<string, string> = {};
  const providers = (['hubspot', 'salesforce'] as const).filter(
    (p) => !values.provider || p === values.provider,
  );
  for (const provider of providers) {
    let stack: Stack | null = null;
    try {
      stack = await startStack({ extensionDir: E2E_BUILD });
      all[provider] = await benchProvider(stack, provider, Number(values.runs), values.calls);
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
      ...Object.assign({}, ...providers.map((p) => figuresOf(p, all[p] ?? null))),
      'panel.firstPaint.medianMs': firstPaint.length ? Math.round(median(firstPaint)) : null,
      'panel.cached.medianMs': cached.length ? Math.round(median(cached)) : null,
    },
    { 'cold.method': COLD_METHOD, ...notes },
  );
}

await main();
