import {
  optionKeys,
  requireAtLeast,
  requireFinite,
  requireFraction,
  requireOptions,
} from '../../internal/validate';
import type { LedgerEntry, RejectedEntry } from './entries';
import { LEDGER_OPTION_KEYS, type LedgerOptions, resolveLedgerOptions } from './ledgerOptions';
import { ledgerTotals, replayLedger } from './replay';

/**
 * Options of {@link pointsLiability}.
 *
 * @category Loyalty
 */
export interface PointsLiabilityOptions extends LedgerOptions {
  /** What one point costs the business when redeemed, in currency units (for example 0.01). */
  readonly pointValue: number;
  /**
   * The share of outstanding points expected never to be redeemed, in [0, 1] (default 0): for example
   * {@link breakageRate}'s `settled` rate, or an actuarial estimate.
   */
  readonly expectedBreakage?: number;
}

const POINTS_LIABILITY_OPTION_KEYS = /* @__PURE__ */ optionKeys<PointsLiabilityOptions>()(
  ['pointValue', 'expectedBreakage'],
  [LEDGER_OPTION_KEYS],
);

/**
 * The result of {@link pointsLiability}.
 *
 * @category Loyalty
 */
export interface PointsLiabilityResult {
  /** Points on all balances at `at`. */
  readonly outstandingPoints: number;
  /** outstandingPoints × pointValue. */
  readonly grossLiability: number;
  /** grossLiability × (1 − expectedBreakage): the liability to book. */
  readonly liability: number;
  /** Entries not applied (lenient mode). */
  readonly rejected: readonly RejectedEntry[];
}

const FN = 'pointsLiability';

/**
 * The outstanding points liability at a time: every unexpired point on every balance, valued at
 * `pointValue` and reduced by the breakage expected on them (the IFRS 15 / ASC 606 practice of deferring
 * revenue for points expected to be redeemed).
 *
 * @param ledger - ledger entries of all customers
 * @param options - `at`, `validityDays`, `mode`, `pointValue` (≥ 0), `expectedBreakage` in [0, 1]
 * @returns outstanding points, gross and net liability, rejected entries
 * @throws PatronageError as {@link pointsBalance}; `OUT_OF_RANGE` for a negative `pointValue` or a
 *   breakage outside [0, 1], `NOT_FINITE` when the liability overflows.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { pointsLiability } from 'patronage';
 *
 * const ledger = [
 *   { customerId: 'ann', at: '2025-01-10', kind: 'earn', points: 1000 },
 *   { customerId: 'bo', at: '2025-02-10', kind: 'earn', points: 500 },
 *   { customerId: 'bo', at: '2025-03-10', kind: 'redeem', points: 300 },
 * ] as const;
 * const owed = pointsLiability(ledger, { at: '2025-06-30', pointValue: 0.01, expectedBreakage: 0.2 });
 * owed.outstandingPoints; // => 1200
 * owed.grossLiability; // => 12
 * owed.liability; // => 9.6
 * ```
 *
 * @category Loyalty
 */
export function pointsLiability(
  ledger: readonly LedgerEntry[],
  options: PointsLiabilityOptions,
): PointsLiabilityResult {
  const record = requireOptions(FN, 'options', options, POINTS_LIABILITY_OPTION_KEYS);
  const pointValue = requireAtLeast(FN, 'options.pointValue', record['pointValue'], 0);
  const breakageGiven = record['expectedBreakage'];
  const breakage =
    breakageGiven === undefined ? 0 : requireFraction(FN, 'options.expectedBreakage', breakageGiven);
  const replay = replayLedger(FN, ledger, resolveLedgerOptions(FN, options, POINTS_LIABILITY_OPTION_KEYS));
  const outstanding = ledgerTotals(FN, replay.customers).balance;
  const gross = requireFinite(FN, 'grossLiability', outstanding * pointValue);
  return {
    outstandingPoints: outstanding,
    grossLiability: gross,
    liability: gross * (1 - breakage),
    rejected: replay.rejected,
  };
}
