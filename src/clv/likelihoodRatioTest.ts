import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { optionalObject, optionKeys, requireObject, requirePositiveCount } from '../internal/validate';
import { chiSquareSurvival } from '../math/incompleteGamma';
import type { ModelFit } from './core/types';

/**
 * What {@link likelihoodRatioTest} reads of a fit: its parameters (counted), its maximised log-likelihood,
 * and the size of its data. A {@link ModelFit} has all of it.
 *
 * @category CLV models
 */
export interface ComparedFit {
  /** The estimated parameters, by name: each one counts towards the degrees of freedom. */
  readonly params: object;
  /** The maximised log-likelihood; a fit whose likelihood could not be evaluated (null) is refused. */
  readonly logLikelihood: number | null;
  /** The customers of the data (the sum of the weights). */
  readonly n: number;
  /**
   * The distinct rows of the data: two fits without covariates must agree on it; a fit with `coefficients`
   * merges only rows that also share their covariates, so it may have more, never fewer, than one without.
   */
  readonly distinctRows: number;
  /** The fit's penalty: a penalised fit (not null) is refused. */
  readonly penalty?: ModelFit['penalty'];
  /**
   * A covariate fit's coefficients: without `covariance`, each one counts towards the degrees of freedom.
   */
  readonly coefficients?: object | null;
  /**
   * The estimated parameters, as a fit's `covariance` lists them: when given, their number is the fit's
   * count of parameters (for a covariate fit, its parameters and free coefficients, a constrained pair
   * once and fixed ones not), instead of counting `params` and `coefficients`.
   */
  readonly covariance?: {
    /** The names of the estimated parameters. */
    readonly parameters: readonly string[];
  };
}

/**
 * Options of {@link likelihoodRatioTest}.
 *
 * @category CLV models
 */
export interface LikelihoodRatioTestOptions {
  /**
   * The number of independent restrictions, when the restricted model is the full one with parameters held
   * at given values (both fits then count the same parameters); by default the full fit's parameters minus
   * the restricted fit's.
   */
  readonly degreesOfFreedom?: number;
}

/**
 * The result of {@link likelihoodRatioTest}.
 *
 * @category CLV models
 */
export interface LikelihoodRatioTestResult {
  /** 2(ℓ_full − ℓ_restricted), at least 0. */
  readonly statistic: number;
  /** The chi-square's degrees of freedom: the number of restrictions. */
  readonly degreesOfFreedom: number;
  /**
   * P(χ²_df ≥ statistic): small values reject the restricted model. Computed directly in the tail (the
   * regularised upper incomplete gamma function Q(df/2, statistic/2)), so it keeps its relative precision
   * down to the smallest doubles; 0 only where the true value is below about 5e−324. 1 when the statistic is 0.
   */
  readonly pValue: number;
}

/**
 * How far, relative to max(1, |ℓ_full|), the restricted fit's log-likelihood may exceed the full one's in
 * {@link likelihoodRatioTest} and still count as equal (statistic 0): the optimiser stops within about
 * 1e−10 of the maximum, relative, so a larger excess means the full fit is not at its maximum.
 *
 * @example
 * ```ts
 * import { LIKELIHOOD_TOLERANCE } from 'patronage';
 *
 * LIKELIHOOD_TOLERANCE; // => 1e-8
 * ```
 *
 * @category CLV models
 */
export const LIKELIHOOD_TOLERANCE = 1e-8;

const FN = 'likelihoodRatioTest';
const OPTION_KEYS = /* @__PURE__ */ optionKeys<LikelihoodRatioTestOptions>()(['degreesOfFreedom']);

interface ReadFit {
  readonly logLikelihood: number;
  readonly n: number;
  readonly distinctRows: number;
  readonly parameters: number;
  /** Whether the fit has coefficients (covariates), whose rows merge less. */
  readonly covariates: boolean;
}

function invalid(name: string, what: string, value: unknown): PatronageError {
  return new PatronageError('INVALID_FIT', `${FN}: ${name} ${what}, got ${describeValue(value)}`, {
    argument: name,
    value,
  });
}

/** Counts the parameters: each number of `params`, and of `coefficients` (covariate effects) when present. */
function countParameters(name: string, record: Readonly<Record<string, unknown>>): number {
  const params = requireObject(FN, `${name}.params`, record['params']);
  let count = 0;
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw invalid(`${name}.params.${key}`, 'must be a finite number', value);
    }
    count++;
  }
  const coefficients = record['coefficients'];
  if (coefficients !== undefined && coefficients !== null) {
    for (const [process, effects] of Object.entries(
      requireObject(FN, `${name}.coefficients`, coefficients),
    )) {
      for (const [key, value] of Object.entries(
        requireObject(FN, `${name}.coefficients.${process}`, effects),
      )) {
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          throw invalid(`${name}.coefficients.${process}.${key}`, 'must be a finite number', value);
        }
        count++;
      }
    }
  }
  return count;
}

function readFit(name: string, fit: unknown): ReadFit {
  const record = requireObject(FN, name, fit);
  const logLikelihood = record['logLikelihood'];
  if (typeof logLikelihood !== 'number' || !Number.isFinite(logLikelihood)) {
    throw invalid(
      `${name}.logLikelihood`,
      'must be a finite number (a fit that evaluated its likelihood)',
      logLikelihood,
    );
  }
  const penalty = record['penalty'];
  if (penalty !== undefined && penalty !== null) {
    throw new PatronageError(
      'NOT_MAXIMUM_LIKELIHOOD',
      `${FN}: ${name} is a penalised fit (penalty ${describeValue(penalty)}), whose logLikelihood is not the maximum: the test needs maximum-likelihood fits`,
      { argument: `${name}.penalty`, value: penalty },
    );
  }
  const n = record['n'];
  if (typeof n !== 'number' || !Number.isFinite(n) || !(n > 0)) {
    throw invalid(`${name}.n`, 'must be a positive finite number (the customers of the data)', n);
  }
  const distinctRows = record['distinctRows'];
  if (typeof distinctRows !== 'number' || !Number.isSafeInteger(distinctRows) || !(distinctRows > 0)) {
    throw invalid(`${name}.distinctRows`, 'must be a positive whole number', distinctRows);
  }
  const counted = countParameters(name, record);
  const covariance = record['covariance'];
  let parameters = counted;
  if (covariance !== undefined && covariance !== null) {
    const listed = requireObject(FN, `${name}.covariance`, covariance)['parameters'];
    if (!Array.isArray(listed) || !listed.every((entry) => typeof entry === 'string')) {
      throw invalid(`${name}.covariance.parameters`, 'must be a list of parameter names', listed);
    }
    parameters = listed.length;
  }
  const coefficients = record['coefficients'];
  return {
    logLikelihood,
    n,
    distinctRows,
    parameters,
    covariates: coefficients !== undefined && coefficients !== null,
  };
}

function notNested(message: string, argument: string, value: unknown): PatronageError {
  return new PatronageError('NOT_NESTED', `${FN}: ${message}`, { argument, value });
}

/**
 * The likelihood-ratio test of a restricted model against a full model that nests it (the restricted one is
 * the full one with parameters held at given values), fitted by maximum likelihood to the same rows:
 * statistic 2(ℓ_full − ℓ_restricted), asymptotically chi-square with as many degrees of freedom as
 * restrictions under the restricted model (Wilks 1938). A restriction that holds a parameter on the boundary
 * of its range (a rate's heterogeneity going to 0, say) breaks the chi-square approximation; the test does
 * not know which models nest which, so that judgement is the caller's (docs/model-comparison.md).
 *
 * The fits must come from the same data: their `n` and `distinctRows` must agree (a necessary check, not a
 * proof). The full model's maximum is at least the restricted one's, so a restricted log-likelihood above
 * the full one's by more than {@link LIKELIHOOD_TOLERANCE} (relative) is refused: the full fit did not reach
 * its maximum (or the models are not nested). Within the tolerance the statistic is 0.
 *
 * @param restricted - the fit of the restricted model (a {@link ModelFit}, or the same fields with the
 *   restricted maximum from {@link logLikelihoodAt})
 * @param full - the fit of the full model, on the same rows
 * @param options - `degreesOfFreedom`: the number of restrictions, when it is not the difference of the fits'
 *   parameter counts (a whole number at least 1)
 * @returns `{ statistic, degreesOfFreedom, pValue }`; a fit against itself gives statistic 0, 0 degrees of
 *   freedom and p-value 1
 * @throws PatronageError `INVALID_FIT` for a fit without a finite `logLikelihood`, positive `n`, whole
 *   `distinctRows` or finite parameters; `NOT_MAXIMUM_LIKELIHOOD` for a penalised fit, or a restricted
 *   log-likelihood above the full one's beyond the tolerance; `NOT_NESTED` when `n` or `distinctRows`
 *   differ, or the full fit does not have more parameters than the restricted one (unless the two
 *   log-likelihoods are equal and no restriction is counted: a fit against itself); `NOT_FINITE` when the
 *   statistic overflows; `INVALID_OPTION`, `NOT_AN_INTEGER` or `OUT_OF_RANGE` for the options.
 *
 * @example
 * ```ts
 * import { likelihoodRatioTest } from 'patronage';
 *
 * // a fit, and the maximum of its likelihood with one parameter held at a hypothesised value
 * const full = { params: { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, logLikelihood: -9595.0, n: 2357, distinctRows: 1300 };
 * const restricted = { ...full, logLikelihood: -9597.3 };
 * const test = likelihoodRatioTest(restricted, full, { degreesOfFreedom: 1 });
 * Math.round(test.statistic * 10) / 10; // => 4.6
 * Math.round(test.pValue * 1000) / 1000; // => 0.032
 * likelihoodRatioTest(full, full).pValue; // => 1
 * ```
 *
 * @category CLV models
 */
export function likelihoodRatioTest(
  restricted: ComparedFit,
  full: ComparedFit,
  options?: LikelihoodRatioTestOptions,
): LikelihoodRatioTestResult {
  const small = readFit('restricted', restricted);
  const large = readFit('full', full);
  const record = optionalObject(FN, 'options', options, OPTION_KEYS);
  const given =
    record['degreesOfFreedom'] === undefined
      ? null
      : requirePositiveCount(FN, 'options.degreesOfFreedom', record['degreesOfFreedom']);
  if (small.n !== large.n) {
    throw notNested(
      `the fits are not of the same data: restricted.n is ${small.n}, full.n is ${large.n}`,
      'full.n',
      large.n,
    );
  }
  // rows merge when they share their history and, for a covariate fit, their covariates too: the same data
  // give a covariate fit at least the distinct rows of a fit without, and two covariate fits any numbers
  const sameRows =
    small.covariates && large.covariates
      ? true
      : small.covariates
        ? small.distinctRows >= large.distinctRows
        : large.covariates
          ? large.distinctRows >= small.distinctRows
          : small.distinctRows === large.distinctRows;
  if (!sameRows) {
    throw notNested(
      `the fits are not of the same data: restricted.distinctRows is ${small.distinctRows}, full.distinctRows is ${large.distinctRows}`,
      'full.distinctRows',
      large.distinctRows,
    );
  }
  const excess = small.logLikelihood - large.logLikelihood;
  const tolerance = LIKELIHOOD_TOLERANCE * Math.max(1, Math.abs(large.logLikelihood));
  const equal = Math.abs(excess) <= tolerance;
  const degreesOfFreedom = given ?? large.parameters - small.parameters;
  if (degreesOfFreedom === 0 && equal) return { statistic: 0, degreesOfFreedom: 0, pValue: 1 };
  if (given !== null && given > large.parameters) {
    throw notNested(
      `options.degreesOfFreedom (${given}) exceeds the full fit's ${large.parameters} parameters`,
      'options.degreesOfFreedom',
      given,
    );
  }
  if (degreesOfFreedom < 1) {
    throw notNested(
      `the full fit has ${large.parameters} parameters and the restricted fit ${small.parameters}: a nested restricted model has fewer (swap the arguments, or give options.degreesOfFreedom for parameters held fixed)`,
      'restricted.params',
      small.parameters,
    );
  }
  if (excess > tolerance) {
    throw new PatronageError(
      'NOT_MAXIMUM_LIKELIHOOD',
      `${FN}: restricted.logLikelihood (${small.logLikelihood}) exceeds full.logLikelihood (${large.logLikelihood}) by ${excess.toPrecision(3)}: the full fit did not converge to its maximum, or the models are not nested`,
      { argument: 'full.logLikelihood', value: large.logLikelihood },
    );
  }
  const statistic = equal ? 0 : -2 * excess;
  if (!Number.isFinite(statistic)) {
    throw new PatronageError(
      'NOT_FINITE',
      `${FN}: the statistic 2(${large.logLikelihood} − ${small.logLikelihood}) overflows`,
      { argument: 'full.logLikelihood', value: large.logLikelihood },
    );
  }
  return { statistic, degreesOfFreedom, pValue: chiSquareSurvival(statistic, degreesOfFreedom) };
}
