import { PatronageError } from '../../errors/PatronageError';
import { civilFromDays } from '../../model/localCalendar';
import type { ResolvedRfmOptions } from '../rfm/rfmOptions';
import {
  DisorderedRows,
  grown,
  keyOrder,
  type StreamColumns,
  streamedCustomer,
  streamedMinor,
  streamedTime,
} from '../shared/disorderedRows';
import { type ShardCells, type ShardEnd, type ShardStart, sinceMap, sincePairs } from '../shared/shardState';
import { type CohortOptions, type CohortRow, CohortTally } from './cohortCore';
import { type ResolvedCohortIntervals, withCohortIntervals } from './cohortIntervals';
import { resolveCohortOptions } from './cohortRetention';

const NONE = -0x8000_0000;
const NO_COHORT = -1;
const OUT_OF_ORDER = -2;

/** One cohort's tallies by period since acquisition k: active customers, revenue (minor units), period key. */
interface CohortCells {
  readonly key: number;
  readonly ordinal: number;
  counts: Float64Array;
  revenue: Float64Array;
  keys: Int32Array;
}

/**
 * The cohort table of a stream of row batches ({@link cohortRetentionColumns}'s table, exactly, for rows in
 * any order), in memory that grows with the customers, not the rows: per customer its cohort and its last
 * active period (8 bytes), per cohort its tallies. A row in the customer's last period or a later one folds
 * in directly; a row in an earlier period marks the customer, `needsReplay` turns true, and the second pass
 * (`replay`, the same batches in the same order) keeps that customer's rows: `finish` takes back what the
 * rows before the disorder had added and adds the customer's rows again in period order.
 *
 * Internal to the CLI's streaming commands: `add` every batch, then while `needsReplay` is true `replay`
 * every batch again in the same order, then `finish`.
 */
export class CohortStream {
  private readonly fn: string;
  private readonly resolved: ResolvedRfmOptions;
  private readonly weekStartsOn: number;
  private readonly maxPeriods: number | undefined;
  private readonly intervals: ResolvedCohortIntervals | undefined;
  private readonly endKey: number;
  /** Months per period (1, 3 or 12), or 0 for days and weeks. */
  private readonly months: number;
  /** Per customer, side by side: its cohort's slot (or NO_COHORT, OUT_OF_ORDER), its last active period. */
  private state = new Int32Array(0);
  private customerCount = 0;
  private readonly slots = new Map<number, number>();
  private readonly cohorts: CohortCells[] = [];
  private minKey = Number.POSITIVE_INFINITY;
  private maxKey = Number.NEGATIVE_INFINITY;
  private arrivals = 0;
  private readonly disordered = new DisorderedRows();
  private cachedKey = NONE;
  private cachedOrdinal = 0;

  constructor(fn: string, options?: CohortOptions) {
    this.fn = fn;
    const { resolved, weekStartsOn, maxPeriods, mode, intervals } = resolveCohortOptions(fn, options);
    if (mode.mode !== 'return-on') {
      // per customer the stream keeps its cohort and last period only: the other modes need every period
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${fn}: the streamed cohort table counts mode 'return-on' only; call cohortRetentionColumns for '${mode.mode}'`,
        { argument: 'options.mode', value: mode.mode },
      );
    }
    this.resolved = resolved;
    this.weekStartsOn = weekStartsOn;
    this.maxPeriods = maxPeriods;
    this.intervals = intervals;
    const { endMs, keyer, mergeWithin } = resolved;
    this.endKey = endMs === undefined ? Number.POSITIVE_INFINITY : keyer.keyOf(endMs);
    this.months =
      mergeWithin === 'month' ? 1 : mergeWithin === 'quarter' ? 3 : mergeWithin === 'year' ? 12 : 0;
  }

  /** The consecutive ordinal of the period with key (local start day) `key`, as CohortTally counts them. */
  private ordinalOf(key: number): number {
    if (key === this.cachedKey) return this.cachedOrdinal;
    let ordinal: number;
    if (this.months === 0) ordinal = this.resolved.mergeWithin === 'week' ? Math.round(key / 7) : key;
    else {
      const { year, month } = civilFromDays(key);
      ordinal = Math.floor((year * 12 + month - 1) / this.months);
    }
    this.cachedKey = key;
    this.cachedOrdinal = ordinal;
    return ordinal;
  }

  private ensure(customer: number): void {
    const size = customer + 1;
    if (size * 2 > this.state.length) {
      const previous = this.state.length;
      this.state = grown(this.state, size * 2);
      for (let base = previous; base < this.state.length; base += 2) {
        this.state[base] = NO_COHORT;
        this.state[base + 1] = NONE;
      }
    }
    if (size > this.customerCount) this.customerCount = size;
  }

  /** Adds `sign` active customers (on a new period) and `sign × minor` revenue to a cohort's cell. */
  private tally(slot: number, key: number, minor: number, newPeriod: boolean, sign: number): void {
    const cells = this.cohorts[slot] as CohortCells;
    const k = this.ordinalOf(key) - cells.ordinal;
    if (k >= cells.counts.length) {
      cells.counts = grown(cells.counts, k + 1);
      cells.revenue = grown(cells.revenue, k + 1);
      cells.keys = grown(cells.keys, k + 1);
    }
    if (newPeriod) cells.counts[k] = (cells.counts[k] as number) + sign;
    cells.revenue[k] = (cells.revenue[k] as number) + sign * minor;
    cells.keys[k] = key;
  }

  private slotOf(key: number): number {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.cohorts.length;
      this.slots.set(key, slot);
      this.cohorts.push({
        key,
        ordinal: this.ordinalOf(key),
        counts: new Float64Array(4),
        revenue: new Float64Array(4),
        keys: new Int32Array(4),
      });
    }
    return slot;
  }

  /** Folds one row of customer `c` with `sign` (−1 takes it back); false when it is earlier than the last. */
  private fold(c: number, key: number, minor: number, sign: number): boolean {
    const last = this.state[c * 2 + 1] as number;
    if (last === NONE) {
      const slot = this.slotOf(key);
      this.state[c * 2] = slot;
      this.state[c * 2 + 1] = key;
      this.tally(slot, key, minor, true, sign);
    } else if (key === last) {
      this.tally(this.state[c * 2] as number, key, minor, false, sign);
    } else if (key > last) {
      this.state[c * 2 + 1] = key;
      this.tally(this.state[c * 2] as number, key, minor, true, sign);
    } else {
      return false;
    }
    return true;
  }

  /** Folds one batch of rows. */
  add(columns: StreamColumns): void {
    const { fn, endKey } = this;
    const { keyer, scale } = this.resolved;
    const { customerIndex, at, amount } = columns;
    for (let row = 0; row < at.length; row++) {
      const arrival = this.arrivals++;
      const c = streamedCustomer(fn, customerIndex[row] as number, arrival);
      const key = keyer.keyOf(streamedTime(fn, at[row] as number, arrival));
      const minor = streamedMinor(fn, amount[row] as number, scale, arrival);
      if (key > this.maxKey) this.maxKey = key;
      if (key > endKey) continue;
      if (key < this.minKey) this.minKey = key;
      if (c >= this.customerCount) this.ensure(c);
      if (this.state[c * 2] === OUT_OF_ORDER) continue;
      if (!this.fold(c, key, minor, 1)) {
        this.state[c * 2] = OUT_OF_ORDER;
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

  /**
   * In a shard's worker, after `add` over the shard: per customer its cohort's key and its last active
   * period (NONE: no row), the smallest and largest keys.
   */
  shardEnd(): ShardEnd {
    const n = this.customerCount;
    const state = new Int32Array(n * 2);
    for (let c = 0; c < n; c++) {
      const slot = this.state[c * 2] as number;
      state[c * 2] = slot >= 0 ? (this.cohorts[slot] as CohortCells).key : 0;
      state[c * 2 + 1] = slot >= 0 ? (this.state[c * 2 + 1] as number) : NONE;
    }
    return {
      state,
      customers: n,
      extent: [this.minKey, this.maxKey],
      since: sincePairs(this.disordered.since),
    };
  }

  /** In a shard's worker: the cohorts' cells, by cohort key (counts, revenue, period keys side by side). */
  shardCells(): ShardCells {
    let width = 0;
    for (const cells of this.cohorts) width = Math.max(width, cells.counts.length);
    const keys = new Int32Array(this.cohorts.length);
    const values = new Float64Array(this.cohorts.length * width * 3);
    this.cohorts.forEach((cells, i) => {
      keys[i] = cells.key;
      values.set(cells.counts, i * width * 3);
      values.set(cells.revenue, i * width * 3 + width);
      for (let k = 0; k < cells.keys.length; k++)
        values[i * width * 3 + 2 * width + k] = cells.keys[k] as number;
    });
    return { keys, width: width * 3, values };
  }

  /** In a shard's worker, before the second fold: where the shard's customers stood before it. */
  startShard(start: ShardStart): void {
    const n = start.skip.length;
    if (n > 0) this.ensure(n - 1);
    for (let c = 0; c < n; c++) {
      if (start.skip[c] === 1) this.state[c * 2] = OUT_OF_ORDER;
      else if (start.state[c * 2 + 1] !== NONE) {
        this.state[c * 2] = this.slotOf(start.state[c * 2] as number);
        this.state[c * 2 + 1] = start.state[c * 2 + 1] as number;
      }
    }
  }

  /**
   * On the main thread, shard by shard in file order: folds a shard's state into this one (its customer `l`
   * is customer `global[l]` here), as if its `rows` rows came next. A customer seen before joins when the
   * shard's first period is not before its last; one that does not goes to the second pass from the shard's
   * first row on. Returns where the shard's customers stood, for the shard's second fold, or null when none
   * of them stood anywhere (the shard's own cells are then the file's).
   */
  mergeShard(end: ShardEnd, global: Uint32Array, firstArrival: number, rows: number): ShardStart | null {
    const other = end.state as Int32Array;
    const marked = sinceMap(end.since);
    const start = new Int32Array(end.customers * 2).fill(NONE);
    const skip = new Uint8Array(end.customers);
    let needed = false;
    for (let l = 0; l < end.customers; l++) {
      const c = global[l] as number;
      if (c >= this.customerCount) this.ensure(c);
      const slot = this.state[c * 2] as number;
      const last = this.state[c * 2 + 1] as number;
      const since = marked.get(l);
      const bLast = other[l * 2 + 1] as number;
      const has = bLast !== NONE || since !== undefined;
      if (slot === OUT_OF_ORDER) {
        skip[l] = 1;
        if (has) needed = true;
        continue;
      }
      if (!has) continue;
      if (last === NONE) {
        // new here: the shard's own fold is the file's
        if (since !== undefined) {
          this.state[c * 2] = OUT_OF_ORDER;
          this.disordered.mark(c, firstArrival + since);
        } else {
          this.state[c * 2] = this.slotOf(other[l * 2] as number);
          this.state[c * 2 + 1] = bLast;
        }
        continue;
      }
      needed = true;
      if (since !== undefined || (other[l * 2] as number) < last) {
        skip[l] = 1;
        this.state[c * 2] = OUT_OF_ORDER;
        this.disordered.mark(c, firstArrival);
        continue;
      }
      start[l * 2] = (this.cohorts[slot] as CohortCells).key;
      start[l * 2 + 1] = last;
      this.state[c * 2 + 1] = bLast;
    }
    this.minKey = Math.min(this.minKey, end.extent[0] as number);
    this.maxKey = Math.max(this.maxKey, end.extent[1] as number);
    this.arrivals += rows;
    return needed ? { state: start, skip } : null;
  }

  /** On the main thread: adds a shard's cells (see {@link CohortStream.shardCells}). */
  addCells(cells: ShardCells): void {
    const width = cells.width / 3;
    for (let i = 0; i < cells.keys.length; i++) {
      const target = this.cohorts[this.slotOf(cells.keys[i] as number)] as CohortCells;
      const base = i * cells.width;
      let used = 0;
      for (let k = 0; k < width; k++)
        if (cells.values[base + k] !== 0 || cells.values[base + width + k] !== 0) used = k + 1;
      if (used > target.counts.length) {
        target.counts = grown(target.counts, used);
        target.revenue = grown(target.revenue, used);
        target.keys = grown(target.keys, used);
      }
      for (let k = 0; k < used; k++) {
        const count = cells.values[base + k] as number;
        const revenue = cells.values[base + width + k] as number;
        if (count === 0 && revenue === 0) continue;
        target.counts[k] = (target.counts[k] as number) + count;
        target.revenue[k] = (target.revenue[k] as number) + revenue;
        target.keys[k] = cells.values[base + 2 * width + k] as number;
      }
    }
  }

  /** The cohort rows, oldest first (as cohortRetentionColumns). */
  finish(): CohortRow[] {
    const { fn, resolved } = this;
    this.disordered.requireReplayed(fn, this.arrivals);
    for (const { customer, since, keys, minor, arrivals } of this.disordered.rowsOf()) {
      // take back the rows folded before the disorder (they were in order), then fold all in period order
      this.state[customer * 2] = NO_COHORT;
      this.state[customer * 2 + 1] = NONE;
      for (let index = 0; index < keys.length && (arrivals[index] as number) < since; index++)
        this.fold(customer, keys[index] as number, minor[index] as number, -1);
      this.state[customer * 2] = NO_COHORT;
      this.state[customer * 2 + 1] = NONE;
      for (const index of keyOrder(keys))
        this.fold(customer, keys[index] as number, minor[index] as number, 1);
    }
    if (this.minKey === Number.POSITIVE_INFINITY) return [];
    const endKey = resolved.endMs === undefined ? this.maxKey : this.endKey;
    const table = new CohortTally(fn, resolved.mergeWithin, this.minKey, endKey, this.maxPeriods);
    const cohortIndex = new Float64Array(this.cohorts.length).fill(-1);
    for (let c = 0; c < this.customerCount; c++) {
      const slot = this.state[c * 2] as number;
      if (slot >= 0) cohortIndex[slot] = table.acquire((this.cohorts[slot] as CohortCells).key);
    }
    this.cohorts.forEach((cells, slot) => {
      const cohort = cohortIndex[slot] as number;
      if (cohort < 0) return;
      for (let k = 0; k < cells.counts.length; k++) {
        const count = cells.counts[k] as number;
        if (count === 0) continue; // revenue comes only with active customers
        const key = cells.keys[k] as number;
        for (let customer = 0; customer < count; customer++) table.record(cohort, key, 0, true);
        table.record(cohort, key, cells.revenue[k] as number, false);
      }
    });
    return withCohortIntervals(table.rows(resolved.scale, this.weekStartsOn), this.intervals);
  }
}
