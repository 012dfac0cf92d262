/**
 * Where every benchmark puts its numbers: each script saves its figures (flat dotted keys, null
 * when a figure could not be measured, with a note saying why) under artifacts/bench/parts/, and
 * `npm run bench` merges them into artifacts/bench.json. Printing stays each script's own job.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const PARTS_DIR = join(ROOT, 'artifacts/bench/parts');
export const BENCH_JSON = join(ROOT, 'artifacts/bench.json');

export type Figure = number | null;

export interface Part {
  figures: Record<string, Figure>;
  notes: Record<string, string>;
}

/** Saves (and merges into) one benchmark's part; safe to call several times. */
export function saveFigures(
  part: string,
  figures: Record<string, Figure>,
  notes: Record<string, string> = {},
) {
  mkdirSync(PARTS_DIR, { recursive: true });
  const path = join(PARTS_DIR, `${part}.json`);
  let previous: Part = { figures: {}, notes: {} };
  try {
    previous = JSON.parse(readFileSync(path, 'utf8')) as Part;
  } catch {
    // First save of this part.
  }
  const merged: Part = {
    figures: { ...previous.figures, ...figures },
    notes: { ...previous.notes, ...notes },
  };
  writeFileSync(path, `${JSON.stringify(merged, null, 2)}\n`);
}

export function loadParts(): Part {
  const all: Part = { figures: {}, notes: {} };
  let files: string[] = [];
  try {
    files = readdirSync(PARTS_DIR).filter((file) => file.endsWith('.json'));
  } catch {
    return all;
  }
  for (const file of files.sort()) {
    try {
      const part = JSON.parse(readFileSync(join(PARTS_DIR, file), 'utf8')) as Part;
      Object.assign(all.figures, part.figures);
      Object.assign(all.notes, part.notes);
    } catch {
      all.notes[file] = 'could not be read';
    }
  }
  return all;
}

export const median = (xs: number[]): number =>
  xs.length === 0 ? NaN : ([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN);

/** Where the peers' published packages are read from (a scratch install can stand in). */
export function peersDir(): string {
  return process.env.DEALSIDE_PEERS_DIR
    ? resolve(process.env.DEALSIDE_PEERS_DIR)
    : join(ROOT, 'node_modules');
}
