/**
 * When to try the outbox again. An alarm survives the worker being stopped; a timer covers the
 * short waits (under Chrome's 30 s alarm minimum) while the worker is alive anyway.
 */
import { browser } from 'wxt/browser';
import { nextWakeAt } from './decisions';
import type { OutboxStore } from './store';

export const OUTBOX_ALARM = 'dealside.outbox';
const TIMER_LIMIT_MS = 25_000;

export async function scheduleOutbox(store: OutboxStore, run: () => void, now = Date.now()): Promise<void> {
  const [items, ledger] = await Promise.all([store.items(), store.ledger()]);
  const next = nextWakeAt(items, ledger);
  if (next === null) {
    await browser.alarms.clear(OUTBOX_ALARM);
    return;
  }
  const delay = Math.max(0, next - now);
  await browser.alarms.create(OUTBOX_ALARM, { when: now + Math.max(delay, 1_000) });
  if (delay < TIMER_LIMIT_MS) setTimeout(run, delay + 50);
}
