/** The drafting fixtures under tests/fixtures/draft: `{ description, input, expected }`. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURE_DIR = join(import.meta.dirname, '../../fixtures/draft');

export interface DraftFixture {
  name: string;
  file: string;
  description: string;
  input: unknown;
  expected: unknown;
}

export function draftFixtures(): DraftFixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = join(FIXTURE_DIR, f);
      const json = JSON.parse(readFileSync(file, 'utf8')) as Omit<DraftFixture, 'name' | 'file'>;
      return { ...json, name: f.replace(/\.json$/, ''), file };
    });
}
