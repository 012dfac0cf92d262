/**
 * Sent-email capture in real Chromium against the fake CRM, printed as figures: time from the
 * send (Gmail's undo window over, the moment the page reports it) to the email record in the
 * CRM, with every CRM call given 30 ms, and the CRM calls one captured touch costs.
 *
 *   npx tsx scripts/bench/capture.ts [--runs 10]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { E2E_BUILD } from '../../tests/support/chromium';
import { gmailSends, gmailUndoWindowEnds } from '../../tests/support/gmail-send';
import { settingsFor, startStack, type DemoProvider, type Stack } from '../../tests/support/stack';
import { liveActivities } from '../../tests/e2e/support/crm-assert';

const ROOT = resolve(import.meta.dirname, '../..');
const fixture = (name: string) => readFileSync(join(ROOT, 'tests/fixtures', name), 'utf8');
const THREAD = fixture('gmail/gmail-thread-basic.html');
const COMPOSE = fixture('compose/compose-new.html');
const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQcpKmXnVgjxCqmlckGCzvLvdNt';

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pick = (xs: number[], q: number) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function benchProvider(stack: Stack, provider: DemoProvider, runs: number) {
  await stack.configure({ ...settingsFor(provider), captureSent: 'auto' });
  stack.crm.store.settings.hubspotBurstLimit = false;
  const { tabId } = await stack.open(THREAD_URL, THREAD);
  const signIn = await stack.dealside.openPanel(tabId);
  await signIn
    .getByRole('button', { name: provider === 'hubspot' ? 'Sign in to HubSpot' : 'Sign in to Salesforce' })
    .click();
  await signIn.getByRole('heading', { name: 'Before you talk' }).waitFor({ timeout: 30_000 });
  await signIn.close();

  const times: number[] = [];
  const calls: number[] = [];
  for (let run = 0; run < runs; run++) {
    const subject = `Rollout bench ${provider} ${run}`;
    const url = `https://mail.google.com/mail/u/0/?run=${run}#inbox?compose=new`;
    const { page } = await stack.open(url, COMPOSE.replaceAll('Acme rollout: next steps', subject));
    await page.waitForTimeout(300); // the content script starts at document_idle
    await page.getByRole('button', { name: 'Send' }).click();
    await page.evaluate(`(${gmailSends.toString()})(document)`);
    stack.crm.clearRequests();
    stack.crm.setFaults({ latencyMs: 30 });
    const sentAt = Date.now();
    await page.evaluate(`(${gmailUndoWindowEnds.toString()})(document)`);
    const seen = () =>
      liveActivities(stack.crm, provider).some((a) => a.kind === 'email' && a.subject.includes(subject));
    while (!seen()) {
      if (Date.now() - sentAt > 30_000) throw new Error(`${subject} never reached the CRM`);
      await sleep(2);
    }
    times.push(Date.now() - sentAt);
    // Let anything still in flight for this touch finish before counting.
    await sleep(300);
    stack.crm.setFaults({});
    calls.push(stack.crm.requests().length);
    await page.close();
  }
  console.log(`\n${provider} (unique log-key field; each CRM call 30 ms; n=${runs})`);
  console.log(`  send → email record in the CRM: median ${pick(times, 0.5)} ms, p95 ${pick(times, 0.95)} ms`);
  console.log(`  CRM calls per captured touch:   median ${pick(calls, 0.5)}, max ${Math.max(...calls)}`);
}

async function main() {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
  execFileSync(join(ROOT, 'node_modules/.bin/wxt'), ['build', '--mode', 'e2e'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  for (const provider of ['hubspot', 'salesforce'] as const) {
    const stack = await startStack({ extensionDir: E2E_BUILD });
    try {
      await benchProvider(stack, provider, Number(values.runs));
    } finally {
      await stack.close();
    }
  }
}

await main();
