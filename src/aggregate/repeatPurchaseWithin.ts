import { optionalObject, optionKeys, requirePositiveCount } from '../internal/validate';
import { CALENDAR_OPTION_KEYS } from '../model/localCalendar';
import { type RfmOptions, resolveRfmOptions } from './rfm/rfmOptions';
import type { TransactionColumns } from './shared/prepareColumns';
import { purchaseDays, repeatCounts } from './shared/purchaseDays';

/**
 * Options of {@link repeatPurchaseWithin}.
 *
 * @category Tables
 */
export interface RepeatPurchaseWithinOptions
  extends Omit<RfmOptions, 'unit' | 'mergeWithin' | 'includeFirst'> {
  /** The window after the first purchase day, in whole days (at least 1). */
  readonly within: number;
}

const OPTION_KEYS = /* @__PURE__ */ optionKeys<RepeatPurchaseWithinOptions>()(
  ['within', 'observationEnd', 'fractionDigits'],
  [CALENDAR_OPTION_KEYS],
);

/**
 * The share of customers who bought again within `within` days of their first purchase.
 *
 * @category Tables
 */
export interface RepeatPurchaseWithinResult {
  /** The window, in days. */
  readonly within: number;
  /** Customers with a purchase up to the end of observation. */
  readonly customers: number;
  /** Customers with a single purchase day: they never bought again within the data. */
  readonly oneTimeBuyers: number;
  /** `oneTimeBuyers / customers`, or null for no customers. */
  readonly oneTimeShare: number | null;
  /**
   * Customers first seen at least `within` days before the end of observation: only they could have
   * been seen to come back within the window, so only they are counted in `share`.
   */
  readonly observed: number;
  /** Of `observed`, those whose second purchase day came at most `within` days after the first. */
  readonly repeated: number;
  /** `repeated / observed`, or null when no customer was observed for `within` days. */
  readonly share: number | null;
}

const FN = 'repeatPurchaseWithin';

/**
 * The share of customers who bought again within `within` days of their first purchase, from each
 * customer's first-to-second purchase gap (docs/formulas.md §1.6a): `repeated / observed`, where `observed`
 * counts the customers first seen at least `within` days before the end of observation (a customer who
 * arrived later could not have been seen to come back in time, so counting them would understate the
 * share) and `repeated` those of them whose second purchase day is at most `within` days after the first.
 * A customer with one purchase day counts as not having bought again. Purchases on the same calendar day
 * are one purchase, as in {@link rfmSummary}.
 *
 * This is a share of customers, unlike the median of the gaps between purchases, which heavy buyers with
 * many short gaps dominate.
 *
 * @param columns - `customerIndex`, `at` (epoch ms) and `amount` (major units), equal lengths
 * @param options - `within` (days), `observationEnd`, the calendar options (time zone) and `fractionDigits`
 * @returns the counts and the shares; shares are null when their denominator is 0
 * @throws PatronageError `INVALID_COLUMNS`, `INVALID_TIMESTAMP`, `MONEY_PRECISION` as
 *   {@link rfmSummaryColumns}; `NOT_FINITE`, `NOT_AN_INTEGER` and `OUT_OF_RANGE` for `within` not a whole
 *   number of at least 1 (missing included), and the option codes of {@link rfmSummaryColumns}.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { repeatPurchaseWithin } from 'patronage';
 *
 * const day = 86_400_000;
 * const result = repeatPurchaseWithin(
 *   { customerIndex: [0, 0, 1, 1, 2, 3], at: [0, 10 * day, 0, 60 * day, 5 * day, 95 * day], amount: [5, 5, 5, 5, 5, 5] },
 *   { within: 30 },
 * );
 * result.observed; // => 3
 * result.repeated; // => 1
 * result.oneTimeBuyers; // => 2
 * ```
 *
 * @category Tables
 */
export function repeatPurchaseWithin(
  columns: TransactionColumns,
  options: RepeatPurchaseWithinOptions,
): RepeatPurchaseWithinResult {
  const record = optionalObject(FN, 'options', options, OPTION_KEYS);
  const within = requirePositiveCount(FN, 'options.within', record['within']);
  const resolved = resolveRfmOptions(FN, record, OPTION_KEYS);
  const counts = repeatCounts(purchaseDays(FN, columns, resolved), within);
  return {
    within,
    customers: counts.customers,
    oneTimeBuyers: counts.oneTime,
    oneTimeShare: counts.customers === 0 ? null : counts.oneTime / counts.customers,
    observed: counts.observed,
    repeated: counts.repeated,
    share: counts.observed === 0 ? null : counts.repeated / counts.observed,
  };
}
