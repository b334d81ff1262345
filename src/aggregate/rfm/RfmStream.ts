import {
  DisorderedRows,
  grown,
  keyOrder,
  type StreamColumns,
  streamedCustomer,
  streamedMinor,
  streamedTime,
} from '../shared/disorderedRows';
import { type ShardEnd, sinceMap, sincePairs } from '../shared/shardState';
import type { RfmColumns } from './rfmColumns';
import { type ResolvedRfmOptions, RFM_OPTION_KEYS, type RfmOptions, resolveRfmOptions } from './rfmOptions';
import { RFM_STRIDE, rfmColumnsOfState } from './rfmState';

const NONE = -0x8000_0000;

/**
 * The RFM summary of a stream of row batches, in memory that grows with the customers, not the rows: per
 * customer only the first and last merge period, the number of distinct periods, the total and the first
 * period's total in integer minor units (40 bytes, side by side). Gives exactly what {@link rfmSummaryColumns} gives for the
 * same rows, in any order:
 *
 * - a row in the customer's last or first period, later than the last or earlier than the first, folds
 *   exactly into that state (the usual time-ordered log, and also a log in reverse order);
 * - a row strictly between the first and last period cannot (was that period seen already?): the customer is
 *   marked, `needsReplay` turns true, and the caller feeds the same rows again to `replay`, which keeps the
 *   marked customers' rows only and recomputes them from their periods.
 *
 * Internal to the CLI's streaming commands: `add` every batch, then while `needsReplay` is true `replay`
 * every batch again in the same order, then `finish`.
 */
export class RfmStream {
  private readonly fn: string;
  private readonly resolved: ResolvedRfmOptions;
  private readonly endKey: number;
  private state = new Float64Array(0);
  private customerCount = 0;
  private maxKey = Number.NEGATIVE_INFINITY;
  private arrivals = 0;
  private readonly disordered = new DisorderedRows();

  constructor(fn: string, options?: RfmOptions) {
    this.fn = fn;
    this.resolved = resolveRfmOptions(fn, options, RFM_OPTION_KEYS);
    const { endMs, keyer } = this.resolved;
    this.endKey = endMs === undefined ? Number.POSITIVE_INFINITY : keyer.keyOf(endMs);
  }

  private ensure(customer: number): void {
    const size = customer + 1;
    if (size * RFM_STRIDE > this.state.length) this.state = grown(this.state, size * RFM_STRIDE);
    if (size > this.customerCount) this.customerCount = size;
  }

  /** Folds one batch of rows. */
  add(columns: StreamColumns): void {
    const { fn, endKey } = this;
    const { keyer, scale } = this.resolved;
    const { customerIndex, at, amount } = columns;
    const rows = at.length;
    for (let row = 0; row < rows; row++) {
      const arrival = this.arrivals++;
      const c = streamedCustomer(fn, customerIndex[row] as number, arrival);
      const key = keyer.keyOf(streamedTime(fn, at[row] as number, arrival));
      const minor = streamedMinor(fn, amount[row] as number, scale, arrival);
      if (key > this.maxKey) this.maxKey = key;
      if (key > endKey) continue;
      if (c >= this.customerCount) this.ensure(c);
      const state = this.state;
      const base = c * RFM_STRIDE;
      const count = state[base + 2] as number;
      if (count === 0) {
        state[base] = key;
        state[base + 1] = key;
        state[base + 2] = 1;
        state[base + 3] = minor;
        state[base + 4] = minor;
        continue;
      }
      if (count < 0) continue; // out of order: replayed
      const last = state[base + 1] as number;
      const first = state[base] as number;
      if (key === last || key === first) {
        state[base + 3] = (state[base + 3] as number) + minor;
        if (key === first) state[base + 4] = (state[base + 4] as number) + minor;
      } else if (key > last) {
        state[base + 1] = key;
        state[base + 2] = count + 1;
        state[base + 3] = (state[base + 3] as number) + minor;
      } else if (key < first) {
        state[base] = key;
        state[base + 2] = count + 1;
        state[base + 3] = (state[base + 3] as number) + minor;
        state[base + 4] = minor;
      } else {
        state[base + 2] = -1;
        this.disordered.mark(c, arrival);
      }
    }
  }

  /** Whether some customers' rows must be fed again, to `replay`, before `finish`. */
  get needsReplay(): boolean {
    return this.disordered.needsReplay(this.arrivals);
  }

  /** The second pass: the same batches in the same order; keeps the out-of-order customers' rows. */
  replay(columns: StreamColumns): void {
    const { keyer, scale } = this.resolved;
    this.disordered.replay(this.fn, columns, keyer, scale, this.endKey);
  }

  /** In a shard's worker, after `add` over the shard: its customers' state (40 bytes each) and largest key. */
  shardEnd(): ShardEnd {
    return {
      state: this.state.slice(0, this.customerCount * RFM_STRIDE),
      customers: this.customerCount,
      extent: [this.maxKey],
      since: sincePairs(this.disordered.since),
    };
  }

  /**
   * On the main thread, shard by shard in file order: folds a shard's state (its customer `l` is customer
   * `global[l]` here) into this one, as if its `rows` rows had come next. Two states of a customer join
   * exactly when one's periods all come at or after the other's (the shared period counted once); any
   * other customer is marked for the second pass, which recomputes it from its rows. No second fold.
   */
  mergeShard(end: ShardEnd, global: Uint32Array, firstArrival: number, rows: number): null {
    const other = end.state as Float64Array;
    const marked = sinceMap(end.since);
    for (let l = 0; l < end.customers; l++) {
      const b = l * RFM_STRIDE;
      const bCount = other[b + 2] as number;
      if (bCount === 0 && !marked.has(l)) continue;
      const c = global[l] as number;
      if (c >= this.customerCount) this.ensure(c);
      const state = this.state;
      const a = c * RFM_STRIDE;
      const aCount = state[a + 2] as number;
      if (aCount < 0) continue;
      if (bCount < 0) {
        state[a + 2] = -1;
        this.disordered.mark(c, firstArrival);
        continue;
      }
      if (aCount === 0) {
        for (let f = 0; f < RFM_STRIDE; f++) state[a + f] = other[b + f] as number;
        continue;
      }
      const aFirst = state[a] as number;
      const aLast = state[a + 1] as number;
      const bFirst = other[b] as number;
      const bLast = other[b + 1] as number;
      if (bFirst >= aLast) {
        if (bFirst === aLast && aCount === 1)
          state[a + 4] = (state[a + 4] as number) + (other[b + 4] as number);
        state[a + 1] = bLast;
        state[a + 2] = aCount + bCount - (bFirst === aLast ? 1 : 0);
      } else if (bLast <= aFirst) {
        state[a + 4] =
          (other[b + 4] as number) + (bLast === aFirst && bCount === 1 ? (state[a + 4] as number) : 0);
        state[a] = bFirst;
        state[a + 2] = aCount + bCount - (bLast === aFirst ? 1 : 0);
      } else {
        state[a + 2] = -1;
        this.disordered.mark(c, firstArrival);
        continue;
      }
      state[a + 3] = (state[a + 3] as number) + (other[b + 3] as number);
    }
    if ((end.extent[0] as number) > this.maxKey) this.maxKey = end.extent[0] as number;
    this.arrivals += rows;
    return null;
  }

  /** The summary columns, customers ascending by number; `idOf` names a customer in an error. */
  finish(idOf?: (customer: number) => string): RfmColumns {
    const { fn, resolved } = this;
    this.disordered.requireReplayed(fn, this.arrivals);
    for (const { customer, keys, minor } of this.disordered.rowsOf()) {
      const order = keyOrder(keys);
      let periods = 0;
      let previous = NONE;
      let total = 0;
      let firstTotal = 0;
      for (const index of order) {
        const key = keys[index] as number;
        if (key !== previous) periods++;
        total += minor[index] as number;
        if (periods === 1) firstTotal += minor[index] as number;
        previous = key;
      }
      const base = customer * RFM_STRIDE;
      this.state[base] = keys[order[0] as number] as number;
      this.state[base + 1] = previous;
      this.state[base + 2] = periods;
      this.state[base + 3] = total;
      this.state[base + 4] = firstTotal;
    }
    const { state, customerCount, maxKey, endKey } = this;
    const named = (customer: number): string | number => idOf?.(customer) ?? customer;
    // never undefined: with a name for the customer, a total beyond the exact range throws
    return rfmColumnsOfState(fn, state, customerCount, maxKey, endKey, resolved, named) as RfmColumns;
  }
}
