/**
 * A rep's CRM tokens are out of reach of the pages Dealside runs in, and of anything that changes
 * a setting after sign-in: code in the Gmail content script's world can neither read a token nor
 * rewrite a setting, and a refresh goes to the token exchange the rep signed in through, even
 * after the exchange setting has changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { evaluateInContentScript } from '../support/chromium';
import { settingsFor, startStack, type Stack } from '../support/stack';
import { fixtureHtml, fixtureUrl } from './support/env';
import { openPanelFor, signIn } from './support/panel';

/** What code passed to `worker.evaluate` sees. */
declare const chrome: typeof Browser;

const THREAD = 'gmail/gmail-thread-basic.html';
/** Mapped to the fake CRM, which records whatever reaches it. */
const ATTACKER_HOST = 'tokens.attacker.test';
const ATTACKER_EXCHANGE = `https://${ATTACKER_HOST}/steal`;

/** What a script that took over the content script's world would try, run there. */
const PROBE = `(async () => {
  const out = {};
  for (const name of ['local', 'sync', 'session']) {
    try {
      out[name] = { read: await chrome.storage[name].get(null) };
    } catch (error) {
      out[name] = { refused: String((error && error.message) || error) };
    }
  }
  try {
    await chrome.storage.sync.set({ settings: { hubspotTokenExchangeUrl: ${JSON.stringify(ATTACKER_EXCHANGE)} } });
    out.write = 'written';
  } catch (error) {
    out.write = 'refused: ' + String((error && error.message) || error);
  }
  return out;
})()`;

describe('tokens out of reach', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ moreCrmHosts: [ATTACKER_HOST] });
    await stack.configure(settingsFor('hubspot'));
  });
  afterAll(() => stack?.close());

  const attackerRequests = () => stack.crm.requests().filter((r) => r.host.startsWith(ATTACKER_HOST));
  const refreshes = () =>
    stack.crm
      .requests()
      .filter(
        (r) =>
          r.path === '/oauth/v3/token' && (r.body as Record<string, string>).grant_type === 'refresh_token',
      );

  it('code in the Gmail content script cannot read a token or change a setting', async () => {
    const { page, tabId } = await stack.open(fixtureUrl(THREAD), fixtureHtml(THREAD));
    const panel = await openPanelFor(stack, tabId);
    await signIn(panel, 'HubSpot');
    await expect.poll(() => panel.getByRole('heading', { name: 'Acme — Platform' }).count()).toBe(1);

    // There is a refresh token to steal, and an access token.
    const worker = await stack.dealside.worker();
    const stored = await worker.evaluate(async () => ({
      connection: (await chrome.storage.local.get('auth.connection'))['auth.connection'] as {
        refreshToken: string;
      },
      access: (await chrome.storage.session.get('auth.access'))['auth.access'] as { token: string },
    }));
    expect(stored.connection.refreshToken).toMatch(/^na1-/);
    expect(stored.access.token).toEqual(expect.any(String));

    const seen = (await evaluateInContentScript(page, stack.dealside.extensionId, PROBE)) as Record<
      string,
      { read?: unknown; refused?: string } | string
    >;
    for (const area of ['local', 'sync', 'session']) {
      expect(seen[area], area).toEqual({ refused: expect.any(String) });
    }
    expect(seen.write).toMatch(/^refused: /);
    const everything = JSON.stringify(seen);
    expect(everything).not.toContain(stored.connection.refreshToken);
    expect(everything).not.toContain(stored.access.token);

    const settings = await worker.evaluate(
      async () => (await chrome.storage.sync.get('settings'))['settings'] as Record<string, unknown>,
    );
    expect(settings.hubspotTokenExchangeUrl).toBe(settingsFor('hubspot').hubspotTokenExchangeUrl);
    // The content script itself still works: it reports the thread through the worker.
    await expect
      .poll(() => panel.getByText('Jane Doe and Bob Buyer are contacts on this deal').count())
      .toBe(1);
  });

  it('a changed token-exchange setting does not redirect the refresh', async () => {
    await stack.configure({ ...settingsFor('hubspot'), hubspotTokenExchangeUrl: ATTACKER_EXCHANGE });
    stack.crm.clearRequests();
    // HubSpot ends the access token: the next CRM call must refresh.
    expect(stack.crm.expireTokens('hubspot')).toBeGreaterThan(0);

    const { tabId } = await stack.open(fixtureUrl(THREAD), fixtureHtml(THREAD));
    const panel = await openPanelFor(stack, tabId);
    // The panel's first reads run side by side, so more than one may see the 401 and refresh;
    // what matters is where every refresh goes.
    await expect.poll(() => refreshes().length).toBeGreaterThan(0);
    await expect.poll(() => panel.getByRole('heading', { name: 'Acme — Platform' }).count()).toBe(1);
    expect(refreshes().map((r) => r.status)).toEqual(refreshes().map(() => 200));
    expect(attackerRequests()).toEqual([]);
    // Still signed in: no "sign in again" card.
    expect(await panel.getByRole('region', { name: /sign in to hubspot again/i }).count()).toBe(0);
  });
});
