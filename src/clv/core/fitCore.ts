// The maximum-likelihood machinery shared by the six fits. Internal.

import { normalQuantile } from '../../math/normal';
import { invertPositiveDefinite, type Minimum, minimize, type Objective } from '../../math/optimize';
import type { ModelFit, ModelName, ModelParams } from './types';

/** A model's likelihood over log-parameters, as the fits hand it to {@link maximumLikelihood}. */
export interface Likelihood {
  /** Parameter names, in the order of the vectors. */
  readonly names: readonly string[];
  /** Starting points to try, as natural parameters (the best converged result wins). */
  readonly starts: readonly (readonly number[])[];
  /**
   * −log L divided by the total weight, over log-parameters; writes the gradient (with respect to the
   * log-parameters) when asked. Non-finite for a point where the likelihood cannot be evaluated.
   */
  readonly objective: Objective;
  /**
   * The same objective on a weighted subsample of the rows (same time scale), for large data: the fit
   * maximises it first and starts the full fit from its optimum and curvature, which saves most of the
   * full-data iterations. The result is still the maximum of the full likelihood.
   */
  readonly pilot?: Objective | null;
  /** Total weight (customers). */
  readonly total: number;
  /** Distinct rows. */
  readonly distinctRows: number;
  /** Natural parameters from the optimiser's scale (undoes a time rescaling); identity when absent. */
  readonly unscale?: (params: number[]) => number[];
  /** log L at natural, unscaled parameters from the scaled objective's value; identity when absent. */
  readonly unscaleLogLikelihood?: (logLikelihood: number) => number;
}

const Z95 = /* @__PURE__ */ normalQuantile(0.975);
const LOG_BOUND = 20;

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
 * (CDNOW's BG/NBD errors match CLVTools' printed four figures).
 */
function informationMatrix(likelihood: Likelihood, logParams: Float64Array): Float64Array | null {
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

const BOUNDARY = LOG_BOUND - 6;

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
function warmStart(likelihood: Likelihood): { best: Minimum; iterations: number } | null {
  if (!likelihood.pilot) return null;
  const pilotObjective = bounded(likelihood.pilot);
  const pilot = searchStarts(pilotObjective, likelihood.starts);
  if (!pilot.best.converged || pilot.best.x.some((value) => Math.abs(value) > BOUNDARY)) return null;
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
 * Maximises the likelihood (from the pilot's warm start when there is one, else from each start), keeps the best point, and derives standard errors and 95%
 * confidence intervals from the observed information. Never returns NaN: a fit that cannot be evaluated
 * anywhere comes back with `converged: false`, the best finite point and a reason.
 */
export function maximumLikelihood<M extends ModelName>(model: M, likelihood: Likelihood): ModelFit<M> {
  const searched = warmStart(likelihood) ?? searchStarts(bounded(likelihood.objective), likelihood.starts);
  const found = searched.best;
  const iterations = searched.iterations;
  const atBoundary = likelihood.names.filter((_, i) => Math.abs(found.x[i] as number) > BOUNDARY);
  const scaledParams = Array.from(found.x, Math.exp);
  const natural = likelihood.unscale ? likelihood.unscale(scaledParams) : scaledParams;
  const finite =
    Number.isFinite(found.value) && natural.every((value) => Number.isFinite(value) && value > 0);
  const safe = finite ? natural : (likelihood.starts[0]?.slice() ?? natural.map(() => 1));
  const scaledLogLikelihood = finite ? -found.value * likelihood.total : 0;
  const logLikelihood = likelihood.unscaleLogLikelihood
    ? likelihood.unscaleLogLikelihood(scaledLogLikelihood)
    : scaledLogLikelihood;

  let standardErrors: Record<string, number> | null = null;
  let confidenceIntervals: Record<string, readonly [number, number]> | null = null;
  const information = finite ? informationMatrix(likelihood, found.x) : null;
  const covariance = information === null ? null : invertPositiveDefinite(information, found.x.length);
  if (covariance !== null) {
    // standard errors on the optimiser's scale; a time rescaling multiplies a parameter and its error alike
    const errors: Record<string, number> = {};
    const intervals: Record<string, readonly [number, number]> = {};
    let ok = true;
    likelihood.names.forEach((name, i) => {
      const scale = (safe[i] as number) / (scaledParams[i] as number);
      const error = Math.sqrt(covariance[i * found.x.length + i] as number) * scale;
      const value = safe[i] as number;
      const spread = Math.exp((Z95 * error) / value);
      if (!Number.isFinite(error) || !Number.isFinite(spread) || !Number.isFinite(value * spread)) ok = false;
      errors[name] = error;
      intervals[name] = [value / spread, value * spread];
    });
    if (ok) {
      standardErrors = errors;
      confidenceIntervals = intervals;
    }
  }
  const params: Record<string, number> = {};
  likelihood.names.forEach((name, i) => {
    params[name] = safe[i] as number;
  });
  return {
    model,
    params: params as unknown as ModelParams[M],
    logLikelihood: Number.isFinite(logLikelihood) ? logLikelihood : 0,
    standardErrors: standardErrors as unknown as ModelParams[M] | null,
    confidenceIntervals: confidenceIntervals as unknown as ModelFit<M>['confidenceIntervals'],
    iterations,
    converged: finite && found.converged && atBoundary.length === 0,
    reason: !finite
      ? 'the likelihood could not be evaluated at any point tried'
      : atBoundary.length > 0
        ? `no interior maximum: ${atBoundary.join(', ')} ran towards 0 or infinity, so the data do not identify ${atBoundary.length > 1 ? 'them' : 'it'} (the data show no sign of the heterogeneity or dropout it describes, or are too few)`
        : found.converged
          ? null
          : found.reason,
    n: likelihood.total,
    distinctRows: likelihood.distinctRows,
  };
}
