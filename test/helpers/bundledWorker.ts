// Worker entries for tests: vitest runs the TypeScript sources, which a worker thread cannot load, so a
// worker entry is bundled once (per test file) into a temporary file that the code under test is pointed at.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const built = new Map<string, string>();

/** The path of a bundled copy of the worker entry `source` (relative to the repository root). */
export async function bundledWorker(source: string): Promise<string> {
  const known = built.get(source);
  if (known !== undefined) return known;
  const outfile = join(mkdtempSync(join(tmpdir(), 'patronage-worker-')), 'worker.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, '../..', source)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
  });
  built.set(source, outfile);
  return outfile;
}
