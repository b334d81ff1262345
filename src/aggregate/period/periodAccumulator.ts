import { PatronageError } from '../../errors/PatronageError';
import { requireObject } from '../../internal/validate';
import type { CustomerId, Transaction } from '../../model/transaction';
import { calendarOptionsOf } from '../rfm/rfmOptions';
import {
  type AccumulatorJSON,
  AccumulatorState,
  DayAccumulator,
  reviveState,
  stateColumns,
} from '../shared/accumulatorState';
import type { PeriodRetentionRow } from './periodCore';
import {
  type PeriodRetentionOptions,
  periodSeries,
  type ResolvedPeriodOptions,
  requireSegmentOf,
  resolvePeriodOptions,
} from './periodRetention';

const KIND = 'period-accumulator';

/**
 * Options of {@link createPeriodAccumulator}: those of {@link periodRetention} except `segmentOf`, which
 * is a function (not serialisable state) and is given to `result` instead.
 *
 * @category Tables
 */
export type PeriodAccumulatorOptions = Omit<PeriodRetentionOptions, 'segmentOf'>;

/**
 * A streaming, mergeable retention series: the pattern of {@link RfmAccumulator} for
 * {@link periodRetention}.
 *
 * @category Tables
 */
export interface PeriodAccumulator {
  /** Adds one transaction; throws a PatronageError for an invalid one. */
  add(transaction: Transaction): PeriodAccumulator;
  /** Adds many transactions, all or none (a batch with an invalid row adds nothing). */
  addAll(transactions: Iterable<Transaction>): PeriodAccumulator;
  /**
   * Folds another accumulator of the same kind and options into this one (`other` is not changed), all or
   * nothing. It may come from another copy of patronage (ESM and CJS side by side) or be a JSON state; it may
   * not be this accumulator itself.
   */
  merge(other: PeriodAccumulator | AccumulatorJSON): PeriodAccumulator;
  /** The series of everything added, optionally broken down by `segmentOf`. */
  result(segmentOf?: (customerId: CustomerId) => string | null | undefined): PeriodRetentionRow[];
  /** The state as plain JSON. */
  toJSON(): AccumulatorJSON;
}

class PeriodDayAccumulator extends DayAccumulator implements PeriodAccumulator {
  readonly options: ResolvedPeriodOptions;

  constructor(fn: string, options: unknown) {
    const record = options === undefined ? {} : requireObject(fn, 'options', options);
    if (record['segmentOf'] !== undefined) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${fn}: give segmentOf to result(), not to the accumulator`,
        {
          argument: 'segmentOf',
          value: record['segmentOf'],
        },
      );
    }
    const resolved = resolvePeriodOptions(fn, record);
    const plain = { ...resolved.resolved.plain, period: resolved.period, activeWithin: resolved.window };
    super(
      new AccumulatorState(fn, plain, resolved.resolved.scale, calendarOptionsOf(resolved.resolved.plain)),
      KIND,
    );
    this.options = resolved;
  }

  protected revive(json: Readonly<Record<string, unknown>>): PeriodDayAccumulator {
    return revive(this.state.fn, json);
  }

  result(segmentOf?: (customerId: CustomerId) => string | null | undefined): PeriodRetentionRow[] {
    const fn = this.state.fn;
    const columns = stateColumns(this.state, (day) => day);
    return periodSeries(
      fn,
      columns,
      { ...this.options, segmentOf: requireSegmentOf(fn, segmentOf) },
      (customer) => columns.customerIds[customer] as string,
    );
  }
}

function revive(fn: string, json: Readonly<Record<string, unknown>>): PeriodDayAccumulator {
  // A period accumulator always merges within a day; its state carries the shared options' mergeWithin and
  // unit (neither a period option): reviveState checks they come back as written, 'day' both.
  return reviveState(
    fn,
    json,
    KIND,
    'a period accumulator',
    ({ mergeWithin: _day, unit: _unit, ...options }) => new PeriodDayAccumulator(fn, options),
  );
}

/**
 * Creates an empty {@link PeriodAccumulator} with the options of {@link periodRetention} (without
 * `segmentOf`, which `result` takes).
 *
 * Laws (property-tested): merging the accumulators of any partition, in any order and through JSON,
 * equals one pass and equals {@link periodRetention}; a repeated `eventId` counts once.
 *
 * @param options - `period`, `activeWithin`, `observationEnd`, calendar options, `fractionDigits`
 * @returns an empty accumulator
 * @throws PatronageError for invalid options (and `INVALID_ARGUMENT` for a `segmentOf` here); `add` and
 *   `addAll` throw the row codes of {@link periodRetention}, `CONFLICTING_EVENT_ID` and `MONEY_PRECISION`
 *   (the accumulator's total beyond 2^53 − 1 minor units); `merge` throws `INCOMPATIBLE_ACCUMULATORS`,
 *   `CONFLICTING_EVENT_ID`, `MONEY_PRECISION`, `INVALID_ARGUMENT` for the accumulator itself and the codes
 *   of {@link periodAccumulatorFromJSON} for a JSON state. A call that throws changes nothing.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { createPeriodAccumulator, periodAccumulatorFromJSON } from 'patronage';
 *
 * const a = createPeriodAccumulator({ activeWithin: 30 }).add({ customerId: 1, at: '2024-01-20', amount: 5 });
 * const b = createPeriodAccumulator({ activeWithin: 30 }).add({ customerId: 1, at: '2024-02-25', amount: 5 });
 * a.merge(periodAccumulatorFromJSON(JSON.parse(JSON.stringify(b)))).result().map((row) => row.retained); // => [0, 1]
 * ```
 *
 * @category Tables
 */
export function createPeriodAccumulator(options?: PeriodAccumulatorOptions): PeriodAccumulator {
  return new PeriodDayAccumulator('createPeriodAccumulator', options);
}

/**
 * Revives a {@link PeriodAccumulator} from the JSON its `toJSON` wrote.
 *
 * @param json - the state
 * @returns an accumulator with that state
 * @throws PatronageError `INVALID_STATE` for anything that is not a period accumulator state (malformed, a
 *   customer, day or eventId repeated, options refused, with the inner code in `details.cause`, or not as the
 *   accumulator writes them, such as a `mergeWithin` other than `'day'`), `MONEY_PRECISION` when the amounts
 *   total beyond 2^53 − 1 minor units, `INVALID_ARGUMENT` when `json` is not an object.
 *
 * @example
 * ```ts
 * import { createPeriodAccumulator, periodAccumulatorFromJSON } from 'patronage';
 *
 * const json = JSON.parse(JSON.stringify(createPeriodAccumulator().add({ customerId: 'x', at: '2024-05-05', amount: 1 })));
 * periodAccumulatorFromJSON(json).result()[0]?.period; // => '2024-05'
 * ```
 *
 * @category Tables
 */
export function periodAccumulatorFromJSON(json: AccumulatorJSON): PeriodAccumulator {
  const fn = 'periodAccumulatorFromJSON';
  return revive(fn, requireObject(fn, 'json', json));
}
