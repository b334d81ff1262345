import { PatronageError } from '../../errors/PatronageError';
import { optionalBoolean, optionalObject, optionKeys } from '../../internal/validate';
import { labelOfPeriodKey, periodOrdinal, shiftPeriodKey } from '../../model/calendarKeys';
import {
  CALENDAR_OPTION_KEYS,
  type CalendarOptions,
  type CalendarPeriod,
  requirePeriod,
} from '../../model/localCalendar';
import type { TimestampInput } from '../../model/timestamp';
import type { Transaction } from '../../model/transaction';
import { resolveRfmOptions } from '../rfm/rfmOptions';
import { prepareTransactions } from '../shared/prepareTransactions';
import { groupPurchaseDays } from '../shared/purchaseDays';

/**
 * Options of {@link discreteSummary}.
 *
 * @category Tables
 */
export interface DiscreteSummaryOptions extends CalendarOptions {
  /** The calendar period of one transaction opportunity (`'year'` for annual donations). Required. */
  readonly period: CalendarPeriod;
  /**
   * End of observation: its period is the last opportunity observed, counted in full even when observation
   * ends inside it; transactions in later periods are outside the summary. Default: the last transaction.
   */
  readonly observationEnd?: TimestampInput;
  /** Decimals of the currency's minor unit, default 2 (amounts are validated as {@link rfmSummary} does). */
  readonly fractionDigits?: number;
  /** Also return the customer-by-period incidence matrix ({@link IncidenceMatrix}). Default false. */
  readonly incidence?: boolean;
}

/**
 * One customer's discrete-time (BG/BB) summary. In the literature's notation (Fader, Hardie & Shang 2010):
 * `frequency` is x, `recency` t_x, `periods` n.
 *
 * @category Tables
 */
export interface DiscreteCustomerRow {
  /** The customer, as a string: `String(id)` of the transactions' id. */
  readonly customerId: string;
  /** The ISO label of the period of the customer's first purchase (the trial), such as `'1995'`. */
  readonly trial: string;
  /** x: opportunities (periods after the trial) with at least one purchase. */
  readonly frequency: number;
  /** t_x: the last opportunity with a purchase, counted from the trial (1 = the period after it); 0 without one. */
  readonly recency: number;
  /** n: opportunities observed, the periods after the trial up to the period of the end of observation. */
  readonly periods: number;
}

/**
 * A distinct (x, t_x, n) with the number of customers who have it: the input {@link fitBgBb} takes.
 *
 * @category Tables
 */
export interface DiscreteWeightedRow {
  /** x: opportunities with a purchase. */
  readonly frequency: number;
  /** t_x: the last opportunity with a purchase (0 without one). */
  readonly recency: number;
  /** n: opportunities observed. */
  readonly periods: number;
  /** Customers with this summary, at least 1. */
  readonly weight: number;
}

/**
 * The customer-by-period incidence matrix (the 0/1 customer-by-time matrix of BTYD's `dc.CreateReachCBT`): one row per customer of
 * {@link DiscreteSummaryResult.customers}, in the same order, one column per period of `labels`, from the
 * earliest trial period to the period of the end of observation.
 *
 * @category Tables
 */
export interface IncidenceMatrix {
  /** ISO labels of the periods, oldest first, consecutive. */
  readonly labels: readonly string[];
  /** Customers (rows). */
  readonly customers: number;
  /**
   * Row-major cells: `cells[row * labels.length + column]` is 1 when that customer bought in that period,
   * else 0 (also for the periods before the customer's trial).
   */
  readonly cells: Uint8Array;
}

/**
 * What {@link discreteSummary} returns.
 *
 * @category Tables
 */
export interface DiscreteSummaryResult {
  /** One row per customer with a purchase up to the end of observation, sorted by customer id (numbers first). */
  readonly customers: DiscreteCustomerRow[];
  /**
   * The distinct (x, t_x, n) with their customer counts as `weight`, in ascending order of `periods`,
   * `frequency`, `recency`: pass them to {@link fitBgBb} as they are.
   */
  readonly rows: DiscreteWeightedRow[];
  /** The incidence matrix, present when `incidence: true` was asked for. */
  readonly incidence?: IncidenceMatrix;
}

/**
 * The most cells (customers × periods) an incidence matrix may hold: 4,000,000 bytes, as many cells as a
 * cohort table may hold.
 */
export const MAX_INCIDENCE_CELLS = 4_000_000;

const DISCRETE_SUMMARY_OPTION_KEYS = /* @__PURE__ */ optionKeys<DiscreteSummaryOptions>()(
  ['period', 'observationEnd', 'fractionDigits', 'incidence'],
  [CALENDAR_OPTION_KEYS],
);

/**
 * The BG/BB input straight from a transaction log (Fader, Hardie & Shang 2010; BTYD's `dc.*` helpers;
 * docs/tables.md, "Discrete-time summaries"): each calendar period is one transaction opportunity. Per
 * customer, the period of the first purchase is the trial and is not an opportunity; the opportunities are
 * the periods after it up to the period of `observationEnd`, which counts in full even when observation
 * ends inside it (as in {@link cohortRetention}). Then
 *
 * - n (`periods`) = the opportunities observed, the end period's ordinal minus the trial's;
 * - x (`frequency`) = the opportunities with at least one purchase (several purchases in one period count
 *   once);
 * - t_x (`recency`) = the last such opportunity, counted from the trial (0 when x = 0).
 *
 * So 0 ≤ x ≤ t_x ≤ n, and a customer whose trial is the end period has n = 0 (such rows add nothing to the
 * BG/BB likelihood). Periods are calendar periods in UTC by default (see `CalendarOptions`). Customers of
 * several trial periods (cohorts) differ in n; `trial` names each one's cohort.
 *
 * @param transactions - `{ customerId, at, amount, eventId? }` rows (a transaction repeated under the same
 *   `eventId` counts once)
 * @param options - `period` (required), `observationEnd` (default: the last transaction), time zone,
 *   `fractionDigits`, `incidence` (default false)
 * @returns the per-customer rows, the weighted distinct rows for {@link fitBgBb} and, when asked for, the
 *   incidence matrix; empty lists (and an empty matrix) for no transactions
 * @throws PatronageError for the first invalid row, naming its index (the codes of {@link rfmSummary}:
 *   `NOT_AN_OBJECT`, `MISSING_FIELD`, `INVALID_FIELD`, `INVALID_TIMESTAMP`, `CONFLICTING_EVENT_ID`);
 *   `INVALID_PERIOD` for a missing or unknown `period`; `INVALID_TIME_ZONE`, `INVALID_ARGUMENT` and
 *   `OUT_OF_RANGE` for other options; `OUT_OF_RANGE` when the incidence matrix would hold more than
 *   4,000,000 cells (thrown before it is built, `details` giving `customers`, `periods`, `cells` and
 *   `limit`); `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { discreteSummary, fitBgBb } from 'patronage';
 *
 * const summary = discreteSummary(
 *   [
 *     { customerId: 'ann', at: '2020-03-01', amount: 50 }, // trial
 *     { customerId: 'ann', at: '2021-06-10', amount: 20 },
 *     { customerId: 'ann', at: '2021-11-02', amount: 20 }, // the same opportunity
 *     { customerId: 'bo', at: '2020-07-15', amount: 10 }, // trial, never again
 *     { customerId: 'cy', at: '2020-01-09', amount: 25 },
 *     { customerId: 'cy', at: '2022-02-01', amount: 25 },
 *   ],
 *   { period: 'year', observationEnd: '2022-12-31' },
 * );
 * summary.customers;
 * // => [
 * //   { customerId: 'ann', trial: '2020', frequency: 1, recency: 1, periods: 2 },
 * //   { customerId: 'bo', trial: '2020', frequency: 0, recency: 0, periods: 2 },
 * //   { customerId: 'cy', trial: '2020', frequency: 1, recency: 2, periods: 2 },
 * // ]
 * summary.rows;
 * // => [
 * //   { frequency: 0, recency: 0, periods: 2, weight: 1 },
 * //   { frequency: 1, recency: 1, periods: 2, weight: 1 },
 * //   { frequency: 1, recency: 2, periods: 2, weight: 1 },
 * // ]
 * fitBgBb(summary.rows).n; // => 3
 * ```
 *
 * @example
 * ```ts
 * import { discreteSummary } from 'patronage';
 *
 * const { incidence } = discreteSummary(
 *   [
 *     { customerId: 1, at: '2024-01-05', amount: 9 },
 *     { customerId: 1, at: '2024-03-05', amount: 9 },
 *     { customerId: 2, at: '2024-02-20', amount: 9 },
 *   ],
 *   { period: 'month', incidence: true },
 * );
 * incidence?.labels; // => ['2024-01', '2024-02', '2024-03']
 * Array.from(incidence?.cells ?? []); // => [1, 0, 1, 0, 1, 0]
 * ```
 *
 * @category Tables
 */
export function discreteSummary(
  transactions: Iterable<Transaction>,
  options: DiscreteSummaryOptions,
): DiscreteSummaryResult {
  const fn = 'discreteSummary';
  const record = optionalObject(fn, 'options', options, DISCRETE_SUMMARY_OPTION_KEYS);
  const { period, incidence: rawIncidence, ...rest } = record;
  const withIncidence = optionalBoolean(fn, 'options.incidence', rawIncidence, false);
  const unit = requirePeriod(fn, period); // required: INVALID_PERIOD when missing
  const resolved = resolveRfmOptions(fn, rest, DISCRETE_SUMMARY_OPTION_KEYS, unit);
  const weekStartsOn = (record['weekStartsOn'] as number | undefined) ?? 1;
  const prepared = prepareTransactions(fn, transactions, resolved);
  const { grouped, original, endKey } = groupPurchaseDays(prepared, resolved);
  const { offsets, keys } = grouped;
  const endOrdinal = periodOrdinal(endKey, unit);
  const customers: DiscreteCustomerRow[] = [];
  // the weighted rows, keyed by (n, x, t_x): counted here, sorted at the end
  const counts = new Map<string, { frequency: number; recency: number; periods: number; weight: number }>();
  let firstTrialKey = Number.POSITIVE_INFINITY;
  for (let c = 0; c < grouped.customerCount; c++) {
    const from = offsets[c] as number;
    const to = offsets[c + 1] as number;
    if (to === from) continue; // no purchase up to the end of observation
    const trialKey = keys[from] as number;
    const trialOrdinal = periodOrdinal(trialKey, unit);
    const frequency = to - from - 1; // distinct periods after the trial, all within the end period
    const recency = frequency === 0 ? 0 : periodOrdinal(keys[to - 1] as number, unit) - trialOrdinal;
    const periods = endOrdinal - trialOrdinal;
    if (trialKey < firstTrialKey) firstTrialKey = trialKey;
    customers.push({
      customerId: prepared.customerIds[original === undefined ? c : (original[c] as number)] as string,
      trial: labelOfPeriodKey(trialKey, unit, weekStartsOn),
      frequency,
      recency,
      periods,
    });
    const key = `${periods},${frequency},${recency}`;
    const seen = counts.get(key);
    if (seen === undefined) counts.set(key, { frequency, recency, periods, weight: 1 });
    else seen.weight++;
  }
  const rows = [...counts.values()].sort(
    (a, b) => a.periods - b.periods || a.frequency - b.frequency || a.recency - b.recency,
  );
  if (!withIncidence) return { customers, rows };
  return {
    customers,
    rows,
    incidence: incidenceMatrix(fn, grouped, firstTrialKey, endKey, unit, weekStartsOn),
  };
}

/** The incidence matrix of the grouped periods, from the first trial period to the end period. */
function incidenceMatrix(
  fn: string,
  grouped: { customerCount: number; offsets: Uint32Array; keys: Int32Array },
  firstKey: number,
  endKey: number,
  unit: CalendarPeriod,
  weekStartsOn: number,
): IncidenceMatrix {
  const { offsets, keys } = grouped;
  let customers = 0;
  for (let c = 0; c < grouped.customerCount; c++)
    if ((offsets[c + 1] as number) > (offsets[c] as number)) customers++;
  if (customers === 0) return { labels: [], customers: 0, cells: new Uint8Array(0) };
  const firstOrdinal = periodOrdinal(firstKey, unit);
  const width = periodOrdinal(endKey, unit) - firstOrdinal + 1;
  const cells = customers * width;
  if (cells > MAX_INCIDENCE_CELLS) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${fn}: the incidence matrix would hold ${cells} cells (${customers} customers over ${width} ${unit} periods), more than the ${MAX_INCIDENCE_CELLS} it may hold; use a longer period or leave incidence out`,
      {
        argument: 'options',
        value: { period: unit, incidence: true },
        customers,
        periods: width,
        cells,
        limit: MAX_INCIDENCE_CELLS,
      },
    );
  }
  const labels = new Array<string>(width);
  for (let column = 0; column < width; column++)
    labels[column] = labelOfPeriodKey(shiftPeriodKey(firstKey, unit, column), unit, weekStartsOn);
  const matrix = new Uint8Array(cells);
  let row = 0;
  for (let c = 0; c < grouped.customerCount; c++) {
    const from = offsets[c] as number;
    const to = offsets[c + 1] as number;
    if (to === from) continue;
    for (let index = from; index < to; index++)
      matrix[row * width + periodOrdinal(keys[index] as number, unit) - firstOrdinal] = 1;
    row++;
  }
  return { labels, customers, cells: matrix };
}
