import { PatronageError } from '../../errors/PatronageError';
import { optionalObject, optionKeys, requirePositiveCount } from '../../internal/validate';
import { MAX_WHOLE_PARAMETER, type ModelDefinition } from '../core/definition';
import { customerBaseHint, type FitPenaltyValues, fitModel } from '../core/fitCore';
import { readFitOptions } from '../core/fitOptions';
import { type ErlangRows, erlangRows } from '../core/rows';
import { timeScaleOf } from '../core/timeScale';
import type {
  BgCnbdFit,
  BgNbdParams,
  CnbdFit,
  CustomerHistory,
  FitOptions,
  MbgCnbdFit,
  ModelFit,
  RegularityLogLikelihood,
} from '../core/types';
import { BG_CNBD, CNBD_STARTS, MBG_CNBD } from './definition';

/**
 * A row for {@link fitBgCnbd} and {@link fitMbgCnbd}: a customer's summary with the mean natural logarithm
 * of their inter-purchase times (as {@link interPurchaseTimes} gives it), optionally standing for `weight`
 * identical customers.
 *
 * @category CLV models
 */
export interface ErlangSummaryRow extends CustomerHistory {
  /**
   * The mean of ln(gap) over the customer's x gaps between purchases, in the unit of `recency` and `T`
   * (BTYDplus' `litt` is x times it); null (or 0) for a customer without repeat purchases.
   */
  readonly meanLogInterval: number | null;
  /** How many customers share this summary (default 1). */
  readonly weight?: number;
}

/**
 * The rows of {@link fitBgCnbd} and {@link fitMbgCnbd} as columns, one array (or typed array) per field, all
 * of one length; `meanLogInterval` is null or 0 where `frequency` is 0.
 *
 * @category CLV models
 */
export interface ErlangSummaryColumns {
  /** x per row: repeat purchases. */
  readonly frequency: ArrayLike<number>;
  /** t_x per row: the time of the last repeat purchase (0 without one). */
  readonly recency: ArrayLike<number>;
  /** T per row: the time observed since the first purchase. */
  readonly T: ArrayLike<number>;
  /** Mean log inter-purchase time per row (null or 0 without a repeat purchase). */
  readonly meanLogInterval: ArrayLike<number | null>;
  /** How many customers each row stands for (default 1 each). */
  readonly weight?: ArrayLike<number>;
}

/**
 * Options of {@link fitBgCnbd} and {@link fitMbgCnbd}.
 *
 * @category CLV models
 */
export interface CnbdFitOptions extends FitOptions {
  /** The regularity k, a whole number from 1 to 100; without it k is chosen by likelihood. */
  readonly k?: number;
  /** The largest k the search tries when `k` is not given (1 to 100, default 12 as BTYDplus). */
  readonly maxK?: number;
}

const CNBD_OPTION_KEYS = /* @__PURE__ */ optionKeys<CnbdFitOptions>()(['k', 'maxK', 'penalty']);

/** BTYDplus' grid: k = 1 … 12. */
const DEFAULT_MAX_K = 12;

function wholeOption(fn: string, name: string, value: unknown): number {
  const k = requirePositiveCount(fn, `options.${name}`, value);
  if (k > MAX_WHOLE_PARAMETER) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${fn}: options.${name} (${k}) must be at most ${MAX_WHOLE_PARAMETER}`,
      { argument: `options.${name}`, value: k, maximum: MAX_WHOLE_PARAMETER },
    );
  }
  return k;
}

/** The fit at regularity k, started from `previous` (scaled to the optimiser's time unit) before the usual points. */
function fitAtK<M extends 'bgCnbd' | 'mbgCnbd'>(
  definition: ModelDefinition<M>,
  rows: ErlangRows,
  k: number,
  penalty: FitPenaltyValues,
  previous: BgNbdParams | null,
): ModelFit<M> {
  const scale = timeScaleOf(rows);
  const starts =
    previous === null
      ? CNBD_STARTS
      : [[previous.r, previous.alpha / scale, previous.a, previous.b], ...CNBD_STARTS];
  const atK: ModelDefinition<M> = {
    ...definition,
    starts,
    likelihood: (given) => definition.likelihood(given, [k]),
  };
  return fitModel(atK, rows, customerBaseHint(rows, 'continuous'), penalty);
}

/**
 * The (M)BG/CNBD-k fit: at `options.k`, or at each k = 1, 2, … up to `maxK` until the log-likelihood falls
 * twice in a row (BTYDplus' rule), keeping the best. A searched k counts as an estimated parameter in `aic`
 * and `bic`.
 */
function fitCnbd<M extends 'bgCnbd' | 'mbgCnbd'>(
  fn: string,
  definition: ModelDefinition<M>,
  rows: unknown,
  options: unknown,
): CnbdFit<M> {
  const record = optionalObject(fn, 'options', options, CNBD_OPTION_KEYS);
  const fixed = record['k'] === undefined ? null : wholeOption(fn, 'k', record['k']);
  if (fixed !== null && record['maxK'] !== undefined) {
    throw new PatronageError(
      'INVALID_OPTION',
      `${fn}: options.maxK bounds the search for k, so it cannot be given with options.k`,
      { argument: 'options.maxK', option: 'maxK', suggestion: null },
    );
  }
  const maxK = record['maxK'] === undefined ? DEFAULT_MAX_K : wholeOption(fn, 'maxK', record['maxK']);
  const penalty = readFitOptions(
    fn,
    record['penalty'] === undefined ? undefined : { penalty: record['penalty'] },
  );
  const compressed = erlangRows(fn, rows);
  const regularity: RegularityLogLikelihood[] = [];
  let best: { fit: ModelFit<M>; k: number } | null = null;
  let previous: BgNbdParams | null = null;
  const from = fixed ?? 1;
  const to = fixed ?? maxK;
  for (let k = from; k <= to; k++) {
    const fit = fitAtK(definition, compressed, k, penalty, previous);
    regularity.push({ k, logLikelihood: fit.logLikelihood });
    if (fit.logLikelihood === null) break;
    previous = fit.params as unknown as BgNbdParams;
    const objective = fit.penalizedLogLikelihood as number;
    if (best === null || objective > (best.fit.penalizedLogLikelihood as number)) best = { fit, k };
    const at = (back: number): number | null => regularity[regularity.length - back]?.logLikelihood ?? null;
    const [l1, l2, l3] = [at(3), at(2), at(1)];
    if (l1 !== null && l2 !== null && l3 !== null && l3 < l2 && l2 < l1) break;
  }
  const chosen = best ?? { fit: fitAtK(definition, compressed, from, penalty, null), k: from };
  const { fit, k } = chosen;
  const searched = fixed === null && fit.logLikelihood !== null;
  return {
    ...fit,
    params: { k, ...(fit.params as unknown as BgNbdParams) },
    standardErrors: fit.standardErrors as unknown as BgNbdParams | null,
    confidenceIntervals: fit.confidenceIntervals as unknown as CnbdFit<M>['confidenceIntervals'],
    aic: searched && fit.aic !== null ? fit.aic + 2 : fit.aic,
    bic: searched && fit.bic !== null ? fit.bic + Math.log(fit.n) : fit.bic,
    regularity,
  };
}

/**
 * Fits BG/CNBD-k (Platzer & Reutterer 2016; Reutterer, Platzer & Schröder 2020; BTYDplus `bgcnbd`) by maximum
 * likelihood: BG/NBD with Erlang-k inter-purchase times, for customers who buy at regular intervals
 * (groceries, B2B). While alive, a customer's gaps are Gamma(k, λ) with λ ~ Gamma(r, alpha); after each
 * purchase they drop out with probability p ~ Beta(a, b). At k = 1 this is {@link fitBgNbd} (the same
 * likelihood, so the same estimates). See docs/model-cnbd.md.
 *
 * The likelihood needs, beside (x, t_x, T), each customer's mean log inter-purchase time (`meanLogInterval`
 * of {@link interPurchaseTimes}): it does not move the estimates at a given k, but the log-likelihood of
 * the gaps, (k − 1)·Σ ln(gap) − x·ln (k − 1)!, decides between values of k. Without `options.k`, k = 1, 2, …
 * are fitted in turn up to `maxK` (12) until the log-likelihood falls twice in a row (BTYDplus' search), and
 * the best is kept: `regularity` lists each k with its log-likelihood, and `aic`/`bic` count k as a
 * parameter. Numerics as {@link fitBgNbd}: merged identical rows, BFGS on log-parameters with the analytic
 * gradient, log space throughout.
 *
 * @param rows - `{ frequency, recency, T, meanLogInterval, weight? }` per customer (meanLogInterval null for
 *   frequency 0), or the same as columns ({@link ErlangSummaryColumns})
 * @param options - `k` (1 to 100) or `maxK` (1 to 100, default 12), and `penalty` as {@link fitBgNbd}
 * @returns the fit: `params` `{ k, r, alpha, a, b }`, `regularity` (each k tried with its log-likelihood),
 *   `logLikelihood` (with the gaps' term), `standardErrors` and `confidenceIntervals` of r, alpha, a, b at
 *   that k, and the other fields of every fit
 * @throws PatronageError as {@link fitBgNbd} for the rows; `INVALID_SUMMARY_ROW` naming a row whose
 *   `meanLogInterval` is missing with repeat purchases, not null or 0 without, or above ln(recency/frequency)
 *   (`NOT_FINITE` when not finite); `INVALID_OPTION` for an unknown key or `maxK` with `k`;
 *   `NOT_AN_INTEGER`, `OUT_OF_RANGE` for `k` or `maxK` not a whole number from 1 to 100.
 *
 * @example
 * ```ts
 * import { fitBgCnbd, simulateCustomers } from 'patronage';
 *
 * // customers who buy about every other week, regularly (Erlang-4 gaps); the simulated summary rows
 * // carry each customer's meanLogInterval
 * const spec = { model: 'bgCnbd', params: { k: 4, r: 3, alpha: 6, a: 1, b: 12 } } as const;
 * const { summary } = simulateCustomers(spec, { customers: 400, T: 52, seed: 7 });
 * const fit = fitBgCnbd(summary);
 * fit.params.k; // => 4
 * fit.regularity.length > 1; // => true
 * ```
 *
 * @category CLV models
 */
export function fitBgCnbd(
  rows: readonly ErlangSummaryRow[] | ErlangSummaryColumns,
  options?: CnbdFitOptions,
): BgCnbdFit {
  return fitCnbd('fitBgCnbd', BG_CNBD, rows, options);
}

/**
 * Fits MBG/CNBD-k (Platzer & Reutterer 2016; BTYDplus `mbgcnbd`): BG/CNBD-k where a customer may also drop
 * out right after the first purchase, so customers without repeat purchases are not certainly alive. At k =
 * 1 this is {@link fitMbgNbd}. Inputs, options, outputs and numerics as {@link fitBgCnbd}.
 *
 * @param rows - `{ frequency, recency, T, meanLogInterval, weight? }` per customer, or the same as columns
 *   ({@link ErlangSummaryColumns})
 * @param options - `k` (1 to 100) or `maxK` (1 to 100, default 12), and `penalty` as {@link fitBgNbd}
 * @returns the fit, with `params` `{ k, r, alpha, a, b }` and `regularity`
 * @throws PatronageError as {@link fitBgCnbd}
 *
 * @example
 * ```ts
 * import { fitMbgCnbd } from 'patronage';
 *
 * const fit = fitMbgCnbd(
 *   [
 *     { frequency: 0, recency: 0, T: 40, meanLogInterval: null, weight: 300 },
 *     { frequency: 2, recency: 8, T: 40, meanLogInterval: 1.38, weight: 60 },
 *     { frequency: 5, recency: 21, T: 40, meanLogInterval: 1.43, weight: 50 },
 *     { frequency: 9, recency: 38, T: 40, meanLogInterval: 1.42, weight: 40 },
 *     { frequency: 3, recency: 30, T: 40, meanLogInterval: 2.28, weight: 50 },
 *   ],
 *   { k: 3 },
 * );
 * fit.model; // => 'mbgCnbd'
 * fit.params.k; // => 3
 * ```
 *
 * @category CLV models
 */
export function fitMbgCnbd(
  rows: readonly ErlangSummaryRow[] | ErlangSummaryColumns,
  options?: CnbdFitOptions,
): MbgCnbdFit {
  return fitCnbd('fitMbgCnbd', MBG_CNBD, rows, options);
}
