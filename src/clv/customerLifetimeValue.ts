import { PatronageError } from '../errors/PatronageError';
import { optionKeys, requireAtLeast, requireOptions } from '../internal/validate';
import { finiteResult } from './core/inputs';
import type { ModelTimeUnit } from './core/timeUnit';
import type { ModelSpec } from './core/types';
import { intervalFor, type PredictionInterval, type PredictionIntervalOptions } from './predictionInterval';
import { addSteps, type StepSums, stepsOver, type ValuedCustomer, valuationOf } from './valuation';

export type { ModelTimeUnit, ValuedCustomer };

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
  /**
   * A range around the value (`{ level, method, bootstrap, spendBootstrap }`): the result is then a
   * {@link PredictionInterval}. With a `spendModel`, both fits' uncertainty counts (their estimates are
   * independent: the delta method adds both parts; the bootstrap pairs the two lists of refits). See
   * {@link predictionInterval}.
   */
  readonly intervals?: PredictionIntervalOptions;
}

const CUSTOMER_LIFETIME_VALUE_OPTION_KEYS = /* @__PURE__ */ optionKeys<CustomerLifetimeValueOptions>()([
  'timeUnit',
  'horizon',
  'discountRate',
  'margin',
  'averageSpend',
  'spendModel',
  'step',
  'intervals',
]);

const FN = 'customerLifetimeValue';

/**
 * Customer lifetime value: the discounted margin on a customer's expected future purchases,
 * CLV = Σₖ (E[Y(tₖ)] − E[Y(tₖ₋₁)]) · spend · margin / (1 + d)^(tₖ in years), over steps tₖ = k·step up to
 * the horizon (docs/formulas.md §2: discounted expected purchases × expected margin). Each step's purchases are
 * discounted at the step's end. Works with BG/NBD, MBG/NBD, Pareto/NBD, NBD, GGom/NBD and BG/BB fits; the
 * spend is either given or predicted by a Gamma-Gamma fit.
 *
 * Under a fit with time-varying covariates (`timeVarying`, Pareto/NBD) the customer's expected purchases are
 * taken along their `covariatePath`, which must run to T + horizon (the future covariates:
 * `INVALID_COVARIATE_PATH` where it stops short); such a fit values no `'new'` customer (`INVALID_FIT`).
 *
 * A customer just acquired is `'new'`: its purchases are then the model's unconditional E[X(t)] (the repeat
 * purchases in (0, t] after the first; see {@link expectedPurchases} without a customer) and a spend model
 * gives the population's mean spend E[M] (its x = 0 prediction). This is the value of acquiring one more
 * customer, the figure an acquisition budget is set against; {@link expectedCashFlows} splits it by period.
 *
 * The time unit is an explicit option so that a daily fit is never discounted as if it were monthly (the
 * most common CLV mistake with other libraries). Never negative; never rises when the discount rate rises.
 * Over an infinite horizon the value is {@link discountedExpectedTransactions} (DERT, at the same rate) ×
 * spend × margin, which this sum approaches as the horizon grows and the step shrinks.
 *
 * @param fit - the purchase model
 * @param customer - the customer's history (plus `monetaryValue` when `spendModel` is used), or `'new'`
 * @param options - `timeUnit`, `horizon`, `discountRate` (annual), `margin`, and `averageSpend` or `spendModel`;
 *   `intervals` for a range around the value
 * @returns the customer's value, in money; with `intervals`, the value with its interval
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL`, `INVALID_SUMMARY_ROW`, `OUT_OF_RANGE` for an
 *   unknown time unit, the field codes for the numbers, `INVALID_ARGUMENT` unless exactly one of
 *   `averageSpend` and `spendModel` is given.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one). For a fit with covariates
 *   (its `coefficients`, whose predictions use the customer's `covariates`), `MISSING_COVARIATE` naming a
 *   covariate the customer lacks, or the customer `'new'` (a new customer of a covariate fit needs its
 *   covariates, which `'new'` does not carry); the spend model keeps its form (Gamma-Gamma takes no covariates).
 *   For a fit with time-varying covariates, `INVALID_COVARIATE_PATH` for a path that does not run to T + horizon.
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
 *
 * // a customer just acquired, over the same year
 * const options = { timeUnit: 'week', horizon: 52, discountRate: 0.1, margin: 0.3, averageSpend: 35 } as const;
 * Math.round(customerLifetimeValue(fit, 'new', options) * 100) / 100; // => 14.59
 * ```
 *
 * @category CLV models
 */
export function customerLifetimeValue(
  fit: ModelSpec,
  customer: ValuedCustomer,
  options: CustomerLifetimeValueOptions & { readonly intervals?: undefined },
): number;
export function customerLifetimeValue(
  fit: ModelSpec,
  customer: ValuedCustomer,
  options: CustomerLifetimeValueOptions & { readonly intervals: PredictionIntervalOptions },
): PredictionInterval;
export function customerLifetimeValue(
  fit: ModelSpec,
  customer: ValuedCustomer,
  options: CustomerLifetimeValueOptions,
): number | PredictionInterval {
  const { intervals, ...record } = requireOptions(
    FN,
    'options',
    options,
    CUSTOMER_LIFETIME_VALUE_OPTION_KEYS,
  );
  if (intervals === undefined) return pointValue(fit, customer, record);
  const spendModel = record['spendModel'] as ModelSpec | undefined;
  const fits = spendModel === undefined ? [fit] : [fit, spendModel];
  return intervalFor(
    FN,
    fits,
    intervals,
    ([purchase, spend]) =>
      pointValue(
        purchase as ModelSpec,
        customer,
        spend === undefined ? record : { ...record, spendModel: spend },
      ),
    'positive',
  );
}

function pointValue(
  fit: ModelSpec,
  customer: ValuedCustomer,
  record: Readonly<Record<string, unknown>>,
): number {
  const horizon = requireAtLeast(FN, 'options.horizon', record['horizon'], 0);
  const valuation = valuationOf(FN, fit, customer, record);
  if (valuation.time === 'discrete' && !Number.isInteger(horizon)) {
    throw new PatronageError(
      'NOT_AN_INTEGER',
      `${FN}: a discrete-time (BG/BB) horizon and step are whole numbers of opportunities`,
      { argument: 'options.horizon', value: horizon },
    );
  }
  const steps = stepsOver(FN, horizon, valuation.step);
  const points = new Array<number>(steps);
  for (let k = 1; k <= steps; k++) points[k - 1] = Math.min(k * valuation.step, horizon);
  const sums: StepSums = { discounted: 0, purchases: 0, previous: 0 };
  addSteps(valuation, points, sums);
  return finiteResult(FN, 'lifetime value', sums.discounted * valuation.spend * valuation.margin);
}
