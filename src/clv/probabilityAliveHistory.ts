import { PatronageError } from '../errors/PatronageError';
import { optionKeys, requireAtLeast, requireFinite, requireList, requireOptions } from '../internal/validate';
import { DAY_MS } from '../model/time';
import { type TimestampInput, toEpochMsIn } from '../model/timestamp';
import { customerParams } from './core/covariates';
import { finiteResult } from './core/inputs';
import { daysOf, type ModelTimeUnit } from './core/timeUnit';
import type { ModelSpec } from './core/types';
import { requireModel } from './registry';

/**
 * Options of {@link probabilityAliveHistory}.
 *
 * @category CLV models
 */
export interface ProbabilityAliveHistoryOptions {
  /** The end of the path (often the end of observation): at or after the last purchase. */
  readonly until: TimestampInput;
  /** The fit's time unit (the `unit` its summaries were made with). */
  readonly timeUnit: ModelTimeUnit;
  /** Spacing of the grid, in the fit's time unit, above 0 (default 1). */
  readonly step?: number;
  /**
   * The most points the path may have, from 2 to 1,000,000 (default 10,000); a path
   * that would need more is `OUT_OF_RANGE`, refused before anything is allocated.
   */
  readonly maxPoints?: number;
  /** The customer's covariates, for a fit with (static) covariates. */
  readonly covariates?: Readonly<Record<string, number>>;
}

const OPTION_KEYS = /* @__PURE__ */ optionKeys<ProbabilityAliveHistoryOptions>()([
  'until',
  'timeUnit',
  'step',
  'maxPoints',
  'covariates',
]);

/** The most points `maxPoints` may allow: one million. */
const MAX_ALIVE_HISTORY_POINTS = 1_000_000;

/**
 * What a point of the P(alive) path is: on the grid (`'grid'`), the moment just before a repeat purchase
 * (`'before'`, the history without it), at a purchase (`'purchase'`, the history with it; the first point,
 * the first purchase, is one), or the end of the path when `until` is off the grid (`'end'`).
 *
 * @category CLV models
 */
export type AliveHistoryPointKind = 'grid' | 'before' | 'purchase' | 'end';

/**
 * One point of a P(alive) path.
 *
 * @category CLV models
 */
export interface AliveHistoryPoint {
  /** Time since the first purchase, in the fit's time unit: the customer's T at this point. */
  readonly t: number;
  /** The same moment, as an ISO 8601 UTC timestamp (to the millisecond). */
  readonly at: string;
  /** What the point is. */
  readonly kind: AliveHistoryPointKind;
  /** Repeat purchases by then (x). */
  readonly frequency: number;
  /** Time of the last of them since the first purchase (t_x), 0 without one. */
  readonly recency: number;
  /** P(alive) of the history (x, t_x, T = t). */
  readonly probabilityAlive: number;
}

/**
 * The P(alive) path of one customer, as {@link probabilityAliveHistory} gives it.
 *
 * @category CLV models
 */
export interface ProbabilityAliveHistoryResult {
  /** The path, in time order; a `'before'` point comes just ahead of the `'purchase'` point at the same t. */
  readonly points: readonly AliveHistoryPoint[];
  /** The distinct purchase moments, in time order: the first at t = 0. */
  readonly purchases: readonly {
    /** Time since the first purchase, in the fit's time unit. */
    readonly t: number;
    /** The same moment, as an ISO 8601 UTC timestamp. */
    readonly at: string;
  }[];
  /** The customer's summary at `until`: the history of the last point. */
  readonly summary: {
    /** Repeat purchases (x). */
    readonly frequency: number;
    /** Time of the last repeat purchase since the first (t_x), 0 without one. */
    readonly recency: number;
    /** Time from the first purchase to `until` (T). */
    readonly T: number;
  };
}

const FN = 'probabilityAliveHistory';

/**
 * A customer's P(alive) over calendar time, from the first purchase to `until`, with the purchases marked:
 * lifetimes' `calculate_alive_path` and `plot_history_alive`. Each point is the model's P(alive) (as
 * {@link probabilityAlive} gives it) for the history up to that moment: x the repeat purchases so far, t_x
 * the last of them and T the time since the first purchase, all in the fit's time unit. The points are a
 * grid of `step` from the first purchase, the end (`until`), and at each repeat purchase two points at the
 * same t, just before it (without it) and at it (with it), so the jump shows; a grid point that falls on
 * a purchase is that pair. Purchases at the same millisecond count as one, and the purchases may come in
 * any order; to merge purchases of one day, as lifetimes does, pass one time per day.
 *
 * Laws (property-tested): every value is in [0, 1]; between purchases the path never rises for BG/NBD,
 * MBG/NBD, Pareto/NBD and GGom/NBD; at a purchase it is 1 for Pareto/NBD and GGom/NBD, (b + x − 1)/(a + b +
 * x − 1) for BG/NBD (a BG/NBD customer may drop out right after any purchase) and 1 for BG/NBD before the
 * first repeat purchase; the last point equals `probabilityAlive(fit, summary)`. For any continuous-time model
 * with P(alive): BG/NBD, MBG/NBD, Pareto/NBD, GGom/NBD, (M)BG/CNBD-k; a fit with static covariates takes
 * the customer's `covariates`.
 *
 * @param fit - a continuous-time purchase model with P(alive)
 * @param purchases - the customer's purchase times: Dates, epoch milliseconds or ISO 8601 strings (at least one)
 * @param options - `until` and `timeUnit` (required), `step` (default 1), `maxPoints` (default 10,000), `covariates`
 * @returns the points, the purchases and the summary at `until`
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL` (BG/BB, or a model without P(alive)),
 *   `EMPTY_INPUT` for no purchases, `INVALID_TIMESTAMP` for a bad time, `OUT_OF_RANGE` for `until` before
 *   the last purchase, a `step` of 0 or less, a bad `timeUnit`, a `maxPoints` outside 2 to 1,000,000 or a
 *   path that needs more than `maxPoints` points, `NOT_AN_INTEGER`, `INVALID_OPTION` for an unknown option
 *   key, `MISSING_COVARIATE` for a covariate fit without the covariate, `INVALID_FIT` for a time-varying fit.
 *
 * @example
 * ```ts
 * import { probabilityAliveHistory } from 'patronage';
 *
 * // the CDNOW BG/NBD fit (Fader, Hardie & Lee 2005) in days: alpha 4.414 weeks = 30.898 days
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 30.898, a: 0.793, b: 2.426 } } as const;
 * const history = probabilityAliveHistory(fit, ['2014-06-13', '2014-07-07', '2014-07-17'], {
 *   until: '2014-08-12',
 *   timeUnit: 'day',
 *   step: 7,
 * });
 * history.purchases.map(({ t }) => t); // => [0, 24, 34]
 * history.points.map(({ t, kind }) => `${t} ${kind}`).slice(3, 7); // => ['21 grid', '24 before', '24 purchase', '28 grid']
 * history.points.map(({ probabilityAlive }) => Math.round(probabilityAlive * 100) / 100).slice(3, 7); // => [1, 1, 0.75, 0.74]
 * history.summary; // => { frequency: 2, recency: 34, T: 60 }
 * ```
 *
 * @category CLV models
 */
export function probabilityAliveHistory(
  fit: ModelSpec,
  purchases: readonly TimestampInput[],
  options: ProbabilityAliveHistoryOptions,
): ProbabilityAliveHistoryResult {
  const { definition, params, predictions } = requireModel(
    FN,
    fit,
    ['probabilityAliveLater'],
    'continuous',
    true,
  );
  const record = requireOptions(FN, 'options', options, OPTION_KEYS);
  const list = requireList(FN, 'purchases', purchases);
  if (list.length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${FN}: purchases is empty; give at least the first purchase`, {
      argument: 'purchases',
      value: list,
    });
  }
  const times = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) times[i] = toEpochMsIn(FN, `purchases[${i}]`, list[i]);
  times.sort();
  const until = toEpochMsIn(FN, 'options.until', record['until']);
  const unitMs = daysOf(FN, 'options.timeUnit', record['timeUnit']) * DAY_MS;
  const step = record['step'] === undefined ? 1 : requireFinite(FN, 'options.step', record['step']);
  if (!(step > 0)) {
    throw new PatronageError('OUT_OF_RANGE', `${FN}: options.step (${step}) must be above 0`, {
      argument: 'options.step',
      value: step,
    });
  }
  const maxPoints = readMaxPoints(record['maxPoints']);
  const first = times[0] as number;
  const lastPurchase = times[times.length - 1] as number;
  if (until < lastPurchase) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${FN}: options.until (${new Date(until).toISOString()}) is before the last purchase (${new Date(lastPurchase).toISOString()})`,
      { argument: 'options.until', value: record['until'] },
    );
  }
  const own = customerParams(FN, definition, params, fit, { covariates: record['covariates'] }, 'options');

  // the distinct purchase moments, in the fit's unit since the first
  const moments: number[] = [0];
  const purchaseMs: number[] = [first];
  for (let i = 1; i < times.length; i++) {
    const time = times[i] as number;
    if (time !== purchaseMs[purchaseMs.length - 1]) {
      purchaseMs.push(time);
      moments.push((time - first) / unitMs);
    }
  }
  const end = (until - first) / unitMs;
  // the size of the path, counted before anything is allocated: grid points, the end, two per repeat purchase
  const gridCount = Math.floor(end / step) + 1;
  const needed = gridCount + 1 + 2 * (moments.length - 1);
  if (!(needed <= maxPoints)) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${FN}: the path needs up to ${needed} points (a step of ${step} over ${end} units and ${moments.length} purchases), more than options.maxPoints (${maxPoints})`,
      { argument: 'options.maxPoints', value: maxPoints, minimum: needed },
    );
  }

  const points: AliveHistoryPoint[] = [];
  const atOf = (t: number, exact?: number): string =>
    new Date(exact ?? Math.round(first + t * unitMs)).toISOString();
  const push = (t: number, kind: AliveHistoryPointKind, x: number, tx: number, exact?: number): void => {
    const p = finiteResult(FN, 'P(alive)', predictions.probabilityAliveLater(own, x, tx, t, 0));
    points.push({ t, at: atOf(t, exact), kind, frequency: x, recency: tx, probabilityAlive: p });
  };
  push(0, 'purchase', 0, 0, first);
  let next = 1; // the next repeat purchase
  let x = 0;
  let tx = 0;
  for (let k = 1; k <= gridCount; k++) {
    // the grid point k·step, or the end after the last grid point
    const onGrid = k < gridCount;
    const t = onGrid ? Math.min(k * step, end) : end;
    while (next < moments.length && (moments[next] as number) <= t) {
      const moment = moments[next] as number;
      push(moment, 'before', x, tx, purchaseMs[next]);
      x++;
      tx = moment;
      push(moment, 'purchase', x, tx, purchaseMs[next]);
      next++;
    }
    const previous = points[points.length - 1] as AliveHistoryPoint;
    if (previous.t === t) continue; // the grid point (or the end) is the purchase just drawn
    push(t, onGrid ? 'grid' : 'end', x, tx, onGrid ? undefined : until);
  }
  return {
    points,
    purchases: moments.map((t, i) => ({ t, at: atOf(t, purchaseMs[i]) })),
    summary: { frequency: x, recency: tx, T: end },
  };
}

/** `options.maxPoints`: a whole number from 2 to {@link MAX_ALIVE_HISTORY_POINTS}, default 10,000. */
function readMaxPoints(value: unknown): number {
  if (value === undefined) return 10_000;
  const count = requireAtLeast(FN, 'options.maxPoints', value, 2);
  if (!Number.isSafeInteger(count)) {
    throw new PatronageError(
      'NOT_AN_INTEGER',
      `${FN}: options.maxPoints must be a whole number, got ${count}`,
      {
        argument: 'options.maxPoints',
        value: count,
      },
    );
  }
  if (count > MAX_ALIVE_HISTORY_POINTS) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${FN}: options.maxPoints (${count}) must be at most ${MAX_ALIVE_HISTORY_POINTS}`,
      { argument: 'options.maxPoints', value: count, maximum: MAX_ALIVE_HISTORY_POINTS },
    );
  }
  return count;
}
