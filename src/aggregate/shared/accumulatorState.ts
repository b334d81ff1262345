import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { requireList, requireObject, snapshotData } from '../../internal/validate';
import { type PeriodKeyer, periodKeyer } from '../../model/calendarKeys';
import { MAX_MINOR } from '../../model/money';
import {
  type CustomerId,
  compareCustomerIds,
  outputCustomerIds,
  readTransaction,
} from '../../model/transaction';

/** A transaction stored under its eventId: customer, local day and amount in minor units. */
type IdentifiedEntry = readonly [customerId: CustomerId, day: number, minor: number];

/**
 * The state every accumulator keeps: per customer, the summed minor amounts of each local calendar day,
 * plus transactions with an eventId kept apart so a repeat (from another shard, or a redelivery) counts
 * once. Integer sums make merging exact and independent of order.
 *
 * Every change is atomic: `add`, `addAll`, `merge` and `load` validate everything first (rows, eventId
 * conflicts, the total) and only then change the state, so a call that throws leaves it as it was. The sum of
 * all amounts held stays within the exact range of minor units (`MAX_MINOR`), which bounds every total a
 * result can form from them (a customer's, a day's, a cohort's, a period's).
 */
export class AccumulatorState {
  readonly fn: string;
  readonly scale: number;
  readonly days: PeriodKeyer;
  /** Serialisable options that merged states must share (frozen; `toJSON` hands out copies). */
  readonly options: Readonly<Record<string, unknown>>;
  readonly customers: Map<CustomerId, Map<number, number>> = new Map();
  readonly identified: Map<string, IdentifiedEntry> = new Map();
  /** Sum of every amount held (day sums and identified transactions), minor units, at most MAX_MINOR. */
  private total = 0;

  constructor(
    fn: string,
    options: Readonly<Record<string, unknown>>,
    scale: number,
    calendar: Readonly<Record<string, unknown>>,
  ) {
    this.fn = fn;
    this.options = Object.freeze({ ...options });
    this.scale = scale;
    this.days = periodKeyer(fn, 'day', calendar);
  }

  /** Adds one row (its position `index` names it in errors); nothing changes when it throws. */
  add(transaction: unknown, index: number): void {
    const checked = readTransaction(this.fn, index, transaction, this.scale);
    const day = this.days.keyOf(checked.at);
    const { customerId, minor, eventId } = checked;
    if (eventId === undefined) {
      this.total = this.totalWith(this.total, minor, 'transaction');
      this.addDay(customerId, day, minor);
      return;
    }
    const entry: IdentifiedEntry = [customerId, day, minor];
    if (this.isRepeat(eventId, entry, undefined)) return;
    this.total = this.totalWith(this.total, minor, 'transaction');
    this.identified.set(eventId, entry);
  }

  /**
   * Adds every row of `list`, or (when one is invalid, conflicts or takes the total out of the exact range)
   * none of them: the rows are checked into a staging list first, then stored (which cannot throw).
   */
  addAll(list: readonly unknown[]): void {
    // staged in flat columns: the checked row objects die young, as they did before staging
    const ids: CustomerId[] = [];
    const days: number[] = [];
    const amounts: number[] = [];
    const batch = new Map<string, IdentifiedEntry>(); // identified transactions new in this batch
    let total = this.total;
    for (let index = 0; index < list.length; index++) {
      const checked = readTransaction(this.fn, index, list[index], this.scale);
      const day = this.days.keyOf(checked.at);
      const { eventId } = checked;
      if (eventId !== undefined) {
        const entry: IdentifiedEntry = [checked.customerId, day, checked.minor];
        if (this.isRepeat(eventId, entry, batch)) continue;
        batch.set(eventId, entry);
        total = this.totalWith(total, checked.minor, 'transactions', index);
        continue;
      }
      total = this.totalWith(total, checked.minor, 'transactions', index);
      ids.push(checked.customerId);
      days.push(day);
      amounts.push(checked.minor);
    }
    for (let row = 0; row < ids.length; row++)
      this.addDay(ids[row] as CustomerId, days[row] as number, amounts[row] as number);
    for (const [eventId, entry] of batch) this.identified.set(eventId, entry);
    this.total = total;
  }

  /** Whether an identified transaction was seen already (here or in `batch`); throws when it conflicts. */
  private isRepeat(
    eventId: string,
    entry: IdentifiedEntry,
    batch: Map<string, IdentifiedEntry> | undefined,
  ): boolean {
    const seen = this.identified.get(eventId) ?? batch?.get(eventId);
    if (seen === undefined) return false;
    if (seen[0] !== entry[0] || seen[1] !== entry[1] || seen[2] !== entry[2]) {
      throw new PatronageError(
        'CONFLICTING_EVENT_ID',
        `${this.fn}: eventId ${describeValue(eventId)} was seen before for a different transaction`,
        { argument: 'eventId', value: eventId },
      );
    }
    return true;
  }

  /** `total + minor`, or MONEY_PRECISION when that leaves the exact range (amounts are never negative). */
  private totalWith(total: number, minor: number, argument: string, index?: number): number {
    const sum = total + minor;
    if (sum > MAX_MINOR) {
      throw new PatronageError(
        'MONEY_PRECISION',
        `${this.fn}: the accumulator's total would exceed the exact range of minor units (${MAX_MINOR})`,
        index === undefined ? { argument, value: sum } : { argument, index, value: sum },
      );
    }
    return sum;
  }

  private addDay(customerId: CustomerId, day: number, minor: number): void {
    let days = this.customers.get(customerId);
    if (days === undefined) {
      days = new Map();
      this.customers.set(customerId, days);
    }
    days.set(day, (days.get(day) ?? 0) + minor);
  }

  /** Folds `other` into this state, or (options differ, an eventId conflicts, the total overflows) nothing. */
  merge(other: AccumulatorState): void {
    if (other === this) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${this.fn}: cannot merge an accumulator into itself (it would count every transaction without an eventId twice)`,
        { argument: 'other' },
      );
    }
    if (JSON.stringify(other.options) !== JSON.stringify(this.options)) {
      throw new PatronageError(
        'INCOMPATIBLE_ACCUMULATORS',
        `${this.fn}: cannot merge accumulators created with different options (${JSON.stringify(other.options)} into ${JSON.stringify(this.options)})`,
        { argument: 'other', value: { ...other.options } },
      );
    }
    let shared = 0; // minor units of other's identified transactions this state holds already
    const fresh: [string, IdentifiedEntry][] = [];
    for (const [eventId, entry] of other.identified) {
      if (this.isRepeat(eventId, entry, undefined)) shared += entry[2];
      else fresh.push([eventId, entry]);
    }
    const total = this.totalWith(this.total, other.total - shared, 'other');
    for (const [customerId, days] of other.customers)
      for (const [day, minor] of days) this.addDay(customerId, day, minor);
    for (const [eventId, entry] of fresh) this.identified.set(eventId, entry);
    this.total = total;
  }

  /** Every customer's days with amounts (identified transactions folded in), customers in id order. */
  snapshot(): { customerId: CustomerId; days: Map<number, number> }[] {
    const combined = new Map<CustomerId, Map<number, number>>();
    for (const [customerId, days] of this.customers) combined.set(customerId, new Map(days));
    for (const [customerId, day, minor] of this.identified.values()) {
      let days = combined.get(customerId);
      if (days === undefined) {
        days = new Map();
        combined.set(customerId, days);
      }
      days.set(day, (days.get(day) ?? 0) + minor);
    }
    return [...combined.keys()]
      .sort(compareCustomerIds)
      .map((customerId) => ({ customerId, days: combined.get(customerId) as Map<number, number> }));
  }

  /** The state as fresh plain JSON: changing the returned object never changes this state. */
  toJSON(kind: string): AccumulatorJSON {
    const customers = [...this.customers.keys()]
      .sort(compareCustomerIds)
      .map((customerId): [CustomerId, [number, number][]] => [
        customerId,
        [...(this.customers.get(customerId) as Map<number, number>)].sort((a, b) => a[0] - b[0]),
      ]);
    const identified = [...this.identified]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([eventId, [customerId, day, minor]]): [string, CustomerId, number, number] => [
        eventId,
        customerId,
        day,
        minor,
      ]);
    // option values are JSON primitives (strings, numbers), so a shallow copy is a full copy
    return { format: `patronage/${kind}`, version: 1, options: { ...this.options }, customers, identified };
  }

  /**
   * Restores the entries of a JSON state into this empty state, validating every one: INVALID_STATE for a
   * malformed entry or one `toJSON` never writes (a customer, a day of a customer or an eventId repeated, a
   * customer without days), MONEY_PRECISION when the amounts total beyond the exact range.
   */
  load(untrusted: unknown, kind: string): void {
    const json = snapshotData(untrusted); // read once: lists by index, no caller methods or changing getters
    const fail = (why: string): never => {
      throw new PatronageError('INVALID_STATE', `${this.fn}: not a ${kind} state: ${why}`, {
        argument: 'json',
        value: json,
      });
    };
    if (typeof json !== 'object' || json === null) fail('expected an object');
    const state = json as Record<string, unknown>;
    if (state['format'] !== `patronage/${kind}` || state['version'] !== 1)
      fail(`format must be "patronage/${kind}", version 1`);
    const isId = (value: unknown): value is CustomerId =>
      (typeof value === 'string' && value.length > 0) ||
      (typeof value === 'number' && Number.isSafeInteger(value));
    const isDay = (value: unknown): value is number =>
      typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) <= 1e8;
    const isMinor = (value: unknown): value is number =>
      typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
    const customers = state['customers'];
    const identified = state['identified'];
    if (!Array.isArray(customers) || !Array.isArray(identified))
      fail('customers and identified must be arrays');
    let total = 0;
    for (const entry of customers as unknown[]) {
      if (!Array.isArray(entry) || entry.length !== 2 || !isId(entry[0]) || !Array.isArray(entry[1]))
        fail('a customer entry is malformed');
      const [rawId, days] = entry as [CustomerId, unknown[]];
      const customerId = rawId === 0 ? 0 : rawId; // -0 is customer 0
      if (this.customers.has(customerId)) fail(`customer ${describeValue(customerId)} appears twice`);
      if (days.length === 0) fail(`customer ${describeValue(customerId)} has no days`);
      const amounts = new Map<number, number>();
      for (const pair of days) {
        if (!Array.isArray(pair) || pair.length !== 2 || !isDay(pair[0]) || !isMinor(pair[1]))
          fail(`a day of customer ${describeValue(customerId)} is malformed`);
        const [day, minor] = pair as [number, number];
        if (amounts.has(day)) fail(`day ${day} of customer ${describeValue(customerId)} appears twice`);
        amounts.set(day === 0 ? 0 : day, minor === 0 ? 0 : minor);
        total = this.totalWith(total, minor, 'json');
      }
      this.customers.set(customerId, amounts);
    }
    for (const entry of identified as unknown[]) {
      if (
        !Array.isArray(entry) ||
        entry.length !== 4 ||
        typeof entry[0] !== 'string' ||
        !isId(entry[1]) ||
        !isDay(entry[2]) ||
        !isMinor(entry[3])
      ) {
        fail('an identified transaction is malformed');
      }
      const [eventId, customerId, day, minor] = entry as [string, CustomerId, number, number];
      if (this.identified.has(eventId)) fail(`eventId ${describeValue(eventId)} appears twice`);
      total = this.totalWith(total, minor, 'json');
      this.identified.set(eventId, [
        customerId === 0 ? 0 : customerId,
        day === 0 ? 0 : day,
        minor === 0 ? 0 : minor,
      ]);
    }
    this.total = total;
  }
}

/**
 * The serialised state of an accumulator: plain JSON that `JSON.stringify` writes and the matching
 * `...FromJSON` function revives.
 *
 * @category Tables
 */
export interface AccumulatorJSON {
  /** `'patronage/rfm-accumulator'`, `'patronage/cohort-accumulator'` or `'patronage/period-accumulator'`. */
  readonly format: string;
  /** State format version, 1. */
  readonly version: 1;
  /** The options the accumulator was created with. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Per customer: `[day, amount in minor units]` pairs, day = local days since 1970-01-01. */
  readonly customers: readonly (readonly [CustomerId, readonly (readonly [number, number])[]])[];
  /** Transactions with an eventId: `[eventId, customerId, day, amount in minor units]`. */
  readonly identified: readonly (readonly [string, CustomerId, number, number])[];
}

/**
 * The former name of {@link AccumulatorJSON}, the serialised state of an accumulator ("ledger" now names
 * only the points ledger).
 *
 * @deprecated Use {@link AccumulatorJSON}; this alias will be removed in the next major release.
 * @category Tables
 */
export type LedgerJSON = AccumulatorJSON;

/** The state as prepared columns (customers numbered in id order), keys mapped through `keyOf`. */
export function stateColumns(
  state: AccumulatorState,
  keyOf: (day: number) => number,
): {
  customerCount: number;
  customerIndex: number[];
  keys: Int32Array;
  minor: Float64Array;
  maxKey: number;
  customerIds: readonly string[];
} {
  const snapshot = state.snapshot();
  const customerIndex: number[] = [];
  const keys: number[] = [];
  const minor: number[] = [];
  let maxKey = Number.NEGATIVE_INFINITY;
  snapshot.forEach(({ days }, index) => {
    for (const [day, amount] of days) {
      const key = keyOf(day);
      customerIndex.push(index);
      keys.push(key);
      minor.push(amount);
      if (key > maxKey) maxKey = key;
    }
  });
  return {
    customerCount: snapshot.length,
    customerIndex,
    keys: Int32Array.from(keys),
    minor: Float64Array.from(minor),
    maxKey,
    customerIds: outputCustomerIds(
      state.fn,
      snapshot.map(({ customerId }) => customerId),
    ),
  };
}

/**
 * What the three accumulators share: adding validated transactions to an {@link AccumulatorState}, merging another
 * accumulator of the same kind (or its JSON, from another copy of the library), serialising the state.
 * Subclasses give the kind, how to revive a state, and `result`.
 */
export abstract class DayAccumulator {
  readonly state: AccumulatorState;
  readonly kind: string;
  private added = 0;

  constructor(state: AccumulatorState, kind: string) {
    this.state = state;
    this.kind = kind;
  }

  /** Revives an accumulator of this kind from a JSON state. */
  protected abstract revive(json: Readonly<Record<string, unknown>>): DayAccumulator;

  add(transaction: unknown): this {
    this.state.add(transaction, this.added);
    this.added++;
    return this;
  }

  addAll(transactions: unknown): this {
    const list = requireList(this.state.fn, 'transactions', transactions);
    this.state.addAll(list);
    this.added += list.length;
    return this;
  }

  merge(other: unknown): this {
    if (other instanceof DayAccumulator && other.kind === this.kind) {
      this.state.merge(other.state);
      return this;
    }
    // Another copy of the library (ESM and CJS side by side) makes accumulators this copy's class does not
    // know: take their state through toJSON. Plain JSON states are taken as they are.
    const candidate = requireObject(this.state.fn, 'other', other);
    const toJSON = candidate['toJSON'];
    const json = typeof toJSON === 'function' ? (toJSON as () => unknown).call(candidate) : candidate;
    this.state.merge(this.revive(requireObject(this.state.fn, 'other', json)).state);
    return this;
  }

  toJSON(): AccumulatorJSON {
    return this.state.toJSON(this.kind);
  }
}

/**
 * Revives an accumulator from a JSON state: checks its kind, creates the accumulator from the state's
 * options with `create` and loads the entries. Options that `create` refuses, or that do not come back out
 * exactly as the state holds them (a key the accumulator ignores or renames, a value it would change, a
 * period state's `mergeWithin` other than `'day'`), are INVALID_STATE, the inner error's code and message
 * in `details.cause`.
 */
export function reviveState<T extends DayAccumulator>(
  fn: string,
  json: Readonly<Record<string, unknown>>,
  kind: string,
  label: string,
  create: (options: Readonly<Record<string, unknown>>) => T,
): T {
  requireStateKind(fn, json, kind, label);
  const options = json['options'];
  const invalid = (why: string, cause?: PatronageError): never => {
    throw new PatronageError('INVALID_STATE', `${fn}: not ${label} state: its options ${why}`, {
      argument: 'json.options',
      value: options,
      ...(cause === undefined ? {} : { cause: { code: cause.code, message: cause.message } }),
    });
  };
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    invalid(`must be an object, got ${describeValue(options)}`);
  const record = options as Readonly<Record<string, unknown>>;
  let accumulator: T | undefined;
  try {
    accumulator = create(record);
  } catch (error) {
    if (!(error instanceof PatronageError)) throw error;
    invalid(`are invalid (${error.code}: ${error.message})`, error);
  }
  const revived = (accumulator as T).state.options;
  const keys = new Set([...Object.keys(record), ...Object.keys(revived)]);
  for (const key of [...keys].sort()) {
    if (!sameOptionValue(record[key], revived[key])) {
      invalid(
        `do not match what the accumulator writes: ${key} is ${describeValue(record[key])}, expected ${describeValue(revived[key])}`,
      );
    }
  }
  (accumulator as T).state.load(json, kind);
  return accumulator as T;
}

/**
 * Whether a state's option value equals the revived one (as JSON; values JSON cannot hold only to themselves;
 * arrays, such as a cohort table's brackets, element by element; objects, such as a cohort table's
 * intervals, key by key).
 */
function sameOptionValue(given: unknown, revived: unknown): boolean {
  if (Object.is(given, revived)) return true;
  if (Array.isArray(given) && Array.isArray(revived)) {
    return (
      given.length === revived.length &&
      revived.every((value: unknown, index) => sameOptionValue(given[index], value))
    );
  }
  const record = (value: unknown): value is Readonly<Record<string, unknown>> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (record(given) && record(revived)) {
    const keys = new Set([...Object.keys(given), ...Object.keys(revived)]);
    return [...keys].every((key) => sameOptionValue(given[key], revived[key]));
  }
  const plain = (value: unknown): boolean =>
    value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value);
  return plain(given) && plain(revived) && JSON.stringify(given) === JSON.stringify(revived);
}

/** Checks that a JSON state is of `kind` before reviving it. */
export function requireStateKind(
  fn: string,
  json: Readonly<Record<string, unknown>>,
  kind: string,
  label: string,
): void {
  if (json['format'] !== `patronage/${kind}`) {
    throw new PatronageError(
      'INVALID_STATE',
      `${fn}: not ${label} state (format ${describeValue(json['format'])})`,
      {
        argument: 'json',
        value: json['format'],
      },
    );
  }
}
