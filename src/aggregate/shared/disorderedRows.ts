import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { exactMinorUnits } from '../../model/money';
import { MAX_EPOCH_MS } from '../../model/time';

/** One batch of rows for the streaming tables: row i is customer `customerIndex[i]` at `at[i]` for `amount[i]`. */
export interface StreamColumns {
  /** Dense customer numbers (the reader's customer dictionary), whole numbers from 0. */
  readonly customerIndex: ArrayLike<number>;
  /** Epoch milliseconds. */
  readonly at: ArrayLike<number>;
  /** Amounts in major units, exact to the currency's minor unit. */
  readonly amount: ArrayLike<number>;
}

/** A typed array of at least `size` entries holding `array`'s, grown by doubling (new entries `fill`). */
export function grown<T extends Int32Array | Float64Array>(array: T, size: number, fill = 0): T {
  if (array.length >= size) return array;
  const next = new (array.constructor as new (length: number) => T)(Math.max(size, array.length * 2, 1024));
  next.set(array);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}

/** The minor units of a streamed row's amount, or MONEY_PRECISION naming the row. */
export function streamedMinor(fn: string, amount: number, scale: number, row: number): number {
  const minor = amount >= 0 ? exactMinorUnits(amount, scale) : Number.NaN;
  if (Number.isNaN(minor)) {
    throw new PatronageError(
      'MONEY_PRECISION',
      `${fn}: row ${row} has an amount of ${describeValue(amount)}, not a non-negative amount exact to the currency's minor unit`,
      { argument: 'amount', index: row, value: amount },
    );
  }
  return minor;
}

/** A customer number of a streamed row, or INVALID_COLUMNS naming the row. */
export function streamedCustomer(fn: string, customer: number, row: number): number {
  if (!(customer >= 0 && customer <= 0xffff_fffe && Number.isInteger(customer))) {
    throw new PatronageError(
      'INVALID_COLUMNS',
      `${fn}: customerIndex of row ${row} must be a whole number from 0 to 4294967294, got ${describeValue(customer)}`,
      { argument: 'customerIndex', index: row, value: customer },
    );
  }
  return customer;
}

/**
 * The rows of the customers a streaming table could not fold in one pass (a row earlier than what it
 * had already folded for them), collected on the second pass over the same rows. `rowsOf` gives each such
 * customer's rows in arrival order, with the arrival number (0-based, over all rows of the stream) of each,
 * so a table can tell the rows it folded before the customer went out of order from those after.
 */
export class DisorderedRows {
  /** Customer → arrival number of the first row that was out of order (it and later rows were not folded). */
  readonly since: Map<number, number> = new Map();
  private customers = new Int32Array(0);
  private keys = new Int32Array(0);
  private minor = new Float64Array(0);
  private arrivals = new Float64Array(0);
  private size = 0;
  /** Rows of the second pass seen so far (arrival numbers restart at 0 for it). */
  private replayed = 0;

  /** Marks customer `customer` as out of order from arrival `arrival` on. */
  mark(customer: number, arrival: number): void {
    if (!this.since.has(customer)) this.since.set(customer, arrival);
  }

  /** Whether the second pass must still run (or go on), after `added` rows of the first. */
  needsReplay(added: number): boolean {
    return this.since.size > 0 && this.replayed < added;
  }

  /** INVALID_ARGUMENT when a table is finished before its second pass is complete. */
  requireReplayed(fn: string, added: number): void {
    if (this.needsReplay(added))
      throw new PatronageError('INVALID_ARGUMENT', `${fn}: the stream needs its second pass first`, {
        argument: 'replay',
      });
  }

  /**
   * The second pass over one batch (the same batches in the same order as the first): keeps the marked
   * customers' rows up to `endKey`, as keys of `keyer` and minor units of `scale`.
   */
  replay(
    fn: string,
    columns: StreamColumns,
    keyer: { keyOf(ms: number): number },
    scale: number,
    endKey: number,
  ): void {
    const { customerIndex, at, amount } = columns;
    for (let row = 0; row < at.length; row++) {
      const arrival = this.replayed++;
      const key = keyer.keyOf(at[row] as number);
      if (key > endKey) continue;
      this.collect(
        customerIndex[row] as number,
        key,
        streamedMinor(fn, amount[row] as number, scale, arrival),
        arrival,
      );
    }
  }

  /** Keeps one row of the second pass when its customer is out of order. */
  private collect(customer: number, key: number, minor: number, arrival: number): void {
    if (!this.since.has(customer)) return;
    const at = this.size++;
    this.customers = grown(this.customers, this.size);
    this.keys = grown(this.keys, this.size);
    this.minor = grown(this.minor, this.size);
    this.arrivals = grown(this.arrivals, this.size);
    this.customers[at] = customer;
    this.keys[at] = key;
    this.minor[at] = minor;
    this.arrivals[at] = arrival;
  }

  /** Each out-of-order customer with its rows (keys, minor units, arrival numbers) in arrival order. */
  *rowsOf(): Generator<{
    customer: number;
    since: number;
    keys: Int32Array;
    minor: Float64Array;
    arrivals: Float64Array;
  }> {
    const order = Array.from({ length: this.size }, (_, index) => index).sort(
      (a, b) => (this.customers[a] as number) - (this.customers[b] as number) || a - b,
    );
    let from = 0;
    while (from < order.length) {
      const customer = this.customers[order[from] as number] as number;
      let to = from;
      while (to < order.length && this.customers[order[to] as number] === customer) to++;
      const picked = order.slice(from, to);
      yield {
        customer,
        since: this.since.get(customer) as number,
        keys: Int32Array.from(picked, (index) => this.keys[index] as number),
        minor: Float64Array.from(picked, (index) => this.minor[index] as number),
        arrivals: Float64Array.from(picked, (index) => this.arrivals[index] as number),
      };
      from = to;
    }
  }
}

/** The positions of `keys` in ascending key order, ties in arrival order (a stable sort). */
export function keyOrder(keys: Int32Array): number[] {
  return Array.from({ length: keys.length }, (_, index) => index).sort(
    (a, b) => (keys[a] as number) - (keys[b] as number) || a - b,
  );
}

/** Checks a streamed row's time (epoch ms within the Date range), or INVALID_TIMESTAMP naming the row. */
export function streamedTime(fn: string, time: number, row: number): number {
  if (!(Math.abs(time) <= MAX_EPOCH_MS)) {
    throw new PatronageError(
      'INVALID_TIMESTAMP',
      `${fn}: at of row ${row} must be epoch milliseconds within the Date range, got ${describeValue(time)}`,
      { argument: 'at', index: row, value: time },
    );
  }
  return time;
}
