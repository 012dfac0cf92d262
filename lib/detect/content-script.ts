/**
 * The wiring both content scripts share: run the detector against the live page, tell the worker
 * what is open, answer `detect.refresh`, and stop cleanly when the extension is reloaded.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { AppWatch, DetectorReport } from './detector';
import { createDetector } from './detector';
import { refreshListener, sendReport, type PageMessage } from './page-messages';

/** How often to look for replaced regions no observer could see; a few attribute reads. */
const REVALIDATE_MS = 2000;

const toWorker = (message: PageMessage) => browser.runtime.sendMessage(message);

function send(report: DetectorReport): Promise<void> {
  return report.type === 'changed'
    ? sendReport(toWorker, { type: 'interaction.changed', data: { interaction: report.interaction } })
    : sendReport(toWorker, { type: 'interaction.cleared', data: {} });
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

  const listener = refreshListener(
    () => detector.refresh(),
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
