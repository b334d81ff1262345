import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionKeys, requireBetween, requireOptions } from '../internal/validate';
import { DAY_MS, MAX_EPOCH_MS } from '../model/time';
import { type TimestampInput, toEpochMsIn } from '../model/timestamp';
import { customerParams } from './core/covariates';
import { finiteResult, MAX_OPPORTUNITIES, requireCustomer, requireDuration } from './core/inputs';
import { daysOf, type ModelTimeUnit } from './core/timeUnit';
import type { CustomerHistory, DiscreteHistory, ModelSpec } from './core/types';
import { type AnyParams, requireModel } from './registry';

/**
 * What {@link contactBy} watches fall: `'probabilityAlive'`, P(alive) given no purchase since the last
 * one, or `'purchaseWithin'`, the probability of at least one purchase in the next `window` given the same
 * silence.
 *
 * @category CLV models
 */
export type ContactMeasure = 'probabilityAlive' | 'purchaseWithin';

/**
 * Options of {@link contactBy}.
 *
 * @category CLV models
 */
export interface ContactByOptions {
  /** The level to fall to: a probability strictly between 0 and 1. */
  readonly threshold: number;
  /** What falls to it (default `'probabilityAlive'`). */
  readonly measure?: ContactMeasure;
  /**
   * For `measure: 'purchaseWithin'` only, and required there: the window of the "at least one purchase",
   * in the fit's time unit (BG/BB: whole opportunities, at least 1).
   */
  readonly window?: number;
  /**
   * How far past the end of observation to look, in the fit's time unit (BG/BB: whole opportunities); a
   * customer still above the threshold then gets `after: null`.
   */
  readonly horizon: number;
  /**
   * The end of observation (the moment the customer's `T` is measured to), to turn `after` into a date;
   * give `timeUnit` with it.
   */
  readonly at?: TimestampInput;
  /** The fit's time unit (the `unit` its summaries were made with), with `at`. */
  readonly timeUnit?: ModelTimeUnit;
}

const CONTACT_BY_OPTION_KEYS = /* @__PURE__ */ optionKeys<ContactByOptions>()([
  'threshold',
  'measure',
  'window',
  'horizon',
  'at',
  'timeUnit',
]);

/**
 * When to contact a customer: the answer of {@link contactBy}.
 *
 * @category CLV models
 */
export interface ContactBy {
  /**
   * How long after the end of observation, in the fit's time unit (BG/BB: whole opportunities), the measure
   * is first at or below the threshold if the customer buys nothing more: 0 when it already is, null when it
   * stays above it for the whole horizon.
   */
  readonly after: number | null;
  /**
   * `at` plus `after` as an ISO 8601 UTC timestamp, or null (no `at` given, or `after` is null). For BG/BB
   * one opportunity is one `timeUnit`.
   */
  readonly date: string | null;
  /** The measure at the end of observation. */
  readonly measureNow: number;
  /** The measure at `after` (at most the threshold), or null with `after`. */
  readonly measureThen: number | null;
}

const FN = 'contactBy';

/** Bisection steps on a continuous horizon: the answer is within horizon·2⁻⁵² of the crossing. */
const STEPS = 52;

/**
 * The moment a customer who buys nothing more falls to a threshold of P(alive) or of P(at least one purchase
 * in the next `window`): the date for a win-back message, from a BG/NBD, MBG/NBD, Pareto/NBD, GGom/NBD or
 * BG/BB fit.
 *
 * A customer silent since the last purchase at t_x has, u after the end of observation, the history
 * (x, t_x, T + u); the measure at u is the model's P(alive) for that history (or 1 − P(no purchase in
 * (T + u, T + u + window] | x, t_x, T + u), the count-0 case of {@link conditionalPurchaseProbability}),
 * which never rises as u grows. `after` is the first u in [0, horizon] with the measure at or below
 * the threshold, found by bisection to horizon·2⁻⁵² (whole opportunities for BG/BB). Laws (property-tested):
 * a higher threshold never gives a later date; a customer whose last purchase was later (same count, same
 * T) never gets an earlier one. A customer with more purchases can get an earlier date, because the models
 * read a frequent buyer's silence as stronger evidence of dropout (docs/decisions.md has an example).
 *
 * A BG/NBD customer with no repeat purchase is alive with probability 1 (the model's dropout happens at a
 * purchase), so `probabilityAlive` never falls: `after` is null; MBG/NBD, Pareto/NBD and GGom/NBD do fall.
 * A fit with covariates uses the customer's `covariates`.
 *
 * @param fit - a BG/NBD, MBG/NBD, Pareto/NBD, GGom/NBD or BG/BB fit (`'purchaseWithin'`: a model that
 *   defines {@link conditionalPurchaseProbability})
 * @param customer - `{ frequency, recency, T }` (BG/BB: `{ frequency, recency, periods }`), in the fit's unit
 * @param options - `threshold`, `horizon`, `measure`, `window`, and `at` with `timeUnit` for a date
 * @returns `after` (null when not within the horizon), `date`, and the measure `measureNow` and `measureThen`
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL`, `INVALID_SUMMARY_ROW` for an inconsistent
 *   customer, `OUT_OF_RANGE` for a threshold outside (0, 1) or a horizon past the last representable date,
 *   `INVALID_ARGUMENT` for an unknown `measure`, a `window` missing or given without `'purchaseWithin'`, or
 *   `at` without `timeUnit` (or the reverse), `INVALID_TIMESTAMP` for `at`, the field codes for `horizon`
 *   and `window`, `INVALID_OPTION` for an unknown option key, `MISSING_COVARIATE` for a covariate fit.
 *
 * @example
 * ```ts
 * import { contactBy } from 'patronage';
 *
 * // Fader, Hardie & Lee (2005): the CDNOW BG/NBD fit, in weeks
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * // four purchases, the last one 8 weeks before the end of observation
 * const customer = { frequency: 4, recency: 30.86, T: 38.86 };
 * const when = contactBy(fit, customer, {
 *   threshold: 0.5,
 *   horizon: 52,
 *   at: '1998-06-30T00:00:00Z',
 *   timeUnit: 'week',
 * });
 * Math.round(when.measureNow * 100) / 100; // => 0.74
 * Math.round((when.after ?? -1) * 10) / 10; // => 12.2
 * when.date?.slice(0, 10); // => '1998-09-23'
 * // already below a threshold of 0.8: contact now
 * contactBy(fit, customer, { threshold: 0.8, horizon: 52 }).after; // => 0
 * // P(at least one purchase in the next 13 weeks) is 0.50 now and falls to 0.3 in 11.9 weeks
 * const next = contactBy(fit, customer, { threshold: 0.3, measure: 'purchaseWithin', window: 13, horizon: 104 });
 * [Math.round(next.measureNow * 100) / 100, Math.round((next.after ?? -1) * 10) / 10]; // => [0.5, 11.9]
 * ```
 *
 * @category CLV models
 */
export function contactBy(
  fit: ModelSpec,
  customer: CustomerHistory | DiscreteHistory,
  options: ContactByOptions,
): ContactBy {
  const record = requireOptions(FN, 'options', options, CONTACT_BY_OPTION_KEYS);
  const measureName = record['measure'] ?? 'probabilityAlive';
  if (measureName !== 'probabilityAlive' && measureName !== 'purchaseWithin') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: options.measure must be 'probabilityAlive' or 'purchaseWithin', got ${describeValue(measureName)}`,
      { argument: 'options.measure', value: measureName },
    );
  }
  const within = measureName === 'purchaseWithin';
  const found = within
    ? requireModel(FN, fit, ['conditionalPurchaseProbability'], undefined, true)
    : requireModel(FN, fit, ['probabilityAliveLater'], undefined, true);
  const { definition, params } = found;
  const time = definition.time ?? 'continuous';
  const threshold = requireBetween(FN, 'options.threshold', record['threshold'], 0, 1);
  if (threshold === 0 || threshold === 1) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${FN}: options.threshold (${threshold}) must be strictly between 0 and 1`,
      { argument: 'options.threshold', value: threshold, minimum: 0, maximum: 1 },
    );
  }
  const horizon = requireDuration(FN, 'options.horizon', record['horizon'], time);
  let window = 0;
  if (within) {
    if (record['window'] === undefined) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: measure 'purchaseWithin' needs options.window, the window of the purchase`,
        { argument: 'options.window', value: undefined },
      );
    }
    window = requireDuration(FN, 'options.window', record['window'], time);
    if (!(window > 0)) {
      throw new PatronageError('OUT_OF_RANGE', `${FN}: options.window (${window}) must be above 0`, {
        argument: 'options.window',
        value: window,
      });
    }
  } else if (record['window'] !== undefined) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: options.window applies only to measure 'purchaseWithin'`,
      { argument: 'options.window', value: record['window'] },
    );
  }
  const { x, tx, T } = requireCustomer(FN, 'customer', customer, time);
  const own: AnyParams = customerParams(FN, definition, params, fit, customer, 'customer');
  if (time === 'discrete' && T + horizon + window > MAX_OPPORTUNITIES) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${FN}: periods + options.horizon${within ? ' + options.window' : ''} (${T + horizon + window}) must be at most ${MAX_OPPORTUNITIES}`,
      { argument: 'options.horizon', value: horizon, maximum: MAX_OPPORTUNITIES - T - window },
    );
  }
  if (!Number.isFinite(T + horizon + window)) {
    throw new PatronageError('NOT_FINITE', `${FN}: T + options.horizon overflows`, {
      argument: 'options.horizon',
      value: horizon,
    });
  }
  const date = dateOf(record, horizon);
  // the no-purchase probability is computed directly (never 1 − Σ), so its complement is exact to an ulp
  // of 1
  const raw: (u: number) => number = within
    ? (u) =>
        1 -
        (
          found as ReturnType<typeof requireModel<'conditionalPurchaseProbability'>>
        ).predictions.conditionalPurchaseProbability(own, x, tx, T + u, 0, window)
    : (u) =>
        (found as ReturnType<typeof requireModel<'probabilityAliveLater'>>).predictions.probabilityAliveLater(
          own,
          x,
          tx,
          T + u,
          0,
        );
  const what = within ? 'P(a purchase within the window)' : 'P(alive)';
  const measure = (u: number): number => finiteResult(FN, what, raw(u));
  const now = measure(0);
  if (now <= threshold) return { after: 0, date: date(0), measureNow: now, measureThen: now };
  const last = measure(horizon);
  if (last > threshold) return { after: null, date: null, measureNow: now, measureThen: null };
  // measure(lo) > threshold ≥ measure(hi)
  let lo = 0;
  let hi = horizon;
  let then = last;
  if (time === 'discrete') {
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      const value = measure(mid);
      if (value <= threshold) [hi, then] = [mid, value];
      else lo = mid;
    }
  } else {
    for (let step = 0; step < STEPS; step++) {
      const mid = lo + (hi - lo) / 2;
      if (mid === lo || mid === hi) break;
      const value = measure(mid);
      if (value <= threshold) [hi, then] = [mid, value];
      else lo = mid;
    }
  }
  return { after: hi, date: date(hi), measureNow: now, measureThen: then };
}

/** `at + u` as an ISO timestamp, or null without `at`; checks `at` and `timeUnit` come together. */
function dateOf(record: Readonly<Record<string, unknown>>, horizon: number): (u: number) => string | null {
  const hasAt = record['at'] !== undefined;
  const hasUnit = record['timeUnit'] !== undefined;
  if (hasAt !== hasUnit) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: give options.at and options.timeUnit together (a date needs both), got only ${hasAt ? 'at' : 'timeUnit'}`,
      { argument: hasAt ? 'options.timeUnit' : 'options.at', value: undefined },
    );
  }
  if (!hasAt) return () => null;
  const start = toEpochMsIn(FN, 'options.at', record['at']);
  const unitMs = daysOf(FN, 'options.timeUnit', record['timeUnit']) * DAY_MS;
  if (!(start + horizon * unitMs <= MAX_EPOCH_MS)) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${FN}: options.at + options.horizon is past the last date a timestamp can hold (+275760-09-13)`,
      { argument: 'options.horizon', value: horizon },
    );
  }
  return (u) => new Date(Math.round(start + u * unitMs)).toISOString();
}
