import { PatronageError } from '../errors/PatronageError';
import { optionalObject, optionKeys, requireBetween, requireCount } from '../internal/validate';
import { upperRegularizedGamma } from '../math/incompleteGamma';
import { logBeta, logGamma } from '../math/special';
import { finiteResult } from './core/inputs';
import type { ModelSpec } from './core/types';
import { requireModel } from './registry';

/**
 * Options of {@link mixingDensities}.
 *
 * @category CLV models
 */
export interface MixingDensitiesOptions {
  /** Points per density, from 2 to 10,000 (default 100). */
  readonly points?: number;
  /** Where a gamma density's points stop: its quantile, in (0, 1) (default 0.99); a beta's span (0, 1). */
  readonly quantile?: number;
}

/**
 * One mixing (heterogeneity) distribution of a fit, with its density at evenly spaced points.
 *
 * @category CLV models
 */
export interface MixingDensity {
  /** The individual quantity, in the literature's notation: `lambda`, `mu`, `p`, `theta`, `eta` or `nu`. */
  readonly name: string;
  /** `gamma` (shape k, rate β: βᵏ xᵏ⁻¹ e^(−βx)/Γ(k)) or `beta` (shapes a, b: x^(a−1)(1 − x)^(b−1)/B(a, b)). */
  readonly family: 'gamma' | 'beta';
  /** The fit's parameters that are the shapes (and the gamma's rate), by name: for example `{ r: 0.24, alpha: 4.4 }`. */
  readonly parameters: Readonly<Record<string, number>>;
  /** The distribution's mean: k/β, or a/(a + b). */
  readonly mean: number;
  /** Its variance: k/β², or ab/((a + b)²(a + b + 1)). */
  readonly variance: number;
  /** The density at the midpoints of `points` equal cells of (0, upper end): never at 0 or 1, where it may be infinite. */
  readonly points: readonly {
    /** The point: a rate in the fit's time unit (money for ν), or a probability. */
    readonly x: number;
    /** The density there. */
    readonly density: number;
  }[];
}

const MIXING_DENSITIES_OPTION_KEYS = /* @__PURE__ */ optionKeys<MixingDensitiesOptions>()([
  'points',
  'quantile',
]);

const FN = 'mixingDensities';

/** The x with Q(k, βx) = 1 − q, by bisection on the regularised upper incomplete gamma function. */
function gammaQuantile(k: number, rate: number, q: number): number {
  let low = 0;
  let high = (k + 1) / rate;
  while (upperRegularizedGamma(k, rate * high) > 1 - q) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-15 * high; i++) {
    const middle = (low + high) / 2;
    if (upperRegularizedGamma(k, rate * middle) > 1 - q) low = middle;
    else high = middle;
  }
  return high;
}

/**
 * The mixing distributions of a fit, for heterogeneity charts: how the individual purchase rates λ (gamma,
 * shape r and rate α), dropout rates μ (Pareto/NBD), dropout probabilities p (BG/NBD, MBG/NBD), GGom/NBD's
 * dropout scale η, BG/BB's transaction and dropout probabilities p and θ, Gamma-Gamma's spend scale ν and the
 * shifted beta-geometric's churn probability θ vary across customers. Each comes with its mean, its
 * variance and its density at `points` midpoints of equal cells: (0, 1) for a beta, (0, the `quantile`)
 * for a gamma. The densities are evaluated in log space (ln Γ, ln B), so extreme shapes do not overflow
 * before the result does. The gamma's rate is the literature's "scale" α, β, γ of these models (a rate in
 * the fit's time unit; money for ν). A correlated Pareto/NBD fit ({@link CorrelatedParetoNbdFit}) has the
 * same marginal distributions of λ and μ as the plain model (the Sarmanov density keeps them), so its
 * densities are these; their dependence is in `fit.correlation`. A fit with covariates (its `coefficients`,
 * correlated or not) gives the distributions of the baseline rates, those of customers whose covariates are
 * all 0: a customer's purchase rate is the baseline's times exp(γ_purchase·z), its dropout rate likewise.
 *
 * @param fit - any fit (`{ model, params }`)
 * @param options - `points` (default 100), `quantile` (default 0.99)
 * @returns one entry per mixing distribution, in the model's order
 * @throws PatronageError `INVALID_FIT`, `INVALID_OPTION` for an unknown option key, `OUT_OF_RANGE` for
 *   `points` outside 2–10,000 or `quantile` outside (0, 1), `NOT_AN_INTEGER`, `NOT_FINITE` where floating
 *   point overflows.
 *
 * @example
 * ```ts
 * import { mixingDensities } from 'patronage';
 *
 * // the CDNOW BG/NBD fit (weeks): purchase rates λ ~ Gamma(0.243, 4.414), dropout p ~ Beta(0.793, 2.426)
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const [lambda, p] = mixingDensities(fit, { points: 4 });
 * lambda?.name; // => 'lambda'
 * Math.round((lambda?.mean ?? 0) * 10000) / 10000; // => 0.0551
 * p?.points.map(({ x }) => x); // => [0.125, 0.375, 0.625, 0.875]
 * p?.points.map(({ density }) => Math.round(density * 100) / 100); // => [2.12, 1.05, 0.45, 0.09]
 * ```
 *
 * @category CLV models
 */
export function mixingDensities(fit: ModelSpec, options?: MixingDensitiesOptions): MixingDensity[] {
  const { definition, params } = requireModel(FN, fit, [], undefined, true, true);
  const record = optionalObject(FN, 'options', options, MIXING_DENSITIES_OPTION_KEYS);
  const count = record['points'] === undefined ? 100 : requireCount(FN, 'options.points', record['points']);
  if (count < 2 || count > 10_000) {
    throw new PatronageError('OUT_OF_RANGE', `${FN}: options.points (${count}) must be from 2 to 10,000`, {
      argument: 'options.points',
      value: count,
    });
  }
  const quantile =
    record['quantile'] === undefined
      ? 0.99
      : requireBetween(FN, 'options.quantile', record['quantile'], 0, 1);
  if (quantile === 0 || quantile === 1) {
    throw new PatronageError('OUT_OF_RANGE', `${FN}: options.quantile (${quantile}) must be inside (0, 1)`, {
      argument: 'options.quantile',
      value: quantile,
    });
  }
  const values = params as unknown as Readonly<Record<string, number>>;
  return definition.mixing.map((mixing) => {
    const first = values[mixing.first] as number;
    const second = values[mixing.second] as number;
    const gamma = mixing.family === 'gamma';
    const upper = gamma ? gammaQuantile(first, second, quantile) : 1;
    const logNormaliser = gamma ? first * Math.log(second) - logGamma(first) : -logBeta(first, second);
    const points: { x: number; density: number }[] = [];
    for (let i = 0; i < count; i++) {
      const x = ((i + 0.5) / count) * upper;
      const logDensity = gamma
        ? logNormaliser + (first - 1) * Math.log(x) - second * x
        : logNormaliser + (first - 1) * Math.log(x) + (second - 1) * Math.log1p(-x);
      points.push({ x, density: finiteResult(FN, `the density of ${mixing.name}`, Math.exp(logDensity)) });
    }
    const total = first + second;
    return {
      name: mixing.name,
      family: mixing.family,
      parameters: { [mixing.first]: first, [mixing.second]: second },
      mean: gamma ? first / second : first / total,
      variance: finiteResult(
        FN,
        `the variance of ${mixing.name}`,
        gamma ? first / (second * second) : (first * second) / (total * total * (total + 1)),
      ),
      points,
    };
  });
}
