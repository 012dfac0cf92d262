import { describe, expect, it } from 'vitest';
import { contractDraft, Draft, draftWithRules, guessLanguage, parseDraftInput } from '@/lib/drafting';
import { allText } from '@/lib/drafting/said';
import { draftFixtures } from './fixtures';

const fixtures = draftFixtures();

describe('rules engine on realistic threads and meetings', () => {
  it('has at least 30 fixtures, threads and meetings in each of the six languages', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
    for (const lang of ['en', 'de', 'fr', 'es', 'pt', 'nl']) {
      const mine = fixtures.filter((f) => f.name.startsWith(`${lang}-`));
      expect(
        mine.some((f) => f.name.includes('-thread-')),
        lang,
      ).toBe(true);
      expect(
        mine.some((f) => f.name.includes('-meeting-')),
        lang,
      ).toBe(true);
    }
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const parsed = parseDraftInput(fixture.input);
    if (!parsed.ok) throw new Error(parsed.error);
    const draft = contractDraft(draftWithRules(parsed.input));
    expect(Draft.parse(draft)).toEqual(draft);
    expect(draft).toEqual(fixture.expected);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))(
    '%s is read in the language it is written in',
    (name, fixture) => {
      const parsed = parseDraftInput(fixture.input);
      if (!parsed.ok) throw new Error(parsed.error);
      const text = allText(parsed.input.interaction).replace(/https:\S+/g, '');
      // An agenda of a few nouns has nothing to tell the language by; those read as English.
      const words = text.match(/\p{L}+/gu) ?? [];
      const expected = words.length >= 12 ? [name.slice(0, 2)] : [name.slice(0, 2), 'en'];
      expect(expected).toContain(guessLanguage(text));
    },
  );
});
