import { PatronageError } from '../errors/PatronageError';
import type { DiscreteSummaryColumns, DiscreteSummaryRow } from './bgBb/fitBgBb';
import type { ErlangSummaryColumns, ErlangSummaryRow } from './bgCnbd/fitBgCnbd';
import type { CustomerSummaryColumns, CustomerSummaryRow } from './bgNbd/fitBgNbd';
import { type ContractData, tallies } from './core/contractRows';
import { covariateLogLikelihood, requireCoefficients } from './core/covariates';
import { logLikelihoodAtParams } from './core/fitCore';
import { finiteResult } from './core/inputs';
import { type CompressedRows, continuousRows, discreteRows, erlangRows, spendRows } from './core/rows';
import type { ModelName, ModelSpec } from './core/types';
import { COVARIATE_KERNELS } from './covariateKernels';
import type { SpendSummaryColumns, SpendSummaryRow } from './gammaGamma/fitGammaGamma';
import { correlatedLikelihood } from './paretoNbd/correlatedLikelihood';
import { PARETO_NBD_MIXTURE } from './paretoNbd/covariateMixture';
import { requireModel } from './registry';

/**
 * The data each model's fit takes, by model name: what {@link logLikelihoodAt} evaluates a spec on.
 *
 * @category CLV models
 */
export interface ModelRows {
  /** The rows of {@link fitBgNbd}. */
  bgNbd: readonly CustomerSummaryRow[] | CustomerSummaryColumns;
  /** The rows of {@link fitMbgNbd}. */
  mbgNbd: readonly CustomerSummaryRow[] | CustomerSummaryColumns;
  /** The rows of {@link fitParetoNbd}. */
  paretoNbd: readonly CustomerSummaryRow[] | CustomerSummaryColumns;
  /** The rows of {@link fitBgCnbd}. */
  bgCnbd: readonly ErlangSummaryRow[] | ErlangSummaryColumns;
  /** The rows of {@link fitMbgCnbd}. */
  mbgCnbd: readonly ErlangSummaryRow[] | ErlangSummaryColumns;
  /** The rows of {@link fitBgBb}. */
  bgBb: readonly DiscreteSummaryRow[] | DiscreteSummaryColumns;
  /** The rows of {@link fitGammaGamma}. */
  gammaGamma: readonly SpendSummaryRow[] | SpendSummaryColumns;
  /** The data of {@link fitShiftedBetaGeometric}. */
  shiftedBetaGeometric: ContractData;
  /** The data of {@link fitBetaDiscreteWeibull}. */
  betaDiscreteWeibull: ContractData;
  /** The rows of {@link fitNbd}. */
  nbd: readonly CustomerSummaryRow[] | CustomerSummaryColumns;
  /** The rows of {@link fitGgomNbd}. */
  ggomNbd: readonly CustomerSummaryRow[] | CustomerSummaryColumns;
}

const FN = 'logLikelihoodAt';

/**
 * Each model's row reader, the one its fit uses (so the same rows in the same order). Kept here rather than
 * in the model definitions so that the registry, which every prediction and chart imports, does not carry
 * the readers into their bundles (2.4 kB of patronage/svg); a new model adds its line here, which the
 * mapped type enforces.
 */
const READERS: { readonly [M in ModelName]: (fn: string, rows: unknown) => CompressedRows } = {
  bgNbd: continuousRows,
  mbgNbd: continuousRows,
  paretoNbd: continuousRows,
  bgCnbd: erlangRows,
  mbgCnbd: erlangRows,
  bgBb: discreteRows,
  gammaGamma: spendRows,
  shiftedBetaGeometric: (fn, data) => tallies(fn, data).rows,
  betaDiscreteWeibull: (fn, data) => tallies(fn, data).rows,
  nbd: continuousRows,
  ggomNbd: continuousRows,
};

/**
 * The log-likelihood of a model at given parameters on given data: the very function the model's fit
 * maximises (natural log, the rows' time unit, weights counting as customers), so a fit's own parameters
 * give exactly its `logLikelihood`, and published parameters (a paper's table, another library's fit) can
 * be compared with a fit on the same data by one function. For a likelihood-ratio test of a restriction
 * the fits cannot express (a parameter held fixed), evaluate the restricted maximum here and pass it to
 * {@link likelihoodRatioTest} with its `degreesOfFreedom` (docs/model-comparison.md).
 *
 * A spec with `coefficients` (a covariate fit of {@link fitBgNbd}, {@link fitGgomNbd} or {@link fitParetoNbd}, or coefficients
 * of one's own) is evaluated by the covariate likelihood those fits maximise, on rows that carry each named
 * covariate in their `covariates`, so a covariate fit's own spec gives its `logLikelihood` (to rounding). A
 * model without covariates refuses `coefficients` rather than silently evaluate another model. A spec with
 * `correlation` (a correlated Pareto/NBD fit, {@link CorrelatedParetoNbdFit}) is evaluated by the correlated
 * likelihood at its ω, the one `fitParetoNbd` with `correlation: true` maximises.
 *
 * @param spec - `{ model, params }`: a fit, or a model name with positive finite parameters
 * @param rows - the data the model's fit takes ({@link ModelRows}), validated as the fit validates it
 * @returns ln L, finite (the unpenalised log-likelihood, whatever penalty a fit used)
 * @throws PatronageError `INVALID_FIT` for an unknown model, a parameter that is not positive and finite, or
 *   a fit whose `logLikelihood` is null, or malformed `coefficients`; `UNSUPPORTED_COVARIATES` for `coefficients`
 *   of a model without covariates; `MISSING_COVARIATE` naming a row without a covariate the coefficients
 *   name; the row
 *   codes of the model's fit for bad rows; `NOT_FINITE` when the likelihood cannot be evaluated in floating
 *   point at these parameters.
 *
 * @example
 * ```ts
 * import { fitBgNbd, logLikelihoodAt } from 'patronage';
 *
 * const rows = [
 *   { frequency: 0, recency: 0, T: 38, weight: 600 },
 *   { frequency: 1, recency: 4, T: 38, weight: 100 },
 *   { frequency: 2, recency: 33, T: 35, weight: 40 },
 *   { frequency: 6, recency: 35, T: 37, weight: 15 },
 * ];
 * const fit = fitBgNbd(rows);
 * logLikelihoodAt(fit, rows) === fit.logLikelihood; // => true
 * // any other parameters give less
 * const other = { model: 'bgNbd', params: { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 } } as const;
 * logLikelihoodAt(other, rows) < (fit.logLikelihood as number); // => true
 * ```
 *
 * @category CLV models
 */
export function logLikelihoodAt<M extends ModelName>(spec: ModelSpec<M>, rows: ModelRows[M]): number {
  const { definition, params } = requireModel(FN, spec, [], undefined, true, true);
  const values = params as unknown as Readonly<Record<string, number>>;
  const natural = definition.parameters.map((name) => values[name] as number);
  const given = (spec as unknown as Readonly<Record<string, unknown>>)['coefficients'];
  if (given !== undefined && given !== null) {
    const kernel = COVARIATE_KERNELS[definition.name];
    if (kernel === undefined) {
      throw new PatronageError(
        'UNSUPPORTED_COVARIATES',
        `${FN}: spec.coefficients is given, but the ${definition.name} model has no covariates (only bgNbd, ggomNbd and paretoNbd do); evaluate a spec without coefficients`,
        { argument: 'spec.coefficients', value: given },
      );
    }
    const coefficients = requireCoefficients(FN, definition, spec);
    if (coefficients !== null) {
      const correlation = (spec as unknown as Readonly<Record<string, unknown>>)['correlation'];
      // requireModel checked ω and that the model has a correlated variant (Pareto/NBD's)
      const omega =
        correlation === undefined || correlation === null
          ? null
          : ((correlation as Readonly<Record<string, number>>)['omega'] as number);
      return finiteResult(
        FN,
        'the log-likelihood',
        covariateLogLikelihood(
          FN,
          kernel,
          natural,
          coefficients,
          rows,
          omega === null ? undefined : { mixture: PARETO_NBD_MIXTURE, omega },
        ),
      );
    }
  }
  const correlation = (spec as unknown as Readonly<Record<string, unknown>>)['correlation'];
  if (correlation !== undefined && correlation !== null) {
    // requireModel checked ω and that the model has a correlated variant (Pareto/NBD's)
    const omega = (correlation as Readonly<Record<string, number>>)['omega'] as number;
    const likelihood = correlatedLikelihood(READERS[definition.name](FN, rows), omega);
    return finiteResult(FN, 'the log-likelihood', logLikelihoodAtParams(likelihood, natural));
  }
  const whole = (definition.wholeParameters ?? []).map((name) => values[name] as number);
  const likelihood = definition.likelihood(READERS[definition.name](FN, rows), whole);
  return finiteResult(FN, 'the log-likelihood', logLikelihoodAtParams(likelihood, natural));
}
