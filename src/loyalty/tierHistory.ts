import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { requireAtLeast, requireFinite, requireList, requireObject } from '../internal/validate';
import { MAX_EPOCH_MS, type TimestampInput, toEpochMsIn } from '../model/timestamp';
import { DAY_MS } from './ledger';

/**
 * A tier and the rolling-window value that qualifies for it.
 *
 * @category Loyalty
 */
export interface TierDefinition {
  /** Unique name. */
  readonly name: string;
  /** The least window value (points, spend or purchases) that qualifies, ≥ 0. */
  readonly threshold: number;
}

/**
 * What qualifies: points earned, money spent or purchases made in the window.
 *
 * @category Loyalty
 */
export type TierMetric = 'points' | 'spend' | 'purchases';

/**
 * A customer's qualifying activity: a purchase (`amount`) or points earned (`points`).
 *
 * @category Loyalty
 */
export interface TierActivity {
  /** The customer. */
  readonly customerId: string;
  /** When. */
  readonly at: TimestampInput;
  /** Money spent (needed for the `spend` metric). */
  readonly amount?: number;
  /** Points earned (needed for the `points` metric). */
  readonly points?: number;
}

/**
 * Options of {@link tierHistory}.
 *
 * @category Loyalty
 */
export interface TierOptions {
  /** The tiers, any order; thresholds must differ. */
  readonly tiers: readonly TierDefinition[];
  /** What qualifies. */
  readonly metric: TierMetric;
  /** The rolling window in days: the value at t sums activity in (t − windowDays, t]. */
  readonly windowDays: number;
  /**
   * Days a customer keeps a tier after no longer qualifying for it (default 0: downgrade at once). If they
   * qualify again within the grace period, they keep it.
   */
  readonly graceDays?: number;
  /** Evaluate up to this time. */
  readonly at: TimestampInput;
}

/**
 * A period in one tier.
 *
 * @category Loyalty
 */
export interface TierPeriod {
  /** The tier, or null for below every threshold. */
  readonly tier: string | null;
  /** From, epoch ms. */
  readonly from: number;
  /** Until (exclusive), epoch ms, or null while current. */
  readonly until: number | null;
}

/**
 * One customer's tier at `at`, how they got there, and what the next tier needs.
 *
 * @category Loyalty
 */
export interface CustomerTier {
  /** The customer. */
  readonly customerId: string;
  /** The tier held at `at`, or null. */
  readonly tier: string | null;
  /** The window value at `at`. */
  readonly windowValue: number;
  /** The tier the window value alone qualifies for at `at` (differs from `tier` during a grace period). */
  readonly qualifiedTier: string | null;
  /** When a pending downgrade takes effect, epoch ms, or null. */
  readonly downgradeAt: number | null;
  /** The next tier up and the window value still missing, or null at the top. */
  readonly next: {
    /** The next tier's name. */
    readonly tier: string;
    /** Window value still missing to reach it. */
    readonly needed: number;
  } | null;
  /** Every tier period from the first activity, oldest first. */
  readonly history: readonly TierPeriod[];
}

const FN = 'tierHistory';

interface Tier {
  readonly name: string;
  readonly threshold: number;
  /** The threshold less a relative 1e−12: a window sum of decimal amounts may carry float error. */
  readonly limit: number;
}

function readTiers(value: unknown): Tier[] {
  const list = requireList(FN, 'options.tiers', value);
  if (list.length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${FN}: options.tiers is empty; define at least one tier`, {
      argument: 'options.tiers',
      value: list,
    });
  }
  const tiers = list.map((raw, i): Tier => {
    const record = requireObject(FN, `options.tiers[${i}]`, raw);
    const name = record['name'];
    if (typeof name !== 'string' || name === '') {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: options.tiers[${i}].name must be a non-empty string, got ${describeValue(name)}`,
        { argument: `options.tiers[${i}].name`, value: name },
      );
    }
    const threshold = requireAtLeast(FN, `options.tiers[${i}].threshold`, record['threshold'], 0);
    return { name, threshold, limit: threshold - 1e-12 * Math.max(1, threshold) };
  });
  tiers.sort((left, right) => left.threshold - right.threshold);
  for (let i = 1; i < tiers.length; i++) {
    const previous = tiers[i - 1] as Tier;
    const tier = tiers[i] as Tier;
    if (
      tier.threshold === previous.threshold ||
      tiers.some((other, j) => j < i && other.name === tier.name)
    ) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: tiers ${JSON.stringify(previous.name)} and ${JSON.stringify(tier.name)} share a threshold or a name`,
        { argument: 'options.tiers', value: [previous, tier] },
      );
    }
  }
  return tiers;
}

/** Index of the highest tier the value qualifies for, or −1. */
function qualifying(tiers: readonly Tier[], value: number): number {
  for (let i = tiers.length - 1; i >= 0; i--) if (value >= (tiers[i] as Tier).limit) return i;
  return -1;
}

interface Activity {
  readonly at: number;
  readonly value: number;
}

/**
 * Tiers over time from qualifying activity (DOMAIN.md §1.4): at every moment a customer qualifies for the
 * highest tier whose threshold the rolling-window value reaches (points earned, spend, or purchases in
 * the last `windowDays`). Upgrades take effect at once. When the value falls below the held tier's
 * threshold (activity leaving the window), the customer keeps the tier for `graceDays`; if they qualify
 * again meanwhile they keep it, otherwise at the end of the grace period they move to the tier they then
 * qualify for. Evaluated exactly at every change of the window value, so no periodic job is needed.
 *
 * @param activity - purchases or point credits of one or many customers, any order
 * @param options - `tiers`, `metric`, `windowDays`, `graceDays`, `at`
 * @returns each customer's tier at `at` with its history, by customer id
 * @throws PatronageError `EMPTY_INPUT` for no tiers, `INVALID_ARGUMENT` for tiers sharing a name or a
 *   threshold or an unknown metric, `INVALID_FIELD` for an activity row without the metric's field or with a
 *   negative value (naming the row), `INVALID_TIMESTAMP`, `OUT_OF_RANGE`.
 *
 * @example
 * ```ts
 * import { tierHistory } from 'patronage';
 *
 * const tiers = [
 *   { name: 'member', threshold: 0 },
 *   { name: 'silver', threshold: 500 },
 *   { name: 'gold', threshold: 1000 },
 * ];
 * const purchases = [
 *   { customerId: 'ann', at: '2025-01-15', amount: 600 },
 *   { customerId: 'ann', at: '2025-03-01', amount: 450 },
 * ];
 * const options = { tiers, metric: 'spend', windowDays: 365, graceDays: 30 } as const;
 * tierHistory(purchases, { ...options, at: '2025-06-01' })[0]?.tier; // => 'gold'
 * // January's 600 leaves the window on 2026-01-15; gold is kept for 30 days of grace
 * tierHistory(purchases, { ...options, at: '2026-02-01' })[0]?.tier; // => 'gold'
 * tierHistory(purchases, { ...options, at: '2026-02-14' })[0]?.tier; // => 'member'
 * ```
 *
 * @category Loyalty
 */
export function tierHistory(activity: readonly TierActivity[], options: TierOptions): CustomerTier[] {
  const record = requireObject(FN, 'options', options);
  const tiers = readTiers(record['tiers']);
  const metric = record['metric'];
  if (metric !== 'points' && metric !== 'spend' && metric !== 'purchases') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: options.metric must be 'points', 'spend' or 'purchases', got ${describeValue(metric)}`,
      { argument: 'options.metric', value: metric },
    );
  }
  const windowDays = requireAtLeast(FN, 'options.windowDays', record['windowDays'], 0);
  const graceDays =
    record['graceDays'] === undefined ? 0 : requireAtLeast(FN, 'options.graceDays', record['graceDays'], 0);
  if (!(windowDays > 0) || windowDays > 100_000 || graceDays > 100_000) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${FN}: options.windowDays must be above 0 and, like graceDays, at most 100000`,
      { argument: 'options.windowDays', value: [windowDays, graceDays] },
    );
  }
  const at = toEpochMsIn(FN, 'options.at', record['at']);
  const windowMs = windowDays * DAY_MS;
  const graceMs = graceDays * DAY_MS;
  const field = metric === 'spend' ? 'amount' : metric === 'points' ? 'points' : null;
  const byCustomer = new Map<string, Activity[]>();
  let lastId: string | null = null;
  let lastList: Activity[] = [];
  const add = (customerId: string, time: number, value: number): void => {
    if (customerId !== lastId) {
      let list = byCustomer.get(customerId);
      if (list === undefined) {
        list = [];
        byCustomer.set(customerId, list);
      }
      lastId = customerId;
      lastList = list;
    }
    lastList.push({ at: time, value });
  };
  const rows = requireList(FN, 'activity', activity);
  for (let i = 0; i < rows.length; i++) {
    const raw = rows[i] as Readonly<Record<string, unknown>> | null | undefined;
    // fast path for a valid row, with no names built
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      const customerId = raw['customerId'];
      const time = raw['at'];
      const value = field === null ? 1 : raw[field];
      if (
        typeof customerId === 'string' &&
        customerId !== '' &&
        typeof time === 'number' &&
        Math.abs(time) <= MAX_EPOCH_MS &&
        typeof value === 'number' &&
        value >= 0 &&
        value < Number.POSITIVE_INFINITY
      ) {
        if (time <= at) add(customerId, time, value);
        continue;
      }
    }
    const row = requireObject(FN, `activity[${i}]`, raw);
    const customerId = row['customerId'];
    if (typeof customerId !== 'string' || customerId === '') {
      throw new PatronageError(
        'INVALID_FIELD',
        `${FN}: activity[${i}].customerId must be a non-empty string, got ${describeValue(customerId)}`,
        { argument: `activity[${i}].customerId`, index: i, value: customerId },
      );
    }
    const time = toEpochMsIn(FN, `activity[${i}].at`, row['at']);
    let value = 1;
    if (field !== null) {
      if (row[field] === undefined) {
        throw new PatronageError(
          'INVALID_FIELD',
          `${FN}: activity[${i}].${field} is missing, and the '${metric}' metric needs it`,
          { argument: `activity[${i}].${field}`, index: i, value: undefined },
        );
      }
      value = requireFinite(FN, `activity[${i}].${field}`, row[field]);
      if (value < 0) {
        throw new PatronageError(
          'INVALID_FIELD',
          `${FN}: activity[${i}].${field} (${describeValue(value)}) must be at least 0; record returns as a lower spend, not a negative one`,
          { argument: `activity[${i}].${field}`, index: i, value },
        );
      }
    }
    if (time <= at) add(customerId, time, value); // later activity has not happened yet at `at`
  }
  const ids = [...byCustomer.keys()].sort();
  return ids.map((customerId) =>
    evaluate(customerId, byCustomer.get(customerId) as Activity[], tiers, windowMs, graceMs, at),
  );
}

function evaluate(
  customerId: string,
  activity: Activity[],
  tiers: readonly Tier[],
  windowMs: number,
  graceMs: number,
  at: number,
): CustomerTier {
  // activity usually arrives in time order: sort only when it does not (the built-in sort calls back
  // into the comparator n log n times)
  let ordered = true;
  for (let i = 1; i < activity.length && ordered; i++) {
    ordered = (activity[i - 1] as Activity).at <= (activity[i] as Activity).at;
  }
  if (!ordered) activity.sort((left, right) => left.at - right.at);
  const n = activity.length;
  // change points: each activity enters the window at its time and leaves it windowMs later
  let entering = 0;
  let leaving = 0;
  let sum = 0;
  let held = -2; // no tier period yet
  let pendingUntil: number | null = null;
  const history: { tier: number; from: number }[] = [];
  const enter = (tier: number, time: number): void => {
    if (tier === held) return;
    held = tier;
    history.push({ tier, from: time });
  };
  const settle = (time: number): void => {
    const q = qualifying(tiers, sum);
    if (held === -2 || q > held) {
      enter(q, time);
      pendingUntil = null;
    } else if (q === held) {
      pendingUntil = null;
    } else if (graceMs === 0) {
      enter(q, time);
    } else if (pendingUntil === null) {
      pendingUntil = time + graceMs;
    }
  };
  for (;;) {
    const nextEnter = entering < n ? (activity[entering] as Activity).at : Number.POSITIVE_INFINITY;
    const nextLeave =
      leaving < entering ? (activity[leaving] as Activity).at + windowMs : Number.POSITIVE_INFINITY;
    const nextGrace = pendingUntil ?? Number.POSITIVE_INFINITY;
    const time = Math.min(nextEnter, nextLeave, nextGrace);
    if (time > at || time === Number.POSITIVE_INFINITY) break;
    if (time === nextGrace && time < nextEnter && time < nextLeave) {
      // grace over without qualifying again
      pendingUntil = null;
      enter(qualifying(tiers, sum), time);
      continue;
    }
    // apply every change at this instant before judging: leaving first, then entering
    while (leaving < entering && (activity[leaving] as Activity).at + windowMs === time) {
      sum -= (activity[leaving] as Activity).value;
      leaving++;
    }
    while (entering < n && (activity[entering] as Activity).at === time) {
      sum += (activity[entering] as Activity).value;
      entering++;
    }
    if (leaving === entering) sum = 0; // nothing in the window: no float residue
    if (time === nextGrace) {
      pendingUntil = null;
      const q = qualifying(tiers, sum);
      if (q < held) enter(q, time);
      else settle(time);
      continue;
    }
    settle(time);
  }
  const qualified = qualifying(tiers, sum);
  const nextIndex = Math.max(held, -1) + 1;
  const nextTier = tiers[nextIndex];
  const name = (index: number): string | null => (index < 0 ? null : (tiers[index] as Tier).name);
  return {
    customerId,
    tier: name(held),
    windowValue: sum,
    qualifiedTier: name(qualified),
    downgradeAt: pendingUntil,
    next:
      nextTier === undefined ? null : { tier: nextTier.name, needed: Math.max(0, nextTier.threshold - sum) },
    history: history.map((period, i) => ({
      tier: name(period.tier),
      from: period.from,
      until: history[i + 1]?.from ?? null,
    })),
  };
}
