import { describe, expect, it } from 'vitest';
import { buildReport, formatReport, REQUIRED_KEYS } from '../../../scripts/bench/report';

const NOW = new Date('2026-12-02T12:00:00.000Z');

describe('bench report (artifacts/bench.json)', () => {
  it('has every required figure even when benchmarks failed, each missing one with a note', () => {
    const report = buildReport(
      {
        figures: { 'contentScript.gmail.gzipBytes': 8546, 'peers.gmailjs.gzipBytes': null },
        notes: { 'peers.gmailjs.gzipBytes': 'not installed: node_modules/gmail-js/src/gmail.js' },
      },
      NOW,
    );
    for (const key of REQUIRED_KEYS) expect(report.figures).toHaveProperty(key);
    expect(report.figures['hubspot.cold.calls']).toBeNull();
    expect(report.notes['hubspot.cold.calls']).toMatch(/not measured/);
    expect(report.notes['peers.gmailjs.gzipBytes']).toMatch(/not installed/);
    expect(report.ratios['contentScript.gmail.gzipBytes vs peers.gmailjs.gzipBytes']).toBeNull();
  });

  it('prints the ratio against each peer beside our figure', () => {
    const report = buildReport(
      {
        figures: {
          'contentScript.gmail.gzipBytes': 8000,
          'peers.gmailjs.gzipBytes': 44000,
          'peers.inboxsdk.gzipBytes': 360000,
          'detect.gmail.medianMs': 4,
          'peers.gmailjs.detect.medianMs': 22,
        },
        notes: {},
      },
      NOW,
    );
    const text = formatReport(report);
    expect(text).toMatch(
      /contentScript\.gmail\.gzipBytes\s+8000\s+\[vs gmail-js \+ jQuery 5\.5×, InboxSDK 45×\]/,
    );
    expect(text).toMatch(/detect\.gmail\.medianMs\s+4\s+\[vs gmail\.js 5\.5×\]/);
    expect(text).toMatch(/hubspot\.burst10\.rateLimitWaitMs\s+null \(not measured/);
  });
});
