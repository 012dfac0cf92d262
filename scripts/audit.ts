/**
 * `npm run --silent audit -- <snapshot.json>`: runs the attach audit on a saved snapshot and prints
 * `{ results, summary }` as JSON (docs/audit.md). Accepts a bare snapshot or a test fixture
 * `{ snapshot, expected }`. Bad input: one line on stderr, exit 1.
 */
import { auditSnapshot, parseAuditSnapshot, toOutput } from '../lib/audit';
import { runJsonCli } from './lib/json-cli';

runJsonCli(
  {
    name: 'audit',
    noun: 'snapshot',
    fixtureKey: 'snapshot',
    bareKey: 'activities',
    parse: (json) => {
      const parsed = parseAuditSnapshot(json);
      return parsed.ok ? { ok: true, value: parsed.snapshot } : parsed;
    },
    run: (snapshot) => toOutput(auditSnapshot(snapshot)),
  },
  process.argv.slice(2),
);
