// The reading worker for tests (see bundledWorker.ts).
import { shardTesting } from '../../src/node/readShards';
import { bundledWorker } from './bundledWorker';

/** Points `readTransactions` at a bundled copy of `src/node/readWorker.ts`. */
export async function useBuiltWorker(): Promise<void> {
  shardTesting.worker = await bundledWorker('src/node/readWorker.ts');
}
