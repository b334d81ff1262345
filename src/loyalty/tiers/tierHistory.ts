import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { releaseScratch, type Scratch, type ScratchPool, takeScratch } from '../../internal/perf/scratch';
import {
  optionKeys,
  requireAtLeast,
  requireFinite,
  requireList,
  requireListInPlace,
  requireObject,
  requireOptions,
} from '../../internal/validate';
import { DAY_MS, MAX_EPOCH_MS } from '../../model/time';
import { type TimestampInput, toEpochMsIn } from '../../model/timestamp';

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

const TIER_DEFINITION_KEYS = /* @__PURE__ */ optionKeys<TierDefinition>()(['name', 'threshold']);

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

const TIER_OPTION_KEYS = /* @__PURE__ */ optionKeys<TierOptions>()([
  'tiers',
  'metric',
  'windowDays',
  'graceDays',
  'at',
]);

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

/**
 * Tier lists already read, by identity, with what they held: a checkout passes the same programme on every
 * call, and checking that each tier still has its name and threshold costs less than reading it again.
 */
const READ_TIERS: WeakMap<
  object,
  { readonly names: string[]; readonly thresholds: number[]; readonly tiers: TierList }
> = /* @__PURE__ */ new WeakMap();

/** Tiers by ascending threshold, with their limits in a typed array for the scan. */
interface TierList {
  readonly tiers: readonly Tier[];
  readonly limits: Float64Array;
}

function readTiers(value: unknown): TierList {
  const known = typeof value === 'object' && value !== null ? READ_TIERS.get(value) : undefined;
  if (known !== undefined && unchanged(value as readonly unknown[], known.names, known.thresholds)) {
    return known.tiers;
  }
  const read = readTiersAfresh(value);
  // the memo holds the names and thresholds as read and checked, never a second read of the caller's tiers
  if (Array.isArray(value)) READ_TIERS.set(value, read);
  return read.tiers;
}

/** Whether every tier of `list` still has the name and threshold it had when it was read. */
function unchanged(
  list: readonly unknown[],
  names: readonly string[],
  thresholds: readonly number[],
): boolean {
  if (!Array.isArray(list) || list.length !== names.length) return false;
  for (let i = 0; i < list.length; i++) {
    const tier = list[i] as Partial<TierDefinition> | null;
    if (
      typeof tier !== 'object' ||
      tier === null ||
      tier.name !== names[i] ||
      tier.threshold !== thresholds[i]
    ) {
      return false;
    }
  }
  return true;
}

/** The tiers of `value`, checked, with the names and thresholds in input order as they were read. */
function readTiersAfresh(value: unknown): { names: string[]; thresholds: number[]; tiers: TierList } {
  const list = requireList(FN, 'options.tiers', value);
  if (list.length === 0) {
    throw new PatronageError('EMPTY_INPUT', `${FN}: options.tiers is empty; define at least one tier`, {
      argument: 'options.tiers',
      value: list,
    });
  }
  // by index: a hole in a sparse list is no object (INVALID_ARGUMENT), not a tier skipped
  const tiers: Tier[] = [];
  for (let i = 0; i < list.length; i++) {
    const record = requireOptions(FN, `options.tiers[${i}]`, list[i], TIER_DEFINITION_KEYS);
    const name = record['name'];
    if (typeof name !== 'string' || name === '') {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: options.tiers[${i}].name must be a non-empty string, got ${describeValue(name)}`,
        { argument: `options.tiers[${i}].name`, value: name },
      );
    }
    const threshold = requireAtLeast(FN, `options.tiers[${i}].threshold`, record['threshold'], 0);
    tiers.push({ name, threshold, limit: threshold - 1e-12 * Math.max(1, threshold) });
  }
  const inputOrder = [...tiers];
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
  return {
    names: inputOrder.map((tier) => tier.name),
    thresholds: inputOrder.map((tier) => tier.threshold),
    tiers: { tiers, limits: Float64Array.from(tiers, (tier) => tier.limit) },
  };
}

/**
 * Index of the highest tier the value qualifies for, or −1, searching from `start` (the last answer: the
 * window value moves little between change points).
 */
function qualifying(limits: Float64Array, value: number, start: number): number {
  let q = start;
  while (q + 1 < limits.length && value >= (limits[q + 1] as number)) q++;
  while (q >= 0 && value < (limits[q] as number)) q--;
  return q;
}

/**
 * Working arrays: each accepted row's time, value and customer group, then the same rows grouped by
 * customer (in input order within a group).
 */
interface TierScratch extends Scratch {
  readonly at: Float64Array;
  readonly value: Float64Array;
  readonly group: Int32Array;
  readonly groupedAt: Float64Array;
  readonly groupedValue: Float64Array;
}

const TIER_SCRATCH: ScratchPool<TierScratch> = {
  spare: null,
  create: (capacity) => ({
    capacity,
    at: new Float64Array(capacity),
    value: new Float64Array(capacity),
    group: new Int32Array(capacity),
    groupedAt: new Float64Array(capacity),
    groupedValue: new Float64Array(capacity),
  }),
};

/**
 * Tiers over time from qualifying activity (docs/formulas.md §1.4): at every moment a customer qualifies for the
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
 *   `INVALID_OPTION` for an unknown option key (naming the nearest valid one).
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
  const record = requireOptions(FN, 'options', options, TIER_OPTION_KEYS);
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
  const graceDaysGiven = record['graceDays'];
  const graceDays =
    graceDaysGiven === undefined ? 0 : requireAtLeast(FN, 'options.graceDays', graceDaysGiven, 0);
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
  // no copy of the list: each row is read once, by index, into the scratch's columns
  const { list: rows, length } = requireListInPlace(FN, 'activity', activity);
  const scratch = takeScratch(TIER_SCRATCH, length);
  try {
    const { count, names } = readActivity(scratch, rows, length, field, metric, at);
    return tiersOf(scratch, count, names, tiers, windowMs, graceMs, at);
  } finally {
    releaseScratch(TIER_SCRATCH, scratch);
  }
}

/**
 * Validates the rows into the scratch arrays (time, value, customer group), leaving out activity after
 * `at`, which has not happened yet; returns how many rows it kept and the customers' names by group.
 */
function readActivity(
  scratch: TierScratch,
  rows: readonly unknown[],
  length: number,
  field: 'amount' | 'points' | null,
  metric: TierMetric,
  at: number,
): { count: number; names: string[] } {
  const { at: atOf, value: valueAt, group: groupOf } = scratch;
  const names: string[] = [];
  let groups: Map<string, number> | null = null;
  let lastId = '';
  let lastGroup = -1;
  let count = 0;
  for (let i = 0; i < length; i++) {
    const raw = rows[i] as Readonly<Record<string, unknown>> | null | undefined;
    let customerId = '';
    let time = 0;
    let value = 0;
    // fast path for a valid row, with no names built; each field is read once, and a row the fast path
    // does not accept is checked from the values read, never read again
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      const rowCustomer = raw['customerId'];
      const rowTime = raw['at'];
      const rowValue = field === null ? 1 : raw[field];
      if (
        typeof rowCustomer === 'string' &&
        rowCustomer !== '' &&
        typeof rowTime === 'number' &&
        Math.abs(rowTime) <= MAX_EPOCH_MS &&
        typeof rowValue === 'number' &&
        rowValue >= 0 &&
        rowValue < Number.POSITIVE_INFINITY
      ) {
        customerId = rowCustomer;
        time = rowTime;
        value = rowValue;
      } else {
        const row = readRowSlowly(i, field, metric, rowCustomer, rowTime, rowValue);
        customerId = row.customerId;
        time = row.at;
        value = row.value;
      }
    } else {
      requireObject(FN, `activity[${i}]`, raw); // throws: not an object
    }
    if (time > at) continue; // later activity has not happened yet at `at`
    if (customerId !== lastId) {
      if (lastGroup >= 0 && groups === null) {
        groups = new Map([[lastId, lastGroup]]);
      }
      let group = groups?.get(customerId);
      if (group === undefined) {
        group = names.length;
        names.push(customerId);
        groups?.set(customerId, group);
      }
      lastId = customerId;
      lastGroup = group;
    }
    atOf[count] = time;
    valueAt[count] = value;
    groupOf[count] = lastGroup;
    count++;
  }
  return { count, names };
}

/**
 * {@link readActivity} for a row the fast path did not accept: the checks that name what is wrong, on the
 * fields as the fast path read them (`rowValue` is 1 without a `field`).
 */
function readRowSlowly(
  i: number,
  field: 'amount' | 'points' | null,
  metric: TierMetric,
  customerId: unknown,
  rowTime: unknown,
  rowValue: unknown,
): { customerId: string; at: number; value: number } {
  if (typeof customerId !== 'string' || customerId === '') {
    throw new PatronageError(
      'INVALID_FIELD',
      `${FN}: activity[${i}].customerId must be a non-empty string, got ${describeValue(customerId)}`,
      { argument: `activity[${i}].customerId`, index: i, value: customerId },
    );
  }
  const at = toEpochMsIn(FN, `activity[${i}].at`, rowTime);
  let value = 1;
  if (field !== null) {
    if (rowValue === undefined) {
      throw new PatronageError(
        'INVALID_FIELD',
        `${FN}: activity[${i}].${field} is missing, and the '${metric}' metric needs it`,
        { argument: `activity[${i}].${field}`, index: i, value: undefined },
      );
    }
    value = requireFinite(FN, `activity[${i}].${field}`, rowValue);
    if (value < 0) {
      throw new PatronageError(
        'INVALID_FIELD',
        `${FN}: activity[${i}].${field} (${describeValue(value)}) must be at least 0; record returns as a lower spend, not a negative one`,
        { argument: `activity[${i}].${field}`, index: i, value },
      );
    }
  }
  return { customerId, at, value };
}

/**
 * Each customer's tier from the rows read: one customer is evaluated in place; several are first grouped
 * (a counting sort by group, input order kept within a group).
 */
function tiersOf(
  scratch: TierScratch,
  count: number,
  names: readonly string[],
  tiers: TierList,
  windowMs: number,
  graceMs: number,
  at: number,
): CustomerTier[] {
  if (names.length <= 1) {
    return names.map((name) =>
      evaluate(name, scratch.at, scratch.value, 0, count, tiers, windowMs, graceMs, at),
    );
  }
  const { at: atOf, value: valueAt, group: groupOf, groupedAt, groupedValue } = scratch;
  const starts = new Int32Array(names.length + 1);
  for (let k = 0; k < count; k++) {
    const group = (groupOf[k] as number) + 1;
    starts[group] = (starts[group] as number) + 1;
  }
  for (let g = 0; g < names.length; g++) starts[g + 1] = (starts[g + 1] as number) + (starts[g] as number);
  const next = starts.slice(0, names.length);
  for (let k = 0; k < count; k++) {
    const group = groupOf[k] as number;
    const slot = next[group] as number;
    next[group] = slot + 1;
    groupedAt[slot] = atOf[k] as number;
    groupedValue[slot] = valueAt[k] as number;
  }
  const byName = names
    .map((name, group) => ({ name, group }))
    .sort((left, right) => (left.name < right.name ? -1 : 1));
  return byName.map(({ name, group }) =>
    evaluate(
      name,
      groupedAt,
      groupedValue,
      starts[group] as number,
      starts[group + 1] as number,
      tiers,
      windowMs,
      graceMs,
      at,
    ),
  );
}

/** Sorts rows from..to of the parallel arrays by time (only called when they are not in order). */
function sortByTime(times: Float64Array, values: Float64Array, from: number, to: number): void {
  const order = Array.from({ length: to - from }, (_, k) => from + k);
  order.sort((left, right) => (times[left] as number) - (times[right] as number));
  const sortedTimes = order.map((k) => times[k] as number);
  const sortedValues = order.map((k) => values[k] as number);
  times.set(sortedTimes, from);
  values.set(sortedValues, from);
}

function evaluate(
  customerId: string,
  times: Float64Array,
  values: Float64Array,
  from: number,
  to: number,
  list: TierList,
  windowMs: number,
  graceMs: number,
  at: number,
): CustomerTier {
  const { tiers, limits } = list;
  // activity usually arrives in time order: sort only when it does not
  for (let i = from + 1; i < to; i++) {
    if ((times[i - 1] as number) > (times[i] as number)) {
      sortByTime(times, values, from, to);
      break;
    }
  }
  // change points: each activity enters the window at its time and leaves it windowMs later
  const never = Number.POSITIVE_INFINITY;
  let entering = from;
  let leaving = from;
  let sum = 0;
  let held = -2; // no tier period yet
  let pending = never; // when a pending downgrade takes effect
  let q = -1; // the tier the window value qualifies for
  const periodTier: number[] = [];
  const periodFrom: number[] = [];
  for (;;) {
    const nextEnter = entering < to ? (times[entering] as number) : never;
    const nextLeave = leaving < entering ? (times[leaving] as number) + windowMs : never;
    const time = Math.min(nextEnter, nextLeave, pending);
    if (time > at || time === never) break;
    // apply every change at this instant before judging: leaving first, then entering
    while (leaving < entering && (times[leaving] as number) + windowMs === time) {
      sum -= values[leaving] as number;
      leaving++;
    }
    while (entering < to && times[entering] === time) {
      sum += values[entering] as number;
      entering++;
    }
    if (leaving === entering) sum = 0; // nothing in the window: no float residue
    q = qualifying(limits, sum, q);
    let target = held;
    if (time === pending) {
      // the grace period is over: move to whatever the value now qualifies for
      pending = never;
      target = q;
    } else if (held === -2 || q > held) {
      target = q; // upgrades at once
      pending = never;
    } else if (q === held) {
      pending = never; // qualifies again within the grace period
    } else if (graceMs === 0) {
      target = q;
    } else if (pending === never) {
      pending = time + graceMs;
    }
    if (target !== held) {
      held = target;
      periodTier.push(target);
      periodFrom.push(time);
    }
  }
  const qualified = qualifying(limits, sum, q);
  const nextTier = tiers[Math.max(held, -1) + 1];
  const history: TierPeriod[] = [];
  for (let i = 0; i < periodTier.length; i++) {
    history.push({
      tier: tierName(tiers, periodTier[i] as number),
      from: periodFrom[i] as number,
      until: i + 1 < periodFrom.length ? (periodFrom[i + 1] as number) : null,
    });
  }
  return {
    customerId,
    tier: tierName(tiers, held),
    windowValue: sum,
    qualifiedTier: tierName(tiers, qualified),
    downgradeAt: pending === never ? null : pending,
    next:
      nextTier === undefined ? null : { tier: nextTier.name, needed: Math.max(0, nextTier.threshold - sum) },
    history,
  };
}

function tierName(tiers: readonly Tier[], index: number): string | null {
  return index < 0 ? null : (tiers[index] as Tier).name;
}
