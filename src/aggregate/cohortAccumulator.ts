import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { requireList, requireObject } from '../internal/validate';
import { periodKeyOfDay } from '../model/calendar';
import type { CohortOptions, CohortRow } from './cohortCore';
import { cohortTable, resolveCohortOptions } from './cohortRetention';
import { DayLedger, type LedgerJSON } from './dayLedger';
import type { ResolvedRfmOptions } from './rfmOptions';
import type { Transaction } from './transaction';

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
  /** Adds many transactions. */
  addAll(transactions: Iterable<Transaction>): CohortAccumulator;
  /** Folds another cohort accumulator with the same options into this one. */
  merge(other: CohortAccumulator): CohortAccumulator;
  /** The cohort table of everything added. */
  result(): CohortRow[];
  /** The state as plain JSON. */
  toJSON(): LedgerJSON;
}

class CohortAccumulatorState implements CohortAccumulator {
  readonly ledger: DayLedger;
  readonly resolved: ResolvedRfmOptions;
  readonly weekStartsOn: number;
  private added = 0;

  constructor(fn: string, options: unknown) {
    const { resolved, weekStartsOn } = resolveCohortOptions(fn, options);
    this.resolved = resolved;
    this.weekStartsOn = weekStartsOn;
    const { timeZone, utcOffsetMinutes } = resolved.plain;
    const calendar: Record<string, unknown> = { weekStartsOn };
    if (timeZone !== undefined) calendar['timeZone'] = timeZone;
    if (utcOffsetMinutes !== undefined) calendar['utcOffsetMinutes'] = utcOffsetMinutes;
    this.ledger = new DayLedger(fn, resolved.plain, resolved.scale, calendar);
  }

  add(transaction: Transaction): CohortAccumulator {
    this.ledger.add(transaction, this.added++);
    return this;
  }

  addAll(transactions: Iterable<Transaction>): CohortAccumulator {
    const list = requireList(this.ledger.fn, 'transactions', transactions);
    for (let index = 0; index < list.length; index++) this.ledger.add(list[index], index);
    this.added += list.length;
    return this;
  }

  merge(other: CohortAccumulator): CohortAccumulator {
    const otherLedger =
      other instanceof CohortAccumulatorState
        ? other.ledger
        : revive(this.ledger.fn, requireObject(this.ledger.fn, 'other', other)).ledger;
    this.ledger.merge(otherLedger);
    return this;
  }

  result(): CohortRow[] {
    const snapshot = this.ledger.snapshot();
    const customerIndex: number[] = [];
    const keys: number[] = [];
    const minor: number[] = [];
    let maxKey = Number.NEGATIVE_INFINITY;
    snapshot.forEach(({ days }, index) => {
      for (const [day, amount] of days) {
        const key = periodKeyOfDay(day, this.resolved.mergeWithin, this.weekStartsOn);
        customerIndex.push(index);
        keys.push(key);
        minor.push(amount);
        if (key > maxKey) maxKey = key;
      }
    });
    return cohortTable(
      this.ledger.fn,
      {
        customerCount: snapshot.length,
        customerIndex,
        keys: Int32Array.from(keys),
        minor: Float64Array.from(minor),
        maxKey,
      },
      this.resolved,
      this.weekStartsOn,
    );
  }

  toJSON(): LedgerJSON {
    return this.ledger.toJSON(KIND);
  }
}

function revive(fn: string, json: Readonly<Record<string, unknown>>): CohortAccumulatorState {
  if (json['format'] !== `patronage/${KIND}`) {
    throw new PatronageError(
      'INVALID_STATE',
      `${fn}: not a cohort accumulator state (format ${describeValue(json['format'])})`,
      {
        argument: 'json',
        value: json['format'],
      },
    );
  }
  const options = requireObject(fn, 'json.options', json['options']);
  const { mergeWithin, ...rest } = options;
  const state = new CohortAccumulatorState(fn, { ...rest, period: mergeWithin });
  state.ledger.load(json, KIND);
  return state;
}

/**
 * Creates an empty {@link CohortAccumulator} with the options of {@link cohortRetention}.
 *
 * Laws (property-tested): merging the accumulators of any partition, in any order and through JSON,
 * equals one pass; event order does not matter; a repeated `eventId` counts once.
 *
 * @param options - `period` (default `'month'`), `observationEnd`, time zone, `fractionDigits`
 * @returns an empty accumulator
 * @throws PatronageError for invalid options; `add` throws the row codes of {@link cohortRetention},
 *   `merge` throws `INCOMPATIBLE_ACCUMULATORS` and `CONFLICTING_EVENT_ID`.
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
  return new CohortAccumulatorState('createCohortAccumulator', options);
}

/**
 * Revives a {@link CohortAccumulator} from the JSON its `toJSON` wrote.
 *
 * @param json - the state
 * @returns an accumulator with that state
 * @throws PatronageError `INVALID_STATE` for anything that is not a cohort accumulator state,
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
export function cohortAccumulatorFromJSON(json: LedgerJSON): CohortAccumulator {
  const fn = 'cohortAccumulatorFromJSON';
  return revive(fn, requireObject(fn, 'json', json));
}
