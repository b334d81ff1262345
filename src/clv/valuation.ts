// The shared valuation of customerLifetimeValue and expectedCashFlows: the options they have in common, the
// customer's (or a new customer's) cumulative expected purchases, and the discounted sum over a time grid.
// Internal.

import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { requireAtLeast, requireFinite, requireFraction } from '../internal/validate';
import { DAYS_PER_YEAR } from '../model/time';
import type { CovariatePathHistory } from './core/covariatePaths';
import { customerParams, requireCoefficients } from './core/covariates';
import type { TimeAxis } from './core/definition';
import { requireCustomer } from './core/inputs';
import { isTimeVarying, pathPrediction } from './core/pathPredictions';
import { daysOf } from './core/timeUnit';
import type { CustomerHistory, DiscreteHistory, ModelSpec } from './core/types';
import { expectedAverageSpend, type SpendHistory } from './expectedAverageSpend';
import { pathPredictionsOf } from './pathModels';
import { requireModel } from './registry';

/**
 * A customer to value: a history (plus `monetaryValue` when a spend model is used), or `'new'` for a customer
 * just acquired (no purchase after the first yet, observed for no time), valued by the model's unconditional
 * E[X(t)] and, with a spend model, the population's mean spend. Under a fit with time-varying covariates,
 * the history with its `covariatePath` running to the end of the horizon ({@link CovariatePathHistory}).
 *
 * @category CLV models
 */
export type ValuedCustomer =
  | ((CustomerHistory | DiscreteHistory | CovariatePathHistory) &
      Partial<Pick<SpendHistory, 'monetaryValue'>>)
  | 'new';

/** The most discounting steps a valuation sums. */
const MAX_STEPS = 1_000_000;

/** What a valuation needs, read from a fit, a customer and the common options. */
export interface Valuation {
  /** The customer's expected purchases in (T, T + t] (a new customer's in (0, t]), t in the fit's unit. */
  readonly expected: (t: number) => number;
  /** Expected spend per purchase. */
  readonly spend: number;
  /** Margin on revenue. */
  readonly margin: number;
  /** ln(1 + d) per unit of the fit's time: a purchase at t weighs e^(−t·this). */
  readonly logDiscountPerUnit: number;
  /** Length of a discounting step, in the fit's unit. */
  readonly step: number;
  /** The fit's time axis. */
  readonly time: TimeAxis;
  /** Days in the fit's unit. */
  readonly days: number;
}

/**
 * Reads the fit, the customer and the options `timeUnit`, `discountRate`, `margin`, `step`, `averageSpend`
 * and `spendModel` (exactly one of the last two) that customerLifetimeValue and expectedCashFlows share.
 * A `'new'` customer of a fit with covariates takes them from `newCovariates` (`{ covariates }`, named
 * `newCovariatesName` in errors); without it, such a customer is MISSING_COVARIATE.
 */
export function valuationOf(
  fn: string,
  fit: ModelSpec,
  customer: ValuedCustomer,
  record: Readonly<Record<string, unknown>>,
  newCovariates?: { readonly covariates?: unknown },
  newCovariatesName = 'customer',
): Valuation {
  const { definition, params, predictions } = requireModel(
    fn,
    fit,
    ['conditionalExpectedPurchases', 'expectedPurchases'],
    undefined,
    true,
  );
  const days = daysOf(fn, 'options.timeUnit', record['timeUnit']);
  const rate = requireAtLeast(fn, 'options.discountRate', record['discountRate'], 0);
  const margin = requireFraction(fn, 'options.margin', record['margin']);
  const step = record['step'] === undefined ? 1 : requireFinite(fn, 'options.step', record['step']);
  if (!(step > 0)) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${fn}: options.step (${describeValue(step)}) must be positive`,
      {
        argument: 'options.step',
        value: step,
      },
    );
  }
  const time = definition.time ?? 'continuous';
  if (time === 'discrete' && !Number.isInteger(step)) {
    throw new PatronageError(
      'NOT_AN_INTEGER',
      `${fn}: a discrete-time (BG/BB) step is a whole number of opportunities`,
      { argument: 'options.step', value: step },
    );
  }
  const hasAverage = record['averageSpend'] !== undefined;
  const hasModel = record['spendModel'] !== undefined;
  if (hasAverage === hasModel) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: give exactly one of options.averageSpend and options.spendModel`,
      { argument: 'options.averageSpend', value: record['averageSpend'] },
    );
  }
  let expected: (t: number) => number;
  let spendHistory: unknown;
  if (isTimeVarying(fit)) {
    // a fit with time-varying covariates: the customer's expected purchases along their covariate path, which
    // must run to the end of the horizon (the future covariates); INVALID_COVARIATE_PATH where it stops short
    if (customer === 'new') {
      throw new PatronageError(
        'INVALID_FIT',
        `${fn}: a fit with time-varying covariates (fit.timeVarying) values a customer along their covariate path; give the customer's history with its covariatePath and purchaseTimes`,
        { argument: 'customer', value: customer },
      );
    }
    const { x, tx, T } = requireCustomer(fn, 'customer', customer, time);
    const paths = pathPredictionsOf(definition.name);
    expected = (t) =>
      pathPrediction(fn, definition, params, fit, customer, { x, tx, T }, t, 'purchases', paths);
    spendHistory = customer;
  } else if (customer === 'new') {
    let own = params;
    if (requireCoefficients(fn, definition, fit) !== null) {
      if (newCovariates === undefined) {
        throw new PatronageError(
          'MISSING_COVARIATE',
          `${fn}: a fit with covariates values a customer with covariates; give the customer's history`,
          { argument: 'customer', value: customer },
        );
      }
      own = customerParams(fn, definition, params, fit, newCovariates, newCovariatesName);
    }
    expected = (t) => predictions.expectedPurchases(own, t);
    spendHistory = { frequency: 0, monetaryValue: 0 };
  } else {
    const { x, tx, T } = requireCustomer(fn, 'customer', customer, time);
    const own = customerParams(fn, definition, params, fit, customer, 'customer');
    expected = (t) => predictions.conditionalExpectedPurchases(own, x, tx, T, t);
    spendHistory = customer;
  }
  const spend = hasAverage
    ? requireAtLeast(fn, 'options.averageSpend', record['averageSpend'], 0)
    : expectedAverageSpend(record['spendModel'] as ModelSpec<'gammaGamma'>, spendHistory as never);
  return {
    expected,
    spend,
    margin,
    logDiscountPerUnit: Math.log1p(rate) * (days / DAYS_PER_YEAR),
    step,
    time,
    days,
  };
}

/** The number of steps of length `step` that cover `span` (the last one may be shorter), at most 1,000,000. */
export function stepsOver(fn: string, span: number, step: number): number {
  const steps = Math.ceil(span / step - 1e-12);
  if (steps > MAX_STEPS) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${fn}: options.horizon / options.step (${steps}) must be at most 1,000,000 steps`,
      { argument: 'options.step', value: step },
    );
  }
  return steps;
}

/** One step's discounted purchases and purchases, summed over a run of grid points. */
export interface StepSums {
  /** Σ of the purchases of each step, each discounted at the step's end. */
  discounted: number;
  /** Σ of the purchases of each step. */
  purchases: number;
  /** The cumulative expectation at the last point (the next run's start). */
  previous: number;
}

/**
 * Adds the steps ending at `points` (increasing) to `sums`: each step's purchases are the rise of the
 * cumulative expectation since the previous point, discounted at the point. A rise below 0 (rounding in a
 * flat stretch) counts 0 and does not lower the running maximum, so the steps never double count.
 */
export function addSteps(valuation: Valuation, points: readonly number[], sums: StepSums): void {
  for (const t of points) {
    const cumulative = valuation.expected(t);
    const purchases = Math.max(0, cumulative - sums.previous);
    sums.purchases += purchases;
    sums.discounted += purchases * Math.exp(-valuation.logDiscountPerUnit * t);
    sums.previous = Math.max(sums.previous, cumulative);
  }
}
