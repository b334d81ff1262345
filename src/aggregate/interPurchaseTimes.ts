import { optionKeys } from '../internal/validate';
import type { Transaction } from '../model/transaction';
import { RFM_WINDOW_OPTION_KEYS, type RfmOptions, resolveRfmOptions } from './rfm/rfmOptions';
import { prepareTransactions } from './shared/prepareTransactions';
import { groupPurchaseDays } from './shared/purchaseDays';

/**
 * Options of {@link interPurchaseTimes}: the window, merge period, unit and calendar of {@link rfmSummary}.
 *
 * @category Tables
 */
export type InterPurchaseTimesOptions = Omit<RfmOptions, 'includeFirst'>;

/**
 * One customer's inter-purchase times: the gaps between consecutive purchase days (merge periods).
 *
 * @category Tables
 */
export interface InterPurchaseRow {
  /** The customer, as a string: `String(id)` of the transactions' id. */
  readonly customerId: string;
  /** Gaps between consecutive purchase days: the RFM `frequency` x (distinct purchase days − 1). */
  readonly intervals: number;
  /** Mean gap in the unit, `recency / intervals` (t_x / x); `null` without a gap. */
  readonly meanInterval: number | null;
  /** Mean natural logarithm of the gaps in the unit (BTYDplus' `litt` over x); `null` without a gap. */
  readonly meanLogInterval: number | null;
}

/**
 * The regularity estimate of {@link interPurchaseTimes}: the Erlang/gamma shape k of the inter-purchase
 * times (Wheat & Morrison 1990; Platzer & Reutterer 2016 use it to tell when CNBD-k beats NBD-type models).
 *
 * @category Tables
 */
export interface RegularityEstimate {
  /**
   * k: 1 for purchases as random as a Poisson process (exponential gaps), above 1 for more regular ones
   * (k gap-free stages, Erlang-k), below 1 for clumpier ones. `null` when fewer than two customers have two
   * gaps, or when the ratios do not vary (perfectly regular: k unbounded) or vary so much that no gamma
   * shape gives their variance (sample variance at least 1/4).
   */
  readonly k: number | null;
  /** Customers with at least two gaps, whose last two gaps the estimate uses. */
  readonly customers: number;
}

/**
 * What {@link interPurchaseTimes} returns.
 *
 * @category Tables
 */
export interface InterPurchaseTimesResult {
  /** One row per customer with a purchase in the window, sorted by customer id (numbers first). */
  readonly customers: InterPurchaseRow[];
  /** The shape k of the gaps, pooled over the customers. */
  readonly regularity: RegularityEstimate;
}

const INTER_PURCHASE_OPTION_KEYS = /* @__PURE__ */ optionKeys<InterPurchaseTimesOptions>()(
  [],
  [RFM_WINDOW_OPTION_KEYS],
);

/**
 * Inter-purchase times per customer and a regularity estimate (docs/tables.md, "Inter-purchase times and
 * regularity"). Purchases are merged per calendar day (or `mergeWithin`) as in {@link rfmSummary}; a
 * customer's gaps are the times between the starts of consecutive purchase days, in `unit`, so they are
 * all positive and `meanInterval × intervals` is the RFM `recency`.
 *
 * The regularity is Wheat & Morrison's (1990) estimator, which needs no estimate of each customer's rate:
 * if a customer's gaps are independent gamma(k, λ) draws, the ratio M = t₁ / (t₁ + t₂) of two consecutive
 * gaps is Beta(k, k) whatever λ, with variance 1 / (4 (2k + 1)); so k = (1 − 4 s²) / (8 s²), s² the sample
 * variance (n − 1 denominator) of M over the customers with at least two gaps, from each one's last two
 * gaps.
 *
 * @param transactions - `{ customerId, at, amount, eventId? }` rows (a transaction repeated under the same
 *   `eventId` counts once)
 * @param options - `unit` (default `'day'`), `observationEnd`, `mergeWithin`, time zone, `fractionDigits`,
 *   as for {@link rfmSummary}
 * @returns the per-customer rows and the regularity; no rows and `{ k: null, customers: 0 }` for no
 *   transactions
 * @throws PatronageError for the first invalid row, naming its index (the codes of {@link rfmSummary});
 *   `INVALID_ARGUMENT`, `OUT_OF_RANGE`, `INVALID_PERIOD`, `INVALID_TIME_ZONE` for options; `INVALID_OPTION`
 *   for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { interPurchaseTimes } from 'patronage';
 *
 * const { customers, regularity } = interPurchaseTimes([
 *   { customerId: 'ann', at: '2024-01-01', amount: 10 },
 *   { customerId: 'ann', at: '2024-01-11', amount: 10 },
 *   { customerId: 'ann', at: '2024-01-21', amount: 10 },
 *   { customerId: 'bo', at: '2024-01-01', amount: 10 },
 *   { customerId: 'bo', at: '2024-01-02', amount: 10 },
 *   { customerId: 'bo', at: '2024-01-05', amount: 10 },
 *   { customerId: 'cy', at: '2024-01-03', amount: 10 },
 * ]);
 * customers[0]; // => { customerId: 'ann', intervals: 2, meanInterval: 10, meanLogInterval: 2.302585092994046 }
 * customers[2]; // => { customerId: 'cy', intervals: 0, meanInterval: null, meanLogInterval: null }
 * // M = 10 / 20 = 0.5 for ann and 1 / 4 = 0.25 for bo: s² = 0.03125, k = (1 − 0.125) / 0.25
 * regularity; // => { k: 3.5, customers: 2 }
 * ```
 *
 * @category Tables
 */
export function interPurchaseTimes(
  transactions: Iterable<Transaction>,
  options?: InterPurchaseTimesOptions,
): InterPurchaseTimesResult {
  const fn = 'interPurchaseTimes';
  const resolved = resolveRfmOptions(fn, options, INTER_PURCHASE_OPTION_KEYS);
  const prepared = prepareTransactions(fn, transactions, resolved);
  const { grouped, original } = groupPurchaseDays(prepared, resolved);
  const { offsets, keys } = grouped;
  const { keyer, unitMs } = resolved;
  const customers: InterPurchaseRow[] = [];
  const ratios: number[] = [];
  for (let c = 0; c < grouped.customerCount; c++) {
    const from = offsets[c] as number;
    const to = offsets[c + 1] as number;
    if (to === from) continue;
    const customerId = prepared.customerIds[original === undefined ? c : (original[c] as number)] as string;
    const intervals = to - from - 1;
    if (intervals === 0) {
      customers.push({ customerId, intervals, meanInterval: null, meanLogInterval: null });
      continue;
    }
    let logSum = 0;
    let previous = keyer.startOf(keys[from] as number);
    let gap = 0;
    let lastGap = 0;
    for (let index = from + 1; index < to; index++) {
      const start = keyer.startOf(keys[index] as number);
      lastGap = gap;
      gap = (start - previous) / unitMs;
      logSum += Math.log(gap);
      previous = start;
    }
    if (intervals >= 2) ratios.push(lastGap / (lastGap + gap));
    const meanLog = logSum / intervals;
    customers.push({
      customerId,
      intervals,
      meanInterval: (previous - keyer.startOf(keys[from] as number)) / unitMs / intervals,
      meanLogInterval: meanLog === 0 ? 0 : meanLog,
    });
  }
  return { customers, regularity: { k: wheatMorrisonShape(ratios), customers: ratios.length } };
}

/** k = (1 − 4 s²) / (8 s²) from the ratios' sample variance s²; null where it is not a positive number. */
function wheatMorrisonShape(ratios: readonly number[]): number | null {
  const n = ratios.length;
  if (n < 2) return null;
  let mean = 0;
  for (const ratio of ratios) mean += ratio;
  mean /= n;
  let squares = 0;
  for (const ratio of ratios) squares += (ratio - mean) ** 2;
  const variance = squares / (n - 1);
  if (variance === 0 || 4 * variance >= 1) return null;
  const k = (1 - 4 * variance) / (8 * variance);
  return Number.isFinite(k) ? k : null; // a variance near the smallest double: k beyond the doubles
}
