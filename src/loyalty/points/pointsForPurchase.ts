import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import {
  optionalObject,
  optionKeys,
  requireAtLeast,
  requireFinite,
  requireList,
  requireObject,
  requireOptions,
} from '../../internal/validate';

/**
 * A bonus on an occasion: a multiplier on the base points, extra points, or both.
 *
 * @category Loyalty
 */
export interface OccasionBonus {
  /** Multiplies the base points (default 1). */
  readonly multiplier?: number;
  /** Added after multiplying (default 0). */
  readonly points?: number;
}

const OCCASION_BONUS_KEYS = /* @__PURE__ */ optionKeys<OccasionBonus>()(['multiplier', 'points']);

/**
 * A programme's earn rules.
 *
 * @category Loyalty
 */
export interface EarnRules {
  /** Points per currency unit spent (default 0). */
  readonly perCurrencyUnit?: number;
  /** Points per purchase, whatever its amount (default 0). */
  readonly perPurchase?: number;
  /** Multipliers by tier name (a tier not listed earns × 1). */
  readonly tierMultipliers?: Readonly<Record<string, number>>;
  /** Bonuses by occasion name (`birthday`, `firstPurchaseAnniversary`, or your own). */
  readonly occasionBonuses?: Readonly<Record<string, OccasionBonus>>;
  /** How fractional points become whole: `'floor'` (default), `'round'` or `'ceil'`. */
  readonly rounding?: 'floor' | 'round' | 'ceil';
}

/** The keys of {@link EarnRules}. */
export const EARN_RULE_KEYS: readonly (keyof EarnRules & string)[] = /* @__PURE__ */ optionKeys<EarnRules>()([
  'perCurrencyUnit',
  'perPurchase',
  'tierMultipliers',
  'occasionBonuses',
  'rounding',
]);

/**
 * A purchase to earn points on.
 *
 * @category Loyalty
 */
export interface PurchaseForPoints {
  /** Amount spent, in currency units, at least 0. */
  readonly amount: number;
  /** The customer's tier, if any. */
  readonly tier?: string | null;
  /** Occasions the purchase falls on (for example from {@link upcomingOccasions} with `withinDays: 0`). */
  readonly occasions?: readonly string[];
}

/**
 * The points a purchase earns and how they were made up.
 *
 * @category Loyalty
 */
export interface EarnedPoints {
  /** Whole points to credit. */
  readonly points: number;
  /** amount × perCurrencyUnit + perPurchase, before multipliers. */
  readonly base: number;
  /** The tier multiplier applied. */
  readonly tierMultiplier: number;
  /** The occasion multipliers applied, multiplied together. */
  readonly occasionMultiplier: number;
  /** Occasion points added. */
  readonly occasionPoints: number;
}

const FN = 'pointsForPurchase';
const ROUNDING = { floor: Math.floor, round: Math.round, ceil: Math.ceil } as const;

/** `rules.rounding` checked: `'floor'` (the default, for undefined), `'round'` or `'ceil'`. */
export function requireRounding(fn: string, name: string, value: unknown): 'floor' | 'round' | 'ceil' {
  const rounding = value ?? 'floor';
  if (typeof rounding !== 'string' || !Object.hasOwn(ROUNDING, rounding)) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: ${name} must be 'floor', 'round' or 'ceil', got ${describeValue(rounding)}`,
      { argument: name, value: rounding },
    );
  }
  return rounding as 'floor' | 'round' | 'ceil';
}

function namedRecord(name: string, value: unknown): Readonly<Record<string, unknown>> {
  return value === undefined ? {} : requireObject(FN, name, value);
}

function nonNegative(name: string, value: unknown, fallback: number): number {
  return value === undefined ? fallback : requireAtLeast(FN, name, value, 0);
}

/**
 * The points a purchase earns under a programme's rules:
 * `rounding((amount × perCurrencyUnit + perPurchase) × tierMultiplier × Π occasion multipliers + Σ
 * occasion points)`. An occasion without a bonus in the rules earns nothing extra.
 *
 * @param purchase - `amount`, and optionally `tier` and `occasions`
 * @param rules - the programme's earn rules
 * @returns the whole points and their make-up
 * @throws PatronageError `OUT_OF_RANGE` for a negative amount, rate, multiplier or bonus,
 *   `INVALID_ARGUMENT` for an unknown rounding or a malformed list, `NOT_FINITE` on overflow.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { pointsForPurchase } from 'patronage';
 *
 * const rules = {
 *   perCurrencyUnit: 1,
 *   tierMultipliers: { gold: 1.5 },
 *   occasionBonuses: { birthday: { multiplier: 2, points: 50 } },
 * };
 * pointsForPurchase({ amount: 40.7 }, rules).points; // => 40
 * pointsForPurchase({ amount: 40.7, tier: 'gold' }, rules).points; // => 61
 * pointsForPurchase({ amount: 40.7, tier: 'gold', occasions: ['birthday'] }, rules).points; // => 172
 * ```
 *
 * @category Loyalty
 */
export function pointsForPurchase(purchase: PurchaseForPoints, rules: EarnRules): EarnedPoints {
  const order = requireObject(FN, 'purchase', purchase);
  const rule = requireOptions(FN, 'rules', rules, EARN_RULE_KEYS);
  const amount = requireAtLeast(FN, 'purchase.amount', order['amount'], 0);
  const perUnit = nonNegative('rules.perCurrencyUnit', rule['perCurrencyUnit'], 0);
  const perPurchase = nonNegative('rules.perPurchase', rule['perPurchase'], 0);
  const roundingName = requireRounding(FN, 'rules.rounding', rule['rounding']);
  const tier = order['tier'];
  if (tier !== undefined && tier !== null && typeof tier !== 'string') {
    throw new PatronageError('INVALID_ARGUMENT', `${FN}: purchase.tier must be a string or null`, {
      argument: 'purchase.tier',
      value: tier,
    });
  }
  // keyed by the caller's own tier and occasion names: no fixed list of keys to check
  const multipliers = namedRecord('rules.tierMultipliers', rule['tierMultipliers']);
  const tierMultiplier =
    typeof tier === 'string' && Object.hasOwn(multipliers, tier)
      ? requireAtLeast(FN, `rules.tierMultipliers.${tier}`, multipliers[tier], 0)
      : 1;
  const bonuses = namedRecord('rules.occasionBonuses', rule['occasionBonuses']);
  const occasionsGiven = order['occasions'];
  const occasions = occasionsGiven === undefined ? [] : requireList(FN, 'purchase.occasions', occasionsGiven);
  let occasionMultiplier = 1;
  let occasionPoints = 0;
  const applied = new Set<string>();
  // by index, each read once: a hole in a sparse list is no string, not an occasion skipped
  for (let i = 0; i < occasions.length; i++) {
    const occasion = occasions[i];
    if (typeof occasion !== 'string') {
      throw new PatronageError('INVALID_ARGUMENT', `${FN}: purchase.occasions[${i}] must be a string`, {
        argument: `purchase.occasions[${i}]`,
        value: occasion,
      });
    }
    if (applied.has(occasion) || !Object.hasOwn(bonuses, occasion)) continue;
    applied.add(occasion);
    const bonus = optionalObject(
      FN,
      `rules.occasionBonuses.${occasion}`,
      bonuses[occasion],
      OCCASION_BONUS_KEYS,
    );
    occasionMultiplier *= nonNegative(`rules.occasionBonuses.${occasion}.multiplier`, bonus['multiplier'], 1);
    occasionPoints += nonNegative(`rules.occasionBonuses.${occasion}.points`, bonus['points'], 0);
  }
  const base = requireFinite(FN, 'base points', amount * perUnit + perPurchase);
  const raw = requireFinite(FN, 'points', base * tierMultiplier * occasionMultiplier + occasionPoints);
  // a product such as 40.7 × 1.5 = 61.050000000000004 is meant as 61.05: round to 1e−9 before flooring
  const cleaned = Math.round(raw * 1e9) / 1e9;
  const points = ROUNDING[roundingName](Number.isFinite(cleaned) ? cleaned : raw);
  if (!Number.isSafeInteger(points)) {
    throw new PatronageError('NOT_FINITE', `${FN}: ${points} points is beyond the safe integer range`, {
      argument: 'points',
      value: points,
    });
  }
  return { points: points === 0 ? 0 : points, base, tierMultiplier, occasionMultiplier, occasionPoints };
}
