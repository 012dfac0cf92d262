/**
 * `npm run --silent draft -- <input.json>`: drafts the summary, next step, qualification
 * suggestions and recording link of a thread or meeting with the rules engine and prints the
 * Draft as JSON (issue 17 contract). Accepts a bare input or a test fixture `{ input, expected }`.
 * Bad input: one line on stderr, exit 1.
 */
import { contractDraft, draftWithRules, parseDraftInput } from '../lib/drafting';
import { runJsonCli } from './lib/json-cli';

runJsonCli(
  {
    name: 'draft',
    noun: 'input',
    fixtureKey: 'input',
    bareKey: 'interaction',
    parse: (json) => {
      const parsed = parseDraftInput(json);
      return parsed.ok ? { ok: true, value: parsed.input } : parsed;
    },
    run: (input) => contractDraft(draftWithRules(input)),
  },
  process.argv.slice(2),
);
