// The fit of the correlated Pareto/NBD (Glady, Lemmens & Croux 2015; see ./correlation.ts). Internal.

import { BOUNDARY, type FitPenaltyValues, fitModel, maximumLikelihood, NO_PENALTY } from '../core/fitCore';
import type { CompressedRows } from '../core/rows';
import { timeScaleOf } from '../core/timeScale';
import type { CorrelatedParetoNbdFit, ParameterCovariance, ParetoNbdParams } from '../core/types';
import { correlatedLikelihood } from './correlatedLikelihood';
import { correlationOf, omegaBounds, paretoParamsOf } from './correlation';
import { PARETO_NBD } from './definition';

const NAMES = ['r', 'alpha', 's', 'beta'] as const;

/** ω from the optimiser's fifth natural coordinate q = e^t: lower + (upper − lower)·q/(1 + q). */
function omegaOf(params: ParetoNbdParams, odds: number): number {
  const { lower, upper } = omegaBounds(params);
  return lower + ((upper - lower) * odds) / (1 + odds);
}

/** The odds q = σ/(1 − σ) that put ω at `omega` within its range at `params`. */
function oddsOf(params: ParetoNbdParams, omega: number): number {
  const { lower, upper } = omegaBounds(params);
  return (omega - lower) / (upper - omega);
}

/** Central differences of `f` at `point`, each step 1e−6 of its coordinate (f is a closed form). */
function gradientOf(f: (point: number[]) => number, point: readonly number[]): number[] {
  return point.map((value, j) => {
    const step = 1e-6 * Math.max(Math.abs(value), 1e-300);
    const up = point.slice();
    const down = point.slice();
    up[j] = value + step;
    down[j] = value - step;
    return (f(up) - f(down)) / (up[j] - (down[j] as number));
  });
}

/**
 * Fits the correlated Pareto/NBD to validated rows: the plain fit first, then the five-parameter fit from its
 * estimates with ω at 0 and at half of either bound. The covariance of (r, α, s, β, q) is carried to
 * (r, α, s, β, ω) and to Cor(λ, μ) by the delta method.
 */
export function fitCorrelatedParetoNbd(
  rows: CompressedRows,
  hint: string | null,
  penalty: FitPenaltyValues = NO_PENALTY,
  start?: { readonly params: ParetoNbdParams; readonly omega: number },
): CorrelatedParetoNbdFit {
  const scale = timeScaleOf(rows);
  let base: ParetoNbdParams;
  let omegas: number[];
  if (start === undefined) {
    const plainFit = fitModel(PARETO_NBD, rows, hint, penalty);
    base = plainFit.logLikelihood === null ? paretoParamsOf([1, scale, 1, scale]) : plainFit.params;
    const { lower, upper } = omegaBounds(base);
    omegas = [0, upper / 2, lower / 2];
  } else {
    // a warm start (bootstrapFits' refits): the fit's estimates alone
    base = start.params;
    omegas = [start.omega];
  }
  const scaled = [base.r, base.alpha / scale, base.s, base.beta / scale];
  // ω on a bound (as on CDNOW) has infinite odds: the start is the coordinate's boundary, e^±BOUNDARY
  const { lower, upper } = omegaBounds(base);
  const starts = omegas.map((omega) => [
    ...scaled,
    omega >= upper
      ? Math.exp(BOUNDARY)
      : omega <= lower
        ? Math.exp(-BOUNDARY)
        : Math.min(Math.exp(BOUNDARY), Math.max(Math.exp(-BOUNDARY), oddsOf(base, omega))),
  ]);
  const fit = maximumLikelihood(
    // the log-parameter penalty shrinks r, α, s and β, not ω's coordinate
    { name: 'paretoNbd', parameters: [...NAMES, 'omega'], starts, logParameters: 4 },
    correlatedLikelihood(rows, null),
    hint,
    penalty,
  );
  const values = fit.params as unknown as Readonly<Record<string, number>>;
  const params = paretoParamsOf(NAMES.map((name) => values[name] as number));
  const odds = values['omega'] as number;
  const omega = fit.logLikelihood === null ? 0 : omegaOf(params, odds);
  const bounds = omegaBounds(params);
  const natural = [params.r, params.alpha, params.s, params.beta, odds];
  let covariance: ParameterCovariance = { ...fit.covariance, parameters: [...NAMES, 'omega'] };
  let omegaStandardError: number | null = null;
  let standardError: number | null = null;
  const matrix = fit.covariance.matrix;
  if (matrix !== null) {
    // Jacobian of (r, α, s, β, q) ↦ (r, α, s, β, ω): the identity but for ω's row
    const omegaRow = gradientOf((point) => omegaOf(paretoParamsOf(point), point[4] as number), natural);
    const jacobian = natural.map((_, i) => (i < 4 ? natural.map((__, j) => (i === j ? 1 : 0)) : omegaRow));
    const carried = jacobian.map((rowI) =>
      jacobian.map((rowJ) => {
        let sum = 0;
        for (let a = 0; a < 5; a++) {
          for (let b = 0; b < 5; b++) {
            sum +=
              (rowI[a] as number) * ((matrix[a] as readonly number[])[b] as number) * (rowJ[b] as number);
          }
        }
        return sum;
      }),
    );
    // symmetric to the bit
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < i; j++) {
        const mean = ((carried[i]?.[j] as number) + (carried[j]?.[i] as number)) / 2;
        (carried[i] as number[])[j] = mean;
        (carried[j] as number[])[i] = mean;
      }
    }
    const estimates = [params.r, params.alpha, params.s, params.beta, omega];
    const correlationRow = gradientOf(
      (point) => correlationOf(paretoParamsOf(point), point[4] as number),
      estimates,
    );
    let variance = 0;
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        variance +=
          (correlationRow[i] as number) *
          ((carried[i] as number[])[j] as number) *
          (correlationRow[j] as number);
      }
    }
    const omegaVariance = (carried[4] as number[])[4] as number;
    if (
      carried.every((row) => row.every(Number.isFinite)) &&
      omegaVariance >= 0 &&
      Number.isFinite(variance) &&
      variance >= 0
    ) {
      covariance = { parameters: [...NAMES, 'omega'], matrix: carried, reason: null };
      omegaStandardError = Math.sqrt(omegaVariance);
      standardError = Math.sqrt(variance);
    } else {
      covariance = { parameters: [...NAMES, 'omega'], matrix: null, reason: 'the covariance overflows' };
    }
  }
  const strip = <T>(record: Readonly<Record<string, T>> | null): Record<string, T> | null => {
    if (record === null) return null;
    const out: Record<string, T> = {};
    for (const name of NAMES) out[name] = record[name] as T;
    return out;
  };
  const t = Math.log(odds);
  const atBound = fit.logLikelihood !== null && Math.abs(t) > BOUNDARY;
  const reason = atBound
    ? `no interior maximum: omega ran to its ${t > 0 ? 'upper' : 'lower'} bound (${t > 0 ? bounds.upper : bounds.lower}), where the mixing density reaches 0 (the data ask for a stronger correlation than the Sarmanov density of these parameters allows)`
    : fit.reason;
  return {
    ...fit,
    params,
    standardErrors:
      covariance.matrix === null
        ? null
        : (strip(
            fit.standardErrors as unknown as Record<string, number> | null,
          ) as unknown as ParetoNbdParams | null),
    confidenceIntervals:
      covariance.matrix === null
        ? null
        : (strip(
            fit.confidenceIntervals as unknown as Record<string, readonly [number, number]> | null,
          ) as unknown as CorrelatedParetoNbdFit['confidenceIntervals']),
    reason,
    covariance,
    correlation: {
      omega,
      omegaStandardError,
      omegaBounds: [bounds.lower, bounds.upper],
      estimate: correlationOf(params, omega),
      standardError,
    },
  };
}
