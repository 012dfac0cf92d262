/**
 * The wiring both content scripts share: run the detector against the live page, tell the worker
 * what is open, answer `detect.refresh`, and stop cleanly when the extension is reloaded.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createClient, createRouter } from '../protocol/core';
import { contentProtocol, pageProtocol } from '../protocol/page';
import type { AppWatch, DetectorReport } from './detector';
import { createDetector } from './detector';

/** How often to look for replaced regions no observer could see; a few attribute reads. */
const REVALIDATE_MS = 2000;

const sendToWorker = createClient(pageProtocol, (message) => browser.runtime.sendMessage(message));

function send(report: DetectorReport): Promise<unknown> {
  return report.type === 'changed'
    ? sendToWorker('interaction.changed', { interaction: report.interaction })
    : sendToWorker('interaction.cleared', {});
}

export function runDetection(ctx: ContentScriptContext, app: AppWatch): void {
  const detector = createDetector({
    document,
    url: () => location.href,
    app,
    report(report) {
      // A worker that is restarting answers the next report or asks with detect.refresh.
      if (ctx.isValid) send(report).catch(() => undefined);
    },
    schedule(task) {
      ctx.requestAnimationFrame(task);
    },
  });
  ctx.onInvalidated(() => detector.stop());

  const listener = createRouter(
    contentProtocol,
    {
      'detect.refresh': async () => {
        detector.refresh();
        return { ok: true } as const;
      },
    },
    () => browser.runtime.id,
  );
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));

  const navigated = () => detector.navigated();
  ctx.addEventListener(window, 'wxt:locationchange', navigated);
  ctx.addEventListener(window, 'hashchange', navigated);
  ctx.addEventListener(window, 'popstate', navigated);
  ctx.setInterval(() => detector.revalidate(), REVALIDATE_MS);

  detector.start();
}
