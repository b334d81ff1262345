import { PatronageError } from '../../errors/PatronageError';
import { optionKeys, requireOptions } from '../../internal/validate';
import { DAY_MS } from '../../model/time';
import type { TimestampInput } from '../../model/timestamp';
import { requireDays } from '../requireDays';
import type { LedgerEntry, RejectedEntry } from './entries';
import { type LedgerMode, resolveLedgerOptions } from './ledgerOptions';
import { replayLedger, requireExactTotal } from './replay';

/**
 * Options of {@link pointsExpiring}.
 *
 * @category Loyalty
 */
export interface PointsExpiringOptions {
  /** Now. */
  readonly at: TimestampInput;
  /** The window: points expiring in (at, at + withinDays days]. 0 to 3660. */
  readonly withinDays: number;
  /** Days a credit stays valid (required: without it nothing expires). */
  readonly validityDays: number;
  /** `'strict'` (default) or `'lenient'`. */
  readonly mode?: LedgerMode;
}

const POINTS_EXPIRING_OPTION_KEYS = /* @__PURE__ */ optionKeys<PointsExpiringOptions>()([
  'at',
  'withinDays',
  'validityDays',
  'mode',
]);

/**
 * Points of one customer that expire within the window.
 *
 * @category Loyalty
 */
export interface ExpiringPoints {
  /** The customer. */
  readonly customerId: string;
  /** Points expiring in the window. */
  readonly points: number;
  /** The first expiry in the window, epoch ms. */
  readonly firstExpiry: number;
  /** Each expiring lot: when and how many points. */
  readonly lots: readonly {
    /** When, epoch ms. */
    readonly expiresAt: number;
    /** How many points. */
    readonly points: number;
  }[];
}

/**
 * The result of {@link pointsExpiring}.
 *
 * @category Loyalty
 */
export interface PointsExpiringResult {
  /** Total points expiring in the window. */
  readonly points: number;
  /** Customers with points expiring, soonest first (then by id). */
  readonly customers: readonly ExpiringPoints[];
  /** Entries not applied (lenient mode). */
  readonly rejected: readonly RejectedEntry[];
}

const FN = 'pointsExpiring';

/**
 * Points that will expire within the next `withinDays` days unless redeemed: the reminder e-mail list
 * ("120 of your points expire on 10 January"). Uses the same first-in-first-out replay as
 * {@link pointsBalance}; assumes no further redemptions.
 *
 * @param ledger - ledger entries of one or many customers
 * @param options - `at`, `withinDays`, `validityDays`, `mode`
 * @returns the total and, per customer, the expiring lots; customers with nothing expiring are left out
 * @throws PatronageError as {@link pointsBalance}; `INVALID_ARGUMENT` when `validityDays` is missing,
 *   `OUT_OF_RANGE` for `withinDays` outside 0–3660 and for a total of expiring points beyond 2^53 − 1.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { pointsExpiring } from 'patronage';
 *
 * const ledger = [
 *   { customerId: 'ann', at: '2025-01-10', kind: 'earn', points: 100 },
 *   { customerId: 'ann', at: '2025-06-01', kind: 'redeem', points: 30 },
 * ] as const;
 * const soon = pointsExpiring(ledger, { at: '2025-12-20', withinDays: 30, validityDays: 365 });
 * soon.points; // => 70
 * new Date(soon.customers[0]?.firstExpiry ?? 0).toISOString(); // => '2026-01-10T00:00:00.000Z'
 * ```
 *
 * @category Loyalty
 */
export function pointsExpiring(
  ledger: readonly LedgerEntry[],
  options: PointsExpiringOptions,
): PointsExpiringResult {
  const record = requireOptions(FN, 'options', options, POINTS_EXPIRING_OPTION_KEYS);
  // each option is read once: the ledger options here, withinDays below
  const resolved = resolveLedgerOptions(FN, record, POINTS_EXPIRING_OPTION_KEYS);
  if (resolved.validityMs === null) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: options.validityDays is required: without it no points expire`,
      { argument: 'options.validityDays', value: undefined },
    );
  }
  const horizon = resolved.at + requireDays(FN, 'options.withinDays', record['withinDays'], 3660) * DAY_MS;
  const replay = replayLedger(FN, ledger, resolved);
  let total = 0;
  const customers: ExpiringPoints[] = [];
  for (const customer of replay.customers) {
    const lots = customer.lots
      .filter((lot) => lot.expiresAt !== null && lot.expiresAt <= horizon)
      .map((lot) => ({ expiresAt: lot.expiresAt as number, points: lot.points }));
    if (lots.length === 0) continue;
    let points = 0;
    for (const lot of lots) points += lot.points;
    total = requireExactTotal(FN, total + points, 'the points expiring in all');
    customers.push({
      customerId: customer.customerId,
      points,
      firstExpiry: (lots[0] as { expiresAt: number }).expiresAt,
      lots,
    });
  }
  customers.sort((left, right) =>
    left.firstExpiry !== right.firstExpiry
      ? left.firstExpiry - right.firstExpiry
      : left.customerId < right.customerId
        ? -1
        : 1,
  );
  return { points: total, customers, rejected: replay.rejected };
}
