import { conditionalPurchaseProbability } from '../../clv/conditionalPurchaseProbability';
import { daysOf, type ModelTimeUnit } from '../../clv/core/timeUnit';
import type { CustomerHistory, GammaGammaParams, ModelSpec } from '../../clv/core/types';
import { requireModel } from '../../clv/registry';
import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import {
  optionKeys,
  requireBetween,
  requireCount,
  requireFinite,
  requireList,
  requireObject,
  requireOptions,
} from '../../internal/validate';
import { regularizedBeta } from '../../math/incompleteBeta';
import { DAY_MS } from '../../model/time';
import { type TimestampInput, toEpochMsIn } from '../../model/timestamp';
import { type TierActivity, type TierOptions, tierHistory } from './tierHistory';

/**
 * A member as {@link tierRetentionProbability} reads them: the purchase history in the fit's time unit (as of
 * `at`), the mean spend of the repeat purchases for the spend metric, and the qualifying purchases themselves.
 *
 * @category Loyalty
 */
export interface TierMember extends CustomerHistory {
  /** m̄, the mean value of the repeat purchases (the Gamma-Gamma input; needed for the `spend` metric). */
  readonly monetaryValue?: number;
  /** The member's purchases up to `at` (at least those of the last window): time and, for `spend`, amount. */
  readonly activity: readonly {
    /** When, at or before `at`. */
    readonly at: TimestampInput;
    /** The purchase's value (needed for the `spend` metric). */
    readonly amount?: number;
  }[];
}

/**
 * The tier rules of {@link tierHistory} without its `at`.
 *
 * @category Loyalty
 */
export type TierRules = Omit<TierOptions, 'at'>;

/**
 * Options of {@link tierRetentionProbability}.
 *
 * @category Loyalty
 */
export interface TierRetentionOptions {
  /** Now: the end of the history the member's summary describes. */
  readonly at: TimestampInput;
  /** The review date, after `at` and at most one window after it. */
  readonly reviewAt: TimestampInput;
  /** The fit's time unit (the `unit` of the summaries it was fitted on). */
  readonly timeUnit: ModelTimeUnit;
  /** The tier to keep. Default: the tier the member holds at `at` (by {@link tierHistory}). */
  readonly tier?: string;
  /** The probability the `shortfall` is computed for. Default 0.9. */
  readonly probabilityTarget?: number;
}

/**
 * What {@link tierRetentionProbability} returns.
 *
 * @category Loyalty
 */
export interface TierRetention {
  /** The tier to keep (null: the member qualifies for no tier, so there is nothing to keep). */
  readonly tier: string | null;
  /** Its threshold. */
  readonly threshold: number;
  /** The window value at the review from purchases made by `at` (those still inside the window then). */
  readonly countedAtReview: number;
  /** What future purchases must add by the review: threshold − countedAtReview, at least 0. */
  readonly needed: number;
  /** P(window value at the review ≥ threshold) under the purchase and spend models. */
  readonly probability: number;
  /**
   * With `graceDays` above 0: P(the member qualifies at some moment of the grace period before the review),
   * an upper bound of keeping the tier at the review by {@link tierHistory}'s rules, whose lower bound is
   * `probability`. Equal to `probability` without grace.
   */
  readonly probabilityWithGrace: number;
  /** The `probabilityTarget` used for `shortfall`. */
  readonly probabilityTarget: number;
  /**
   * What the member must add now (spend, or purchases) beyond what the models give them with probability
   * `probabilityTarget` by the review: 0 when `probability` already reaches the target.
   */
  readonly shortfall: number;
}

const FN = 'tierRetentionProbability';
const OPTION_KEYS = /* @__PURE__ */ optionKeys<TierRetentionOptions>()([
  'at',
  'reviewAt',
  'timeUnit',
  'tier',
  'probabilityTarget',
]);
/** Probability mass of purchase counts left unsummed: the sums stop once the rest is below this. */
const TAIL = 1e-14;
const MAX_COUNT = 1_000_000;

/** The distribution of future purchase counts in the window, term by term, until the rest is below TAIL. */
function countDistribution(fit: ModelSpec, customer: CustomerHistory, window: number): number[] {
  const terms: number[] = [];
  let total = 0;
  for (let n = 0; n <= MAX_COUNT; n++) {
    const term = conditionalPurchaseProbability(fit, customer, n, window);
    terms.push(term);
    total += term;
    if (1 - total < TAIL && n > 0) return terms;
  }
  throw new PatronageError(
    'OUT_OF_RANGE',
    `${FN}: the purchase counts up to ${MAX_COUNT} leave ${1 - total} of the probability: the window is too long for this member`,
    { argument: 'options.reviewAt', value: window },
  );
}

/**
 * The probability that a loyalty member keeps (requalifies for) their tier at a review date, from the
 * purchase model, the spend model and {@link tierHistory}'s rules: the window value at the review is what the
 * member's past purchases still count then plus what they buy until the review. For the `purchases` metric it
 * is P(N ≥ k) for the future count N (the purchase model's {@link conditionalPurchaseProbability}, exact); for
 * `spend`, Σₙ P(N = n) · P(Sₙ ≥ needed), where the spend of n purchases under the member's Gamma-Gamma
 * posterior (ν ~ Gamma(q + p·x, γ + x·m̄), each purchase Gamma(p, ν)) gives Sₙ/(Sₙ + γ + x·m̄) ~ Beta(n·p,
 * q + p·x), so P(Sₙ ≥ c) is a regularised incomplete beta. The sums stop when the purchase counts left hold
 * less than 1e−14 of the probability. Also: `shortfall`, what the member must add now to reach
 * `probabilityTarget` (the gap a targeted offer must close), and with a grace period the upper bound
 * `probabilityWithGrace`. Checked against simulation in the tests.
 *
 * @param fit - the purchase model (BG/NBD, MBG/NBD, Pareto/NBD, GGom/NBD or NBD), in `timeUnit`
 * @param spendFit - the Gamma-Gamma spend model (needed for the `spend` metric; null for `purchases`)
 * @param member - `frequency`, `recency`, `T` as of `at`, `monetaryValue`, and the `activity`
 * @param tierRules - `tiers`, `metric` (`'purchases'` or `'spend'`), `windowDays`, `graceDays`
 * @param options - `at`, `reviewAt`, `timeUnit`, `tier`, `probabilityTarget`
 * @returns the tier, what it needs by the review, the probability and the shortfall
 * @throws PatronageError the codes of {@link tierHistory} and {@link conditionalPurchaseProbability};
 *   `INVALID_ARGUMENT` for the `points` metric (points depend on earn rules: use `spend` with thresholds in
 *   money), a `spend` metric without a Gamma-Gamma `spendFit` or `monetaryValue`, an unknown `tier`, activity
 *   after `at`; `OUT_OF_RANGE` for a review not after `at` or more than one window after it.
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { tierRetentionProbability } from 'patronage';
 *
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const spendFit = { model: 'gammaGamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } } as const;
 * const member = {
 *   frequency: 4,
 *   recency: 30,
 *   T: 40,
 *   monetaryValue: 60,
 *   activity: [
 *     { at: '2025-03-01', amount: 80 },
 *     { at: '2025-06-10', amount: 70 },
 *     { at: '2025-09-20', amount: 40 },
 *   ],
 * };
 * const rules = {
 *   tiers: [{ name: 'member', threshold: 0 }, { name: 'silver', threshold: 150 }],
 *   metric: 'spend',
 *   windowDays: 365,
 * } as const;
 * const kept = tierRetentionProbability(fit, spendFit, member, rules, {
 *   at: '2025-12-01',
 *   reviewAt: '2026-03-31',
 *   timeUnit: 'week',
 * });
 * kept.tier; // => 'silver'
 * kept.needed; // => 40
 * Math.round(kept.probability * 100) / 100; // => 0.46
 * ```
 *
 * @category Loyalty
 */
export function tierRetentionProbability(
  fit: ModelSpec,
  spendFit: ModelSpec<'gammaGamma'> | null,
  member: TierMember,
  tierRules: TierRules,
  options: TierRetentionOptions,
): TierRetention {
  const record = requireOptions(FN, 'options', options, OPTION_KEYS);
  const at = toEpochMsIn(FN, 'options.at', record['at']);
  const reviewAt = toEpochMsIn(FN, 'options.reviewAt', record['reviewAt']);
  const unitDays = daysOf(FN, 'options.timeUnit', record['timeUnit']);
  const target = requireBetween(FN, 'options.probabilityTarget', record['probabilityTarget'] ?? 0.9, 0, 1);
  const memberRecord = requireObject(FN, 'member', member);
  const rules = requireObject(FN, 'tierRules', tierRules);
  if (rules['metric'] === 'points') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: the points metric depends on the earn rules; give the thresholds in money and use metric 'spend'`,
      { argument: 'tierRules.metric', value: 'points' },
    );
  }
  const spend = rules['metric'] === 'spend';
  const activity = requireList(FN, 'member.activity', memberRecord['activity']);
  // tierHistory checks the rules and the activity, and says which tier the member holds now
  const [held] = tierHistory(
    activity.map((row, index) => {
      const entry = requireObject(FN, `member.activity[${index}]`, row);
      const base: TierActivity = { customerId: 'member', at: entry['at'] as TimestampInput };
      return entry['amount'] === undefined ? base : { ...base, amount: entry['amount'] as number };
    }),
    { ...(tierRules as TierRules), at },
  );
  const tiers = tierRules.tiers;
  const windowDays = tierRules.windowDays;
  const graceDays = tierRules.graceDays ?? 0;
  const times = activity.map((row, index) => {
    const time = toEpochMsIn(FN, `member.activity[${index}].at`, (row as { at: unknown }).at);
    if (time > at) {
      throw new PatronageError('INVALID_ARGUMENT', `${FN}: member.activity[${index}] is after options.at`, {
        argument: `member.activity[${index}].at`,
        value: (row as { at: unknown }).at,
      });
    }
    return time;
  });
  if (!(reviewAt > at) || reviewAt - at > windowDays * DAY_MS) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${FN}: options.reviewAt must be after options.at and at most one window (${windowDays} days) after it`,
      { argument: 'options.reviewAt', value: record['reviewAt'] },
    );
  }
  const tierName = record['tier'] ?? held?.tier ?? null;
  const tier = tierName === null ? null : tiers.find((t) => t.name === tierName);
  if (tier === undefined) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: options.tier names no tier: ${describeValue(tierName)}`,
      {
        argument: 'options.tier',
        value: tierName,
      },
    );
  }
  const threshold = tier === null ? 0 : tier.threshold;
  /** What the past purchases still count in the window ending at `end`. */
  const countedAt = (end: number): number => {
    let total = 0;
    for (let k = 0; k < times.length; k++) {
      if ((times[k] as number) > end - windowDays * DAY_MS) {
        total += spend ? ((activity[k] as { amount: number }).amount as number) : 1;
      }
    }
    return total;
  };
  const countedAtReview = countedAt(reviewAt);
  const needed = Math.max(0, threshold - countedAtReview);
  // the grace period's start (not before now): the most the past purchases count within it
  const graceStart = Math.max(at, reviewAt - graceDays * DAY_MS);
  const neededWithGrace = Math.max(0, threshold - countedAt(graceStart));

  const history: CustomerHistory = {
    frequency: memberRecord['frequency'] as number,
    recency: memberRecord['recency'] as number,
    T: memberRecord['T'] as number,
  };
  const window = (reviewAt - at) / DAY_MS / unitDays;
  const counts = needed === 0 && neededWithGrace === 0 ? [1] : countDistribution(fit, history, window);

  let tailOf: (value: number) => number;
  let quantile: (p: number) => number;
  if (spend) {
    if (
      spendFit === null ||
      spendFit === undefined ||
      (spendFit as { model?: unknown }).model !== 'gammaGamma'
    ) {
      throw new PatronageError('INVALID_ARGUMENT', `${FN}: the spend metric needs a Gamma-Gamma spendFit`, {
        argument: 'spendFit',
        value: spendFit,
      });
    }
    // the fit read and checked once: an object with positive finite p, q and gamma (INVALID_FIT otherwise)
    const { p, q, gamma } = requireModel(FN, spendFit, []).params as GammaGammaParams;
    const x = requireCount(FN, 'member.frequency', history.frequency);
    const m = x === 0 ? 0 : requireFinite(FN, 'member.monetaryValue', memberRecord['monetaryValue']);
    if (x > 0 && !(m > 0)) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: member.monetaryValue must be positive for a member with repeat purchases, got ${describeValue(m)}`,
        { argument: 'member.monetaryValue', value: m },
      );
    }
    const shape = q + p * x;
    const rate = gamma + x * m;
    // P(future spend ≥ c) = Σₙ P(N = n) P(Sₙ ≥ c), P(Sₙ ≥ c) = I_{rate/(c+rate)}(shape, n·p)
    tailOf = (c) => {
      if (c <= 0) return 1;
      let total = 0;
      for (let n = 1; n < counts.length; n++) {
        total += (counts[n] as number) * regularizedBeta(shape, n * p, rate / (c + rate), c / (c + rate));
      }
      // the terms sum to at most 1 plus rounding (a few ulps): the probability is never above 1
      return Math.min(1, total);
    };
    quantile = (target) => {
      // the largest c with P(future spend ≥ c) ≥ target: 0 when not even one purchase is that likely
      if (tailOf(Number.MIN_VALUE) < target) return 0;
      let high = rate;
      while (tailOf(high) >= target) high *= 2;
      let low = 0;
      for (let step = 0; step < 200 && high - low > 1e-9 * high; step++) {
        const mid = (low + high) / 2;
        if (tailOf(mid) >= target) low = mid;
        else high = mid;
      }
      return low;
    };
  } else {
    // P(N ≥ k), the smaller side summed directly
    tailOf = (value) => {
      const k = Math.ceil(value - 1e-9);
      if (k <= 0) return 1;
      let below = 0;
      for (let n = 0; n < Math.min(k, counts.length); n++) below += counts[n] as number;
      if (below <= 0.5) return 1 - below;
      let above = 0;
      for (let n = k; n < counts.length; n++) above += counts[n] as number;
      return above;
    };
    quantile = (target) => {
      let k = 0;
      while (k + 1 < counts.length && tailOf(k + 1) >= target) k++;
      return k;
    };
  }
  const probability = tailOf(needed);
  const probabilityWithGrace = graceDays === 0 ? probability : tailOf(neededWithGrace);
  const shortfall = probability >= target ? 0 : Math.max(0, needed - quantile(target));
  for (const [name, value] of [
    ['probability', probability],
    ['probabilityWithGrace', probabilityWithGrace],
    ['shortfall', shortfall],
    ['needed', needed],
  ] as const) {
    if (!Number.isFinite(value)) {
      throw new PatronageError(
        'NOT_FINITE',
        `${FN}: the ${name} is not a finite number for these fits and this member (floating point overflows)`,
        { argument: name, value },
      );
    }
  }
  return {
    tier: tier === null ? null : tier.name,
    threshold,
    countedAtReview,
    needed,
    probability,
    probabilityWithGrace,
    probabilityTarget: target,
    shortfall,
  };
}
