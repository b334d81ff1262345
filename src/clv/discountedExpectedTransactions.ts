import { PatronageError } from '../errors/PatronageError';
import { optionKeys, requireFinite, requireOptions } from '../internal/validate';
import { DAYS_PER_YEAR } from '../model/time';
import { finiteResult, requireCustomer } from './core/inputs';
import { daysOf, type ModelTimeUnit } from './core/timeUnit';
import type { CustomerHistory, DiscreteHistory, ModelSpec } from './core/types';
import { intervalFor, type PredictionInterval, type PredictionIntervalOptions } from './predictionInterval';
import { requireModel } from './registry';

/**
 * Options of {@link discountedExpectedTransactions}.
 *
 * @category CLV models
 */
export interface DiscountedExpectedTransactionsOptions {
  /** Annual discount rate, above 0: for example 0.15 for 15% a year (as in {@link customerLifetimeValue}). */
  readonly discountRate: number;
  /** The unit the fit's times are in (the `unit` of the summaries it was fitted on; one opportunity for BG/BB). */
  readonly timeUnit: ModelTimeUnit;
  /**
   * A range around the prediction (`{ level, method: 'delta' | 'bootstrap', bootstrap }`): the result is then a
   * {@link PredictionInterval}. See {@link predictionInterval}.
   */
  readonly intervals?: PredictionIntervalOptions;
}

const DERT_OPTION_KEYS = /* @__PURE__ */ optionKeys<DiscountedExpectedTransactionsOptions>()([
  'discountRate',
  'timeUnit',
  'intervals',
]);

const FN = 'discountedExpectedTransactions';

/**
 * DERT, the discounted expected residual transactions: a customer's expected purchases after the end of
 * observation over an infinite horizon, each discounted to that moment (Fader, Hardie & Lee 2005, "RFM and
 * CLV: Using Iso-Value Curves for Customer Base Analysis"), from a BG/NBD, MBG/NBD, Pareto/NBD, GGom/NBD, NBD
 * or BG/BB fit.
 * Multiplied by the margin on the expected spend per purchase it is the customer's residual lifetime value:
 * the limit of {@link customerLifetimeValue} as its horizon grows (and, in continuous time, its step shrinks).
 *
 * The annual rate d is continuously compounded as in `customerLifetimeValue`: a purchase t time units
 * ahead weighs e^(−δt) with δ = ln(1 + d) × (days per unit)/365.2425; a BG/BB transaction i opportunities
 * ahead weighs (1 + d)^(−i × years per opportunity). Formulas: Pareto/NBD, FHL (2005) eq. 2,
 * P(alive)·((r+x)/(α+T))·(β+T)^s δ^(s−1) Ψ(s, s; δ(β+T)) with Tricomi's Ψ; BG/BB, Fader, Hardie & Shang
 * (2010), P(alive)·E[p]·Σ_{i≥1} B(γ, δ+n+i)/B(γ, δ+n)(1+d)^(−i); BG/NBD and MBG/NBD, which have no closed
 * form in the literature, P(alive)·E[λ/(pλ + δ)] over the posterior λ ~ Gamma(r+x, α+T), p ~ Beta(a,
 * b+x(+1)): the geometric series of the future purchases each followed by a dropout chance p, summed exactly,
 * and its posterior expectation in closed form, a ₂F₂ and two ₁F₁ series in δ(α+T) (derived in
 * docs/model-bg-nbd.md, "DERT in closed form"; quadrature where they cancel); GGom/NBD (Bemmaor & Glady 2012), P(alive)·((r+x)/(α+T))·∫₀^∞
 * e^(−δu) S(T+u)/S(T) du with the Gamma-Gompertz survival S, by adaptive quadrature over w = 1 − e^(−δu);
 * NBD, which has no dropout, (r+x)/((α+T)·δ), finite only because of the discounting. Never negative; falls
 * as the discount rate rises.
 *
 * @param fit - a BG/NBD, MBG/NBD, Pareto/NBD, GGom/NBD, NBD or BG/BB fit
 * @param customer - `{ frequency, recency, T }` (BG/BB: `{ frequency, recency, periods }`), in the fit's unit
 * @param options - `discountRate` (annual, above 0) and `timeUnit` (the fit's); `intervals` for a range
 * @returns the discounted expected number of future purchases; with `intervals`, the number with its interval
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL` (Gamma-Gamma, shifted beta-geometric: see
 *   {@link discountedResidualLifetime}), `INVALID_SUMMARY_ROW`, `OUT_OF_RANGE` for a discount rate not above
 *   0 or an unknown time unit, `NOT_FINITE` for a non-finite rate, `INVALID_OPTION` for an unknown option
 *   key (naming the nearest valid one), `NOT_FINITE` where floating point overflows.
 *
 * @example
 * ```ts
 * import { discountedExpectedTransactions } from 'patronage';
 *
 * // the CDNOW Pareto/NBD fit in weeks, 15% a year (Fader, Hardie & Lee 2005)
 * const fit = { model: 'paretoNbd', params: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.669 } } as const;
 * const dert = discountedExpectedTransactions(fit, { frequency: 2, recency: 30.43, T: 38.86 }, {
 *   discountRate: 0.15,
 *   timeUnit: 'week',
 * });
 * Math.round(dert * 100) / 100; // => 6.51
 *
 * // NBD has no dropout: (r+x)/((α+T)·δ), finite only because of the discounting
 * const nbd = { model: 'nbd', params: { r: 0.5, alpha: 10 } } as const;
 * const options = { discountRate: 0.15, timeUnit: 'week' } as const;
 * Math.round(discountedExpectedTransactions(nbd, { frequency: 3, recency: 8, T: 10 }, options) * 100) / 100; // => 65.33
 * ```
 *
 * @category CLV models
 */
export function discountedExpectedTransactions(
  fit: ModelSpec,
  customer: CustomerHistory | DiscreteHistory,
  options: DiscountedExpectedTransactionsOptions & { readonly intervals?: undefined },
): number;
export function discountedExpectedTransactions(
  fit: ModelSpec,
  customer: CustomerHistory | DiscreteHistory,
  options: DiscountedExpectedTransactionsOptions & { readonly intervals: PredictionIntervalOptions },
): PredictionInterval;
export function discountedExpectedTransactions(
  fit: ModelSpec,
  customer: CustomerHistory | DiscreteHistory,
  options: DiscountedExpectedTransactionsOptions,
): number | PredictionInterval {
  requireModel(FN, fit, ['discountedExpectedTransactions']);
  const { intervals, ...record } = requireOptions(FN, 'options', options, DERT_OPTION_KEYS);
  if (intervals === undefined) return pointDert(fit, customer, record);
  return intervalFor(
    FN,
    [fit],
    intervals,
    ([spec]) => pointDert(spec as ModelSpec, customer, record),
    'positive',
  );
}

function pointDert(
  fit: ModelSpec,
  customer: CustomerHistory | DiscreteHistory,
  record: Readonly<Record<string, unknown>>,
): number {
  const { definition, params, predictions } = requireModel(FN, fit, ['discountedExpectedTransactions']);
  const time = definition.time ?? 'continuous';
  const perUnit = discountPerUnit(FN, record, time);
  const { x, tx, T } = requireCustomer(FN, 'customer', customer, time);
  return finiteResult(
    FN,
    'discounted expected transactions',
    predictions.discountedExpectedTransactions(params, x, tx, T, perUnit),
  );
}

/**
 * The discount per time unit of the options' annual `discountRate` and `timeUnit` (validated): continuous
 * time, δ = ln(1 + d) × years per unit; discrete, the rate per opportunity (1 + d)^years − 1. Shared with
 * scoreCustomers' DERT column.
 */
export function discountPerUnit(
  fn: string,
  record: Readonly<Record<string, unknown>>,
  time: 'continuous' | 'discrete',
): number {
  const rate = requireFinite(fn, 'options.discountRate', record['discountRate']);
  if (!(rate > 0)) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${fn}: options.discountRate (${rate}) must be above 0 (undiscounted, the expected purchases may be infinite)`,
      { argument: 'options.discountRate', value: rate },
    );
  }
  const years = daysOf(fn, 'options.timeUnit', record['timeUnit']) / DAYS_PER_YEAR;
  const logDiscount = Math.log1p(rate) * years;
  const perUnit = time === 'discrete' ? Math.expm1(logDiscount) : logDiscount;
  if (!(perUnit > 0) || !Number.isFinite(perUnit)) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${fn}: options.discountRate (${rate}) per options.timeUnit is not a positive finite rate`,
      { argument: 'options.discountRate', value: rate },
    );
  }
  return perUnit;
}
