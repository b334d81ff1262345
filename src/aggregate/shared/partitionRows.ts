import type { PeriodKeyer } from '../../model/calendarKeys';
import { exactMinorUnits } from '../../model/money';
import { MAX_EPOCH_MS } from '../../model/time';

/** Customers per partition: a partition's per-customer state (≤ 40 bytes each) stays in a core's L2. */
const PARTITION_BITS = 14;
/** Bits left for the key offset when a row's customer (within its partition) and key share one Int32. */
const KEY_BITS = 32 - PARTITION_BITS;

/**
 * Rows reordered by customer partition (customer >> 14), stable, so each customer's rows keep their input
 * order. Partition p spans rows `offsets[p] ... offsets[p + 1] - 1`; within it, row i belongs to customer
 * `p << 14 | (packed[i] >>> 18)` and has key `minKey + (packed[i] & 0x3ffff)`, amount `minor[i]`.
 */
export interface PartitionedRows {
  readonly customerCount: number;
  readonly partitions: number;
  readonly offsets: Uint32Array;
  readonly packed: Uint32Array;
  readonly minor: Int32Array | Float64Array;
  readonly minKey: number;
  readonly maxKey: number;
}

export const PARTITION_SHIFT: number = PARTITION_BITS;
export const KEY_MASK: number = (1 << KEY_BITS) - 1;
export const LOCAL_SHIFT: number = KEY_BITS;

/**
 * The fast path's first two passes: validate every row while counting rows per partition, then scatter
 * the rows, packed into 8 bytes where they fit (customer within partition and key offset in one Int32,
 * the amount in minor units in another), into partition order. Rows after `endKey` are left out.
 * Returns `undefined` for anything unusual (a value the general path must report, sparse customer
 * numbers, keys spanning more than 2^18 periods); the caller then takes the general path. Writing a few
 * dozen sequential streams and then working one partition at a time keeps memory access cache-friendly,
 * which matters more than anything else at ten million rows.
 */
export function partitionRows(
  customers: ArrayLike<number>,
  times: ArrayLike<number>,
  amounts: ArrayLike<number>,
  keyer: PeriodKeyer,
  scale: number,
  endKey: number,
): PartitionedRows | undefined {
  const rows = customers.length;
  const sparseLimit = 2 * rows + 1024;
  const counts = new Uint32Array((sparseLimit >>> PARTITION_BITS) + 2);
  // each row's key, kept from the first pass so the scatter pass need not compute it again
  const rowKeys = new Int32Array(rows);
  let customerCount = 0;
  let kept = 0;
  let minKey = Number.POSITIVE_INFINITY;
  let maxKey = Number.NEGATIVE_INFINITY;
  let smallAmounts = true;
  for (let row = 0; row < rows; row++) {
    const customer = customers[row] as number;
    const time = times[row] as number;
    const amount = amounts[row] as number;
    if (typeof customer !== 'number' || !(customer >= 0 && customer < sparseLimit) || customer % 1 !== 0)
      return undefined;
    if (typeof time !== 'number' || !(time >= -MAX_EPOCH_MS && time <= MAX_EPOCH_MS)) return undefined;
    if (typeof amount !== 'number' || !(amount >= 0 && amount < Number.POSITIVE_INFINITY)) return undefined;
    const minor = exactMinorUnits(amount, scale);
    if (Number.isNaN(minor)) return undefined;
    if (minor > 0x7fff_ffff) smallAmounts = false;
    if (customer >= customerCount) customerCount = customer + 1;
    const key = keyer.keyOf(time);
    rowKeys[row] = key;
    if (key > endKey) continue;
    kept++;
    if (key < minKey) minKey = key;
    if (key > maxKey) maxKey = key;
    const slot = (customer >>> PARTITION_BITS) + 1;
    counts[slot] = (counts[slot] as number) + 1;
  }
  if (kept > 0 && maxKey - minKey > KEY_MASK) return undefined;
  const partitions = (customerCount >>> PARTITION_BITS) + 1;
  const offsets = counts.subarray(0, partitions + 1);
  for (let p = 0; p < partitions; p++) offsets[p + 1] = (offsets[p + 1] as number) + (offsets[p] as number);
  const cursor = offsets.slice(0, partitions);
  const packed = new Uint32Array(kept);
  const minor = smallAmounts ? new Int32Array(kept) : new Float64Array(kept);
  const localMask = (1 << PARTITION_BITS) - 1;
  for (let row = 0; row < rows; row++) {
    const key = rowKeys[row] as number;
    if (key > endKey) continue;
    const c = customers[row] as number;
    const p = c >>> PARTITION_BITS;
    const at = cursor[p] as number;
    cursor[p] = at + 1;
    packed[at] = (((c & localMask) << KEY_BITS) | (key - minKey)) >>> 0;
    minor[at] = Math.round((amounts[row] as number) * scale);
  }
  return { customerCount, partitions, offsets, packed, minor, minKey, maxKey };
}

/**
 * {@link partitionRows} for rows already read into period keys and minor units (as
 * `readTransactionRows` gives them): the first `count` rows of `customers`, `keys`, `minor`, customers
 * numbered densely below `customerCount`, are scattered into partition order, leaving out rows after
 * `endKey`. Returns `undefined` when the kept keys span more than 2^18 periods (the caller groups the rows
 * another way). The amounts stay Float64. The rows go into `packed` and `sortedMinor` (at least `count`
 * long).
 */
export function partitionKeyedRows(
  customerCount: number,
  customers: Uint32Array,
  keys: Int32Array,
  minor: Float64Array,
  count: number,
  endKey: number,
  packed: Uint32Array,
  sortedMinor: Float64Array,
): (PartitionedRows & { readonly minor: Float64Array }) | undefined {
  const partitions = (customerCount >>> PARTITION_BITS) + 1;
  const offsets = new Uint32Array(partitions + 1);
  let kept = 0;
  let minKey = Number.POSITIVE_INFINITY;
  let maxKey = Number.NEGATIVE_INFINITY;
  for (let row = 0; row < count; row++) {
    const key = keys[row] as number;
    if (key > endKey) continue;
    kept++;
    if (key < minKey) minKey = key;
    if (key > maxKey) maxKey = key;
    const slot = ((customers[row] as number) >>> PARTITION_BITS) + 1;
    offsets[slot] = (offsets[slot] as number) + 1;
  }
  if (kept > 0 && maxKey - minKey > KEY_MASK) return undefined;
  for (let p = 0; p < partitions; p++) offsets[p + 1] = (offsets[p + 1] as number) + (offsets[p] as number);
  const cursor = offsets.slice(0, partitions);
  const localMask = (1 << PARTITION_BITS) - 1;
  for (let row = 0; row < count; row++) {
    const key = keys[row] as number;
    if (key > endKey) continue;
    const c = customers[row] as number;
    const p = c >>> PARTITION_BITS;
    const at = cursor[p] as number;
    cursor[p] = at + 1;
    packed[at] = (((c & localMask) << KEY_BITS) | (key - minKey)) >>> 0;
    sortedMinor[at] = minor[row] as number;
  }
  return {
    customerCount,
    partitions,
    offsets,
    packed: packed.subarray(0, kept),
    minor: sortedMinor.subarray(0, kept),
    minKey,
    maxKey,
  };
}
