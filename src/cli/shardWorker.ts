// The worker of a streamed command read in shards (shards.ts): reads the byte range it is sent, folding the
// rows into the command's streaming table batch by batch, and posts back the table's per-customer state;
// a shard whose tallies depend on where its customers stood before it keeps its rows for the second fold.

import { parentPort } from 'node:worker_threads';
import { CohortStream } from '../aggregate/cohort/CohortStream';
import { RetentionStream } from '../aggregate/period/RetentionStream';
import { RfmStream } from '../aggregate/rfm/RfmStream';
import type { ShardCells, ShardEnd, ShardStart } from '../aggregate/shared/shardState';
import type { ReadColumns } from '../node/index';
import { serialiseError } from '../node/readShards';
import {
  readRange,
  type ShardMessage,
  type ShardRead,
  type ShardSpec,
  shardIds,
  shardReadOf,
} from './shards';

interface Table {
  add(columns: ReadColumns): void;
  shardEnd(): ShardEnd;
  shardCells?(): ShardCells;
  startShard?(start: ShardStart): void;
}

function tableOf(spec: ShardSpec): Table {
  if (spec.kind === 'rfm') return new RfmStream(spec.fn, spec.options);
  if (spec.kind === 'cohort') return new CohortStream(spec.fn, spec.options);
  return new RetentionStream(spec.fn, spec.options);
}

/** The rows each shard keeps for its second fold, and its table's spec. */
const kept = new Map<number, { spec: ShardSpec; batches: ReadColumns[] }>();

async function read(message: Extract<ShardMessage, { type: 'read' }>): Promise<ShardRead> {
  const { job, spec, keep } = message;
  const table = tableOf(spec);
  const batches: ReadColumns[] = [];
  const read = await readRange(
    'readTransactionBatches',
    job,
    job.options,
    (columns) => {
      table.add(columns);
      if (keep) batches.push(columns);
    },
    keep,
  );
  if (keep) kept.set(message.shard, { spec, batches });
  else kept.delete(message.shard);
  return shardReadOf(read, shardIds(read.reader), table.shardEnd(), table.shardCells?.() ?? null);
}

function fold(message: Extract<ShardMessage, { type: 'fold' }>): ShardCells {
  const shard = kept.get(message.shard);
  if (shard === undefined) throw new Error(`no rows kept for shard ${message.shard}`);
  kept.delete(message.shard);
  const table = tableOf(shard.spec);
  table.startShard?.(message.start);
  for (const columns of shard.batches) table.add(columns);
  if (table.shardCells === undefined) throw new Error('a second fold of a table without cells');
  return table.shardCells();
}

const port = parentPort;
let queue: Promise<void> = Promise.resolve();
port?.on('message', (message: ShardMessage) => {
  queue = queue.then(async () => {
    try {
      if (message.type === 'drop') {
        kept.delete(message.shard);
        return;
      }
      const result = message.type === 'read' ? await read(message) : fold(message);
      port.postMessage({ result });
    } catch (error) {
      port.postMessage({ error: serialiseError(error) });
    }
  });
});
