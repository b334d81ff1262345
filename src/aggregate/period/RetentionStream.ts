import { PatronageError } from '../../errors/PatronageError';
import { periodKeyOfDay, shiftPeriodKey } from '../../model/calendarKeys';
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
import { type PeriodRetentionRow, PeriodTally, periodStarts } from './periodCore';
import {
  type PeriodRetentionOptions,
  type ResolvedPeriodOptions,
  resolvePeriodOptions,
} from './periodRetention';

const NONE = -0x8000_0000;
const FIELDS = PeriodTally.FIELDS;
/**
 * Per customer, side by side (one cache line a row): first day, last day, last day before the last day's
 * period, the first day's period, the last day's period, and 1 when out of order.
 */
const STRIDE = 6;
const FIRST = 0;
const LAST = 1;
const BEFORE = 2;
const FIRST_PERIOD = 3;
const LAST_PERIOD = 4;
const OUT_OF_ORDER = 5;

/**
 * The retention series of a stream of row batches ({@link periodRetentionColumns}'s rows, exactly, for rows
 * in any order; no `segmentOf`), in memory that grows with the customers, not the rows. Per customer: the
 * first and last purchase day, the period of each, and the last purchase day before the last day's period
 * (20 bytes). A customer's standing in a period (active at its start and at its end, as `tallyPurchaser`
 * defines it) depends only on those once no later purchase can fall in it, so when a row opens a later
 * period the periods from the last one up to it are tallied (only the `activeWithin` days after the last
 * purchase can hold one where the customer is active), and the rest at `finish`.
 *
 * A row in a period before the customer's last marks the customer, `needsReplay` turns true, and the second
 * pass (`replay`, the same batches in the same order) keeps that customer's rows: `finish` takes back what the
 * rows before the disorder had tallied and tallies all of them again in day order.
 *
 * Internal to the CLI's streaming commands: `add` every batch, then while `needsReplay` is true `replay`
 * every batch again in the same order, then `finish`.
 */
export class RetentionStream {
  private readonly fn: string;
  private readonly options: ResolvedPeriodOptions;
  private readonly endDay: number;
  private state = new Int32Array(0);
  private customerCount = 0;
  private firstDay = Number.POSITIVE_INFINITY;
  private maxDay = Number.NEGATIVE_INFINITY;
  private readonly cells = new Map<number, Float64Array>();
  private cachedCellsKey = NONE;
  private cachedCells: Float64Array = new Float64Array(FIELDS);
  private readonly periodCache = new Int32Array(8192 * 2).fill(NONE);
  private readonly nextStarts = new Map<number, number>();
  private arrivals = 0;
  private readonly disordered = new DisorderedRows();

  constructor(fn: string, options?: PeriodRetentionOptions) {
    this.fn = fn;
    this.options = resolvePeriodOptions(fn, options);
    if (this.options.segmentOf !== undefined)
      throw new PatronageError('INVALID_OPTION', `${fn}: a streamed series takes no segmentOf`, {
        argument: 'segmentOf',
      });
    const { endMs, keyer } = this.options.resolved;
    this.endDay = endMs === undefined ? Number.POSITIVE_INFINITY : keyer.keyOf(endMs);
  }

  /** The period key (local start day) of a local day number, memoised per day. */
  private periodOf(day: number): number {
    const slot = (day & 8191) * 2;
    if (this.periodCache[slot] === day) return this.periodCache[slot + 1] as number;
    const key = periodKeyOfDay(day, this.options.period, this.options.weekStartsOn);
    this.periodCache[slot] = day;
    this.periodCache[slot + 1] = key;
    return key;
  }

  private nextStart(key: number): number {
    let next = this.nextStarts.get(key);
    if (next === undefined) {
      next = shiftPeriodKey(key, this.options.period, 1);
      this.nextStarts.set(key, next);
    }
    return next;
  }

  private cellsOf(key: number): Float64Array {
    if (key === this.cachedCellsKey) return this.cachedCells;
    let cells = this.cells.get(key);
    if (cells === undefined) {
      cells = new Float64Array(FIELDS);
      this.cells.set(key, cells);
    }
    this.cachedCellsKey = key;
    this.cachedCells = cells;
    return cells;
  }

  private ensure(customer: number): void {
    const size = customer + 1;
    if (size * STRIDE > this.state.length) {
      const previous = this.state.length;
      this.state = grown(this.state, size * STRIDE);
      // the arrays' sizes are not multiples of STRIDE: start at the customer the old size cut (never in use)
      for (
        let base = Math.floor(previous / STRIDE) * STRIDE;
        base + STRIDE <= this.state.length;
        base += STRIDE
      )
        this.state[base + LAST] = NONE;
    }
    if (size > this.customerCount) this.customerCount = size;
  }

  /**
   * Tallies customer c's standing in the periods from its last day's period up to (not including) the one
   * with key `until`, with `sign`: at a period's start it is active when its last purchase before the period
   * is within `activeWithin` days of the start, at the end when its last purchase by then is in the
   * period's last `activeWithin` days (periodCore's tallyPurchaser).
   */
  private settle(c: number, until: number, sign: number): void {
    const { window } = this.options;
    const last = this.state[c * STRIDE + LAST] as number;
    const lastPeriod = this.state[c * STRIDE + LAST_PERIOD] as number;
    const firstPeriod = this.state[c * STRIDE + FIRST_PERIOD] as number;
    const before = this.state[c * STRIDE + BEFORE] as number;
    for (let start = lastPeriod; start < until; ) {
      const next = this.nextStart(start);
      const lastBeforeStart = start === lastPeriod ? before : last;
      const activeAtStart = lastBeforeStart !== NONE && lastBeforeStart >= start - window;
      const activeAtEnd = last > next - 1 - window;
      if (start !== lastPeriod && !activeAtStart && !activeAtEnd) break; // and so in every later period
      const cells = this.cellsOf(start);
      if (activeAtStart) cells[0] = (cells[0] as number) + sign;
      if (activeAtEnd) cells[1] = (cells[1] as number) + sign;
      if (activeAtEnd && !activeAtStart) {
        if (firstPeriod === start) cells[2] = (cells[2] as number) + sign;
        else cells[3] = (cells[3] as number) + sign;
      }
      if (activeAtStart && activeAtEnd) cells[4] = (cells[4] as number) + sign;
      start = next;
    }
  }

  private revenue(c: number, period: number, minor: number, sign: number): void {
    const cells = this.cellsOf(period);
    cells[5] = (cells[5] as number) + sign * minor;
    if (period === this.state[c * STRIDE + FIRST_PERIOD]) cells[6] = (cells[6] as number) + sign * minor;
  }

  /** Folds one row of customer `c` with `sign` (−1 takes it back); false when it is in an earlier period. */
  private fold(c: number, day: number, minor: number, sign: number): boolean {
    const last = this.state[c * STRIDE + LAST] as number;
    const period = this.periodOf(day);
    if (last === NONE) {
      this.state[c * STRIDE + FIRST] = day;
      this.state[c * STRIDE + LAST] = day;
      this.state[c * STRIDE + BEFORE] = NONE;
      this.state[c * STRIDE + FIRST_PERIOD] = period;
      this.state[c * STRIDE + LAST_PERIOD] = period;
    } else if (period === this.state[c * STRIDE + LAST_PERIOD]) {
      // a day in the last period changes neither period nor the last day before it
      if (day > last) this.state[c * STRIDE + LAST] = day;
      if (day < (this.state[c * STRIDE + FIRST] as number)) this.state[c * STRIDE + FIRST] = day;
    } else if (period > (this.state[c * STRIDE + LAST_PERIOD] as number)) {
      this.settle(c, period, sign);
      this.state[c * STRIDE + BEFORE] = last;
      this.state[c * STRIDE + LAST] = day;
      this.state[c * STRIDE + LAST_PERIOD] = period;
    } else {
      return false;
    }
    this.revenue(c, period, minor, sign);
    return true;
  }

  /** Folds one batch of rows. */
  add(columns: StreamColumns): void {
    const { fn, endDay } = this;
    const { keyer, scale } = this.options.resolved;
    const { customerIndex, at, amount } = columns;
    for (let row = 0; row < at.length; row++) {
      const arrival = this.arrivals++;
      const c = streamedCustomer(fn, customerIndex[row] as number, arrival);
      const day = keyer.keyOf(streamedTime(fn, at[row] as number, arrival));
      const minor = streamedMinor(fn, amount[row] as number, scale, arrival);
      if (day > this.maxDay) this.maxDay = day;
      if (day > endDay) continue;
      if (day < this.firstDay) this.firstDay = day;
      if (c >= this.customerCount) this.ensure(c);
      if (this.state[c * STRIDE + OUT_OF_ORDER] === 1) continue;
      if (!this.fold(c, day, minor, 1)) {
        this.state[c * STRIDE + OUT_OF_ORDER] = 1;
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
    const { keyer, scale } = this.options.resolved;
    this.disordered.replay(this.fn, columns, keyer, scale, this.endDay);
  }

  /** In a shard's worker, after `add` over the shard: its customers' state (24 bytes each) and day range. */
  shardEnd(): ShardEnd {
    return {
      state: this.state.slice(0, this.customerCount * STRIDE),
      customers: this.customerCount,
      extent: [this.firstDay, this.maxDay],
      since: sincePairs(this.disordered.since),
    };
  }

  /** In a shard's worker: the period cells, by period key. */
  shardCells(): ShardCells {
    const keys = Int32Array.from(this.cells.keys());
    const values = new Float64Array(keys.length * FIELDS);
    for (let i = 0; i < keys.length; i++)
      values.set(this.cells.get(keys[i] as number) as Float64Array, i * FIELDS);
    return { keys, width: FIELDS, values };
  }

  /** In a shard's worker, before the second fold: where the shard's customers stood before it. */
  startShard(start: ShardStart): void {
    const n = start.skip.length;
    if (n > 0) this.ensure(n - 1);
    this.state.set(start.state);
    for (let c = 0; c < n; c++) if (start.skip[c] === 1) this.state[c * STRIDE + OUT_OF_ORDER] = 1;
  }

  /**
   * On the main thread, shard by shard in file order: folds a shard's state into this one (its customer `l`
   * is customer `global[l]` here), as if its `rows` rows came next. A customer seen before joins when the
   * shard's first period is not before its last (the days of a shared period joined); one that does not goes
   * to the second pass from the shard's first row on. Returns where the shard's customers stood, for the
   * shard's second fold, or null when none of them stood anywhere (the shard's own cells are the file's).
   */
  mergeShard(end: ShardEnd, global: Uint32Array, firstArrival: number, rows: number): ShardStart | null {
    const other = end.state as Int32Array;
    const marked = sinceMap(end.since);
    const start = new Int32Array(end.customers * STRIDE);
    for (let l = 0; l < end.customers; l++) start[l * STRIDE + LAST] = NONE;
    const skip = new Uint8Array(end.customers);
    let needed = false;
    for (let l = 0; l < end.customers; l++) {
      const c = global[l] as number;
      if (c >= this.customerCount) this.ensure(c);
      const state = this.state;
      const a = c * STRIDE;
      const b = l * STRIDE;
      const since = marked.get(l);
      const has = other[b + LAST] !== NONE || since !== undefined;
      if (state[a + OUT_OF_ORDER] === 1) {
        skip[l] = 1;
        if (has) needed = true;
        continue;
      }
      if (!has) continue;
      if (state[a + LAST] === NONE) {
        // new here: the shard's own fold is the file's
        if (since !== undefined) {
          state[a + OUT_OF_ORDER] = 1;
          this.disordered.mark(c, firstArrival + since);
        } else for (let f = 0; f < OUT_OF_ORDER; f++) state[a + f] = other[b + f] as number;
        continue;
      }
      needed = true;
      const lastPeriod = state[a + LAST_PERIOD] as number;
      const bFirstPeriod = other[b + FIRST_PERIOD] as number;
      if (since !== undefined || bFirstPeriod < lastPeriod) {
        skip[l] = 1;
        state[a + OUT_OF_ORDER] = 1;
        this.disordered.mark(c, firstArrival);
        continue;
      }
      for (let f = 0; f < STRIDE; f++) start[l * STRIDE + f] = state[a + f] as number;
      const bLast = other[b + LAST] as number;
      const bBefore = other[b + BEFORE] as number;
      const bLastPeriod = other[b + LAST_PERIOD] as number;
      if (bFirstPeriod === lastPeriod) {
        // the shard's first days fall in the customer's last period
        state[a + FIRST] = Math.min(state[a + FIRST] as number, other[b + FIRST] as number);
        if (bLastPeriod === lastPeriod) {
          state[a + LAST] = Math.max(state[a + LAST] as number, bLast);
        } else {
          state[a + BEFORE] =
            this.periodOf(bBefore) === lastPeriod ? Math.max(state[a + LAST] as number, bBefore) : bBefore;
          state[a + LAST] = bLast;
          state[a + LAST_PERIOD] = bLastPeriod;
        }
      } else {
        state[a + BEFORE] = bBefore === NONE ? (state[a + LAST] as number) : bBefore;
        state[a + LAST] = bLast;
        state[a + LAST_PERIOD] = bLastPeriod;
      }
    }
    this.firstDay = Math.min(this.firstDay, end.extent[0] as number);
    this.maxDay = Math.max(this.maxDay, end.extent[1] as number);
    this.arrivals += rows;
    return needed ? { state: start, skip } : null;
  }

  /** On the main thread: adds a shard's cells (see {@link RetentionStream.shardCells}). */
  addCells(cells: ShardCells): void {
    for (let i = 0; i < cells.keys.length; i++) {
      const target = this.cellsOf(cells.keys[i] as number);
      for (let f = 0; f < FIELDS; f++)
        target[f] = (target[f] as number) + (cells.values[i * FIELDS + f] as number);
    }
  }

  /** The series, oldest period first (as periodRetentionColumns without segments). */
  finish(): PeriodRetentionRow[] {
    const { fn, options } = this;
    this.disordered.requireReplayed(fn, this.arrivals);
    for (const { customer, since, keys, minor, arrivals } of this.disordered.rowsOf()) {
      // take back what the rows before the disorder tallied (they were in order), then tally all in day order
      this.state[customer * STRIDE + LAST] = NONE;
      for (let index = 0; index < keys.length && (arrivals[index] as number) < since; index++)
        this.fold(customer, keys[index] as number, minor[index] as number, -1);
      this.state[customer * STRIDE + LAST] = NONE;
      for (const index of keyOrder(keys))
        this.fold(customer, keys[index] as number, minor[index] as number, 1);
      this.state[customer * STRIDE + OUT_OF_ORDER] = 0;
    }
    if (this.firstDay === Number.POSITIVE_INFINITY) return [];
    const endDay = options.resolved.endMs === undefined ? this.maxDay : this.endDay;
    const starts = periodStarts(fn, this.firstDay, endDay, options.period, options.weekStartsOn);
    const afterEnd = this.nextStart(starts[starts.length - 1] as number);
    for (let c = 0; c < this.customerCount; c++)
      if (this.state[c * STRIDE + LAST] !== NONE) this.settle(c, afterEnd, 1);
    const tally = new PeriodTally(starts);
    const target = tally.cells(null);
    starts.forEach((key, p) => {
      const cells = this.cells.get(key);
      if (cells !== undefined) target.set(cells, p * FIELDS);
    });
    const { keyer, scale } = options.resolved;
    return tally.rows(options.period, options.weekStartsOn, keyer, scale);
  }
}
