/** Gmail only: report each message the rep sends (after Gmail's undo window) to the worker. */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { watchSends } from './compose';
import { sendReport, type PageMessage } from './page-messages';
import { findUserEmail } from './people';

export function runSendCapture(ctx: ContentScriptContext): void {
  // No zod on the page side (see page-messages.ts): the worker validates `compose.sent`.
  const toWorker = (message: PageMessage) => browser.runtime.sendMessage(message);
  const stop = watchSends(
    document,
    () => findUserEmail(document),
    (compose) => {
      if (ctx.isValid)
        sendReport(toWorker, { type: 'compose.sent', data: { compose } }).catch(() => undefined);
    },
  );
  ctx.onInvalidated(stop);
}
