/**
 * `npm run demo`: Dealside against the bundled demo CRM, on saved Gmail and Calendar pages, in
 * real Chromium. Headed when a display is available (leave it open and click around), otherwise
 * headless: it saves screenshots of the panel and prints where they are.
 *
 *   npm run demo                    # HubSpot
 *   npm run demo -- --crm salesforce
 *   npm run demo -- --headless      # force headless even with a display
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { assertChromium, E2E_BUILD } from '../tests/support/chromium';
import { settingsFor, startStack, type DemoProvider } from '../tests/support/stack';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'tests/fixtures');
const THREAD = {
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQcpKmXnVgjxCqmlckGCzvLvdNt',
  file: 'gmail/gmail-thread-basic.html',
};
const MEETING = {
  url: 'https://calendar.google.com/calendar/u/0/r/week/2026/11/24',
  file: 'calendar/calendar-event-dialog.html',
};
const NAMES: Record<DemoProvider, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };

function fail(message: string): never {
  console.error(`demo: ${message}`);
  process.exit(1);
}

async function main() {
  const { values } = parseArgs({
    options: { crm: { type: 'string', default: 'hubspot' }, headless: { type: 'boolean', default: false } },
  });
  const provider = values.crm as DemoProvider;
  if (provider !== 'hubspot' && provider !== 'salesforce') fail('--crm must be hubspot or salesforce');
  try {
    assertChromium();
  } catch (error) {
    fail((error as Error).message);
  }
  const headless = values.headless || !process.env.DISPLAY;

  console.log('Building Dealside (test/demo build)…');
  execFileSync(join(ROOT, 'node_modules/.bin/wxt'), ['build', '--mode', 'e2e'], {
    cwd: ROOT,
    stdio: 'ignore',
  });

  console.log(`Starting the demo ${NAMES[provider]}, the demo Gmail and Calendar pages, and Chromium…`);
  const stack = await startStack({ headless, extensionDir: E2E_BUILD });
  await stack.configure(settingsFor(provider));
  const shots = join(ROOT, 'artifacts', `demo-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(shots, { recursive: true });

  const gmail = await stack.open(THREAD.url, readFileSync(join(FIXTURES, THREAD.file), 'utf8'));
  const panel = await stack.dealside.openPanel(gmail.tabId);
  await panel.setViewportSize({ width: 400, height: 2000 });
  await panel.getByRole('button', { name: `Sign in to ${NAMES[provider]}` }).click();
  await panel.getByRole('heading', { name: 'Acme — Platform' }).waitFor({ timeout: 30_000 });
  await panel.getByRole('heading', { name: 'Before you talk' }).waitFor({ timeout: 30_000 });
  await panel.locator('#root').screenshot({ path: join(shots, 'panel-thread.png') });
  await gmail.page.screenshot({ path: join(shots, 'gmail-page.png') });

  const calendar = await stack.open(MEETING.url, readFileSync(join(FIXTURES, MEETING.file), 'utf8'));
  const meetingPanel = await stack.dealside.openPanel(calendar.tabId);
  await meetingPanel.setViewportSize({ width: 400, height: 2000 });
  await meetingPanel.getByRole('heading', { name: 'Before you talk' }).waitFor({ timeout: 30_000 });
  await meetingPanel.locator('#root').screenshot({ path: join(shots, 'panel-meeting.png') });

  console.log(`\nScreenshots of the Dealside panel: ${shots}`);
  console.log(
    '  panel-thread.png   the demo Gmail thread matched to "Acme — Platform", with the pre-call brief',
  );
  console.log('  panel-meeting.png  the demo Calendar meeting, same deal');

  if (headless) {
    await stack.close();
    return;
  }
  console.log(`\nChromium is open with Dealside signed in to the demo ${NAMES[provider]}.`);
  console.log('Try "Log email to Acme — Platform", change the deal, or open Settings. Ctrl+C to stop.');
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    stack.dealside.context.once('close', () => done());
  });
  await stack.close().catch(() => undefined);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
