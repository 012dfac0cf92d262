/**
 * The content script's loop, free of browser-extension APIs so it can be unit-tested: observe
 * the app's regions, batch changes into one scheduled run, skip runs whose fingerprint did not
 * move, and report only when the interaction's key changes (or once when nothing is open).
 */
import type { Interaction } from '../model';
import { interactionKey } from '../model-keys';

export type DetectorReport = { type: 'changed'; interaction: Interaction } | { type: 'cleared' };

export interface WatchTarget {
  node: Node;
  options: MutationObserverInit;
}

/** What one app (Gmail, Calendar) contributes to the loop. */
export interface AppWatch {
  /** The nodes to observe now; re-read on every run, since the app may replace them. */
  targets(document: Document): WatchTarget[];
  /** Whether one DOM change may alter what is open; runs for every record, so it must be cheap. */
  isRelevant(record: MutationRecord): boolean;
  /** A cheap identity of what is open; equal fingerprints must imply equal interaction keys. */
  fingerprint(document: Document, url: string): string;
  extract(document: Document, url: string): Interaction | null;
}

export interface DetectorOptions {
  document: Document;
  url: () => string;
  app: AppWatch;
  report: (report: DetectorReport) => void;
  /** Runs a task later (next animation frame or idle period); called at most once per batch. */
  schedule: (task: () => void) => void;
  createObserver?: (
    callback: (records: MutationRecord[]) => void,
  ) => Pick<MutationObserver, 'observe' | 'disconnect'>;
}

export interface Detector {
  /** Observes and schedules the first check. */
  start(): void;
  stop(): void;
  /** The observer's callback, exposed for tests and benchmarks. */
  onMutations(records: MutationRecord[]): void;
  /** The URL changed (hashchange, popstate, history navigation). */
  navigated(): void;
  /** Re-attaches to replaced regions; a cheap safety net for changes no observer could see. */
  revalidate(): void;
  /** Extracts now and reports the result even if its key was already reported. */
  refresh(): void;
}

export function createDetector(options: DetectorOptions): Detector {
  const { document, app, report, schedule } = options;
  const observer = (options.createObserver ?? ((callback) => new MutationObserver(callback)))(onMutations);
  let observed: Node[] = [];
  let pending = false;
  let stopped = false;
  let lastFingerprint: string | null = null;
  /** `undefined` until the first report, so "nothing open" is said once at start too. */
  let lastKey: string | null | undefined;

  function onMutations(records: MutationRecord[]): void {
    if (pending || stopped) return;
    for (let i = 0; i < records.length; i++) {
      if (app.isRelevant(records[i]!)) return request();
    }
  }

  function request(): void {
    if (pending || stopped) return;
    pending = true;
    schedule(run);
  }

  /** Returns whether the observed regions changed. */
  function attach(): boolean {
    const targets = app.targets(document);
    if (targets.length === observed.length && targets.every((target, i) => target.node === observed[i])) {
      return false;
    }
    observer.disconnect();
    for (const target of targets) observer.observe(target.node, target.options);
    observed = targets.map((target) => target.node);
    return true;
  }

  function publish(interaction: Interaction | null, force: boolean): void {
    const key = interaction ? interactionKey(interaction) : null;
    if (!force && key === lastKey) return;
    lastKey = key;
    report(interaction ? { type: 'changed', interaction } : { type: 'cleared' });
  }

  function run(): void {
    pending = false;
    if (stopped) return;
    attach();
    const url = options.url();
    const fingerprint = app.fingerprint(document, url);
    if (fingerprint === lastFingerprint) return;
    lastFingerprint = fingerprint;
    publish(app.extract(document, url), false);
  }

  return {
    start() {
      stopped = false;
      attach();
      request();
    },
    stop() {
      stopped = true;
      observer.disconnect();
      observed = [];
    },
    onMutations,
    navigated: request,
    revalidate() {
      if (!stopped && attach()) request();
    },
    refresh() {
      if (stopped) return;
      attach();
      const url = options.url();
      lastFingerprint = app.fingerprint(document, url);
      publish(app.extract(document, url), true);
    },
  };
}
