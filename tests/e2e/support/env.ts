/**
 * One Chromium with the built extension, fixture pages on HTTPS and (optionally) the fake CRM,
 * wired together by host mapping. Each e2e file starts one in `beforeAll`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { Browser } from 'wxt/browser';
import { launchDealside, type Dealside } from '../../support/chromium';
import { startPagesServer, type PagesServer } from '../../support/pages-server';
import { makeCertificate } from '../../support/fake-crm';

/** What code passed to `worker.evaluate` sees. */
declare const chrome: typeof Browser;

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');

export function fixtureHtml(path: string): string {
  return readFileSync(resolve(FIXTURES, path), 'utf8');
}

export function fixtureUrl(path: string): string {
  return (
    JSON.parse(readFileSync(resolve(FIXTURES, path.replace(/\.html$/, '.json')), 'utf8')) as { url: string }
  ).url;
}

export interface E2eEnv {
  dealside: Dealside;
  pages: PagesServer;
  /** Serves a fixture at its recorded URL and opens it in a new tab. */
  openFixture(path: string, url?: string): Promise<{ page: Page; tabId: number }>;
  close(): Promise<void>;
}

export async function startEnv(options: { crmPort?: number; crmHosts?: string[] } = {}): Promise<E2eEnv> {
  const certificate = await makeCertificate(['mail.google.com', 'calendar.google.com']);
  const pages = await startPagesServer(certificate);
  const dealside = await launchDealside({ pagesPort: pages.port, ...options });
  return {
    dealside,
    pages,
    async openFixture(path, url = fixtureUrl(path)) {
      pages.serve(new URL(url).host, fixtureHtml(path));
      return dealside.openTab(url);
    },
    async close() {
      await dealside.close();
      await pages.close();
    },
  };
}

/** Counts the runtime messages the worker receives from now on (instrumentation from outside). */
export async function countWorkerMessages(dealside: Dealside) {
  const worker = await dealside.worker();
  await worker.evaluate(() => {
    const scope = globalThis as unknown as { __seen?: string[] };
    scope.__seen = [];
    chrome.runtime.onMessage.addListener((message: { type?: string }) => {
      scope.__seen!.push(String(message?.type));
    });
  });
  return () => worker.evaluate(() => (globalThis as unknown as { __seen: string[] }).__seen);
}
