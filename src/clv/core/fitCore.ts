// The maximum-likelihood machinery shared by the six fits. Internal.

import { normalQuantile } from '../../math/normal';
import {
  invertPositiveDefinite,
  type Minimum,
  minimize,
  type Objective,
  symmetricEigen,
} from '../../math/optimize';
import type { Likelihood, ModelDefinition } from './definition';
import { finiteOrNull } from './inputs';
import type { CompressedRows } from './rows';
import type { FitPenalty, ModelFit, ModelName, ModelParams, ParameterCovariance } from './types';

const Z95 = /* @__PURE__ */ normalQuantile(0.975);
export const LOG_BOUND = 20;

/** Replaces a finite-difference Hessian (row-major, n × n) by its symmetric part, in place. */
function symmetrize(hessian: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const mean = ((hessian[i * n + j] as number) + (hessian[j * n + i] as number)) / 2;
      hessian[i * n + j] = mean;
      hessian[j * n + i] = mean;
    }
  }
}

/**
 * Forward differences of the natural-parameter gradient give the observed information matrix: n + 1
 * gradient evaluations (a pass over the data each), against 2n for central differences. The step is 1e−5 of
 * each parameter, so truncation and rounding errors both stay near 1e−5 relative: ample for standard errors
 * (CDNOW's BG/NBD errors match CLVTools' printed four figures). A likelihood with a closed-form
 * `information` (BG/NBD, MBG/NBD) gives it from one pass instead of these n + 1 (n after `rememberLast`'s
 * saving), and exact where these differences are off (by up to 8e−4 in the
 * standard errors of a and b on the 1M-customer benchmark).
 */
function informationMatrix(likelihood: Likelihood, logParams: Float64Array): Float64Array | null {
  if (likelihood.information) return likelihood.information(logParams);
  const n = logParams.length;
  const natural = Array.from(logParams, Math.exp);
  const gradientAt = (point: number[]): Float64Array | null => {
    const logPoint = Float64Array.from(point, Math.log);
    const gradient = new Float64Array(n);
    const value = likelihood.objective(logPoint, gradient);
    if (!Number.isFinite(value) || !gradient.every(Number.isFinite)) return null;
    for (let i = 0; i < n; i++) gradient[i] = (gradient[i] as number) / (point[i] as number);
    return gradient;
  };
  const atOptimum = gradientAt(natural);
  if (atOptimum === null) return null;
  const hessian = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const up = natural.slice();
    up[j] = (natural[j] as number) * (1 + 1e-5);
    const h = (up[j] as number) - (natural[j] as number); // the step as represented
    const gradientUp = gradientAt(up);
    if (gradientUp === null) return null;
    for (let i = 0; i < n; i++) {
      hessian[i * n + j] = (((gradientUp[i] as number) - (atOptimum[i] as number)) / h) * likelihood.total;
    }
  }
  symmetrize(hessian, n);
  return hessian;
}

/**
 * Keeps the search inside e^±20 on the optimiser's (time-rescaled) scale: beyond it a parameter is running
 * off to a boundary, which is reported rather than followed into overflow
 */
function bounded(objective: Objective): Objective {
  return (logParams, gradient) => {
    for (const value of logParams) if (!(Math.abs(value) <= LOG_BOUND)) return Number.NaN;
    return objective(logParams, gradient);
  };
}

export const BOUNDARY: number = LOG_BOUND - 6;

/**
 * Minimises from each start and keeps the highest likelihood. A converged start is trusted once a second
 * start confirms its value (relative 1e−9); until then the search goes on, because a start can settle on a
 * plateau (for example a → 0, where BG/NBD no longer depends on b) while the likelihood is higher towards
 * a boundary, and then the honest answer is the boundary, reported as not converged.
 */
function searchStarts(
  objective: Objective,
  starts: readonly (readonly number[])[],
): { best: Minimum; iterations: number } {
  let best: Minimum | null = null;
  let iterations = 0;
  let confirmed = false;
  for (const start of starts) {
    const result = minimize(objective, Float64Array.from(start, Math.log), { bound: BOUNDARY });
    iterations += result.iterations;
    if (best?.converged === true && result.converged) {
      confirmed = Math.abs(result.value - best.value) <= 1e-9 * Math.max(1, Math.abs(best.value));
    }
    // values within rounding of each other count as equal, and then a converged result is preferred
    const margin = best === null ? 0 : 1e-9 * Math.max(1, Math.abs(best.value));
    if (
      best === null ||
      result.value < best.value - margin ||
      (result.value <= best.value + margin && result.converged && !best.converged)
    ) {
      best = result;
    }
    if (confirmed) break;
  }
  return { best: best as Minimum, iterations };
}

/** The Hessian of `objective` over log-parameters by central differences of its gradient, or null. */
function logHessian(objective: Objective, at: Float64Array): Float64Array | null {
  const n = at.length;
  const hessian = new Float64Array(n * n);
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  const probe = Float64Array.from(at);
  const h = 1e-4;
  for (let j = 0; j < n; j++) {
    probe[j] = (at[j] as number) + h;
    const valueUp = objective(probe, up);
    probe[j] = (at[j] as number) - h;
    const valueDown = objective(probe, down);
    probe[j] = at[j] as number;
    if (!Number.isFinite(valueUp) || !Number.isFinite(valueDown)) return null;
    for (let i = 0; i < n; i++) hessian[i * n + j] = ((up[i] as number) - (down[i] as number)) / (2 * h);
  }
  symmetrize(hessian, n);
  return hessian.every(Number.isFinite) ? hessian : null;
}

/**
 * A warm start from the pilot subsample: its optimum, and its curvature as BFGS's first inverse Hessian.
 * Returns the full-data minimum when that converged in the interior, else null (the caller then searches
 * from the usual starts, so the pilot can only save time, never change what is found).
 */
function warmStart(
  likelihood: Likelihood,
  starts: readonly (readonly number[])[],
): { best: Minimum; iterations: number } | null {
  if (!likelihood.pilot) return null;
  const pilotObjective = bounded(likelihood.pilot);
  const pilot = searchStarts(pilotObjective, starts);
  const pilotOnBoundary = pilot.best.x.some((value) => Math.abs(value) > BOUNDARY);
  if (pilotOnBoundary && likelihood.followPilotToBoundary === true && Number.isFinite(pilot.best.value)) {
    const inside = pilot.best.x.map((value) => Math.max(-(BOUNDARY - 2), Math.min(BOUNDARY - 2, value)));
    const result = minimize(bounded(likelihood.objective), inside, { bound: BOUNDARY });
    const onBoundary = result.x.some((value) => Math.abs(value) > BOUNDARY);
    if (!onBoundary && !result.converged) return null;
    return { best: result, iterations: pilot.iterations + result.iterations };
  }
  if (!pilot.best.converged || pilotOnBoundary) return null;
  const hessian = logHessian(pilotObjective, pilot.best.x);
  const inverse = hessian === null ? null : invertPositiveDefinite(hessian, pilot.best.x.length);
  if (inverse === null) return null;
  const result = minimize(bounded(likelihood.objective), pilot.best.x, {
    bound: BOUNDARY,
    inverseHessian: inverse,
  });
  if (!result.converged || result.x.some((value) => Math.abs(value) > BOUNDARY)) return null;
  return { best: result, iterations: pilot.iterations + result.iterations };
}

/**
 * The bound on the information matrix's conditioning: when its smallest eigenvalue, on the log-parameter
 * scale, is below this fraction of its largest, some combination of the parameters is determined to less
 * than a millionth of the precision of the best-determined one (√1e−10 = 1e−5 in standard error ratio), and
 * the fit reports that the data do not identify the model instead of returning an arbitrary point of a
 * ridge. Well-identified fits sit far from it: over the test suite's fits, published data sets included,
 * the smallest ratio is about 1e−6; the unidentified ones of issue 15 are singular (ratio ≤ 0).
 */
export const IDENTIFICATION_BOUND = 1e-10;

/**
 * The least information the weakest direction must carry on the log-parameter scale: below it the standard
 * error along that direction exceeds √(1/0.01) = 10, a factor of e^10 ≈ 22,000 either way, and the data do
 * not identify that combination of parameters whatever the conditioning says (a ridge whose maximum the
 * optimiser ends on with an invertible but meaningless information matrix, as in a slow-buying sample with
 * a and b growing together). Identified fits are far from it: CDNOW's BG/NBD fit has a smallest eigenvalue
 * of about 2 on this scale.
 */
export const IDENTIFICATION_MINIMUM = 0.01;

/** How well the observed information (natural scale, at `scaled` parameters) pins the parameters down. */
export interface Identification {
  /** The smallest eigenvalue over the largest, on the log-parameter scale (≤ 0: singular). */
  readonly ratio: number;
  /** The largest eigenvalue (≤ 0: a flat likelihood). */
  readonly largest: number;
  /** The smallest eigenvalue. */
  readonly smallest: number;
  /** The parameters that make up the poorly determined directions. */
  readonly weak: readonly string[];
}

export function identification(
  information: Float64Array,
  scaled: readonly number[],
  names: readonly string[],
): Identification | null {
  const n = scaled.length;
  // log-parameter scale: ∂²/∂log θi ∂log θj = θi θj ∂²/∂θi ∂θj at a stationary point
  const onLogScale = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      onLogScale[i * n + j] =
        (information[i * n + j] as number) * (scaled[i] as number) * (scaled[j] as number);
    }
  }
  if (!onLogScale.every(Number.isFinite)) return null;
  const { values, vectors } = symmetricEigen(onLogScale, n);
  let largest = Number.NEGATIVE_INFINITY;
  let smallest = Number.POSITIVE_INFINITY;
  for (const value of values) {
    largest = Math.max(largest, value);
    smallest = Math.min(smallest, value);
  }
  const ratio = largest > 0 ? smallest / largest : 0;
  const weight = new Float64Array(n);
  const weakBelow = Math.max(IDENTIFICATION_BOUND * largest, IDENTIFICATION_MINIMUM);
  for (let k = 0; k < n; k++) {
    if (largest > 0 && (values[k] as number) >= weakBelow) continue;
    for (let i = 0; i < n; i++) weight[i] = (weight[i] as number) + (vectors[i * n + k] as number) ** 2;
  }
  const weak = names.filter((_, i) => (weight[i] as number) >= 0.01);
  return { ratio, largest, smallest, weak };
}

function listed(names: readonly string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The reason of a fit whose information matrix fails {@link IDENTIFICATION_BOUND} or
 * {@link IDENTIFICATION_MINIMUM}, or null when it passes.
 */
export function unidentified(
  check: Identification,
  names: readonly string[],
  hint: string | null,
): string | null {
  if (check.ratio >= IDENTIFICATION_BOUND && check.smallest >= IDENTIFICATION_MINIMUM) return null;
  const cause = hint === null ? '' : ` (${hint})`;
  if (!(check.largest > 0)) {
    return `the likelihood is flat: the data carry no information about ${listed(names)}${cause}`;
  }
  const which = check.weak.length > 1 ? `${listed(check.weak)} separately` : listed(check.weak);
  if (!(check.ratio > 0)) {
    return `the information matrix is singular: the data do not identify ${which}${cause}`;
  }
  if (check.ratio < IDENTIFICATION_BOUND) {
    return `the information matrix is near-singular (smallest eigenvalue ${check.ratio.toPrecision(2)} of the largest on the log-parameter scale, below ${IDENTIFICATION_BOUND}): the data do not identify ${which}${cause}`;
  }
  return `the information is too small along one direction (smallest eigenvalue ${check.smallest.toPrecision(2)} on the log-parameter scale, below ${IDENTIFICATION_MINIMUM}: a standard error above 10 in log terms): the data do not identify ${which}${cause}`;
}

/**
 * What {@link maximumLikelihood} reads of a model's definition.
 *
 * @category CLV models
 */
export type FitDefinition<M extends ModelName> = Pick<
  ModelDefinition<M>,
  'name' | 'parameters' | 'starts'
> & {
  /**
   * How many of the first `parameters` the log-parameter penalty shrinks (default all): a coordinate after
   * them that is not a log-parameter (the correlated Pareto/NBD's ω) is left out.
   */
  readonly logParameters?: number;
};

/** A fit's validated penalty coefficients (0: none). */
export interface FitPenaltyValues {
  /** c of c·Σ (ln θ)², per customer. */
  readonly logParams: number;
}

/**
 * The largest log-parameter penalty accepted: at 1e6 per customer every parameter is already 1 to within
 * about 1e−6, and a bound keeps n·c·Σ (ln θ)² (the penalised objective) finite for any data.
 */
export const MAX_LOG_PARAMS_PENALTY = 1e6;

/** No penalty: the plain maximum-likelihood fit. */
export const NO_PENALTY: FitPenaltyValues = { logParams: 0 };

/** Why a fit has no log-likelihood: the one reason given with `logLikelihood: null`. */
export const NOT_EVALUATED = 'the likelihood could not be evaluated at any point tried';

/**
 * ln of each natural parameter over the optimiser's one, ln θᵢ − xᵢ: a likelihood's `unscale` multiplies each
 * parameter by its own factor (a time or money unit), so these are the logs of `unscale` at 1.
 */
function logOffsets(likelihood: Likelihood, count: number): number[] {
  const ones = new Array<number>(count).fill(1);
  return (likelihood.unscale ? likelihood.unscale(ones) : ones).map(Math.log);
}

/**
 * ln L at natural parameters (in the definition's order), evaluated by `likelihood`'s objective exactly as a
 * fit reports its `logLikelihood`, so that a fit's own parameters give its own value to the bit. Non-finite
 * where the likelihood cannot be evaluated.
 */
export function logLikelihoodAtParams(likelihood: Likelihood, natural: readonly number[]): number {
  const offsets = logOffsets(likelihood, natural.length);
  // the optimiser's coordinate of θ with lower bound b is ln(θ − b) (see Likelihood.lowerBounds)
  const logParams = Float64Array.from(
    natural,
    (value, i) => Math.log(value - (likelihood.lowerBounds?.[i] ?? 0)) - (offsets[i] as number),
  );
  const scaled = -likelihood.objective(logParams, null) * likelihood.total;
  return likelihood.unscaleLogLikelihood ? likelihood.unscaleLogLikelihood(scaled) : scaled;
}

/**
 * c·Σ (ln θ)² over natural parameters: the log-parameter penalty per customer (ln(θ − b) for a parameter
 * with lower bound b, the coordinate the penalised objective shrinks).
 */
function logParamsPenalty(
  natural: readonly number[],
  coefficient: number,
  lowerBounds?: readonly number[],
): number {
  let sum = 0;
  natural.forEach((value, i) => {
    sum += Math.log(value - (lowerBounds?.[i] ?? 0)) ** 2;
  });
  return coefficient * sum;
}

/**
 * `objective` plus c·Σ (ln θᵢ)² over its first `count` coordinates (ln θᵢ = the coordinate plus `offsets[i]`),
 * with the penalty's gradient added: the log-parameter penalty of every fit, with or without covariates.
 */
export function withLogParamsPenalty(
  objective: Objective,
  coefficient: number,
  count: number,
  offsets: readonly number[],
): Objective {
  return (logParams, gradient) => {
    const value = objective(logParams, gradient);
    if (!Number.isFinite(value)) return value;
    let sum = 0;
    // the model's parameters only: coordinates after them (the coefficients, ω's t) are not log-parameters
    for (let i = 0; i < count; i++) {
      const logParam = (logParams[i] as number) + (offsets[i] as number);
      sum += logParam * logParam;
      if (gradient !== null) gradient[i] = (gradient[i] as number) + 2 * coefficient * logParam;
    }
    return value + coefficient * sum;
  };
}

/**
 * The likelihood with c·Σ (ln θ)² added to its objective (−ln L / n), over the natural parameters θ (ln θ =
 * the optimiser's log-parameter plus its unit's offset), on the pilot subsample as well: the penalty is per
 * customer, so the subsample's optimum estimates the full one's as it does without a penalty.
 */
function penalized(likelihood: Likelihood, coefficient: number, count: number): Likelihood {
  const offsets = logOffsets(likelihood, count);
  const wrap = (objective: Objective): Objective =>
    withLogParamsPenalty(objective, coefficient, count, offsets);
  const information = likelihood.information;
  return {
    ...likelihood,
    objective: wrap(likelihood.objective),
    pilot: likelihood.pilot ? wrap(likelihood.pilot) : null,
    // n·c·(ln θᵢ + offsetᵢ)² has second derivative 2nc(1 − ln θᵢ − offsetᵢ)/θᵢ² on the natural scale
    information:
      information === undefined
        ? undefined
        : (logParams) => {
            const matrix = information(logParams);
            if (matrix === null) return null;
            const n = logParams.length;
            for (let i = 0; i < count; i++) {
              const logParam = (logParams[i] as number) + (offsets[i] as number);
              const theta = Math.exp(logParams[i] as number);
              matrix[i * n + i] =
                (matrix[i * n + i] as number) +
                (2 * coefficient * likelihood.total * (1 - logParam)) / (theta * theta);
            }
            return matrix.every(Number.isFinite) ? matrix : null;
          },
  };
}

/**
 * A fit's `covariance`: the matrix, or null with the reason, the first that failed of the information
 * matrix (`informationFound`), its inverse (`inverted`) and the matrix on the natural scale (finite).
 */
export function parameterCovariance(
  parameters: readonly string[],
  matrix: number[][] | null,
  informationFound: boolean,
  inverted: boolean,
): ParameterCovariance {
  if (matrix !== null) return { parameters, matrix, reason: null };
  const reason = !informationFound
    ? 'the gradient could not be evaluated beside the estimates'
    : !inverted
      ? 'the observed information matrix is not positive definite (a boundary or flat optimum)'
      : 'the covariance overflows';
  return { parameters, matrix: null, reason };
}

/**
 * Maximises the likelihood (from the pilot's warm start when there is one, else from each of the model's
 * starts), keeps the best point, and derives standard errors and 95% confidence intervals from the
 * observed information. Never returns NaN. When the likelihood cannot be evaluated at any point tried, the
 * fit says so: `logLikelihood: null`, `converged: false`, the reason {@link NOT_EVALUATED}, no standard
 * errors, and the first start as `params` (not an estimate).
 */
export function maximumLikelihood<M extends ModelName>(
  definition: FitDefinition<M>,
  plain: Likelihood,
  hint: string | null = null,
  penalty: FitPenaltyValues = NO_PENALTY,
): ModelFit<M> {
  const { name: model, parameters: names, starts } = definition;
  const logParameters = definition.logParameters ?? names.length;
  const likelihood = penalty.logParams > 0 ? penalized(plain, penalty.logParams, logParameters) : plain;
  const searched = warmStart(likelihood, starts) ?? searchStarts(bounded(likelihood.objective), starts);
  const found = searched.best;
  const iterations = searched.iterations;
  const scaledParams = Array.from(found.x, Math.exp);
  const lower = (i: number): number => likelihood.lowerBounds?.[i] ?? 0;
  const natural = (likelihood.unscale ? likelihood.unscale(scaledParams) : scaledParams).map(
    (value, i) => value + lower(i),
  );
  // ln L at the parameters reported, by the function logLikelihoodAt uses, unpenalised
  const logLikelihood = logLikelihoodAtParams(plain, natural);
  const named = (values: readonly number[]): ModelParams[M] => {
    const params: Record<string, number> = {};
    names.forEach((name, i) => {
      params[name] = values[i] as number;
    });
    return params as unknown as ModelParams[M];
  };
  if (
    !Number.isFinite(found.value) ||
    !Number.isFinite(logLikelihood) ||
    !natural.every((value) => Number.isFinite(value) && value > 0)
  ) {
    return {
      model,
      params: named((starts[0] ?? names.map(() => 1)).map((value, i) => value + lower(i))),
      logLikelihood: null,
      standardErrors: null,
      confidenceIntervals: null,
      iterations,
      converged: false,
      reason: NOT_EVALUATED,
      n: likelihood.total,
      distinctRows: likelihood.distinctRows,
      aic: null,
      bic: null,
      covariance: { parameters: [...names], matrix: null, reason: NOT_EVALUATED },
      penalizedLogLikelihood: null,
      penalty: penaltyOf(penalty),
    };
  }
  const atBoundary = names.filter((_, i) => Math.abs(found.x[i] as number) > BOUNDARY);
  const limits = atBoundary.some((name) => lower(names.indexOf(name)) !== 0)
    ? `its bound (${atBoundary.map((name) => `${name} > ${lower(names.indexOf(name))}`).join(', ')})`
    : '0';

  let standardErrors: Record<string, number> | null = null;
  let confidenceIntervals: Record<string, readonly [number, number]> | null = null;
  const information = informationMatrix(likelihood, found.x);
  const covariance = information === null ? null : invertPositiveDefinite(information, found.x.length);
  const check = information === null ? null : identification(information, scaledParams, names);
  const notIdentified = atBoundary.length > 0 || check === null ? null : unidentified(check, names, hint);
  if (covariance !== null) {
    // standard errors on the optimiser's scale; a time rescaling multiplies a parameter and its error alike
    const errors: Record<string, number> = {};
    const intervals: Record<string, readonly [number, number]> = {};
    let ok = true;
    names.forEach((name, i) => {
      // above a lower bound b the interval is b + (θ − b)·exp(±1.96·SE/(θ − b)), so it stays above b
      const bound = lower(i);
      const value = (natural[i] as number) - bound;
      const scale = value / (scaledParams[i] as number);
      const error = Math.sqrt(covariance[i * found.x.length + i] as number) * scale;
      const spread = Math.exp((Z95 * error) / value);
      if (!Number.isFinite(error) || !Number.isFinite(spread) || !Number.isFinite(value * spread)) ok = false;
      errors[name] = error;
      intervals[name] = [bound + value / spread, bound + value * spread];
    });
    if (ok) {
      standardErrors = errors;
      confidenceIntervals = intervals;
    }
  }
  // the natural scale can overflow where the log scale does not (α ≈ 1e156: its variance passes 1e308)
  const naturalMatrix =
    standardErrors === null || covariance === null
      ? null
      : finiteMatrixOrNull(naturalCovariance(covariance, natural, scaledParams));
  const k = names.length;
  const penalizedLogLikelihood =
    penalty.logParams > 0
      ? logLikelihood -
        likelihood.total *
          logParamsPenalty(natural.slice(0, logParameters), penalty.logParams, likelihood.lowerBounds)
      : logLikelihood;
  return {
    model,
    params: named(natural),
    logLikelihood,
    standardErrors: standardErrors as unknown as ModelParams[M] | null,
    confidenceIntervals: confidenceIntervals as unknown as ModelFit<M>['confidenceIntervals'],
    iterations,
    converged: found.converged && atBoundary.length === 0 && notIdentified === null,
    reason:
      atBoundary.length > 0
        ? `no interior maximum: ${atBoundary.join(', ')} ran towards ${limits} or infinity, so the data do not identify ${atBoundary.length > 1 ? 'them' : 'it'} (${hint ?? 'the data show no sign of the heterogeneity or dropout it describes, or are too few'})`
        : !found.converged
          ? found.reason
          : notIdentified,
    n: likelihood.total,
    distinctRows: likelihood.distinctRows,
    aic: finiteOrNull(2 * k - 2 * logLikelihood),
    bic: finiteOrNull(k * Math.log(likelihood.total) - 2 * logLikelihood),
    covariance: parameterCovariance([...names], naturalMatrix, information !== null, covariance !== null),
    penalizedLogLikelihood,
    penalty: penaltyOf(penalty),
  };
}

/** The penalty as a fit reports it: null without one. */
function penaltyOf(penalty: FitPenaltyValues): FitPenalty | null {
  return penalty.logParams > 0 ? { logParams: penalty.logParams } : null;
}

/** The matrix when every entry is finite, else null. */
function finiteMatrixOrNull(matrix: number[][]): number[][] | null {
  return matrix.every((row) => row.every(Number.isFinite)) ? matrix : null;
}

/**
 * The covariance of the natural parameters from the optimiser's (unit-rescaled) one: a rescaling θ = f·θ'
 * multiplies entry (i, j) by fᵢ fⱼ. Symmetric to the bit (the mean of the two triangles).
 */
function naturalCovariance(
  covariance: Float64Array,
  natural: readonly number[],
  scaled: readonly number[],
): number[][] {
  const n = natural.length;
  const factor = natural.map((value, i) => value / (scaled[i] as number));
  return natural.map((_, i) =>
    natural.map((_, j) => {
      const mean = ((covariance[i * n + j] as number) + (covariance[j * n + i] as number)) / 2;
      // fᵢ·fⱼ first: a product of two commutes exactly, so (i, j) and (j, i) get the same bits
      return mean * ((factor[i] as number) * (factor[j] as number));
    }),
  );
}

/**
 * What in a customer-base data set (frequency, recency and T or n per distinct row) leaves a model
 * unidentified, for the reason of a fit that is not: all T = 0, no repeat purchase, a purchase in every
 * opportunity, or one history shared by every customer. Null when none applies.
 */
export function customerBaseHint(rows: CompressedRows, axis: 'continuous' | 'discrete'): string | null {
  const { first: frequency, third: age } = rows;
  const length = frequency.length;
  if (axis === 'continuous' && age.every((T) => T === 0)) return 'all customers have T = 0';
  if (frequency.every((x) => x === 0)) return 'no customer made a repeat purchase';
  if (axis === 'discrete' && frequency.every((x, i) => x === age[i])) {
    return 'every customer bought at every opportunity';
  }
  if (length === 1) return 'all customers have the same history';
  return null;
}

/** The same for spend rows: one (frequency, mean spend) shared by every customer. */
export function spendHint(rows: CompressedRows): string | null {
  return rows.first.length === 1 ? 'all customers have the same frequency and mean spend' : null;
}

/** Fits `definition` to validated, compressed rows: {@link maximumLikelihood} of its likelihood. */
export function fitModel<M extends ModelName>(
  definition: ModelDefinition<M>,
  rows: CompressedRows,
  hint: string | null = null,
  penalty: FitPenaltyValues = NO_PENALTY,
): ModelFit<M> {
  return maximumLikelihood(definition, definition.likelihood(rows), hint, penalty);
}
