// The reading worker for tests: vitest runs the TypeScript sources, which a worker thread cannot load, so
// the worker entry is bundled once into a temporary file and the reader is pointed at it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { shardTesting } from '../../src/node/readShards';

let built: string | null = null;

/** Points `readTransactions` at a bundled copy of `src/node/readWorker.ts`. */
export async function useBuiltWorker(): Promise<void> {
  if (built === null) {
    const outfile = join(mkdtempSync(join(tmpdir(), 'patronage-worker-')), 'readWorker.mjs');
    await build({
      entryPoints: [join(import.meta.dirname, '../../src/node/readWorker.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'warning',
    });
    built = outfile;
  }
  shardTesting.worker = built;
}
