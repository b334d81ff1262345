import { requireObject } from '../../internal/validate';
import { periodKeyOfDay } from '../../model/calendarKeys';
import type { Transaction } from '../../model/transaction';
import {
  type AccumulatorJSON,
  AccumulatorState,
  DayAccumulator,
  reviveState,
  stateColumns,
} from '../shared/accumulatorState';
import {
  calendarOptionsOf,
  type ResolvedRfmOptions,
  RFM_OPTION_KEYS,
  type RfmOptions,
  resolveRfmOptions,
} from './rfmOptions';
import { type RfmRow, rfmRows } from './rfmSummary';

const KIND = 'rfm-accumulator';

/**
 * A streaming, mergeable RFM summary: add transactions one at a time or in batches, merge accumulators
 * built on other shards (worker threads, queue consumers, warehouse partitions), serialise the state with
 * `toJSON` and revive it with {@link rfmAccumulatorFromJSON}. `result()` gives exactly the rows
 * {@link rfmSummary} gives for all the transactions added, whatever the partition and the order.
 *
 * @category Tables
 */
export interface RfmAccumulator {
  /** Adds one transaction; throws a PatronageError for an invalid one (nothing is added then). */
  add(transaction: Transaction): RfmAccumulator;
  /**
   * Adds many transactions, all or none: the first invalid one throws, naming its position in this batch,
   * and nothing of the batch is added.
   */
  addAll(transactions: Iterable<Transaction>): RfmAccumulator;
  /**
   * Folds another accumulator of the same kind and options into this one (`other` is not changed), all or
   * nothing: a merge that throws leaves this accumulator as it was. It may come from another copy of
   * patronage (ESM and CJS side by side) or be a JSON state; it may not be this accumulator itself.
   */
  merge(other: RfmAccumulator | AccumulatorJSON): RfmAccumulator;
  /** The RFM rows of everything added so far. */
  result(): RfmRow[];
  /** The state as plain JSON. */
  toJSON(): AccumulatorJSON;
}

class RfmDayAccumulator extends DayAccumulator implements RfmAccumulator {
  readonly resolved: ResolvedRfmOptions;

  constructor(fn: string, options: unknown) {
    const resolved = resolveRfmOptions(fn, options, RFM_OPTION_KEYS);
    super(new AccumulatorState(fn, resolved.plain, resolved.scale, calendarOptionsOf(resolved.plain)), KIND);
    this.resolved = resolved;
  }

  protected revive(json: Readonly<Record<string, unknown>>): RfmDayAccumulator {
    return revive(this.state.fn, json);
  }

  result(): RfmRow[] {
    const { mergeWithin } = this.resolved;
    const weekStartsOn = (this.resolved.plain['weekStartsOn'] as number | undefined) ?? 1;
    const columns = stateColumns(this.state, (day) =>
      mergeWithin === 'day' ? day : periodKeyOfDay(day, mergeWithin, weekStartsOn),
    );
    return rfmRows(this.state.fn, columns, this.resolved);
  }
}

function revive(fn: string, json: Readonly<Record<string, unknown>>): RfmDayAccumulator {
  return reviveState(fn, json, KIND, 'an RFM accumulator', (options) => new RfmDayAccumulator(fn, options));
}

/**
 * Creates an empty {@link RfmAccumulator} with the options of {@link rfmSummary}.
 *
 * Laws (property-tested): one pass over all transactions equals merging the accumulators of any
 * partition, in any order, also through `toJSON`/{@link rfmAccumulatorFromJSON}; the order of the
 * transactions does not change the result; a transaction repeated with the same `eventId` counts once.
 *
 * @param options - as {@link rfmSummary}: unit, observationEnd, mergeWithin, time zone, fractionDigits,
 *   includeFirst (accumulators merge only with the same options, `includeFirst` among them)
 * @returns an empty accumulator
 * @throws PatronageError for invalid options (`OUT_OF_RANGE`, `INVALID_PERIOD`, `INVALID_TIME_ZONE`,
 *   `INVALID_TIMESTAMP`, `INVALID_ARGUMENT`); its `add` and `addAll` throw the row codes of
 *   {@link rfmSummary}, `CONFLICTING_EVENT_ID`, and `MONEY_PRECISION` when the accumulator's total would pass
 *   2^53 − 1 minor units; `merge` throws `INCOMPATIBLE_ACCUMULATORS` for different options,
 *   `CONFLICTING_EVENT_ID`, `MONEY_PRECISION`, `INVALID_ARGUMENT` for the accumulator itself and the codes of
 *   {@link rfmAccumulatorFromJSON} for a JSON state. A call that throws changes nothing.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { createRfmAccumulator, rfmAccumulatorFromJSON } from 'patronage';
 *
 * const shardA = createRfmAccumulator({ unit: 'week' }).add({ customerId: 7, at: '2024-01-01', amount: 10 });
 * const shardB = createRfmAccumulator({ unit: 'week' }).add({ customerId: 7, at: '2024-01-15', amount: 30 });
 * const merged = shardA.merge(rfmAccumulatorFromJSON(JSON.parse(JSON.stringify(shardB))));
 * merged.result(); // => [{ customerId: '7', frequency: 1, recency: 2, T: 2, monetaryValue: 30 }]
 * ```
 *
 * @category Tables
 */
export function createRfmAccumulator(options?: RfmOptions): RfmAccumulator {
  return new RfmDayAccumulator('createRfmAccumulator', options);
}

/**
 * Revives an {@link RfmAccumulator} from the JSON its `toJSON` wrote (after `JSON.stringify` and
 * `JSON.parse`, or from a queue or a file).
 *
 * @param json - the state
 * @returns an accumulator with that state and options
 * @throws PatronageError `INVALID_STATE` for anything that is not a valid RFM accumulator state: malformed,
 *   a customer, a day or an eventId repeated, options that {@link createRfmAccumulator} refuses (its code and
 *   message in `details.cause`) or would write differently; `MONEY_PRECISION` when the amounts total beyond
 *   2^53 − 1 minor units; `INVALID_ARGUMENT` when `json` is not an object.
 *
 * @example
 * ```ts
 * import { createRfmAccumulator, rfmAccumulatorFromJSON } from 'patronage';
 *
 * const state = JSON.stringify(createRfmAccumulator().add({ customerId: 'a', at: '2024-05-01', amount: 9.99 }));
 * rfmAccumulatorFromJSON(JSON.parse(state)).result(); // => [{ customerId: 'a', frequency: 0, recency: 0, T: 0, monetaryValue: 0 }]
 * ```
 *
 * @category Tables
 */
export function rfmAccumulatorFromJSON(json: AccumulatorJSON): RfmAccumulator {
  const fn = 'rfmAccumulatorFromJSON';
  return revive(fn, requireObject(fn, 'json', json));
}
