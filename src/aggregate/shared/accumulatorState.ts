import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { requireList, requireObject, snapshotData } from '../../internal/validate';
import { type PeriodKeyer, periodKeyer } from '../../model/calendarKeys';
import {
  type CheckedTransaction,
  type CustomerId,
  compareCustomerIds,
  readTransaction,
} from '../../model/transaction';

/** A transaction stored under its eventId: customer, local day and amount in minor units. */
type IdentifiedEntry = readonly [customerId: CustomerId, day: number, minor: number];

/**
 * The state every accumulator keeps: per customer, the summed minor amounts of each local calendar day,
 * plus transactions with an eventId kept apart so a repeat (from another shard, or a redelivery) counts
 * once. Integer sums make merging exact and independent of order.
 */
export class AccumulatorState {
  readonly fn: string;
  readonly scale: number;
  readonly days: PeriodKeyer;
  /** Serialisable options that merged states must share. */
  readonly options: Readonly<Record<string, unknown>>;
  readonly customers: Map<CustomerId, Map<number, number>> = new Map();
  readonly identified: Map<string, IdentifiedEntry> = new Map();

  constructor(
    fn: string,
    options: Readonly<Record<string, unknown>>,
    scale: number,
    calendar: Readonly<Record<string, unknown>>,
  ) {
    this.fn = fn;
    this.options = options;
    this.scale = scale;
    this.days = periodKeyer(fn, 'day', calendar);
  }

  add(transaction: unknown, index: number): void {
    this.addChecked(readTransaction(this.fn, index, transaction, this.scale));
  }

  addChecked(transaction: CheckedTransaction): void {
    const day = this.days.keyOf(transaction.at);
    if (transaction.eventId === undefined) this.addDay(transaction.customerId, day, transaction.minor);
    else this.addIdentified(transaction.eventId, [transaction.customerId, day, transaction.minor]);
  }

  addDay(customerId: CustomerId, day: number, minor: number): void {
    let days = this.customers.get(customerId);
    if (days === undefined) {
      days = new Map();
      this.customers.set(customerId, days);
    }
    days.set(day, (days.get(day) ?? 0) + minor);
  }

  addIdentified(eventId: string, entry: IdentifiedEntry): void {
    const seen = this.identified.get(eventId);
    if (seen === undefined) {
      this.identified.set(eventId, entry);
      return;
    }
    if (seen[0] !== entry[0] || seen[1] !== entry[1] || seen[2] !== entry[2]) {
      throw new PatronageError(
        'CONFLICTING_EVENT_ID',
        `${this.fn}: eventId ${describeValue(eventId)} was seen before for a different transaction`,
        { argument: 'eventId', value: eventId },
      );
    }
  }

  merge(other: AccumulatorState): void {
    if (JSON.stringify(other.options) !== JSON.stringify(this.options)) {
      throw new PatronageError(
        'INCOMPATIBLE_ACCUMULATORS',
        `${this.fn}: cannot merge accumulators created with different options (${JSON.stringify(other.options)} into ${JSON.stringify(this.options)})`,
        { argument: 'other', value: other.options },
      );
    }
    for (const [customerId, days] of other.customers)
      for (const [day, minor] of days) this.addDay(customerId, day, minor);
    for (const [eventId, entry] of other.identified) this.addIdentified(eventId, entry);
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
    return { format: `patronage/${kind}`, version: 1, options: this.options, customers, identified };
  }

  /** Restores the entries of a JSON state, validating every one. */
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
    for (const entry of customers as unknown[]) {
      if (!Array.isArray(entry) || entry.length !== 2 || !isId(entry[0]) || !Array.isArray(entry[1]))
        fail('a customer entry is malformed');
      const [customerId, days] = entry as [CustomerId, unknown[]];
      for (const pair of days) {
        if (!Array.isArray(pair) || pair.length !== 2 || !isDay(pair[0]) || !isMinor(pair[1]))
          fail(`a day of customer ${describeValue(customerId)} is malformed`);
        this.addDay(customerId, (pair as number[])[0] as number, (pair as number[])[1] as number);
      }
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
      this.addIdentified(eventId, [customerId, day, minor]);
    }
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
  customerIds: CustomerId[];
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
    customerIds: snapshot.map(({ customerId }) => customerId),
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
    this.state.add(transaction, this.added++);
    return this;
  }

  addAll(transactions: unknown): this {
    const list = requireList(this.state.fn, 'transactions', transactions);
    for (let index = 0; index < list.length; index++) this.state.add(list[index], index);
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
