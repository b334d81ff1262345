import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionKeys, requireFinite, requireList, requireOptions } from '../internal/validate';
import { finiteResult } from './core/inputs';
import { daysOf, type ModelTimeUnit } from './core/timeUnit';
import type { ModelSpec } from './core/types';
import { addSteps, type StepSums, stepsOver, type ValuedCustomer, valuationOf } from './valuation';

/**
 * Options of {@link expectedCashFlows}: those of {@link customerLifetimeValue}, with `boundaries` in place of
 * `horizon`.
 *
 * @category CLV models
 */
export interface ExpectedCashFlowsOptions {
  /** The unit the fit's times are in (the `unit` of the summaries it was fitted on; one opportunity for BG/BB). */
  readonly timeUnit: ModelTimeUnit;
  /**
   * The interval boundaries b₀ < b₁ < … < bₖ (at least two), in `boundaryUnit`, measured from the end of
   * observation (from the acquisition for a `'new'` customer): `[0, 1, 3, 5]` with `boundaryUnit: 'year'` gives
   * year 1, years 2–3 and years 4–5.
   */
  readonly boundaries: readonly number[];
  /** The unit of `boundaries` (default `timeUnit`); on BG/BB's discrete axis they must come to whole opportunities. */
  readonly boundaryUnit?: ModelTimeUnit;
  /** Annual discount rate, for example 0.1 for 10% a year; 0 for none. */
  readonly discountRate: number;
  /** Profit margin on revenue, in [0, 1]. */
  readonly margin: number;
  /** Expected spend per transaction, in money. Give this or `spendModel`. */
  readonly averageSpend?: number;
  /** A Gamma-Gamma fit: the spend is then {@link expectedAverageSpend} of the customer (the population mean for `'new'`). */
  readonly spendModel?: ModelSpec<'gammaGamma'>;
  /** Length of the discounting steps, in `timeUnit` (default 1; a whole number for BG/BB). */
  readonly step?: number;
}

/**
 * The result of {@link expectedCashFlows}: one entry per interval (bᵢ, bᵢ₊₁].
 *
 * @category CLV models
 */
export interface ExpectedCashFlowsResult {
  /** The boundaries, as given (in `boundaryUnit`). */
  readonly boundaries: readonly number[];
  /** Expected purchases in each interval, undiscounted. */
  readonly purchases: readonly number[];
  /** Expected purchases in each interval, each step discounted to the start (time 0). */
  readonly discountedPurchases: readonly number[];
  /** Discounted margin of each interval: `discountedPurchases` × spend × margin, in money. */
  readonly values: readonly number[];
  /** The expected spend per purchase used, in money. */
  readonly spend: number;
}

const EXPECTED_CASH_FLOWS_OPTION_KEYS = /* @__PURE__ */ optionKeys<ExpectedCashFlowsOptions>()([
  'timeUnit',
  'boundaries',
  'boundaryUnit',
  'discountRate',
  'margin',
  'averageSpend',
  'spendModel',
  'step',
]);

const FN = 'expectedCashFlows';

/**
 * Expected purchases and discounted margin per future interval, for example year 1 against years 2–3 and 4–5,
 * in one pass: the {@link customerLifetimeValue} sum cut at the given boundaries. The steps are the grid
 * k·step (in the fit's unit) with every boundary added to it; each step's purchases E[Y(tₖ)] − E[Y(tₖ₋₁)]
 * are discounted at its end by (1 + d)^(−tₖ in years) and counted in the interval it ends in, so each
 * cumulative expectation is evaluated once.
 *
 * Laws: the intervals add up to the whole span (b₀, bₖ], and with b₀ = 0 and boundaries on the step grid
 * their values sum to `customerLifetimeValue` over horizon bₖ (to rounding, 1e-12 relative); the purchases
 * sum to E[Y(bₖ)] − E[Y(b₀)]; with discount rate 0 the discounted purchases equal the purchases. Works with
 * BG/NBD, MBG/NBD, Pareto/NBD, NBD, GGom/NBD and BG/BB fits, for a customer's history or a `'new'` customer.
 *
 * @param fit - the purchase model
 * @param customer - the customer's history (plus `monetaryValue` when `spendModel` is used), or `'new'`
 * @param options - `timeUnit`, `boundaries` (and `boundaryUnit`), `discountRate` (annual), `margin`, and
 *   `averageSpend` or `spendModel`
 * @returns per interval the purchases, the discounted purchases and the discounted margin
 * @throws PatronageError the codes of {@link customerLifetimeValue}; `INVALID_ARGUMENT` for fewer than two
 *   boundaries or boundaries not strictly increasing, `OUT_OF_RANGE` for a negative boundary or an unknown
 *   `boundaryUnit`, `NOT_FINITE` for a non-finite one, `NOT_AN_INTEGER` for a BG/BB boundary that is not a
 *   whole number of opportunities.
 *
 * @example
 * ```ts
 * import { expectedCashFlows } from 'patronage';
 *
 * // the CDNOW BG/NBD fit (weeks): a new customer's first year, years 2–3 and years 4–5
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const flows = expectedCashFlows(fit, 'new', {
 *   timeUnit: 'week',
 *   boundaries: [0, 1, 3, 5],
 *   boundaryUnit: 'year',
 *   discountRate: 0.1,
 *   margin: 0.3,
 *   averageSpend: 35,
 * });
 * flows.values.map((value) => Math.round(value * 100) / 100); // => [14.62, 11.53, 6]
 * flows.purchases.map((count) => Math.round(count * 1000) / 1000); // => [1.449, 1.314, 0.832]
 * ```
 *
 * @category CLV models
 */
export function expectedCashFlows(
  fit: ModelSpec,
  customer: ValuedCustomer,
  options: ExpectedCashFlowsOptions,
): ExpectedCashFlowsResult {
  const record = requireOptions(FN, 'options', options, EXPECTED_CASH_FLOWS_OPTION_KEYS);
  const valuation = valuationOf(FN, fit, customer, record);
  const perBoundary =
    record['boundaryUnit'] === undefined
      ? 1
      : daysOf(FN, 'options.boundaryUnit', record['boundaryUnit']) / valuation.days;
  const given = requireList(FN, 'options.boundaries', record['boundaries']);
  if (given.length < 2) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: options.boundaries must hold at least two boundaries, got ${given.length}`,
      { argument: 'options.boundaries', value: given.length },
    );
  }
  const boundaries: number[] = [];
  const times: number[] = [];
  for (let i = 0; i < given.length; i++) {
    const name = `options.boundaries[${i}]`;
    const boundary = requireFinite(FN, name, given[i]);
    if (boundary < 0) {
      throw new PatronageError('OUT_OF_RANGE', `${FN}: ${name} (${boundary}) must be at least 0`, {
        argument: name,
        value: boundary,
      });
    }
    if (i > 0 && !(boundary > (boundaries[i - 1] as number))) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: ${name} (${boundary}) must exceed the boundary before it (${describeValue(boundaries[i - 1])})`,
        { argument: name, value: boundary },
      );
    }
    const time = boundary * perBoundary;
    if (valuation.time === 'discrete' && !Number.isInteger(time)) {
      throw new PatronageError(
        'NOT_AN_INTEGER',
        `${FN}: ${name} (${boundary}) is ${time} opportunities; a discrete-time (BG/BB) boundary is a whole number of them`,
        { argument: name, value: boundary },
      );
    }
    boundaries.push(boundary);
    times.push(time);
  }
  const first = times[0] as number;
  const last = times[times.length - 1] as number;
  const step = valuation.step;
  stepsOver(FN, last - first, step);
  const sums: StepSums = {
    discounted: 0,
    purchases: 0,
    previous: first === 0 ? 0 : valuation.expected(first),
  };
  const purchases: number[] = [];
  const discountedPurchases: number[] = [];
  const values: number[] = [];
  // the grid points k·step strictly inside each interval (those within rounding of its end merge with it)
  let k = Math.floor(first / step + 1e-12) + 1;
  for (let i = 1; i < times.length; i++) {
    const end = times[i] as number;
    const points: number[] = [];
    for (; k * step < end * (1 - 1e-12); k++) points.push(k * step);
    if (k * step <= end * (1 + 1e-12)) k++;
    points.push(end);
    sums.discounted = 0;
    sums.purchases = 0;
    addSteps(valuation, points, sums);
    purchases.push(finiteResult(FN, 'expected purchases', sums.purchases));
    discountedPurchases.push(finiteResult(FN, 'discounted purchases', sums.discounted));
    values.push(finiteResult(FN, 'discounted margin', sums.discounted * valuation.spend * valuation.margin));
  }
  return { boundaries, purchases, discountedPurchases, values, spend: valuation.spend };
}
