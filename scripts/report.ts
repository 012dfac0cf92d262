/**
 * `npm run --silent report -- <snapshot.json>`: computes every weekly report and My day's lists
 * from a CRM snapshot with the product's own code (docs/reports.md). Bad input: one line on
 * stderr, exit 1.
 */
import { computeReports, parseReportSnapshot } from '../lib/reports';
import { runJsonCli } from './lib/json-cli';

runJsonCli(
  {
    name: 'report',
    noun: 'snapshot',
    parse: (json) => {
      const parsed = parseReportSnapshot(json);
      return parsed.ok ? { ok: true, value: parsed.snapshot } : parsed;
    },
    run: computeReports,
  },
  process.argv.slice(2),
);
