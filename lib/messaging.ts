/**
 * Dealside's one message protocol: every message type, which context answers it and who may
 * send it. The worker answers `workerProtocol`; content scripts answer `contentProtocol`. The
 * definitions live in lib/protocol/ (page and panel halves) so content scripts stay small.
 */
import { browser } from 'wxt/browser';
import { createClient, type RequestOf } from './protocol/core';
import { contentProtocol, pageProtocol } from './protocol/page';
import { auditProtocol } from './protocol/audit';
import { panelProtocol } from './protocol/panel';
import { captureProtocol } from './protocol/capture';
import { googleProtocol } from './protocol/google';
import { reportsProtocol } from './protocol/reports';

export * from './protocol/core';
export { contentProtocol, pageProtocol } from './protocol/page';
export { panelProtocol, ConfigView } from './protocol/panel';

export const workerProtocol = {
  ...pageProtocol,
  ...panelProtocol,
  ...auditProtocol,
  ...captureProtocol,
  ...googleProtocol,
  ...reportsProtocol,
};
export type WorkerProtocol = typeof workerProtocol;
export type ContentProtocol = typeof contentProtocol;
export type WorkerMessage = keyof WorkerProtocol;
export type ContentMessage = keyof ContentProtocol;

/** Sends a message to the background service worker (from the panel). */
export const sendToWorker = createClient(workerProtocol, (message) => browser.runtime.sendMessage(message));

/** Sends a message to the content script of one tab (top frame). */
export function sendToTab<K extends ContentMessage>(
  tabId: number,
  type: K,
  data: RequestOf<ContentProtocol, K>,
) {
  return createClient(contentProtocol, (message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }))(
    type,
    data,
  );
}
