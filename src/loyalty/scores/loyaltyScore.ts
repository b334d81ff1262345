import type { ModelSpec } from '../../clv/core/types';
import { probabilityAlive } from '../../clv/probabilityAlive';
import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import {
  optionalObject,
  optionKeys,
  requireAtLeast,
  requireObject,
  requireScore,
} from '../../internal/validate';
import { isSummaryRow } from '../../model/customerSummary';
import type { LoyaltyReference } from './loyaltyReference';

/**
 * The components of a loyalty score.
 *
 * @category Loyalty
 */
export type LoyaltyComponentName =
  | 'recency'
  | 'frequency'
  | 'monetary'
  | 'referrals'
  | 'nps'
  | 'probabilityAlive';

/**
 * A customer to score: an RFM summary row plus what else is known.
 *
 * @category Loyalty
 */
export interface LoyaltyScoreCustomer {
  /** Repeat purchases. */
  readonly frequency: number;
  /** Time of the last purchase since the first (the reference's time unit). */
  readonly recency: number;
  /** Time since the first purchase. */
  readonly T: number;
  /** Average repeat-purchase value. */
  readonly monetaryValue: number;
  /** Customers this one referred, when known. */
  readonly referrals?: number | undefined;
  /** The customer's latest likelihood-to-recommend answer, 0–10, when known. */
  readonly npsScore?: number | undefined;
}

/**
 * Options of {@link loyaltyScore}.
 *
 * @category Loyalty
 */
export interface LoyaltyScoreOptions {
  /** Weights by component (any non-negative numbers; they are normalised). Unset ones keep their default. */
  readonly weights?: Partial<Readonly<Record<LoyaltyComponentName, number>>>;
  /** Referrals that earn the full referral component (default 3). */
  readonly referralsForFull?: number;
  /** A BG/NBD, MBG/NBD or Pareto/NBD fit in the same time unit: adds P(alive) as a component. */
  readonly fit?: ModelSpec;
}

const LOYALTY_SCORE_OPTION_KEYS = /* @__PURE__ */ optionKeys<LoyaltyScoreOptions>()([
  'weights',
  'referralsForFull',
  'fit',
]);

/**
 * One component's part in a score.
 *
 * @category Loyalty
 */
export interface LoyaltyComponent {
  /** Which component. */
  readonly name: LoyaltyComponentName;
  /** Its value in [0, 1]: a percentile against the reference, a share, or a probability. */
  readonly value: number;
  /** The weight it was given. */
  readonly weight: number;
  /** Its share of the weights of the components available for this customer. */
  readonly share: number;
  /** Points it contributes: 100 × share × value. The components' points sum to the score. */
  readonly points: number;
}

/**
 * A loyalty score with its explanation.
 *
 * @category Loyalty
 */
export interface LoyaltyScoreResult {
  /** 0–100. */
  readonly score: number;
  /** The components used, in a fixed order; unavailable ones (no NPS answer, no fit) are left out. */
  readonly components: readonly LoyaltyComponent[];
}

/**
 * The default weights of {@link loyaltyScore}: recency 0.25, frequency 0.2, monetary 0.2, referrals 0.1,
 * NPS 0.1, P(alive) 0.15.
 *
 * @example
 * ```ts
 * import { DEFAULT_LOYALTY_WEIGHTS } from 'patronage';
 *
 * DEFAULT_LOYALTY_WEIGHTS.recency; // => 0.25
 * // to ignore money and count referrals double: { weights: { monetary: 0, referrals: 0.2 } }
 * ```
 *
 * @category Loyalty
 */
export const DEFAULT_LOYALTY_WEIGHTS: Readonly<Record<LoyaltyComponentName, number>> =
  /* @__PURE__ */ Object.freeze({
    recency: 0.25,
    frequency: 0.2,
    monetary: 0.2,
    referrals: 0.1,
    nps: 0.1,
    probabilityAlive: 0.15,
  });

const NAMES: readonly LoyaltyComponentName[] = [
  'recency',
  'frequency',
  'monetary',
  'referrals',
  'nps',
  'probabilityAlive',
];

/** {@link DEFAULT_LOYALTY_WEIGHTS} in the order of NAMES. */
const DEFAULT_WEIGHTS: readonly number[] = /* @__PURE__ */ NAMES.map((name) => DEFAULT_LOYALTY_WEIGHTS[name]);

const FN = 'loyaltyScore';

/**
 * Frozen quantile tables already checked, each with the copy of its values that was checked (a frozen array
 * can still hold getters, so the copy, not the table, is what is used; loyaltyReference freezes its own).
 */
const CHECKED_TABLES: WeakMap<object, readonly number[]> = /* @__PURE__ */ new WeakMap();

/** The 101 quantiles of `value`, each read once into a copy that is checked and then used. */
function requireTable(name: string, value: unknown): readonly number[] {
  const checked = typeof value === 'object' && value !== null ? CHECKED_TABLES.get(value) : undefined;
  if (checked !== undefined) return checked;
  if (!Array.isArray(value) || value.length !== 101) {
    throw new PatronageError('INVALID_ARGUMENT', `${FN}: reference.${name} must hold 101 quantiles`, {
      argument: `reference.${name}`,
      value,
    });
  }
  const table = value as readonly unknown[];
  const copy = new Array<number>(101);
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < 101; i++) {
    const entry = table[i];
    if (!(typeof entry === 'number' && entry >= previous && entry < Number.POSITIVE_INFINITY)) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: reference.${name} must be ascending finite numbers, got ${describeValue(entry)}`,
        { argument: `reference.${name}`, value: entry },
      );
    }
    previous = entry;
    copy[i] = entry;
  }
  if (Object.isFrozen(table)) CHECKED_TABLES.set(table, copy);
  return copy;
}

/**
 * Where `value` falls among 101 quantiles, in [0, 1]: linear between neighbouring quantiles, the middle of a
 * run of equal ones (so a value shared by many customers sits at their mid-rank).
 */
export function percentileOf(table: readonly number[], value: number): number {
  let low = 0;
  let high = table.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((table[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  const first = low; // first quantile ≥ value
  low = first;
  high = table.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((table[middle] as number) <= value) low = middle + 1;
    else high = middle;
  }
  const last = low - 1; // last quantile ≤ value
  if (first <= last) return (first + last) / 200;
  if (last < 0) return 0;
  if (first >= table.length) return 1;
  const below = table[last] as number;
  const above = table[first] as number;
  return (last + (value - below) / (above - below)) / 100;
}

/**
 * A loyalty score from 0 to 100 for one customer, with every component's contribution so that a support
 * agent can explain it (docs/formulas.md §1.4, §1.6). Components, each a value in [0, 1]:
 *
 * - `recency`: 1 − the percentile of the time since the last purchase (T − recency) in the reference;
 * - `frequency`, `monetary`: the percentiles of frequency and monetaryValue in the reference;
 * - `referrals`: min(1, referrals / referralsForFull), when `referrals` is given;
 * - `nps`: the latest 0–10 answer ÷ 10, when `npsScore` is given;
 * - `probabilityAlive`: P(alive) from `options.fit`, when given.
 *
 * score = 100 × Σ share × value, where a component's share is its weight over the summed weights of the
 * components available for this customer: a customer who never answered a survey is scored on the rest,
 * not penalised.
 *
 * @param customer - the customer's RFM summary row, optionally with `referrals` and `npsScore`
 * @param reference - the population, from {@link loyaltyReference}
 * @param options - `weights`, `referralsForFull`, `fit`
 * @returns the score and its components
 * @throws PatronageError `INVALID_SUMMARY_ROW` for an inconsistent row, `OUT_OF_RANGE` for a negative
 *   weight or count or an NPS answer off 0–10, `INVALID_ARGUMENT` for a malformed reference or when every
 *   available component has weight 0; the model errors for an invalid `fit`.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { loyaltyReference, loyaltyScore } from 'patronage';
 *
 * const reference = loyaltyReference([
 *   { frequency: 0, recency: 0, T: 40, monetaryValue: 0 },
 *   { frequency: 2, recency: 20, T: 45, monetaryValue: 30 },
 *   { frequency: 6, recency: 48, T: 50, monetaryValue: 60 },
 * ]);
 * const result = loyaltyScore(
 *   { frequency: 6, recency: 48, T: 50, monetaryValue: 60, referrals: 1, npsScore: 9 },
 *   reference,
 * );
 * Math.round(result.score); // => 91
 * result.components.map((c) => `${c.name} ${c.points.toFixed(1)}`);
 * // => ['recency 29.4', 'frequency 23.5', 'monetary 23.5', 'referrals 3.9', 'nps 10.6']
 * ```
 *
 * @category Loyalty
 */
export function loyaltyScore(
  customer: LoyaltyScoreCustomer,
  reference: LoyaltyReference,
  options?: LoyaltyScoreOptions,
): LoyaltyScoreResult {
  const row = requireObject(FN, 'customer', customer);
  const table = requireObject(FN, 'reference', reference);
  const record = optionalObject(FN, 'options', options, LOYALTY_SCORE_OPTION_KEYS);
  // each field of the caller's objects is read once, here, and only the values read are used after
  const { frequency, recency, T, monetaryValue, referrals: referralsGiven, npsScore } = row;
  const { weights: weightsOption, referralsForFull, fit } = record;
  if (!isSummaryRow(frequency, recency, T, monetaryValue)) {
    throw new PatronageError(
      'INVALID_SUMMARY_ROW',
      `${FN}: customer needs finite frequency, recency, T and monetaryValue ≥ 0 with recency ≤ T`,
      { argument: 'customer', value: [frequency, recency, T, monetaryValue] },
    );
  }
  const x = frequency as number;
  const tx = recency as number;
  const age = T as number;
  const money = monetaryValue as number;

  const weightsGiven =
    weightsOption === undefined ? null : optionalObject(FN, 'options.weights', weightsOption, NAMES);
  // component values in the order of NAMES; NaN marks one the customer does not have
  let referralsValue = Number.NaN;
  if (referralsGiven !== undefined) {
    const referrals = requireAtLeast(FN, 'customer.referrals', referralsGiven, 0);
    const full =
      referralsForFull === undefined
        ? 3
        : requireAtLeast(FN, 'options.referralsForFull', referralsForFull, 0);
    if (!(full > 0)) {
      throw new PatronageError('OUT_OF_RANGE', `${FN}: options.referralsForFull must be above 0`, {
        argument: 'options.referralsForFull',
        value: full,
      });
    }
    referralsValue = Math.min(1, referrals / full);
  }
  const values = [
    1 - percentileOf(requireTable('sinceLastPurchase', table['sinceLastPurchase']), age - tx),
    percentileOf(requireTable('frequency', table['frequency']), x),
    percentileOf(requireTable('monetaryValue', table['monetaryValue']), money),
    referralsValue,
    npsScore === undefined ? Number.NaN : requireScore(FN, 'customer.npsScore', npsScore, 0, 10) / 10,
    fit === undefined
      ? Number.NaN
      : probabilityAlive(fit as ModelSpec, { frequency: x, recency: tx, T: age }),
  ];
  let total = 0;
  const weights = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < NAMES.length; i++) {
    if (Number.isNaN(values[i])) continue;
    let weight = DEFAULT_WEIGHTS[i] as number;
    if (weightsGiven !== null) {
      const name = NAMES[i] as LoyaltyComponentName;
      const given = weightsGiven[name];
      if (given !== undefined) weight = requireAtLeast(FN, `options.weights.${name}`, given, 0);
    }
    weights[i] = weight;
    total += weight;
  }
  if (!(total > 0) || !Number.isFinite(total)) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: the weights of the available components sum to ${describeValue(total)}; at least one must be positive and the sum finite`,
      { argument: 'options.weights', value: weightsGiven },
    );
  }
  let score = 0;
  const components: LoyaltyComponent[] = [];
  for (let i = 0; i < NAMES.length; i++) {
    const value = values[i] as number;
    if (Number.isNaN(value)) continue;
    const weight = weights[i] as number;
    const share = weight / total;
    const points = 100 * share * value;
    score += points;
    components.push({ name: NAMES[i] as LoyaltyComponentName, value, weight, share, points });
  }
  return { score: Math.min(100, Math.max(0, score)), components };
}
