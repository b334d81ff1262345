// Summarises a large transaction log in parallel: each worker_threads worker builds an RFM accumulator
// over its shard, sends back the accumulator's JSON, and the main thread merges the shards. The merged
// result equals a single pass over the whole log (the accumulator law), which this script checks.
//   node examples/worker-shards.mjs [customers]
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createRfmAccumulator, rfmAccumulatorFromJSON, rfmSummaryColumns } from 'patronage';

const DAY = 86_400_000;
const ORIGIN = Date.UTC(2024, 0, 1);

/** The deterministic log of one shard: customers c with c % shards === shard. */
function* shardTransactions(customers, shard, shards) {
  for (let c = shard; c < customers; c += shards) {
    let state = (c * 2_654_435_761) >>> 0;
    const random = () => {
      state = (Math.imul(state ^ (state >>> 15), 2_246_822_519) + 0x6d2b79f5) >>> 0;
      return state / 4_294_967_296;
    };
    let day = Math.floor(random() * 200);
    while (day < 365) {
      yield { customerId: c, at: ORIGIN + day * DAY, amount: Math.round(500 + random() * 9500) / 100 };
      if (random() < 0.2) break;
      day += 1 + Math.floor(random() * 40);
    }
  }
}

const options = { unit: 'week', observationEnd: ORIGIN + 365 * DAY };

if (isMainThread) {
  const customers = Number(process.argv[2] ?? 200_000);
  const shards = Math.max(2, availableParallelism());
  const started = performance.now();
  const states = await Promise.all(
    Array.from(
      { length: shards },
      (_, shard) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: { customers, shard, shards } });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  const merged = states.reduce(
    (total, state) => total.merge(rfmAccumulatorFromJSON(state)),
    createRfmAccumulator(options),
  );
  const rows = merged.result();
  const elapsed = performance.now() - started;

  // the same log in one pass, as columns, for the check
  const all = [
    ...Array.from({ length: shards }, (_, shard) => [...shardTransactions(customers, shard, shards)]),
  ].flat();
  const single = rfmSummaryColumns(
    {
      customerIndex: all.map((row) => row.customerId),
      at: all.map((row) => row.at),
      amount: all.map((row) => row.amount),
    },
    options,
  );
  const same =
    rows.length === single.customerIndex.length &&
    rows.every(
      (row, j) =>
        row.frequency === single.frequency[j] &&
        row.T === single.T[j] &&
        row.monetaryValue === single.monetaryValue[j],
    );
  console.log(
    `${shards} workers summarised ${all.length} transactions of ${rows.length} customers in ${elapsed.toFixed(0)} ms`,
  );
  console.log(`merged shards equal one pass over the whole log: ${same}`);
  if (!same) process.exitCode = 1;
} else {
  const { customers, shard, shards } = workerData;
  const accumulator = createRfmAccumulator(options);
  for (const transaction of shardTransactions(customers, shard, shards)) accumulator.add(transaction);
  parentPort.postMessage(accumulator.toJSON());
}
