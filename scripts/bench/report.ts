/**
 * The figures of one `npm run bench`, side by side with the peers': every key the budgets and
 * issue 16 name is present in artifacts/bench.json, as a number or as null with a note saying
 * why it is missing. Pure except for `writeReport`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BENCH_JSON, type Figure, type Part } from './figures';

export const REQUIRED_KEYS = [
  'contentScript.gmail.gzipBytes',
  'contentScript.calendar.gzipBytes',
  'peers.gmailjs.gzipBytes',
  'peers.inboxsdk.gzipBytes',
  'detect.gmail.medianMs',
  'peers.gmailjs.detect.medianMs',
  'hubspot.cold.calls',
  'hubspot.cold.roundTrips',
  'hubspot.cold.medianMs',
  'salesforce.cold.calls',
  'salesforce.cold.roundTrips',
  'salesforce.cold.medianMs',
  'hubspot.burst10.rateLimitWaitMs',
  'panel.firstPaint.medianMs',
  'panel.cached.medianMs',
] as const;

/** Figure → the peer figure it is compared with ("their value ÷ ours"). */
const VERSUS: Record<string, { peer: string; name: string }[]> = {
  'contentScript.gmail.gzipBytes': [
    { peer: 'peers.gmailjs.gzipBytes', name: 'gmail-js + jQuery' },
    { peer: 'peers.inboxsdk.gzipBytes', name: 'InboxSDK' },
  ],
  'contentScript.calendar.gzipBytes': [{ peer: 'peers.inboxsdk.gzipBytes', name: 'InboxSDK' }],
  'detect.gmail.medianMs': [{ peer: 'peers.gmailjs.detect.medianMs', name: 'gmail.js' }],
  'hubspot.cold.medianMs': [{ peer: 'salesforce.cold.medianMs', name: 'Salesforce' }],
};

export interface BenchReport {
  generatedAt: string;
  figures: Record<string, Figure>;
  notes: Record<string, string>;
  /** e.g. "contentScript.gmail.gzipBytes vs peers.gmailjs.gzipBytes": 5.3 (theirs ÷ ours). */
  ratios: Record<string, number | null>;
}

export function buildReport(parts: Part, now: Date): BenchReport {
  const figures: Record<string, Figure> = { ...parts.figures };
  const notes: Record<string, string> = { ...parts.notes };
  for (const key of REQUIRED_KEYS) {
    if (figures[key] === undefined || (figures[key] !== null && !Number.isFinite(figures[key]))) {
      figures[key] = null;
      notes[key] ??= 'not measured: its benchmark did not report it (see its output above)';
    }
  }
  const ratios: Record<string, number | null> = {};
  for (const [key, peers] of Object.entries(VERSUS)) {
    for (const { peer } of peers) {
      const ours = figures[key];
      const theirs = figures[peer];
      ratios[`${key} vs ${peer}`] =
        typeof ours === 'number' && typeof theirs === 'number' && ours > 0
          ? Math.round((theirs / ours) * 10) / 10
          : null;
    }
  }
  return { generatedAt: now.toISOString(), figures, notes, ratios };
}

export function formatReport(report: BenchReport): string {
  const lines = ['', '=== Figures (artifacts/bench.json)'];
  const width = Math.max(...Object.keys(report.figures).map((key) => key.length));
  for (const [key, value] of Object.entries(report.figures).sort(([a], [b]) => a.localeCompare(b))) {
    const beside = (VERSUS[key] ?? [])
      .map(({ peer, name }) => {
        const ratio = report.ratios[`${key} vs ${peer}`];
        return ratio === null || ratio === undefined ? `${name}: n/a` : `${name} ${ratio}×`;
      })
      .join(', ');
    const shown = value === null ? `null (${report.notes[key] ?? 'not measured'})` : String(value);
    lines.push(`${key.padEnd(width)}  ${shown}${beside ? `   [vs ${beside}]` : ''}`);
  }
  return lines.join('\n');
}

export function writeReport(report: BenchReport, path = BENCH_JSON): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
