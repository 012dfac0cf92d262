/**
 * Wires the service worker. Everything is registered synchronously on start because Chrome
 * only delivers events to listeners that exist by the end of the first turn; no state lives in
 * module globals, since the worker is stopped after ~30 s idle.
 */
import { browser } from 'wxt/browser';
import { createRouter, PAGE_ORIGINS, workerProtocol } from '../messaging';
import { OUTBOX_ALARM, scheduleOutbox } from '../outbox/schedule';
import { clearInteraction, readInteraction } from './active-interactions';
import { registerAudit } from './audit';
import { createWorkerHandlers } from './handlers';
import { onReminderAlarm, onReminderClicked } from './my-day';
import { REMINDER_ALARM, REMINDER_PERIOD_MINUTES } from '../reports/reminder';
import { createServices } from './services';
import { createGoogleCalendar, GOOGLE_POLL_ALARM } from '../google/worker';
import { onShortcut } from './shortcut';
import { restrictStorageToExtension } from './storage-access';
import { settleCaptures } from '../capture/pipeline';
import { watchCaptureBadge } from '../capture/worker';

export function registerWorker(): void {
  // First, before anything is read or written: content scripts get no access to any area.
  void restrictStorageToExtension(browser.storage);
  const services = createServices();
  const runOutbox = (): void => {
    void services
      .drainOutbox()
      .catch(() => undefined)
      // An Undo that met a write in flight, or a capture a stopped worker never queued.
      .then(() => settleCaptures(services).catch(() => false))
      .then((more) => (more ? runOutbox() : scheduleOutbox(services.outbox, runOutbox)));
  };

  const google = createGoogleCalendar(services, runOutbox);
  browser.runtime.onMessage.addListener(
    createRouter(workerProtocol, createWorkerHandlers(services, runOutbox, google), () => browser.runtime.id),
  );

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) runOutbox();
    if (alarm.name === GOOGLE_POLL_ALARM) void google.poll();
    if (alarm.name === REMINDER_ALARM) void onReminderAlarm(services).catch(() => undefined);
  });
  // My day: the badge stays current and the daily reminder is checked every half hour.
  void browser.alarms
    .get(REMINDER_ALARM)
    .then(async (alarm) => {
      if (!alarm) await browser.alarms.create(REMINDER_ALARM, { periodInMinutes: REMINDER_PERIOD_MINUTES });
    })
    .catch(() => undefined);
  browser.notifications?.onClicked.addListener((id) => void onReminderClicked(id));
  // These wake the worker on browser start and after an update or reload, so writes that were
  // waiting are sent even if the rep never opens the panel.
  browser.runtime.onStartup.addListener(runOutbox);
  browser.runtime.onInstalled.addListener(runOutbox);
  // Back online after an outage: send what waited, without waiting for the alarm.
  globalThis.addEventListener?.('online', runOutbox);

  registerAudit(services, runOutbox);

  browser.commands?.onCommand.addListener((command, tab) => onShortcut(command, tab));

  browser.tabs.onRemoved.addListener((tabId) => void clearInteraction(tabId));
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'loading') return;
    const url = tab.url ?? change.url;
    // Leaving Gmail/Calendar in the same tab: what was open there is gone.
    if (!url || !PAGE_ORIGINS.some((origin) => url.startsWith(`${origin}/`))) {
      void readInteraction(tabId).then((active) => active && clearInteraction(tabId));
    }
  });

  // The toolbar button opens the panel; set it on every start in case a profile changed it.
  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);

  watchCaptureBadge(services);

  // The worker may have been stopped with writes waiting: pick them up.
  runOutbox();
  // Alarms can be lost (an update, a browser reset): the Calendar connection keeps its own.
  void google.ensureAlarm().catch(() => undefined);
}
