// What a streaming table (RfmStream, CohortStream, RetentionStream) hands across threads when the CLI reads
// one file in byte-range shards (src/cli/shards.ts): per customer a few numbers, never per row.

/** A shard's table after `add` over its rows alone: its customers' state and its extent. */
export interface ShardEnd {
  /** The table's per-customer state, `stride` numbers a customer, customer numbers local to the shard. */
  readonly state: Int32Array | Float64Array;
  readonly customers: number;
  /** The table's smallest/largest keys seen (which ones depends on the table). */
  readonly extent: readonly number[];
  /** Local customer, then arrival (0-based within the shard) where it went out of order, pair by pair. */
  readonly since: Float64Array;
}

/**
 * The state a shard's customers start from (the whole file's state before the shard), for the second fold
 * of a shard whose tallies depend on it; `skip` 1 for a customer out of order (its rows are not folded).
 */
export interface ShardStart {
  readonly state: Int32Array;
  readonly skip: Uint8Array;
}

/** A table's tallies (cohort or period cells), by key: `keys[i]` owns `values[i * width, (i + 1) * width)`. */
export interface ShardCells {
  readonly keys: Int32Array;
  readonly width: number;
  readonly values: Float64Array;
}

/** The out-of-order marks of a DisorderedRows, as pairs for {@link ShardEnd.since}. */
export function sincePairs(since: ReadonlyMap<number, number>): Float64Array {
  const pairs = new Float64Array(since.size * 2);
  let k = 0;
  for (const [customer, arrival] of since) {
    pairs[k++] = customer;
    pairs[k++] = arrival;
  }
  return pairs;
}

/** {@link ShardEnd.since} as a map, local customer to arrival. */
export function sinceMap(pairs: Float64Array): Map<number, number> {
  const map = new Map<number, number>();
  for (let k = 0; k < pairs.length; k += 2) map.set(pairs[k] as number, pairs[k + 1] as number);
  return map;
}
