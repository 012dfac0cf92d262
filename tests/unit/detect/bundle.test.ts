/**
 * The content scripts must stay small: chrono-node (≈13.5 KB gzipped) belongs to the worker and
 * the CLI only. Bundles what the entrypoints import and checks nothing pulls it in.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function inputsOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [`${ROOT}${entry}`],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('content-script bundles', () => {
  it.each(['entrypoints/gmail.content/index.ts', 'entrypoints/calendar.content/index.ts'])(
    '%s leaves chrono-node out',
    async (entry) => {
      const inputs = await inputsOf(entry);
      expect(inputs.some((path) => path.includes('lib/detect/'))).toBe(true);
      const workerOnly = ['complete.ts', 'message-date.ts', 'list-footer.ts'];
      expect(
        inputs.filter(
          (path) => path.includes('chrono-node') || workerOnly.some((name) => path.endsWith(name)),
        ),
      ).toEqual([]);
    },
  );

  it('the Gmail script carries no Calendar code, and the other way round', async () => {
    const gmail = await inputsOf('entrypoints/gmail.content/index.ts');
    const calendar = await inputsOf('entrypoints/calendar.content/index.ts');
    expect(gmail.filter((path) => /calendar/.test(path))).toEqual([]);
    expect(calendar.filter((path) => /lib\/detect\/gmail/.test(path))).toEqual([]);
  });

  it('the CLI path does include the date parsing the content scripts defer', async () => {
    const inputs = await inputsOf('lib/detect/detect.ts');
    expect(inputs.some((path) => path.includes('chrono-node'))).toBe(true);
  });
});
