import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { requireList } from '../../internal/validate';
import { isSummaryRow } from '../../model/customerSummary';
import type { RfmScoreInput } from './rfmScores';

/**
 * The population a {@link loyaltyScore} compares a customer with: 101 quantiles (0%, 1%, …, 100%) of
 * the time since the last purchase, the frequency and the monetary value. Plain JSON, a few kilobytes:
 * build it in the nightly job, store it, and score at checkout in microseconds.
 *
 * @category Loyalty
 */
export interface LoyaltyReference {
  /** Customers it was built from. */
  readonly customers: number;
  /** Quantiles of T − recency (time since the last purchase), ascending. */
  readonly sinceLastPurchase: readonly number[];
  /** Quantiles of frequency, ascending. */
  readonly frequency: readonly number[];
  /** Quantiles of monetaryValue, ascending. */
  readonly monetaryValue: readonly number[];
}

const FN = 'loyaltyReference';

function quantiles(values: Float64Array): number[] {
  const sorted = values.sort();
  const n = sorted.length;
  const out: number[] = [];
  for (let k = 0; k <= 100; k++) {
    // linear interpolation between order statistics (type 7, as R and NumPy default)
    const position = (k / 100) * (n - 1);
    const low = Math.floor(position);
    const high = Math.min(n - 1, low + 1);
    const fraction = position - low;
    const a = sorted[low] as number;
    const b = sorted[high] as number;
    out.push(fraction === 0 ? a : a + (b - a) * fraction);
  }
  return out;
}

/**
 * Builds the {@link LoyaltyReference} of a customer base from its RFM summary rows.
 *
 * @param rows - summary rows as {@link rfmSummary} returns them (same time unit as the customers you
 *   will score)
 * @returns the quantile tables
 * @throws PatronageError `EMPTY_INPUT` for no rows, `INVALID_SUMMARY_ROW` naming a row with a negative or
 *   non-finite field or recency above T.
 *
 * @example
 * ```ts
 * import { loyaltyReference } from 'patronage';
 *
 * const reference = loyaltyReference([
 *   { frequency: 0, recency: 0, T: 30, monetaryValue: 0 },
 *   { frequency: 4, recency: 20, T: 30, monetaryValue: 50 },
 * ]);
 * reference.frequency[50]; // => 2
 * reference.customers; // => 2
 * ```
 *
 * @category Loyalty
 */
export function loyaltyReference(rows: readonly RfmScoreInput[]): LoyaltyReference {
  const list = requireList(FN, 'rows', rows);
  const n = list.length;
  if (n === 0) {
    throw new PatronageError('EMPTY_INPUT', `${FN}: rows is empty; the reference needs customers`, {
      argument: 'rows',
      value: list,
    });
  }
  const since = new Float64Array(n);
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = list[i] as Record<string, unknown> | null;
    const x = row?.['frequency'];
    const recency = row?.['recency'];
    const T = row?.['T'];
    const money = row?.['monetaryValue'];
    if (typeof row !== 'object' || row === null || !isSummaryRow(x, recency, T, money)) {
      throw new PatronageError(
        'INVALID_SUMMARY_ROW',
        `${FN}: rows[${i}] needs finite frequency, recency, T and monetaryValue ≥ 0 with recency ≤ T, got ${describeValue(row)}`,
        { argument: `rows[${i}]`, index: i, value: row },
      );
    }
    since[i] = (T as number) - (recency as number);
    frequency[i] = x as number;
    monetary[i] = money as number;
  }
  // frozen, so loyaltyScore can check each table once rather than on every call
  return {
    customers: n,
    sinceLastPurchase: Object.freeze(quantiles(since)),
    frequency: Object.freeze(quantiles(frequency)),
    monetaryValue: Object.freeze(quantiles(monetary)),
  };
}
