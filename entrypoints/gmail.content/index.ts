import { defineContentScript } from 'wxt/utils/define-content-script';
import { runDetection } from '../../lib/detect/content-script';
import { gmailWatch } from '../../lib/detect/gmail-watch';
import { runSendCapture } from '../../lib/detect/send-capture';

/** Reports the Gmail thread on screen, and each message sent, to the worker; no UI, no CRM calls. */
export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runDetection(ctx, gmailWatch);
    runSendCapture(ctx);
  },
});
