import type { ResolvedRfmOptions } from '../rfm/rfmOptions';
import { KEY_MASK, LOCAL_SHIFT, PARTITION_SHIFT, partitionRows } from '../shared/partitionRows';
import { type CohortRow, CohortTally } from './cohortCore';

const EMPTY = -0x8000_0000;

/**
 * The fast path of the columnar cohort table, for rows in time order per customer: one validating pass,
 * one scatter into customer partitions, one fold that tracks each customer's cohort and last active period.
 * Returns `undefined` when a row is earlier than its customer's previous one or the data needs the general
 * path; results are identical to the general path's.
 */
export function streamCohorts(
  fn: string,
  customers: ArrayLike<number>,
  times: ArrayLike<number>,
  amounts: ArrayLike<number>,
  resolved: ResolvedRfmOptions,
  weekStartsOn: number,
  maxPeriods: number | undefined,
): CohortRow[] | undefined {
  const { keyer, scale, endMs, mergeWithin } = resolved;
  const endKey = endMs === undefined ? Number.POSITIVE_INFINITY : keyer.keyOf(endMs);
  const parts = partitionRows(customers, times, amounts, keyer, scale, endKey);
  if (parts === undefined) return undefined;
  const { customerCount, packed, minor, offsets, partitions, minKey, maxKey } = parts;
  if (packed.length === 0) return [];
  const tally = new CohortTally(fn, mergeWithin, minKey, endMs === undefined ? maxKey : endKey, maxPeriods);
  const cohortOf = new Int32Array(customerCount);
  const lastKey = new Int32Array(customerCount).fill(EMPTY);
  for (let p = 0; p < partitions; p++) {
    const partitionBase = p << PARTITION_SHIFT;
    const to = offsets[p + 1] as number;
    for (let row = offsets[p] as number; row < to; row++) {
      const word = packed[row] as number;
      const c = partitionBase + (word >>> LOCAL_SHIFT);
      const key = minKey + (word & KEY_MASK);
      const last = lastKey[c] as number;
      if (last === EMPTY) {
        cohortOf[c] = tally.acquire(key);
        lastKey[c] = key;
        tally.record(cohortOf[c] as number, key, minor[row] as number, true);
      } else if (key === last) {
        tally.record(cohortOf[c] as number, key, minor[row] as number, false);
      } else if (key > last) {
        lastKey[c] = key;
        tally.record(cohortOf[c] as number, key, minor[row] as number, true);
      } else {
        return undefined; // out of time order for this customer
      }
    }
  }
  return tally.rows(scale, weekStartsOn);
}
