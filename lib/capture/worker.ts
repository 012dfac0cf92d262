/**
 * Auto-capture in the worker: the paths that feed the pipeline (a send reported by Gmail, a
 * thread or meeting on screen), the panel's messages, and the toolbar badge.
 */
import { browser } from 'wxt/browser';
import type { Handlers } from '../protocol/core';
import type { captureProtocol, CaptureView } from '../protocol/capture';
import type { pageProtocol } from '../protocol/page';
import type { Interaction } from '../model';
import { readInteraction } from '../worker/active-interactions';
import {
  captureTouch,
  captureTouches,
  capturedSince,
  confirmCapture,
  dismissCapture,
  undoCapture,
  type CaptureRequest,
  type CaptureServices,
} from './pipeline';
import { sentThread } from './compose';
import type { CaptureRecord } from './record';
import type { LedgerEntry, OutboxItem } from '../outbox/item';

/** "New" on screen: a message or meeting older than this was not captured when it happened. */
export const VIEW_LOOKBACK_MS = 7 * 24 * 60 * 60_000;

/** Each new message of an open thread (either direction), or the meeting once held. */
export function viewRequests(interaction: Interaction, now: Date, runOutbox: () => void): CaptureRequest[] {
  const recent = (iso: string | null) => iso !== null && now.getTime() - Date.parse(iso) <= VIEW_LOOKBACK_MS;
  if (interaction.kind === 'meeting') {
    return recent(interaction.end) ? [{ kind: 'meeting', source: 'calendar-page', now, runOutbox }] : [];
  }
  return interaction.messages
    .filter((m) => m.state === 'expanded' && m.direction && recent(m.date))
    .map((message) => ({
      kind: message.direction === 'sent' ? 'sent' : 'received',
      source: 'thread',
      message,
      now,
      runOutbox,
    }));
}

/** The thread or meeting now on screen: its new touches, matched once. Never throws. */
export async function captureOnView(
  services: CaptureServices,
  interaction: Interaction,
  runOutbox: () => void,
) {
  const requests = viewRequests(interaction, new Date(), runOutbox);
  if (requests.length === 0) return;
  await captureTouches(services, interaction, requests).catch(() => undefined);
}

function viewOf(record: CaptureRecord, items: OutboxItem[], ledger: LedgerEntry[]): CaptureView {
  if (record.status !== 'queued') return { ...record, state: record.status };
  const item = items.find((i) => i.key === record.outboxKey);
  if (item) return { ...record, state: item.state === 'failed' ? 'failed' : 'sending' };
  return { ...record, state: ledger.some((e) => e.key === record.outboxKey) ? 'logged' : 'sending' };
}

/** How many suggestions wait, on the toolbar button, so the rep sees them with the panel closed. */
export async function showWaiting(services: CaptureServices): Promise<void> {
  const waiting = (await services.capture.all()).filter((r) => r.status === 'suggested').length;
  await browser.action?.setBadgeText({ text: waiting > 0 ? String(waiting) : '' }).catch(() => undefined);
  if (waiting > 0) {
    await browser.action?.setBadgeBackgroundColor({ color: '#1a73e8' }).catch(() => undefined);
  }
}

export function createCaptureHandlers(
  services: CaptureServices,
  runOutbox: () => void,
): Handlers<typeof captureProtocol> & Pick<Handlers<typeof pageProtocol>, 'compose.sent'> {
  return {
    async 'compose.sent'({ compose }, { tabId }) {
      const open = tabId === undefined ? null : await readInteraction(tabId);
      const connection = await services.auth.connection();
      const sent = sentThread(compose, open?.interaction ?? null, connection?.userEmail ?? null, new Date());
      if (sent) {
        await captureTouch(services, sent.thread, {
          kind: 'sent',
          source: 'send',
          message: sent.message,
          runOutbox,
        }).catch(() => undefined);
      }
      return { ok: true };
    },
    async 'capture.list'({ since }) {
      const [records, items, ledger] = await Promise.all([
        capturedSince(services, since),
        services.outbox.items(),
        services.outbox.ledger(),
      ]);
      return records.map((r) => viewOf(r, items, ledger));
    },
    async 'capture.confirm'({ items }) {
      for (const { id, opportunityId } of items) await confirmCapture(services, id, opportunityId);
      runOutbox();
      return { ok: true };
    },
    async 'capture.dismiss'({ id }) {
      await dismissCapture(services, id);
      return { ok: true };
    },
    async 'capture.undo'({ id }) {
      await undoCapture(services, id);
      runOutbox();
      return { ok: true };
    },
  };
}

/** Keeps the badge in step with the suggestions, whoever changed them. Register at worker start. */
export function watchCaptureBadge(services: CaptureServices): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && Object.hasOwn(changes, 'capture.records')) void showWaiting(services);
  });
  void showWaiting(services).catch(() => undefined);
}
