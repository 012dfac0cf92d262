import { defineContentScript } from 'wxt/utils/define-content-script';
import { calendarWatch } from '../../lib/detect/calendar-watch';
import { runDetection } from '../../lib/detect/content-script';

/** Reports the Calendar event on screen to the worker; no UI, no CRM calls. */
export default defineContentScript({
  matches: ['https://calendar.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runDetection(ctx, calendarWatch);
  },
});
