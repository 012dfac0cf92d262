/**
 * `npm run --silent match -- <scenario.json>`: runs the matching engine on a saved scenario and
 * prints the MatchResult as JSON (DESIGN.md contract). Accepts a bare scenario or a test fixture
 * `{ scenario, expected }`. Bad input: one line on stderr, exit 1.
 */
import { matchScenario, parseMatchScenario } from '../lib/match';
import { runJsonCli } from './lib/json-cli';

runJsonCli(
  {
    name: 'match',
    noun: 'scenario',
    fixtureKey: 'scenario',
    bareKey: 'interaction',
    parse: (json) => {
      const parsed = parseMatchScenario(json);
      return parsed.ok ? { ok: true, value: parsed.scenario } : parsed;
    },
    run: matchScenario,
  },
  process.argv.slice(2),
);
