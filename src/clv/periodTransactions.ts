import { PatronageError } from '../errors/PatronageError';
import { optionalObject, optionKeys, requireList, requireObject } from '../internal/validate';
import { chiSquareSurvival } from '../math/incompleteGamma';
import { compensatedSum } from '../math/special';
import { finiteResult, requireBoundedCount, requireCustomer } from './core/inputs';
import { weightOf } from './core/rows';
import type { ModelName, ModelSpec } from './core/types';
import { requireModel } from './registry';

/**
 * Options of {@link periodTransactions}.
 *
 * @category CLV models
 */
export interface PeriodTransactionsOptions {
  /**
   * The last bin: customers with `maxFrequency` or more repeat purchases share it (default 7, the bins of
   * lifetimes' `plot_period_transactions`); a whole number from 1 to 10,000.
   */
  readonly maxFrequency?: number;
}

const PERIOD_TRANSACTIONS_OPTION_KEYS = /* @__PURE__ */ optionKeys<PeriodTransactionsOptions>()([
  'maxFrequency',
]);

/**
 * One bin of {@link periodTransactions}: the customers with a given number of repeat purchases.
 *
 * @category CLV models
 */
export interface PeriodTransactionsBin {
  /** The number of repeat purchases; the last bin holds every customer at or above it. */
  readonly frequency: number;
  /** Whether this bin is "frequency or more" (the last one). */
  readonly orMore: boolean;
  /** Customers of the data in the bin (the sum of their weights). */
  readonly actual: number;
  /** Customers the model expects in the bin: Σ_i w_i P(X(T_i) = frequency), or P(X(T_i) ≥ frequency). */
  readonly expected: number;
}

/**
 * Neighbouring bins of {@link periodTransactions} merged for the chi-square test, so that the model expects
 * at least 5 customers in each.
 *
 * @category CLV models
 */
export interface PeriodTransactionsGroup {
  /** The first number of repeat purchases in the group. */
  readonly from: number;
  /** The last number of repeat purchases in the group (with `orMore`: and above). */
  readonly to: number;
  /** Whether the group holds the "or more" bin. */
  readonly orMore: boolean;
  /** Customers of the data in the group. */
  readonly actual: number;
  /** Customers the model expects in the group. */
  readonly expected: number;
}

/**
 * Pearson's chi-square test of {@link periodTransactions}.
 *
 * @category CLV models
 */
export interface PeriodTransactionsChiSquare {
  /** Σ (actual − expected)² / expected over the merged groups; 0 when the model matches exactly. */
  readonly statistic: number;
  /**
   * Groups − 1 − the fit's parameters (its estimated parameters and whole-number ones such as CNBD-k's k);
   * null when that is below 1 (too few groups to test the fit).
   */
  readonly degreesOfFreedom: number | null;
  /** P(χ²_df ≥ statistic), the chi-square's upper tail; null with `degreesOfFreedom`. Small values reject the fit. */
  readonly pValue: number | null;
  /** The fitted parameters counted. */
  readonly parameters: number;
  /** The merged groups the statistic is taken over, in order. */
  readonly groups: readonly PeriodTransactionsGroup[];
}

/**
 * What {@link periodTransactions} returns.
 *
 * @category CLV models
 */
export interface PeriodTransactionsResult {
  /** The fit's model. */
  readonly model: ModelName;
  /** The customers of the rows (the sum of their weights). */
  readonly customers: number;
  /** The bins 0, 1, …, `maxFrequency` (the last one "or more"). */
  readonly bins: readonly PeriodTransactionsBin[];
  /**
   * How the "or more" bin was computed: `'exact'` from the model's tail P(X(t) ≥ n) (BG/NBD, MBG/NBD, NBD,
   * BG/CNBD-k, MBG/CNBD-k; BG/BB as the finite sum of the counts above), `'complement'` as 1 − Σ of the
   * bins below for the models without a closed-form tail (Pareto/NBD, GGom/NBD), where the last digits of
   * a tiny tail are lost.
   */
  readonly tail: 'exact' | 'complement';
  /** Pearson's chi-square of the bins against the data. */
  readonly chiSquare: PeriodTransactionsChiSquare;
}

const FN = 'periodTransactions';
/** The model's expected count that every group of the chi-square test reaches (Cochran's rule). */
const MIN_EXPECTED = 5;

/** Merges neighbouring bins, left to right, until each group is expected to hold at least 5 customers. */
function mergeBins(bins: readonly PeriodTransactionsBin[]): PeriodTransactionsGroup[] {
  const groups: PeriodTransactionsGroup[] = [];
  let from = 0;
  let actual = 0;
  let expected = 0;
  for (const bin of bins) {
    actual += bin.actual;
    expected += bin.expected;
    if (expected >= MIN_EXPECTED || bin.orMore) {
      groups.push({ from, to: bin.frequency, orMore: bin.orMore, actual, expected });
      from = bin.frequency + 1;
      actual = 0;
      expected = 0;
    }
  }
  // the last group (the "or more" bin and whatever was still open) short of 5: into the one before it
  const last = groups.at(-1) as PeriodTransactionsGroup;
  const before = groups.at(-2);
  if (last.expected < MIN_EXPECTED && before !== undefined) {
    groups.splice(-2, 2, {
      from: before.from,
      to: last.to,
      orMore: true,
      actual: before.actual + last.actual,
      expected: before.expected + last.expected,
    });
  }
  return groups;
}

/**
 * The period-transactions check of a purchase model (lifetimes' `plot_period_transactions`): how many
 * customers the fit expects with 0, 1, …, `maxFrequency` − 1 and `maxFrequency` or more repeat purchases in
 * calibration, each customer observed for their own T, against how many the data has, with Pearson's
 * chi-square statistic. The expected count of bin x is Σ_i w_i P(X(T_i) = x), from the unconditional
 * {@link purchaseProbability} (Fader, Hardie & Lee 2005 eq. 8 for BG/NBD), summed once per distinct T; the
 * "or more" bin is the model's exact tail where it has one (see `tail`).
 *
 * For the test, neighbouring bins are merged from the left until the model expects at least 5 customers in
 * each group (Cochran's rule for the chi-square approximation), and a last group short of 5 joins the one
 * before it; the statistic Σ (O − E)²/E has groups − 1 − p degrees of freedom, p the fit's parameters (the
 * parameters are estimated from the same data, so the test is approximate: the fit maximised the
 * likelihood, not the chi-square; docs/models.md, "Period transactions").
 *
 * @param fit - a fit of a model with `purchaseProbability` (BG/NBD, MBG/NBD, Pareto/NBD, BG/CNBD-k,
 *   MBG/CNBD-k, NBD, GGom/NBD, BG/BB), on the same rows
 * @param rows - calibration summary rows `{ frequency, recency, T }` (BG/BB: `{ frequency, recency, periods }`),
 *   each with an optional positive `weight` (customers sharing the row), in the fit's time unit
 * @param options - `maxFrequency` (default 7)
 * @returns the bins, the customers and the chi-square test; the result does not depend on the rows' order
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL` (Gamma-Gamma, the contract models),
 *   `EMPTY_INPUT` for no rows, naming the row the field codes and `INVALID_SUMMARY_ROW`, `NOT_FINITE` when a
 *   probability or a sum cannot be computed, `INVALID_OPTION`, `NOT_AN_INTEGER` or `OUT_OF_RANGE` for the
 *   options.
 *
 * @example
 * ```ts
 * import { periodTransactions } from 'patronage';
 *
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const check = periodTransactions(fit, [
 *   { frequency: 0, recency: 0, T: 38, weight: 60 },
 *   { frequency: 1, recency: 4, T: 38, weight: 20 },
 *   { frequency: 3, recency: 30, T: 36, weight: 20 },
 * ], { maxFrequency: 3 });
 * check.bins.map((bin) => bin.actual); // => [60, 20, 0, 20]
 * check.bins.map((bin) => Math.round(bin.expected)); // => [58, 20, 8, 14]
 * check.chiSquare.degreesOfFreedom; // => null
 * ```
 *
 * @category CLV models
 */
export function periodTransactions(
  fit: ModelSpec,
  rows: readonly unknown[],
  options?: PeriodTransactionsOptions,
): PeriodTransactionsResult {
  const { definition, params, predictions } = requireModel(FN, fit, ['purchaseProbability']);
  const exactTail = definition.predictions.purchaseProbabilityAtLeast;
  const time = definition.time ?? 'continuous';
  const record = optionalObject(FN, 'options', options, PERIOD_TRANSACTIONS_OPTION_KEYS);
  const maxFrequency =
    record['maxFrequency'] === undefined
      ? 7
      : requireBoundedCount(FN, 'options.maxFrequency', record['maxFrequency'], 10_000);
  if (maxFrequency < 1) {
    throw new PatronageError('OUT_OF_RANGE', `${FN}: options.maxFrequency must be at least 1, got 0`, {
      argument: 'options.maxFrequency',
      value: maxFrequency,
    });
  }
  const list = requireList(FN, 'rows', rows);
  if (list.length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${FN}: rows is empty`, { argument: 'rows', value: list });
  }
  const n = list.length;
  const frequency = new Float64Array(n);
  const age = new Float64Array(n);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const name = `rows[${i}]`;
    const row = requireObject(FN, name, list[i]);
    const { x, T } = requireCustomer(FN, name, row, time);
    frequency[i] = x;
    age[i] = T;
    weight[i] = weightOf(FN, row, i);
  }
  // a canonical order (by T, then frequency, then weight), so that every sum is taken in the same order
  // whatever the order of the rows
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort(
    (l, r) =>
      (age[l] as number) - (age[r] as number) ||
      (frequency[l] as number) - (frequency[r] as number) ||
      (weight[l] as number) - (weight[r] as number),
  );
  const actual = new Float64Array(maxFrequency + 1);
  const expected = new Float64Array(maxFrequency + 1);
  const probabilities = new Float64Array(maxFrequency);
  let customers = 0;
  let start = 0;
  while (start < n) {
    const T = age[order[start] as number] as number;
    let end = start;
    let atT = 0;
    while (end < n && age[order[end] as number] === T) {
      const i = order[end] as number;
      const slot = Math.min(frequency[i] as number, maxFrequency);
      actual[slot] = (actual[slot] as number) + (weight[i] as number);
      atT += weight[i] as number;
      end++;
    }
    customers += atT;
    for (let k = 0; k < maxFrequency; k++) {
      probabilities[k] = finiteResult(FN, `P(X(${T}) = ${k})`, predictions.purchaseProbability(params, k, T));
      expected[k] = (expected[k] as number) + atT * (probabilities[k] as number);
    }
    let tail: number;
    if (exactTail !== undefined) tail = exactTail(params, maxFrequency, T);
    else if (time === 'discrete') {
      // at most T transactions in T opportunities: the tail is a finite sum of the counts above
      const terms = new Float64Array(Math.max(0, T - maxFrequency + 1));
      for (let k = maxFrequency; k <= T; k++)
        terms[k - maxFrequency] = predictions.purchaseProbability(params, k, T);
      tail = compensatedSum(terms);
    } else tail = Math.max(0, 1 - compensatedSum(probabilities));
    expected[maxFrequency] =
      (expected[maxFrequency] as number) + atT * finiteResult(FN, `P(X(${T}) ≥ ${maxFrequency})`, tail);
    start = end;
  }
  finiteResult(FN, 'the total weight', customers);
  const bins: PeriodTransactionsBin[] = new Array(maxFrequency + 1);
  for (let k = 0; k <= maxFrequency; k++) {
    bins[k] = {
      frequency: k,
      orMore: k === maxFrequency,
      actual: actual[k] as number,
      expected: finiteResult(FN, `the expected count of bin ${k}`, expected[k] as number),
    };
  }
  const groups = mergeBins(bins);
  let statistic = 0;
  for (const group of groups) {
    // a group the model gives no customer (only where the total is below 5): no term unless data is there
    if (group.expected > 0) statistic += (group.actual - group.expected) ** 2 / group.expected;
    else if (group.actual > 0) statistic = Number.POSITIVE_INFINITY;
  }
  statistic = finiteResult(FN, 'the chi-square statistic', statistic);
  const parameters = definition.parameters.length + (definition.wholeParameters?.length ?? 0);
  const df = groups.length - 1 - parameters;
  return {
    model: definition.name,
    customers,
    bins,
    tail: exactTail !== undefined || time === 'discrete' ? 'exact' : 'complement',
    chiSquare: {
      statistic,
      degreesOfFreedom: df >= 1 ? df : null,
      pValue: df >= 1 ? chiSquareSurvival(statistic, df) : null,
      parameters,
      groups,
    },
  };
}
