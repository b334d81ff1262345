// The maximum-likelihood machinery shared by the six fits. Internal.

import { normalQuantile } from '../math/normal';
import { invertPositiveDefinite, minimize, type Objective } from '../math/optimize';
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

/** Central differences of the natural-parameter gradient give the observed information matrix. */
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
  const hessian = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const h = 1e-4 * (natural[j] as number);
    const up = natural.slice();
    const down = natural.slice();
    up[j] = (up[j] as number) + h;
    down[j] = (down[j] as number) - h;
    const gradientUp = gradientAt(up);
    const gradientDown = gradientAt(down);
    if (gradientUp === null || gradientDown === null) return null;
    for (let i = 0; i < n; i++) {
      hessian[i * n + j] =
        (((gradientUp[i] as number) - (gradientDown[i] as number)) / (2 * h)) * likelihood.total;
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const mean = ((hessian[i * n + j] as number) + (hessian[j * n + i] as number)) / 2;
      hessian[i * n + j] = mean;
      hessian[j * n + i] = mean;
    }
  }
  return hessian;
}

/**
 * Maximises the likelihood from each start, keeps the best point, and derives standard errors and 95%
 * confidence intervals from the observed information. Never returns NaN: a fit that cannot be evaluated
 * anywhere comes back with `converged: false`, the best finite point and a reason.
 */
export function maximumLikelihood<M extends ModelName>(model: M, likelihood: Likelihood): ModelFit<M> {
  let best: ReturnType<typeof minimize> | null = null;
  let iterations = 0;
  // keep the search inside e^±20 on the optimiser's (time-rescaled) scale: beyond it a parameter is running
  // off to a boundary, which is reported below rather than followed into overflow
  const bounded: Likelihood['objective'] = (logParams, gradient) => {
    for (const value of logParams) if (!(Math.abs(value) <= LOG_BOUND)) return Number.NaN;
    return likelihood.objective(logParams, gradient);
  };
  for (const start of likelihood.starts) {
    const result = minimize(bounded, Float64Array.from(start, Math.log), { bound: LOG_BOUND - 6 });
    iterations += result.iterations;
    if (
      best === null ||
      (result.converged && !best.converged) ||
      (result.converged === best.converged && result.value < best.value)
    ) {
      best = result;
    }
    if (best.converged) break;
  }
  const found = best as NonNullable<typeof best>;
  const atBoundary = likelihood.names.filter((_, i) => Math.abs(found.x[i] as number) > LOG_BOUND - 6);
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
