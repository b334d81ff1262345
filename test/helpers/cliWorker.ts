// The worker of the CLI's reads in shards, for tests: vitest runs the TypeScript sources, which a worker
// thread cannot load, so the worker entry is bundled once into a temporary file and the CLI pointed at it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { cliShardTesting } from '../../src/cli/shards';

let built: string | null = null;

/** Points the CLI's sharded reads at a bundled copy of `src/cli/shardWorker.ts`. */
export async function useBuiltCliWorker(): Promise<void> {
  if (built === null) {
    const outfile = join(mkdtempSync(join(tmpdir(), 'patronage-cli-worker-')), 'cliWorker.mjs');
    await build({
      entryPoints: [join(import.meta.dirname, '../../src/cli/shardWorker.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'warning',
    });
    built = outfile;
  }
  cliShardTesting.worker = built;
}
