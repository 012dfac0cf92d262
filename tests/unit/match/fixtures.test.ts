/**
 * Every tests/fixtures/match/*.json scenario meets its `expected`. New files are picked up
 * automatically. Unknown expectation keys fail, so a typo cannot make a fixture pass silently.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { matchScenario, parseMatchScenario } from '../../../lib/match';
import { expectWellFormed } from './builders';

const DIR = join(import.meta.dirname, '../../fixtures/match');

const Expected = z.strictObject({
  decisionIn: z.optional(z.array(z.string())),
  skipReasonIn: z.optional(z.array(z.string())),
  opportunityIdIn: z.optional(z.array(z.string())),
  top: z.optional(z.string()),
  /** Opportunity ids that must be (or must not be) among the candidates. */
  candidatesInclude: z.optional(z.array(z.string())),
  candidatesExclude: z.optional(z.array(z.string())),
  /** Substrings each of which some reason of the top candidate must contain. */
  topReasonsInclude: z.optional(z.array(z.string())),
});
const Fixture = z.strictObject({ note: z.optional(z.string()), scenario: z.unknown(), expected: Expected });

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('match fixtures', () => {
  it('has the given scenarios and at least 25 more', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it.each(files)('%s', (file) => {
    const fixture = Fixture.parse(JSON.parse(readFileSync(join(DIR, file), 'utf8')));
    const parsed = parseMatchScenario(fixture.scenario);
    if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
    const result = matchScenario(parsed.scenario);
    const expected = fixture.expected;
    const ids = result.candidates.map((c) => c.opportunityId);

    expectWellFormed(result);
    if (expected.decisionIn) expect(expected.decisionIn).toContain(result.decision);
    if (expected.skipReasonIn) expect(expected.skipReasonIn).toContain(result.skipReason);
    if (expected.opportunityIdIn) expect(expected.opportunityIdIn).toContain(result.opportunityId);
    if (expected.top !== undefined) expect(ids[0]).toBe(expected.top);
    for (const id of expected.candidatesInclude ?? []) expect(ids).toContain(id);
    for (const id of expected.candidatesExclude ?? []) expect(ids).not.toContain(id);
    for (const text of expected.topReasonsInclude ?? []) {
      expect(
        result.candidates[0]?.reasons.some((r) => r.includes(text)),
        `top reason "${text}"`,
      ).toBe(true);
    }
  });
});
