// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://mail.google.com/mail/u/0/#inbox/FMfcgzQcpKmXnVgjxCqmlckGCzvLvdNt"}
/**
 * The content-script wiring with WXT's fake browser: the worker's `detect.refresh` gets the open
 * thread back, foreign senders get nothing, and an invalidated (reloaded) script goes quiet.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { runDetection } from '../../../lib/detect/content-script';
import { gmailWatch } from '../../../lib/detect/gmail-watch';

const REFRESH = { type: 'detect.refresh', data: {} };
/** The worker's side of runtime.sendMessage: acknowledges everything. */
const fakeSend = () => vi.fn(async (_message: unknown) => ({ ok: true, data: { ok: true } }));
const noResponse = () => undefined;
const worker = () => ({
  id: fakeBrowser.runtime.id,
  url: `chrome-extension://${fakeBrowser.runtime.id}/background.js`,
});

function loadPage(path: string) {
  // Resolved with node:path: under happy-dom, the global URL is the page's.
  const html = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures', path), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.head.replaceChildren(...document.importNode(parsed.head, true).childNodes);
  document.body.replaceChildren(...document.importNode(parsed.body, true).childNodes);
}

describe('runDetection', () => {
  let sendMessage: ReturnType<typeof fakeSend>;
  /** Frames are run by hand, so nothing fires behind a test's back. */
  let frames: FrameRequestCallback[];

  beforeEach(() => {
    fakeBrowser.reset();
    loadPage('gmail/gmail-thread-basic.html');
    sendMessage = fakeSend();
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(sendMessage as never);
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const runFrames = () => {
    for (const frame of frames.splice(0)) frame(0);
  };

  it('reports the open thread on the first frame, and not again on a same-thread URL change', () => {
    const ctx = new ContentScriptContext('gmail');
    runDetection(ctx, gmailWatch);
    runFrames();
    expect(sendMessage).toHaveBeenCalledTimes(1);
    expect(sendMessage.mock.calls[0]![0]).toMatchObject({ type: 'interaction.changed' });
    window.dispatchEvent(new Event('hashchange'));
    expect(frames).toHaveLength(1);
    runFrames();
    expect(sendMessage).toHaveBeenCalledTimes(1);
    ctx.abort();
  });

  it('answers detect.refresh by sending the open thread to the worker', async () => {
    const ctx = new ContentScriptContext('gmail');
    runDetection(ctx, gmailWatch);
    const [answer] = await fakeBrowser.runtime.onMessage.trigger(REFRESH, worker(), noResponse);
    expect(answer).toEqual({ ok: true, data: { ok: true } });
    expect(sendMessage).toHaveBeenCalledWith({
      type: 'interaction.changed',
      data: { interaction: expect.objectContaining({ kind: 'email-thread', threadId: '198c6747aabb71a9' }) },
    });
    ctx.abort();
  });

  it('refuses the refresh from anything but an extension page (here: a content script)', async () => {
    const ctx = new ContentScriptContext('gmail');
    runDetection(ctx, gmailWatch);
    const contentScript = {
      id: fakeBrowser.runtime.id,
      url: 'https://mail.google.com/mail/u/0/',
      frameId: 0,
      tab: { id: 3 },
    };
    const [answer] = await fakeBrowser.runtime.onMessage.trigger(REFRESH, contentScript as never, noResponse);
    expect(answer).toMatchObject({ ok: false });
    expect(sendMessage).not.toHaveBeenCalled();
    ctx.abort();
  });

  it('stops listening once the extension context is invalidated', async () => {
    const ctx = new ContentScriptContext('gmail');
    runDetection(ctx, gmailWatch);
    ctx.abort();
    const answers = await fakeBrowser.runtime.onMessage.trigger(REFRESH, worker(), noResponse);
    expect(answers.filter((a: unknown) => a !== undefined)).toEqual([]);
    expect(sendMessage).not.toHaveBeenCalled();
  });
});
