/**
 * Launches Debian's Chromium with the built extension loaded and Google/CRM hosts mapped to
 * local servers (the recipe in shared/reference/stack.md §2.2). Used by e2e tests and the demo.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { Browser } from 'wxt/browser';

/** What code passed to `worker.evaluate` sees: the extension's own `chrome` global. */
declare const chrome: typeof Browser;

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const E2E_BUILD = resolve(import.meta.dirname, '../../.output/chrome-mv3-e2e');
const OWN_POLICY_LAUNCHER = resolve(import.meta.dirname, 'chromium-own-policy.sh');
/** Id that the non-production manifest key yields (see wxt.config.ts). */
export const EXTENSION_ID = 'hmdjolibmnimciciepfhdckgegclnedc';

export interface HostMapping {
  pagesPort: number;
  crmPort?: number;
  /** Extra host → local port mappings (e.g. the HubSpot token exchange). */
  extraHosts?: Record<string, number>;
}

export interface LaunchOptions extends HostMapping {
  extensionDir?: string;
  headless?: boolean;
  /** Extra hosts to send to the CRM server (e.g. a Salesforce My Domain). */
  crmHosts?: string[];
}

export interface Dealside {
  context: BrowserContext;
  extensionId: string;
  worker(): Promise<Worker>;
  /** Opens a Gmail/Calendar URL and returns the page and its tab id. */
  openTab(url: string): Promise<{ page: Page; tabId: number }>;
  /** Opens the side panel page for a tab (as a tab of its own, which tests can drive). */
  openPanel(tabId?: number): Promise<Page>;
  /** chrome.runtime.reload(): the worker restarts, session storage and extension pages go. */
  reloadExtension(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_CRM_HOSTS = [
  'api.hubapi.com',
  'app.hubspot.com',
  'login.salesforce.com',
  'test.salesforce.com',
  'acme.my.salesforce.com',
];

export function hostRules(
  { pagesPort, crmPort, extraHosts = {} }: HostMapping,
  crmHosts = DEFAULT_CRM_HOSTS,
): string {
  const rules = [
    `MAP mail.google.com 127.0.0.1:${pagesPort}`,
    `MAP calendar.google.com 127.0.0.1:${pagesPort}`,
  ];
  if (crmPort !== undefined) for (const host of crmHosts) rules.push(`MAP ${host} 127.0.0.1:${crmPort}`);
  for (const [host, port] of Object.entries(extraHosts)) rules.push(`MAP ${host} 127.0.0.1:${port}`);
  // Anything else must not leave the machine.
  rules.push('MAP *.chromiumapp.org ~NOTFOUND');
  return rules.join(', ');
}

export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install it with "apt-get install -y chromium" (or set CHROMIUM_PATH).`,
    );
  }
}

export async function launchDealside(options: LaunchOptions): Promise<Dealside> {
  assertChromium();
  const extensionDir = options.extensionDir ?? E2E_BUILD;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}. Run "npm run build:e2e" first.`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'dealside-chromium-'));
  // Developer mode, as a developer loading the unpacked build has it: without it Chromium
  // disables an unpacked extension as soon as it is reloaded.
  mkdirSync(join(userDataDir, 'Default'));
  writeFileSync(
    join(userDataDir, 'Default', 'Preferences'),
    JSON.stringify({ extensions: { ui: { developer_mode: true } } }),
  );
  const headless = options.headless ?? true;
  // With a private policy directory (see policy.ts), Chromium starts in a namespace that shows it.
  const ownPolicy = process.env.DEALSIDE_POLICY_DIR;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: ownPolicy ? OWN_POLICY_LAUNCHER : CHROMIUM,
    env: ownPolicy ? { ...process.env, DEALSIDE_CHROMIUM: CHROMIUM } : process.env,
    // Playwright's own headless switch disables extensions; ask Chromium for new headless instead.
    headless: false,
    viewport: { width: 1280, height: 800 },
    args: [
      ...(headless ? ['--headless=new'] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--ignore-certificate-errors',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--host-resolver-rules=${hostRules(options, options.crmHosts)}`,
    ],
  });

  let current: Worker | undefined;
  const closed = new WeakSet<Worker>();
  const track = (w: Worker) => {
    w.on('close', () => {
      closed.add(w);
      if (current === w) current = undefined;
    });
  };
  context.serviceWorkers().forEach(track);
  context.on('serviceworker', (w) => {
    track(w);
    if (w.url().startsWith('chrome-extension://')) current = w;
  });
  async function worker(): Promise<Worker> {
    current ??= context
      .serviceWorkers()
      .find((w) => w.url().startsWith('chrome-extension://') && !closed.has(w));
    return current ?? context.waitForEvent('serviceworker', { timeout: 60_000 });
  }
  const extensionId = new URL((await worker()).url()).host;

  async function tabIdOf(url: string): Promise<number> {
    const sw = await worker();
    const id = await sw.evaluate(async (target) => {
      const tabs = await chrome.tabs.query({});
      // The newest tab with that URL: an earlier test may have left one open.
      const ids = tabs.filter((tab) => tab.url === target).map((tab) => tab.id ?? -1);
      return ids.length > 0 ? Math.max(...ids) : null;
    }, url);
    if (id === null) throw new Error(`No tab found for ${url}`);
    return id;
  }

  return {
    context,
    extensionId,
    worker,
    async openTab(url) {
      const page = await context.newPage();
      await page.goto(url);
      return { page, tabId: await tabIdOf(page.url()) };
    },
    async openPanel(tabId) {
      const page = await context.newPage();
      const query = tabId === undefined ? '' : `?tabId=${tabId}`;
      await page.goto(`chrome-extension://${extensionId}/sidepanel.html${query}`);
      return page;
    },
    async reloadExtension() {
      const old = await worker();
      current = undefined;
      // The page-facing promise dies with the worker; that is the point.
      await old.evaluate(() => chrome.runtime.reload()).catch(() => undefined);
      // The new worker starts on runtime.onInstalled; `worker()` picks it up when it appears.
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `expression` (a promise-returning script) in the isolated world of Dealside's content
 * script in `page`, as code that took over that world could: Playwright evaluates only in the
 * page's own world, so this goes through CDP, which reports the extension's world among the
 * page's execution contexts. Waits for the content script to have started.
 */
export async function evaluateInContentScript(
  page: Page,
  extensionId: string,
  expression: string,
): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const origin = `chrome-extension://${extensionId}`;
    const world = new Promise<number>((resolve, reject) => {
      const guard = setTimeout(() => reject(new Error('No Dealside content script in this page')), 60_000);
      cdp.on('Runtime.executionContextCreated', ({ context }) => {
        const aux = context.auxData as { type?: string; isDefault?: boolean } | undefined;
        if (context.origin === origin && aux?.type === 'isolated' && !aux.isDefault) {
          clearTimeout(guard);
          resolve(context.id);
        }
      });
    });
    // Enabling reports every context that already exists, then each new one.
    await cdp.send('Runtime.enable');
    const contextId = await world;
    const result = await cdp.send('Runtime.evaluate', {
      expression,
      contextId,
      awaitPromise: true,
      returnByValue: true,
    });
    if (result.exceptionDetails) {
      throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
    }
    return result.result.value;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
