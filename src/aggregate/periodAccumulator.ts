import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { requireList, requireObject } from '../internal/validate';
import { DayLedger, type LedgerJSON } from './dayLedger';
import type { PeriodRetentionRow } from './periodCore';
import {
  type PeriodRetentionOptions,
  periodSeries,
  type ResolvedPeriodOptions,
  resolvePeriodOptions,
} from './periodRetention';
import type { CustomerId, Transaction } from './transaction';

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
  /** Adds many transactions. */
  addAll(transactions: Iterable<Transaction>): PeriodAccumulator;
  /** Folds another period accumulator with the same options into this one. */
  merge(other: PeriodAccumulator): PeriodAccumulator;
  /** The series of everything added, optionally broken down by `segmentOf`. */
  result(segmentOf?: (customerId: CustomerId) => string | null | undefined): PeriodRetentionRow[];
  /** The state as plain JSON. */
  toJSON(): LedgerJSON;
}

class PeriodAccumulatorState implements PeriodAccumulator {
  readonly ledger: DayLedger;
  readonly options: ResolvedPeriodOptions;
  readonly raw: Readonly<Record<string, unknown>>;
  private added = 0;

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
    this.options = resolvePeriodOptions(fn, record);
    this.raw = {
      ...this.options.resolved.plain,
      period: this.options.period,
      activeWithin: this.options.window,
    };
    const { timeZone, utcOffsetMinutes, weekStartsOn } = this.options.resolved.plain;
    const calendar: Record<string, unknown> = {};
    if (timeZone !== undefined) calendar['timeZone'] = timeZone;
    if (utcOffsetMinutes !== undefined) calendar['utcOffsetMinutes'] = utcOffsetMinutes;
    if (weekStartsOn !== undefined) calendar['weekStartsOn'] = weekStartsOn;
    this.ledger = new DayLedger(fn, this.raw, this.options.resolved.scale, calendar);
  }

  add(transaction: Transaction): PeriodAccumulator {
    this.ledger.add(transaction, this.added++);
    return this;
  }

  addAll(transactions: Iterable<Transaction>): PeriodAccumulator {
    const list = requireList(this.ledger.fn, 'transactions', transactions);
    for (let index = 0; index < list.length; index++) this.ledger.add(list[index], index);
    this.added += list.length;
    return this;
  }

  merge(other: PeriodAccumulator): PeriodAccumulator {
    const otherLedger =
      other instanceof PeriodAccumulatorState
        ? other.ledger
        : revive(this.ledger.fn, requireObject(this.ledger.fn, 'other', other)).ledger;
    this.ledger.merge(otherLedger);
    return this;
  }

  result(segmentOf?: (customerId: CustomerId) => string | null | undefined): PeriodRetentionRow[] {
    const fn = this.ledger.fn;
    if (segmentOf !== undefined && typeof segmentOf !== 'function') {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${fn}: segmentOf must be a function, got ${describeValue(segmentOf)}`,
        {
          argument: 'segmentOf',
          value: segmentOf,
        },
      );
    }
    const snapshot = this.ledger.snapshot();
    const customerIndex: number[] = [];
    const keys: number[] = [];
    const minor: number[] = [];
    let maxKey = Number.NEGATIVE_INFINITY;
    snapshot.forEach(({ days }, index) => {
      for (const [day, amount] of days) {
        customerIndex.push(index);
        keys.push(day);
        minor.push(amount);
        if (day > maxKey) maxKey = day;
      }
    });
    return periodSeries(
      fn,
      {
        customerCount: snapshot.length,
        customerIndex,
        keys: Int32Array.from(keys),
        minor: Float64Array.from(minor),
        maxKey,
      },
      { ...this.options, segmentOf },
      (customer) => (snapshot[customer] as { customerId: CustomerId }).customerId,
    );
  }

  toJSON(): LedgerJSON {
    return this.ledger.toJSON(KIND);
  }
}

function revive(fn: string, json: Readonly<Record<string, unknown>>): PeriodAccumulatorState {
  if (json['format'] !== `patronage/${KIND}`) {
    throw new PatronageError(
      'INVALID_STATE',
      `${fn}: not a period accumulator state (format ${describeValue(json['format'])})`,
      {
        argument: 'json',
        value: json['format'],
      },
    );
  }
  const { mergeWithin, ...options } = requireObject(fn, 'json.options', json['options']);
  void mergeWithin;
  const state = new PeriodAccumulatorState(fn, options);
  state.ledger.load(json, KIND);
  return state;
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
 * @throws PatronageError for invalid options (and `INVALID_ARGUMENT` for a `segmentOf` here); `add`
 *   throws the row codes of {@link periodRetention}; `merge` throws `INCOMPATIBLE_ACCUMULATORS`.
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
  return new PeriodAccumulatorState('createPeriodAccumulator', options);
}

/**
 * Revives a {@link PeriodAccumulator} from the JSON its `toJSON` wrote.
 *
 * @param json - the state
 * @returns an accumulator with that state
 * @throws PatronageError `INVALID_STATE` for anything that is not a period accumulator state,
 *   `INVALID_ARGUMENT` when `json` is not an object.
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
export function periodAccumulatorFromJSON(json: LedgerJSON): PeriodAccumulator {
  const fn = 'periodAccumulatorFromJSON';
  return revive(fn, requireObject(fn, 'json', json));
}
