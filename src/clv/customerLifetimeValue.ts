import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import {
  optionKeys,
  requireAtLeast,
  requireFinite,
  requireFraction,
  requireOptions,
} from '../internal/validate';
import { customerParams } from './core/covariates';
import { finiteResult, requireCustomer } from './core/inputs';
import { daysOf, type ModelTimeUnit } from './core/timeUnit';
import type { CustomerHistory, DiscreteHistory, ModelSpec } from './core/types';
import { expectedAverageSpend } from './expectedAverageSpend';
import { requireModel } from './registry';

export type { ModelTimeUnit };

/**
 * Options of {@link customerLifetimeValue}. Every time-related option is explicit: nothing is assumed.
 *
 * @category CLV models
 */
export interface CustomerLifetimeValueOptions {
  /** The unit the fit's times are in (the `unit` of the summaries it was fitted on; one opportunity for BG/BB). */
  readonly timeUnit: ModelTimeUnit;
  /** How far ahead to value the customer, in `timeUnit` (whole opportunities for BG/BB). */
  readonly horizon: number;
  /** Annual discount rate, for example 0.1 for 10% a year (the cost of capital); 0 for none. */
  readonly discountRate: number;
  /** Profit margin on revenue, in [0, 1]. */
  readonly margin: number;
  /** Expected spend per transaction, in money. Give this or `spendModel`. */
  readonly averageSpend?: number;
  /** A Gamma-Gamma fit: the spend is then {@link expectedAverageSpend} of the customer's `frequency` and `monetaryValue`. */
  readonly spendModel?: ModelSpec<'gammaGamma'>;
  /** Length of the discounting steps, in `timeUnit` (default 1; a whole number for BG/BB). */
  readonly step?: number;
}

const CUSTOMER_LIFETIME_VALUE_OPTION_KEYS = /* @__PURE__ */ optionKeys<CustomerLifetimeValueOptions>()([
  'timeUnit',
  'horizon',
  'discountRate',
  'margin',
  'averageSpend',
  'spendModel',
  'step',
]);

const FN = 'customerLifetimeValue';

/**
 * Customer lifetime value: the discounted margin on a customer's expected future purchases,
 * CLV = Σₖ (E[Y(tₖ)] − E[Y(tₖ₋₁)]) · spend · margin / (1 + d)^(tₖ in years), over steps tₖ = k·step up to
 * the horizon (docs/formulas.md §2: discounted expected purchases × expected margin). Each step's purchases are
 * discounted at the step's end. Works with BG/NBD, MBG/NBD, Pareto/NBD and BG/BB fits; the spend is either
 * given or predicted by a Gamma-Gamma fit.
 *
 * The time unit is an explicit option so that a daily fit is never discounted as if it were monthly (the
 * most common CLV mistake with other libraries). Never negative; never rises when the discount rate rises.
 * Over an infinite horizon the value is {@link discountedExpectedTransactions} (DERT, at the same rate) ×
 * spend × margin, which this sum approaches as the horizon grows and the step shrinks.
 *
 * @param fit - the purchase model
 * @param customer - the customer's history (plus `monetaryValue` when `spendModel` is used)
 * @param options - `timeUnit`, `horizon`, `discountRate` (annual), `margin`, and `averageSpend` or `spendModel`
 * @returns the customer's value, in money
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL`, `INVALID_SUMMARY_ROW`, `OUT_OF_RANGE` for an
 *   unknown time unit, the field codes for the numbers, `INVALID_ARGUMENT` unless exactly one of
 *   `averageSpend` and `spendModel` is given.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one). For a fit with covariates
 *   (its `coefficients`, whose predictions use the customer's `covariates`), `MISSING_COVARIATE` naming a
 *   covariate the customer lacks; the spend model keeps its form (Gamma-Gamma takes no covariates).
 *
 * @example
 * ```ts
 * import { customerLifetimeValue } from 'patronage';
 *
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const clv = customerLifetimeValue(fit, { frequency: 2, recency: 30.43, T: 38.86 }, {
 *   timeUnit: 'week',
 *   horizon: 52,
 *   discountRate: 0.1,
 *   margin: 0.3,
 *   averageSpend: 35,
 * });
 * Math.round(clv * 100) / 100; // => 15.65
 * ```
 *
 * @category CLV models
 */
export function customerLifetimeValue(
  fit: ModelSpec,
  customer: (CustomerHistory | DiscreteHistory) & { readonly monetaryValue?: number },
  options: CustomerLifetimeValueOptions,
): number {
  const { definition, params, predictions } = requireModel(
    FN,
    fit,
    ['conditionalExpectedPurchases'],
    undefined,
    true,
  );
  const record = requireOptions(FN, 'options', options, CUSTOMER_LIFETIME_VALUE_OPTION_KEYS);
  const days = daysOf(FN, 'options.timeUnit', record['timeUnit']);
  const horizon = requireAtLeast(FN, 'options.horizon', record['horizon'], 0);
  const rate = requireAtLeast(FN, 'options.discountRate', record['discountRate'], 0);
  const margin = requireFraction(FN, 'options.margin', record['margin']);
  const step = record['step'] === undefined ? 1 : requireFinite(FN, 'options.step', record['step']);
  if (!(step > 0)) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${FN}: options.step (${describeValue(step)}) must be positive`,
      {
        argument: 'options.step',
        value: step,
      },
    );
  }
  const hasAverage = record['averageSpend'] !== undefined;
  const hasModel = record['spendModel'] !== undefined;
  if (hasAverage === hasModel) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: give exactly one of options.averageSpend and options.spendModel`,
      {
        argument: 'options.averageSpend',
        value: record['averageSpend'],
      },
    );
  }
  const time = definition.time ?? 'continuous';
  if (time === 'discrete' && !(Number.isInteger(horizon) && Number.isInteger(step))) {
    throw new PatronageError(
      'NOT_AN_INTEGER',
      `${FN}: a discrete-time (BG/BB) horizon and step are whole numbers of opportunities`,
      {
        argument: 'options.horizon',
        value: horizon,
      },
    );
  }
  const { x, tx, T } = requireCustomer(FN, 'customer', customer, time);
  const own = customerParams(FN, definition, params, fit, customer, 'customer');
  const expected = (t: number): number => predictions.conditionalExpectedPurchases(own, x, tx, T, t);
  const spend = hasAverage
    ? requireAtLeast(FN, 'options.averageSpend', record['averageSpend'], 0)
    : expectedAverageSpend(record['spendModel'] as ModelSpec<'gammaGamma'>, customer as never);
  const steps = Math.ceil(horizon / step - 1e-12);
  if (steps > 1_000_000) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${FN}: options.horizon / options.step (${steps}) must be at most 1,000,000 steps`,
      {
        argument: 'options.step',
        value: step,
      },
    );
  }
  const logDiscountPerUnit = Math.log1p(rate) * (days / 365.2425);
  let value = 0;
  let previous = 0;
  for (let k = 1; k <= steps; k++) {
    const t = Math.min(k * step, horizon);
    const cumulative = expected(t);
    value += Math.max(0, cumulative - previous) * Math.exp(-logDiscountPerUnit * t);
    previous = Math.max(previous, cumulative);
  }
  return finiteResult(FN, 'lifetime value', value * spend * margin);
}
