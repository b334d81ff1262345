import { KEY_MASK, LOCAL_SHIFT, PARTITION_SHIFT, partitionRows } from '../shared/partitionRows';
import type { RfmColumns } from './rfmColumns';
import type { ResolvedRfmOptions } from './rfmOptions';
import { RFM_STRIDE, rfmColumnsOfState } from './rfmState';

/**
 * The fast path of the columnar RFM summary, for the usual case of rows in time order per customer (any
 * interleaving of customers, as in a time-ordered log): rows are partitioned by customer (see
 * `partitionRows`) and each row then updates its customer's running first and last period, number of
 * distinct periods and totals. Returns `undefined`, having changed nothing, when a row is earlier than
 * its customer's previous one or the data needs the general path's validation (also when a customer's
 * total leaves the exact range of minor units: that path reports it); results are identical to the
 * general path's.
 */
export function streamRfm(
  customers: ArrayLike<number>,
  times: ArrayLike<number>,
  amounts: ArrayLike<number>,
  resolved: ResolvedRfmOptions,
): RfmColumns | undefined {
  const { keyer, scale, endMs } = resolved;
  const endKey = endMs === undefined ? Number.POSITIVE_INFINITY : keyer.keyOf(endMs);
  const parts = partitionRows(customers, times, amounts, keyer, scale, endKey);
  if (parts === undefined) return undefined;
  const { customerCount, packed, minor, offsets, partitions, minKey } = parts;
  const state = new Float64Array(customerCount * RFM_STRIDE);
  for (let p = 0; p < partitions; p++) {
    const partitionBase = p << PARTITION_SHIFT;
    const to = offsets[p + 1] as number;
    for (let row = offsets[p] as number; row < to; row++) {
      const word = packed[row] as number;
      const base = (partitionBase + (word >>> LOCAL_SHIFT)) * RFM_STRIDE;
      const rowKey = minKey + (word & KEY_MASK);
      const amount = minor[row] as number;
      const count = state[base + 2] as number;
      if (count === 0) {
        state[base] = rowKey;
        state[base + 1] = rowKey;
        state[base + 2] = 1;
        state[base + 3] = amount;
        state[base + 4] = amount;
        continue;
      }
      const last = state[base + 1] as number;
      if (rowKey === last) {
        state[base + 3] = (state[base + 3] as number) + amount;
        if (rowKey === state[base]) state[base + 4] = (state[base + 4] as number) + amount;
      } else if (rowKey > last) {
        state[base + 1] = rowKey;
        state[base + 2] = count + 1;
        state[base + 3] = (state[base + 3] as number) + amount;
      } else {
        return undefined; // out of time order for this customer
      }
    }
  }
  // a total beyond the exact range of minor units gives undefined: the general path reports it
  return rfmColumnsOfState('streamRfm', state, customerCount, parts.maxKey, endKey, resolved, null);
}
