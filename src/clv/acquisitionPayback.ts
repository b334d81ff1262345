import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import {
  optionKeys,
  requireAtLeast,
  requireKnownKeys,
  requireObject,
  requireOptions,
} from '../internal/validate';
import { finiteResult } from './core/inputs';
import type { ModelTimeUnit } from './core/timeUnit';
import type { ModelSpec } from './core/types';
import { addSteps, type StepSums, stepsOver, valuationOf } from './valuation';

/**
 * One acquisition cohort or channel of {@link acquisitionPayback}: what sets it apart from the others. Each
 * field left out takes the call's.
 *
 * @category CLV models
 */
export interface AcquisitionGroup {
  /** This group's purchase model (for example a fit on the group's customers only). */
  readonly fit?: ModelSpec;
  /** This group's Gamma-Gamma spend model. */
  readonly spendFit?: ModelSpec<'gammaGamma'>;
  /** The covariates of the group's customers, for a purchase fit with covariates (the channel as a covariate). */
  readonly covariates?: Readonly<Record<string, number>>;
  /** What acquiring one customer of this group costs, in money. */
  readonly acquisitionCost?: number;
}

/**
 * Options of {@link acquisitionPayback}.
 *
 * @category CLV models
 */
export interface AcquisitionPaybackOptions {
  /** The unit the purchase fit's times are in (one opportunity for BG/BB). */
  readonly timeUnit: ModelTimeUnit;
  /** How far ahead to follow a new customer, in `timeUnit` (whole opportunities for BG/BB). */
  readonly horizon: number;
  /** Profit margin on revenue, in [0, 1]. */
  readonly margin: number;
  /** Annual discount rate, for example 0.1 for 10% a year; 0 for none. */
  readonly discountRate: number;
  /** What acquiring one customer costs, in money (a group's own `acquisitionCost` replaces it). */
  readonly acquisitionCost: number;
  /** Acquisition cohorts or channels by name; without it, one row for the whole base. */
  readonly by?: Readonly<Record<string, AcquisitionGroup>>;
  /** Length of the steps, in `timeUnit` (default 1; a whole number for BG/BB): the payback time's resolution. */
  readonly step?: number;
}

/**
 * One row of {@link acquisitionPayback}: a group's new customer, step by step.
 *
 * @category CLV models
 */
export interface AcquisitionPaybackRow {
  /** The group's name (`by`'s key), or null for the whole base. */
  readonly group: string | null;
  /** The acquisition cost the payback is measured against, in money. */
  readonly acquisitionCost: number;
  /** The expected spend per purchase of a new customer: the spend model's population mean E[M], in money. */
  readonly spend: number;
  /** The ends of the steps, in `timeUnit`: step, 2·step, …, horizon. */
  readonly times: readonly number[];
  /** The cumulative discounted margin of a new customer at each of `times`, in money. */
  readonly cumulativeMargin: readonly number[];
  /**
   * The first of `times` at which the cumulative discounted margin reaches the acquisition cost (0 for a cost
   * of 0); null when it does not within the horizon.
   */
  readonly paybackTime: number | null;
  /** The acquisition cost that the horizon's discounted margin just pays back: its last `cumulativeMargin`. */
  readonly breakEvenCost: number;
}

const ACQUISITION_PAYBACK_OPTION_KEYS = /* @__PURE__ */ optionKeys<AcquisitionPaybackOptions>()([
  'timeUnit',
  'horizon',
  'margin',
  'discountRate',
  'acquisitionCost',
  'by',
  'step',
]);

const GROUP_KEYS = /* @__PURE__ */ optionKeys<AcquisitionGroup>()([
  'fit',
  'spendFit',
  'covariates',
  'acquisitionCost',
]);

const FN = 'acquisitionPayback';

/**
 * Acquisition payback: for a customer just acquired, per acquisition cohort or channel, the expected
 * cumulative discounted margin over time, the payback period (the first time it reaches the acquisition
 * cost) and the break-even acquisition cost (the margin over the whole horizon). The margin is the
 * new-customer value of {@link customerLifetimeValue} (`customer: 'new'`: the purchase model's unconditional
 * E[X(t)], the spend model's population mean spend E[M]) accumulated step by step, so the break-even cost is
 * `customerLifetimeValue(fit, 'new', …)` over the horizon exactly. It comes from the models, not from the
 * revenue realised so far, so a young cohort already has its expected payback.
 *
 * Groups differ by their own purchase fit (a fit per channel), their own spend fit, their covariates (for
 * a fit with covariates such as the channel) or their acquisition cost. Laws: the payback time never
 * falls when the acquisition cost rises and never rises when the margin rises; a cost at or below the
 * break-even cost pays back within the horizon, one above it does not (null).
 *
 * @param fit - the purchase model (BG/NBD, MBG/NBD, Pareto/NBD, NBD, GGom/NBD or BG/BB)
 * @param spendFit - the Gamma-Gamma spend model (q > 1, so that its mean spend is finite)
 * @param options - `timeUnit`, `horizon`, `margin`, `discountRate` (annual), `acquisitionCost`, and `by`, `step`
 * @returns one row per group, in `by`'s order (one row for the whole base without `by`)
 * @throws PatronageError the codes of {@link customerLifetimeValue}; `INVALID_OPTION` for an unknown key of the
 *   options or of a group; `INVALID_ARGUMENT` for a `by` without groups; `MISSING_COVARIATE` for a fit with
 *   covariates and a group without them; `UNDEFINED_PREDICTION` for a spend model with q ≤ 1.
 *
 * @example
 * ```ts
 * import { acquisitionPayback } from 'patronage';
 *
 * // CDNOW fits (weeks): BG/NBD purchases and Gamma-Gamma spend (Fader, Hardie & Lee 2005)
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const spendFit = { model: 'gammaGamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } } as const;
 * const [search, social] = acquisitionPayback(fit, spendFit, {
 *   timeUnit: 'week',
 *   horizon: 156,
 *   margin: 0.3,
 *   discountRate: 0.1,
 *   acquisitionCost: 10,
 *   by: { search: {}, social: { acquisitionCost: 25 } },
 * });
 * search?.paybackTime; // => 29
 * social?.paybackTime; // => 140
 * Math.round((search?.breakEvenCost ?? 0) * 100) / 100; // => 26.27
 * ```
 *
 * @category CLV models
 */
export function acquisitionPayback(
  fit: ModelSpec,
  spendFit: ModelSpec<'gammaGamma'>,
  options: AcquisitionPaybackOptions,
): AcquisitionPaybackRow[] {
  const record = requireOptions(FN, 'options', options, ACQUISITION_PAYBACK_OPTION_KEYS);
  const horizon = requireAtLeast(FN, 'options.horizon', record['horizon'], 0);
  const cost = requireAtLeast(FN, 'options.acquisitionCost', record['acquisitionCost'], 0);
  const groups: [string | null, Readonly<Record<string, unknown>>][] = [];
  if (record['by'] === undefined) {
    groups.push([null, {}]);
  } else {
    const by = requireObject(FN, 'options.by', record['by']);
    const names = Object.keys(by);
    if (names.length === 0) {
      throw new PatronageError('INVALID_ARGUMENT', `${FN}: options.by must name at least one group`, {
        argument: 'options.by',
        value: by,
      });
    }
    for (const name of names) {
      const group = requireObject(FN, `options.by.${name}`, by[name]);
      requireKnownKeys(FN, `options.by.${name}`, group, GROUP_KEYS);
      groups.push([name, group]);
    }
  }
  return groups.map(([name, group]) => {
    const where = name === null ? 'options' : `options.by.${name}`;
    const groupCost =
      group['acquisitionCost'] === undefined
        ? cost
        : requireAtLeast(FN, `${where}.acquisitionCost`, group['acquisitionCost'], 0);
    const valuation = valuationOf(
      FN,
      (group['fit'] ?? fit) as ModelSpec,
      'new',
      {
        timeUnit: record['timeUnit'],
        discountRate: record['discountRate'],
        margin: record['margin'],
        step: record['step'],
        spendModel: group['spendFit'] ?? spendFit,
      },
      group['covariates'] === undefined ? undefined : { covariates: group['covariates'] },
      where,
    );
    if (valuation.time === 'discrete' && !Number.isInteger(horizon)) {
      throw new PatronageError(
        'NOT_AN_INTEGER',
        `${FN}: a discrete-time (BG/BB) horizon is a whole number of opportunities, got ${describeValue(horizon)}`,
        { argument: 'options.horizon', value: horizon },
      );
    }
    const steps = stepsOver(FN, horizon, valuation.step);
    const times: number[] = [];
    const cumulativeMargin: number[] = [];
    const sums: StepSums = { discounted: 0, purchases: 0, previous: 0 };
    let paybackTime: number | null = groupCost === 0 ? 0 : null;
    for (let k = 1; k <= steps; k++) {
      const t = Math.min(k * valuation.step, horizon);
      addSteps(valuation, [t], sums);
      const margin = finiteResult(
        FN,
        'the cumulative margin',
        sums.discounted * valuation.spend * valuation.margin,
      );
      times.push(t);
      cumulativeMargin.push(margin);
      if (paybackTime === null && margin >= groupCost) paybackTime = t;
    }
    return {
      group: name,
      acquisitionCost: groupCost,
      spend: valuation.spend,
      times,
      cumulativeMargin,
      paybackTime,
      breakEvenCost: cumulativeMargin[cumulativeMargin.length - 1] ?? 0,
    };
  });
}
