import { PatronageError } from '../errors/PatronageError';
import {
  optionalObject,
  optionKeys,
  requireAtLeast,
  requireBetween,
  requireFinite,
  requireList,
  requireObject,
} from '../internal/validate';
import { requireHistory } from '../model/customerSummary';
import { weightOf } from './core/rows';
import { frequencySpendCorrelation } from './gammaGamma/frequencySpendCorrelation';

/**
 * Options of {@link dataSuitability}: the levels at which it warns.
 *
 * @category CLV models
 */
export interface DataSuitabilityOptions {
  /** Warn (`SHORT_WINDOW`) when the median customer age is below this many typical purchase gaps (default 3). */
  readonly minimumWindowRatio?: number;
  /** Warn (`FEW_REPEAT_CUSTOMERS`) below this many customers with a repeat purchase (default 20). */
  readonly minimumRepeatCustomers?: number;
  /** Warn (`SPEND_FREQUENCY_CORRELATED`) when |r| of frequency and spend exceeds this (default 0.3). */
  readonly maximumCorrelation?: number;
  /**
   * Warn (`EXTREME_CUSTOMERS`) when the customers with a far-out purchase count made more than this share of
   * the repeat purchases (default 0.2).
   */
  readonly maximumExtremeShare?: number;
}

const DATA_SUITABILITY_OPTION_KEYS = /* @__PURE__ */ optionKeys<DataSuitabilityOptions>()([
  'minimumWindowRatio',
  'minimumRepeatCustomers',
  'maximumCorrelation',
  'maximumExtremeShare',
]);

/**
 * What {@link dataSuitability} warns about, each a stable code.
 *
 * @category CLV models
 */
export type SuitabilityWarningCode =
  | 'FEW_REPEAT_CUSTOMERS'
  | 'SHORT_WINDOW'
  | 'SPEND_FREQUENCY_CORRELATED'
  | 'NON_POSITIVE_SPEND'
  | 'EXTREME_CUSTOMERS';

/**
 * One warning of {@link dataSuitability}.
 *
 * @category CLV models
 */
export interface SuitabilityWarning {
  /** Which problem. */
  readonly code: SuitabilityWarningCode;
  /** What it is, with the numbers, and what it does to a fit. */
  readonly message: string;
}

/**
 * The answer of {@link dataSuitability}: the figures, and a warning for each that makes a model fit badly.
 *
 * @category CLV models
 */
export interface DataSuitability {
  /** Customers (the sum of the row weights). */
  readonly customers: number;
  /** Customers with at least one repeat purchase. */
  readonly repeatCustomers: number;
  /** The share of customers without a repeat purchase. */
  readonly oneTimeShare: number;
  /** The median customer age T (time from the first purchase to the end of observation). */
  readonly medianAge: number;
  /**
   * The median over repeat customers of their mean purchase gap, recency / frequency (the time from the first
   * purchase to the last, per repeat purchase); null without repeat customers.
   */
  readonly medianPurchaseGap: number | null;
  /**
   * `medianAge / medianPurchaseGap`: how many typical gaps the window holds; null with the gap, when the gap
   * is 0, or when the ratio overflows floating point (a gap below about 1e-308 of the age).
   */
  readonly windowRatio: number | null;
  /**
   * The weighted correlation of frequency and mean spend (`monetaryValue`) over the repeat customers with
   * a positive spend, which Gamma-Gamma assumes to be 0 (Fader & Hardie 2013); null when the rows carry no
   * `monetaryValue`, or fewer than two distinct values.
   */
  readonly frequencySpendCorrelation: number | null;
  /** Repeat customers whose `monetaryValue` is 0 or negative (refunds netted in): Gamma-Gamma cannot use them. */
  readonly nonPositiveSpend: number;
  /**
   * Repeat customers whose frequency is far out: above q3 + 3·max(q3 − q1, q3), with q1 and q3 the quartiles
   * of the repeat customers' frequencies (Tukey's far-out fence, its spread at least q3, since counts bunch
   * at 1 and 2 where the interquartile range can be 0).
   */
  readonly extremeCustomers: number;
  /** The share of all repeat purchases those extreme customers made. */
  readonly extremePurchaseShare: number;
  /** The problems found, in the order of {@link SuitabilityWarningCode}; empty when none. */
  readonly warnings: readonly SuitabilityWarning[];
}

const FN = 'dataSuitability';

/** The weighted quantile q: the smallest value whose cumulative weight reaches q·total (q = 0.5: the lower median). */
function weightedQuantile(values: Float64Array, weights: Float64Array, q: number): number {
  const order = Array.from(values.keys()).sort((a, b) => (values[a] as number) - (values[b] as number));
  let total = 0;
  for (const w of weights) total += w;
  let running = 0;
  for (const i of order) {
    running += weights[i] as number;
    if (running >= q * total) return values[i] as number;
  }
  return values[order[order.length - 1] as number] as number;
}

/**
 * Before fitting: what in a customer summary makes the probabilistic models fit badly. It reports the share
 * of one-time buyers, the observation window against the customers' typical purchase gap, the correlation of
 * frequency and spend that Gamma-Gamma assumes away, repeat customers with a spend of 0 or less (refunds
 * netted into `monetaryValue`), and customers with a far-out purchase count, with a warning for each figure
 * past its level. The levels are rules of thumb, named in the options and in docs/decisions.md; the figures
 * are exact.
 *
 * @param rows - summary rows `{ frequency, recency, T, monetaryValue?, weight? }` ({@link rfmSummary}'s rows
 *   qualify)
 * @param options - the warning levels
 * @returns the figures and the warnings
 * @throws PatronageError `EMPTY_INPUT` for no rows; naming the row, the field codes and
 *   `INVALID_SUMMARY_ROW`; `OUT_OF_RANGE` for a level out of range; `INVALID_OPTION` for an unknown option key.
 *
 * @example
 * ```ts
 * import { dataSuitability } from 'patronage';
 *
 * const report = dataSuitability([
 *   { frequency: 0, recency: 0, T: 10, monetaryValue: 0, weight: 60 },
 *   { frequency: 1, recency: 8, T: 10, monetaryValue: 25, weight: 30 },
 *   { frequency: 3, recency: 9, T: 10, monetaryValue: 40, weight: 10 },
 * ]);
 * report.oneTimeShare; // => 0.6
 * report.medianPurchaseGap; // => 8
 * report.warnings.map((warning) => warning.code); // => ['SHORT_WINDOW', 'SPEND_FREQUENCY_CORRELATED']
 * ```
 *
 * @category CLV models
 */
export function dataSuitability(
  rows: readonly {
    readonly frequency: number;
    readonly recency: number;
    readonly T: number;
    readonly monetaryValue?: number;
    readonly weight?: number;
  }[],
  options?: DataSuitabilityOptions,
): DataSuitability {
  const record = optionalObject(FN, 'options', options, DATA_SUITABILITY_OPTION_KEYS);
  const minimumWindowRatio =
    record['minimumWindowRatio'] === undefined
      ? 3
      : requireAtLeast(FN, 'options.minimumWindowRatio', record['minimumWindowRatio'], 0);
  const minimumRepeatCustomers =
    record['minimumRepeatCustomers'] === undefined
      ? 20
      : requireAtLeast(FN, 'options.minimumRepeatCustomers', record['minimumRepeatCustomers'], 0);
  const maximumCorrelation =
    record['maximumCorrelation'] === undefined
      ? 0.3
      : requireBetween(FN, 'options.maximumCorrelation', record['maximumCorrelation'], 0, 1);
  const maximumExtremeShare =
    record['maximumExtremeShare'] === undefined
      ? 0.2
      : requireBetween(FN, 'options.maximumExtremeShare', record['maximumExtremeShare'], 0, 1);
  const list = requireList(FN, 'rows', rows);
  if (list.length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${FN}: rows is empty`, { argument: 'rows', value: list });
  }
  const n = list.length;
  const ages = new Float64Array(n);
  const weights = new Float64Array(n);
  const repeatFrequency: number[] = [];
  const repeatGap: number[] = [];
  const repeatWeight: number[] = [];
  const spendFrequency: number[] = [];
  const spend: number[] = [];
  const spendWeight: number[] = [];
  let customers = 0;
  let repeatCustomers = 0;
  let nonPositiveSpend = 0;
  let withSpend = 0;
  for (let i = 0; i < n; i++) {
    const name = `rows[${i}]`;
    const row = requireObject(FN, name, list[i]);
    const { x, tx, T } = requireHistory(FN, name, row);
    const w = weightOf(FN, row, i);
    ages[i] = T;
    weights[i] = w;
    customers += w;
    const m =
      row['monetaryValue'] === undefined
        ? null
        : requireFinite(FN, `${name}.monetaryValue`, row['monetaryValue']);
    if (m !== null) withSpend++;
    if (x === 0) continue;
    repeatCustomers += w;
    repeatFrequency.push(x);
    repeatGap.push(tx / x);
    repeatWeight.push(w);
    if (m === null) continue;
    if (m > 0) {
      spendFrequency.push(x);
      spend.push(m);
      spendWeight.push(w);
    } else nonPositiveSpend += w;
  }
  if (withSpend !== 0 && withSpend !== n) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: give monetaryValue on every row or on none (${withSpend} of ${n} rows have it)`,
      { argument: 'rows', value: withSpend },
    );
  }
  const medianAge = weightedQuantile(ages, weights, 0.5);
  const gapWeights = Float64Array.from(repeatWeight);
  const gaps = Float64Array.from(repeatGap);
  const medianPurchaseGap = gaps.length === 0 ? null : weightedQuantile(gaps, gapWeights, 0.5);
  const windowRatio =
    medianPurchaseGap === null || !(medianPurchaseGap > 0) || !Number.isFinite(medianAge / medianPurchaseGap)
      ? null
      : medianAge / medianPurchaseGap;
  let correlation: number | null = null;
  if (spend.length > 0) {
    let total = 0;
    for (const w of spendWeight) total += w;
    correlation = frequencySpendCorrelation({
      first: Float64Array.from(spendFrequency),
      second: Float64Array.from(spend),
      third: new Float64Array(spend.length),
      weight: Float64Array.from(spendWeight),
      total,
    });
  }
  let extremeCustomers = 0;
  let extremePurchases = 0;
  let repeatPurchases = 0;
  if (repeatFrequency.length > 0) {
    const frequencies = Float64Array.from(repeatFrequency);
    const q1 = weightedQuantile(frequencies, gapWeights, 0.25);
    const q3 = weightedQuantile(frequencies, gapWeights, 0.75);
    // Tukey's far-out fence, with a spread of at least q3: counts bunch at 1 and 2, where the IQR can be 0
    const fence = q3 + 3 * Math.max(q3 - q1, q3);
    for (let k = 0; k < frequencies.length; k++) {
      const x = frequencies[k] as number;
      const w = gapWeights[k] as number;
      repeatPurchases += x * w;
      if (x > fence) {
        extremeCustomers += w;
        extremePurchases += x * w;
      }
    }
  }
  const extremePurchaseShare = repeatPurchases === 0 ? 0 : extremePurchases / repeatPurchases;
  const warnings: SuitabilityWarning[] = [];
  const fixed = (value: number, digits: number): string => String(Number(value.toFixed(digits)));
  if (repeatCustomers < minimumRepeatCustomers) {
    warnings.push({
      code: 'FEW_REPEAT_CUSTOMERS',
      message: `only ${repeatCustomers} of ${customers} customers bought again (fewer than ${minimumRepeatCustomers}): the purchase and dropout processes are estimated from the repeat customers, so the fits will be unstable or run to a boundary`,
    });
  }
  if (windowRatio !== null && windowRatio < minimumWindowRatio) {
    warnings.push({
      code: 'SHORT_WINDOW',
      message: `the median customer has been observed for ${fixed(medianAge, 3)}, ${fixed(windowRatio, 2)} times the median purchase gap of ${fixed(medianPurchaseGap as number, 3)} (fewer than ${minimumWindowRatio}): silence is not yet evidence of dropout, so P(alive) and the dropout parameters are poorly identified`,
    });
  }
  if (correlation !== null && Math.abs(correlation) > maximumCorrelation) {
    warnings.push({
      code: 'SPEND_FREQUENCY_CORRELATED',
      message: `frequency and mean spend correlate at ${fixed(correlation, 3)} over the repeat customers (|r| above ${maximumCorrelation}): Gamma-Gamma assumes them independent, so its spend, and the CLV made from it, is biased`,
    });
  }
  if (nonPositiveSpend > 0) {
    warnings.push({
      code: 'NON_POSITIVE_SPEND',
      message: `${nonPositiveSpend} repeat ${nonPositiveSpend === 1 ? 'customer has' : 'customers have'} a mean spend of 0 or less (refunds netted in): Gamma-Gamma needs a positive spend and cannot fit them`,
    });
  }
  if (extremeCustomers > 0 && extremePurchaseShare > maximumExtremeShare) {
    warnings.push({
      code: 'EXTREME_CUSTOMERS',
      message: `${extremeCustomers} repeat ${extremeCustomers === 1 ? 'customer has' : 'customers have'} a far-out purchase count and made ${fixed(100 * extremePurchaseShare, 1)}% of the repeat purchases (more than ${fixed(100 * maximumExtremeShare, 1)}%): check them for resellers, test accounts or merged ids, which pull the purchase-rate heterogeneity`,
    });
  }
  return {
    customers,
    repeatCustomers,
    oneTimeShare: (customers - repeatCustomers) / customers,
    medianAge,
    medianPurchaseGap,
    windowRatio,
    frequencySpendCorrelation: correlation,
    nonPositiveSpend,
    extremeCustomers,
    extremePurchaseShare,
    warnings,
  };
}
