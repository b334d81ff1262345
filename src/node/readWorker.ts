// The worker of a read in shards (readShards.ts): reads the byte ranges it is sent and posts each shard
// back, its columns transferred, or the error.

import { parentPort } from 'node:worker_threads';
import { type ShardJob, serialiseError } from './readShards';
import { readShard } from './readTransactions';

const port = parentPort;
port?.on('message', (job: ShardJob) => {
  readShard(job).then(
    (result) => {
      const { customerIndex, at, amount } = result.columns;
      port.postMessage({ result }, [customerIndex.buffer, at.buffer, amount.buffer] as ArrayBuffer[]);
    },
    (error: unknown) => port.postMessage({ error: serialiseError(error) }),
  );
});
