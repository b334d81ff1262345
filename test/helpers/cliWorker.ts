// The worker of the CLI's reads in shards, for tests (see bundledWorker.ts).
import { cliShardTesting } from '../../src/cli/shards';
import { bundledWorker } from './bundledWorker';

/** Points the CLI's sharded reads at a bundled copy of `src/cli/shardWorker.ts`. */
export async function useBuiltCliWorker(): Promise<void> {
  cliShardTesting.worker = await bundledWorker('src/cli/shardWorker.ts');
}
