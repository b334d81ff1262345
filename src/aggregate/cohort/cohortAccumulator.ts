import { requireObject } from '../../internal/validate';
import { periodKeyOfDay } from '../../model/calendarKeys';
import type { Transaction } from '../../model/transaction';
import { calendarOptionsOf, type ResolvedRfmOptions } from '../rfm/rfmOptions';
import {
  type AccumulatorJSON,
  AccumulatorState,
  DayAccumulator,
  reviveState,
  stateColumns,
} from '../shared/accumulatorState';
import type { CohortOptions, CohortRow } from './cohortCore';
import type { ResolvedCohortIntervals } from './cohortIntervals';
import type { ResolvedCohortMode } from './cohortMode';
import { cohortTable, resolveCohortOptions } from './cohortRetention';

const KIND = 'cohort-accumulator';

/**
 * A streaming, mergeable cohort table: the pattern of {@link RfmAccumulator} for
 * {@link cohortRetention}. `result()` equals `cohortRetention` over everything added, whatever the
 * partition and order.
 *
 * @category Tables
 */
export interface CohortAccumulator {
  /** Adds one transaction; throws a PatronageError for an invalid one. */
  add(transaction: Transaction): CohortAccumulator;
  /** Adds many transactions, all or none (a batch with an invalid row adds nothing). */
  addAll(transactions: Iterable<Transaction>): CohortAccumulator;
  /**
   * Folds another accumulator of the same kind and options into this one (`other` is not changed), all or
   * nothing. It may come from another copy of patronage (ESM and CJS side by side) or be a JSON state; it may
   * not be this accumulator itself.
   */
  merge(other: CohortAccumulator | AccumulatorJSON): CohortAccumulator;
  /**
   * The cohort table of everything added; `OUT_OF_RANGE` (before building it) for a table of more than
   * 20,000 periods or 4,000,000 cells.
   */
  result(): CohortRow[];
  /** The state as plain JSON. */
  toJSON(): AccumulatorJSON;
}

class CohortDayAccumulator extends DayAccumulator implements CohortAccumulator {
  readonly resolved: ResolvedRfmOptions;
  readonly weekStartsOn: number;
  readonly maxPeriods: number | undefined;
  readonly mode: ResolvedCohortMode;
  readonly intervals: ResolvedCohortIntervals | undefined;

  constructor(fn: string, options: unknown) {
    const { resolved, weekStartsOn, maxPeriods, mode, intervals } = resolveCohortOptions(fn, options);
    super(
      new AccumulatorState(fn, resolved.plain, resolved.scale, {
        ...calendarOptionsOf(resolved.plain),
        weekStartsOn,
      }),
      KIND,
    );
    this.resolved = resolved;
    this.weekStartsOn = weekStartsOn;
    this.maxPeriods = maxPeriods;
    this.mode = mode;
    this.intervals = intervals;
  }

  protected revive(json: Readonly<Record<string, unknown>>): CohortDayAccumulator {
    return revive(this.state.fn, json);
  }

  result(): CohortRow[] {
    const columns = stateColumns(this.state, (day) =>
      periodKeyOfDay(day, this.resolved.mergeWithin, this.weekStartsOn),
    );
    const { resolved, weekStartsOn, maxPeriods, mode, intervals } = this;
    return cohortTable(this.state.fn, columns, resolved, weekStartsOn, maxPeriods, mode, intervals);
  }
}

function revive(fn: string, json: Readonly<Record<string, unknown>>): CohortDayAccumulator {
  // The state names the cohort period mergeWithin and carries the shared options' unit ('day'), neither of
  // them a cohort option; reviveState checks they come back as written (a `period` key of its own fails too).
  return reviveState(
    fn,
    json,
    KIND,
    'a cohort accumulator',
    ({ mergeWithin, unit: _unit, ...rest }) => new CohortDayAccumulator(fn, { ...rest, period: mergeWithin }),
  );
}

/**
 * Creates an empty {@link CohortAccumulator} with the options of {@link cohortRetention}.
 *
 * Laws (property-tested): merging the accumulators of any partition, in any order and through JSON,
 * equals one pass; event order does not matter; a repeated `eventId` counts once.
 *
 * @param options - `period` (default `'month'`), `observationEnd`, time zone, `fractionDigits`,
 *   `maxPeriods`, `mode` and `brackets`, `intervals` (all kept in the state: accumulators merged together
 *   must agree on them)
 * @returns an empty accumulator
 * @throws PatronageError for invalid options; `add` and `addAll` throw the row codes of
 *   {@link cohortRetention}, `CONFLICTING_EVENT_ID` and `MONEY_PRECISION` (the accumulator's total beyond
 *   2^53 − 1 minor units); `merge` throws `INCOMPATIBLE_ACCUMULATORS`, `CONFLICTING_EVENT_ID`,
 *   `MONEY_PRECISION`, `INVALID_ARGUMENT` for the accumulator itself and the codes of
 *   {@link cohortAccumulatorFromJSON} for a JSON state. A call that throws changes nothing. `result` throws
 *   `OUT_OF_RANGE`, before building the table, when it would span more than 20,000 periods or hold more
 *   than 4,000,000 cells (as {@link cohortRetention}).
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { cohortAccumulatorFromJSON, createCohortAccumulator } from 'patronage';
 *
 * const a = createCohortAccumulator({ period: 'month' }).add({ customerId: 1, at: '2024-01-03', amount: 4 });
 * const b = createCohortAccumulator({ period: 'month' }).add({ customerId: 1, at: '2024-03-09', amount: 6 });
 * const table = a.merge(cohortAccumulatorFromJSON(JSON.parse(JSON.stringify(b)))).result();
 * table[0]?.counts; // => [1, 0, 1]
 * ```
 *
 * @category Tables
 */
export function createCohortAccumulator(options?: CohortOptions): CohortAccumulator {
  return new CohortDayAccumulator('createCohortAccumulator', options);
}

/**
 * Revives a {@link CohortAccumulator} from the JSON its `toJSON` wrote.
 *
 * @param json - the state
 * @returns an accumulator with that state (its memory grows with the state, not with the table: a state
 *   whose table would be too large is accepted, and its `result()` throws `OUT_OF_RANGE`)
 * @throws PatronageError `INVALID_STATE` for anything that is not a cohort accumulator state (malformed, a
 *   customer, day or eventId repeated, options refused, with the inner code in `details.cause`, or not as the
 *   accumulator writes them), `MONEY_PRECISION` when the amounts total beyond 2^53 − 1 minor units,
 *   `INVALID_ARGUMENT` when `json` is not an object.
 *
 * @example
 * ```ts
 * import { cohortAccumulatorFromJSON, createCohortAccumulator } from 'patronage';
 *
 * const json = JSON.parse(JSON.stringify(createCohortAccumulator().add({ customerId: 1, at: '2024-01-03', amount: 4 })));
 * cohortAccumulatorFromJSON(json).result()[0]?.cohort; // => '2024-01'
 * ```
 *
 * @category Tables
 */
export function cohortAccumulatorFromJSON(json: AccumulatorJSON): CohortAccumulator {
  const fn = 'cohortAccumulatorFromJSON';
  return revive(fn, requireObject(fn, 'json', json));
}
