/**
 * The detector loop with every outside part faked: a hand-driven scheduler, a fake observer and
 * a fake app, so each test states exactly which mutations arrive and what the page "shows".
 */
import { describe, expect, it, vi } from 'vitest';
import type { AppWatch, DetectorReport } from '../../../lib/detect/detector';
import { createDetector } from '../../../lib/detect/detector';
import type { EmailThread } from '../../../lib/model';

function thread(threadId: string, messageIds: string[], subject = 'Pricing'): EmailThread {
  return {
    kind: 'email-thread',
    threadId,
    subject,
    messages: messageIds.map((id) => ({
      id,
      permId: null,
      from: { email: 'jane@acme.com', name: 'Jane' },
      to: [],
      date: null,
      state: 'expanded' as const,
      text: '',
    })),
    participants: [],
  };
}

const RELEVANT = { type: 'childList', relevant: true } as unknown as MutationRecord;
const NOISE = { type: 'attributes', relevant: false } as unknown as MutationRecord;

function setup() {
  /** What the fake page shows; tests change it, then deliver mutations. */
  const page = { open: null as EmailThread | null, regions: [{}] as object[] };
  const tasks: Array<() => void> = [];
  const reports: DetectorReport[] = [];
  const observer = { observe: vi.fn(), disconnect: vi.fn() };
  const app = {
    targets: vi.fn(() => page.regions.map((node) => ({ node: node as Node, options: { childList: true } }))),
    isRelevant: vi.fn((record: MutationRecord) => (record as unknown as { relevant: boolean }).relevant),
    fingerprint: vi.fn(() =>
      page.open ? `${page.open.threadId}|${page.open.messages.map((m) => m.id).join(',')}` : '',
    ),
    extract: vi.fn(() => page.open),
  } satisfies AppWatch;
  const schedule = vi.fn((task: () => void) => void tasks.push(task));
  const detector = createDetector({
    document: {} as Document,
    url: () => 'https://mail.google.com/mail/u/0/#inbox',
    app,
    report: (report) => reports.push(report),
    schedule,
    createObserver: () => observer,
  });
  const flush = () => {
    while (tasks.length > 0) tasks.shift()!();
  };
  return { page, app, reports, detector, schedule, observer, flush, pending: () => tasks.length };
}

describe('createDetector', () => {
  it('reports what is open after start, once', () => {
    const { page, reports, detector, flush } = setup();
    page.open = thread('t1', ['m1']);
    detector.start();
    flush();
    expect(reports).toEqual([{ type: 'changed', interaction: page.open }]);
  });

  it('batches many mutation bursts into one scheduled run', () => {
    const { page, detector, schedule, app, flush } = setup();
    detector.start();
    flush();
    page.open = thread('t1', ['m1']);
    for (let i = 0; i < 50; i++) detector.onMutations([NOISE, RELEVANT]);
    expect(schedule).toHaveBeenCalledTimes(2);
    flush();
    expect(app.extract).toHaveBeenCalledTimes(2);
  });

  it('does no work at all for mutations that cannot change what is open', () => {
    const { page, detector, app, flush, pending } = setup();
    page.open = thread('t1', ['m1']);
    detector.start();
    flush();
    app.fingerprint.mockClear();
    app.extract.mockClear();
    for (let i = 0; i < 1000; i++) detector.onMutations([NOISE]);
    expect(pending()).toBe(0);
    expect(app.fingerprint).not.toHaveBeenCalled();
    expect(app.extract).not.toHaveBeenCalled();
  });

  it('skips the full parse when the fingerprint did not move', () => {
    const { page, detector, app, reports, flush } = setup();
    page.open = thread('t1', ['m1']);
    detector.start();
    flush();
    detector.onMutations([RELEVANT]);
    flush();
    expect(app.fingerprint).toHaveBeenCalledTimes(2);
    expect(app.extract).toHaveBeenCalledTimes(1);
    expect(reports).toHaveLength(1);
  });

  it('sends one message per key: a new message is news, a new subject is not', () => {
    const { page, detector, reports, flush } = setup();
    page.open = thread('t1', ['m1']);
    detector.start();
    flush();
    page.open = thread('t1', ['m1', 'm2']);
    detector.onMutations([RELEVANT]);
    flush();
    page.open = thread('t1', ['m1', 'm2'], 'Re: Pricing');
    detector.onMutations([RELEVANT]);
    flush();
    detector.navigated();
    flush();
    const counts = reports.map((r) =>
      r.type === 'changed' && r.interaction.kind === 'email-thread' ? r.interaction.messages.length : 0,
    );
    expect(counts).toEqual([1, 2]);
  });

  it('does not repeat a key when the fingerprint moves but the key does not', () => {
    const { page, detector, reports, app, flush } = setup();
    page.open = thread('t1', ['m1']);
    detector.start();
    flush();
    app.fingerprint.mockReturnValue('t1|m1|heading-repainted');
    detector.onMutations([RELEVANT]);
    flush();
    expect(app.extract).toHaveBeenCalledTimes(2);
    expect(reports).toHaveLength(1);
  });

  it('says "cleared" once when nothing is open, and again only after something was', () => {
    const { page, detector, reports, flush } = setup();
    detector.start();
    flush();
    detector.onMutations([RELEVANT]);
    detector.navigated();
    flush();
    expect(reports).toEqual([{ type: 'cleared' }]);
    page.open = thread('t1', ['m1']);
    detector.onMutations([RELEVANT]);
    flush();
    page.open = null;
    detector.onMutations([RELEVANT]);
    flush();
    detector.onMutations([RELEVANT]);
    flush();
    expect(reports.map((r) => r.type)).toEqual(['cleared', 'changed', 'cleared']);
  });

  it('re-sends the current interaction on refresh even though its key was sent', () => {
    const { page, detector, reports, flush } = setup();
    page.open = thread('t1', ['m1']);
    detector.start();
    flush();
    detector.refresh();
    expect(reports).toEqual([
      { type: 'changed', interaction: page.open },
      { type: 'changed', interaction: page.open },
    ]);
  });

  it('re-attaches when the observed region is replaced, and only then', () => {
    const { page, detector, observer, pending, flush } = setup();
    detector.start();
    flush();
    expect(observer.observe).toHaveBeenCalledTimes(1);
    detector.revalidate();
    expect(pending()).toBe(0);
    expect(observer.observe).toHaveBeenCalledTimes(1);
    const replaced = {};
    page.regions = [replaced];
    detector.revalidate();
    expect(observer.observe).toHaveBeenCalledTimes(2);
    expect(observer.observe).toHaveBeenLastCalledWith(replaced, { childList: true });
    expect(pending()).toBe(1);
  });

  it('stops observing and reporting once stopped (extension reloaded)', () => {
    const { page, detector, observer, reports, flush, pending } = setup();
    detector.start();
    detector.stop();
    flush();
    page.open = thread('t1', ['m1']);
    detector.onMutations([RELEVANT]);
    detector.navigated();
    detector.refresh();
    expect(pending()).toBe(0);
    expect(reports).toEqual([]);
    expect(observer.disconnect).toHaveBeenCalled();
  });
});
