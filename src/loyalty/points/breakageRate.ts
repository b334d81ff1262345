import type { LedgerEntry, RejectedEntry } from './entries';
import { LEDGER_OPTION_KEYS, type LedgerOptions, resolveLedgerOptions } from './ledgerOptions';
import { ledgerTotals, replayLedger } from './replay';

/**
 * The result of {@link breakageRate}. A rate is null when its denominator is 0 (nothing settled yet, or
 * nothing earned): undefined, not 0.
 *
 * @category Loyalty
 */
export interface BreakageResult {
  /** expired ÷ (redeemed + expired): of the points whose fate is settled, the share that expired. */
  readonly settled: number | null;
  /** expired ÷ earned: a lower bound while points are still outstanding. */
  readonly ofEarned: number | null;
  /** Points earned. */
  readonly earned: number;
  /** Points redeemed. */
  readonly redeemed: number;
  /** Points expired. */
  readonly expired: number;
  /** Points still outstanding, whose fate is open. */
  readonly outstanding: number;
  /** Entries not applied (lenient mode). */
  readonly rejected: readonly RejectedEntry[];
}

const FN = 'breakageRate';

/**
 * Breakage: the share of loyalty points that are never redeemed. Reports the settled rate
 * expired ÷ (redeemed + expired), the usual estimate for booking the liability (see
 * {@link pointsLiability}'s `expectedBreakage`), and expired ÷ earned, which only reaches the true
 * breakage once no points are outstanding. Adjustments count in neither.
 *
 * @param ledger - ledger entries of all customers
 * @param options - `at`, `validityDays`, `mode`
 * @returns both rates (null when undefined) and the point totals
 * @throws PatronageError as {@link pointsBalance}.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { breakageRate } from 'patronage';
 *
 * const ledger = [
 *   { customerId: 'ann', at: '2024-01-01', kind: 'earn', points: 100 },
 *   { customerId: 'ann', at: '2024-03-01', kind: 'redeem', points: 60 },
 *   { customerId: 'bo', at: '2024-06-01', kind: 'earn', points: 50 },
 * ] as const;
 * const breakage = breakageRate(ledger, { at: '2025-03-01', validityDays: 365 });
 * breakage.expired; // => 40
 * breakage.settled; // => 0.4
 * breakage.outstanding; // => 50
 * ```
 *
 * @category Loyalty
 */
export function breakageRate(ledger: readonly LedgerEntry[], options: LedgerOptions): BreakageResult {
  const replay = replayLedger(FN, ledger, resolveLedgerOptions(FN, options, LEDGER_OPTION_KEYS));
  const { earned, redeemed, expired, balance: outstanding } = ledgerTotals(FN, replay.customers);
  return {
    settled: redeemed + expired === 0 ? null : expired / (redeemed + expired),
    ofEarned: earned === 0 ? null : expired / earned,
    earned,
    redeemed,
    expired,
    outstanding,
    rejected: replay.rejected,
  };
}
