/** Gmail only: report each message the rep sends (after Gmail's undo window) to the worker. */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createClient } from '../protocol/core';
import { pageProtocol } from '../protocol/page';
import { watchSends } from './compose';
import { findUserEmail } from './people';

export function runSendCapture(ctx: ContentScriptContext): void {
  const send = createClient(pageProtocol, (message) => browser.runtime.sendMessage(message));
  const stop = watchSends(
    document,
    () => findUserEmail(document),
    (compose) => {
      if (ctx.isValid) send('compose.sent', { compose }).catch(() => undefined);
    },
  );
  ctx.onInvalidated(stop);
}
