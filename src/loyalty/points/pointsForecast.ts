import { finiteResult, requireCustomer } from '../../clv/core/inputs';
import { daysOf, type ModelTimeUnit } from '../../clv/core/timeUnit';
import type { CustomerHistory, ModelSpec } from '../../clv/core/types';
import { type AnyParams, type FoundModel, requireModel } from '../../clv/registry';
import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import {
  optionKeys,
  requireAtLeast,
  requireFinite,
  requireFraction,
  requireList,
  requireObject,
  requireOptions,
  requirePositiveCount,
} from '../../internal/validate';
import { DAY_MS, MAX_EPOCH_MS } from '../../model/time';
import type { TimestampInput } from '../../model/timestamp';
import type { LedgerEntry, RejectedEntry } from './entries';
import { type LedgerMode, resolveLedgerOptions } from './ledgerOptions';
import type { PointsLot } from './lotQueue';
import { EARN_RULE_KEYS, type EarnRules, requireRounding } from './pointsForPurchase';
import { replayLedger } from './replay';

/**
 * A customer as {@link pointsForecast} reads them: the summary row of the purchase model at `at`
 * ({@link rfmSummary}'s row, in the fit's time unit), the mean repeat spend for a Gamma-Gamma `spendFit`, and
 * the tier whose multiplier the earn rules give.
 *
 * @category Loyalty
 */
export interface ForecastCustomer extends CustomerHistory {
  /** The customer, as the ledger names them. */
  readonly customerId: string;
  /**
   * m̄, the mean value of the repeat purchases: read with `spendFit` when `earnRules.perCurrencyUnit` > 0, and
   * then needed when frequency > 0.
   */
  readonly monetaryValue?: number;
  /** The customer's tier, for `earnRules.tierMultipliers` (none: × 1). */
  readonly tier?: string | null;
}

/**
 * What {@link pointsForecast} does with a ledger customer who has no row in `customers`: `'error'` (the
 * default) throws `UNKNOWN_CUSTOMER` naming them; `'lapsed'` forecasts them as a customer no longer alive
 * (P(alive) = 0: they earn and redeem nothing, and their lots expire when due).
 *
 * @category Loyalty
 */
export type WithoutSummary = 'error' | 'lapsed';

/**
 * Options of {@link pointsForecast}.
 *
 * @category Loyalty
 */
export interface PointsForecastOptions {
  /** The start of the forecast: the ledger is replayed to it, and the summary rows describe it. */
  readonly at: TimestampInput;
  /** The length of the forecast, in the fit's time unit: the forecast covers (at, at + horizon]. */
  readonly horizon: number;
  /** The fit's time unit (the `unit` its summaries were made with). */
  readonly timeUnit: ModelTimeUnit;
  /** Days a credit stays valid, as in {@link pointsBalance}; omit for points that never expire. */
  readonly validityDays?: number;
  /**
   * The programme's earn rules: `perPurchase`, `perCurrencyUnit`, `tierMultipliers` (by each customer's
   * `tier`). `occasionBonuses` are not forecast (an error when given); `rounding` is checked but the
   * forecast is of unrounded points (see {@link pointsForecast}).
   */
  readonly earnRules: EarnRules;
  /**
   * The expected share, in [0, 1], of an alive customer's available points redeemed per time unit of the
   * fit: at each grid time an alive customer redeems their whole available balance with probability
   * 1 − (1 − redemptionRate)^step, step being the grid's spacing in time units.
   */
  readonly redemptionRate: number;
  /** One summary row per customer to forecast, at `at`; every ledger customer needs one (see `withoutSummary`). */
  readonly customers: readonly ForecastCustomer[];
  /** A Gamma-Gamma fit: each customer's expected spend per purchase is its conditional mean. */
  readonly spendFit?: ModelSpec;
  /** The expected spend per purchase of every customer, ≥ 0 (instead of `spendFit`). */
  readonly averageSpend?: number;
  /** Grid points over the horizon, 1 to 10,000 (default: one per time unit, ⌈horizon⌉, at least 1). */
  readonly steps?: number;
  /** What one point costs when redeemed, ≥ 0, for `liability`. */
  readonly pointValue?: number;
  /** `'error'` (default) or `'lapsed'`, for ledger customers without a summary row. */
  readonly withoutSummary?: WithoutSummary;
  /** How the ledger's entries are read: `'strict'` (default) or `'lenient'`. */
  readonly mode?: LedgerMode;
}

const POINTS_FORECAST_OPTION_KEYS = /* @__PURE__ */ optionKeys<PointsForecastOptions>()([
  'at',
  'horizon',
  'timeUnit',
  'validityDays',
  'earnRules',
  'redemptionRate',
  'customers',
  'spendFit',
  'averageSpend',
  'steps',
  'pointValue',
  'withoutSummary',
  'mode',
]);

/**
 * One customer's expected points over the horizon.
 *
 * @category Loyalty
 */
export interface CustomerPointsForecast {
  /** The customer. */
  readonly customerId: string;
  /** P(alive at `at`) (0 for a lapsed customer without a summary row). */
  readonly probabilityAlive: number;
  /** E[purchases in (at, at + horizon]]. */
  readonly expectedPurchases: number;
  /** Expected points per purchase: (perPurchase + perCurrencyUnit × expected spend) × tier multiplier. */
  readonly pointsPerPurchase: number;
  /** Points on the open lots at `at`. */
  readonly opening: number;
  /** Expected points earned in the horizon. */
  readonly earned: number;
  /** Expected points redeemed in the horizon. */
  readonly redeemed: number;
  /** Expected points expiring in the horizon (of the opening lots and of the lots earned in it). */
  readonly expired: number;
  /** Expected points outstanding at the end of the horizon: opening + earned − redeemed − expired. */
  readonly closing: number;
  /** Of `expired`, the points of the opening lots. */
  readonly openingExpired: number;
}

/**
 * The result of {@link pointsForecast}.
 *
 * @category Loyalty
 */
export interface PointsForecastResult {
  /** Points on all balances at `at`. */
  readonly opening: number;
  /** Expected points earned in the horizon, in all. */
  readonly earned: number;
  /** Expected points redeemed, in all. */
  readonly redeemed: number;
  /** Expected points expired, in all. */
  readonly expired: number;
  /** Expected points outstanding at the end: opening + earned − redeemed − expired. */
  readonly closing: number;
  /** Of `expired`, the points of the opening lots, in all. */
  readonly openingExpired: number;
  /** expired ÷ (opening + earned), the expected breakage over the horizon; null when that is 0 ÷ 0. */
  readonly breakage: number | null;
  /**
   * openingExpired ÷ opening, the expected breakage of today's balances; null for no opening points. Every
   * opening lot's fate is settled within the horizon when the horizon is at least validityDays; with a
   * shorter one it is a lower bound.
   */
  readonly openingBreakage: number | null;
  /**
   * pointValue × opening × (1 − openingBreakage): the liability of today's balances net of their forecast
   * breakage (what {@link pointsLiability} gives with `expectedBreakage: openingBreakage`); null without
   * `pointValue`.
   */
  readonly liability: number | null;
  /** Per customer, by customer id. */
  readonly customers: readonly CustomerPointsForecast[];
  /** Ledger entries not applied (lenient mode). */
  readonly rejected: readonly RejectedEntry[];
}

const FN = 'pointsForecast';

/** The most grid points. */
const MAX_STEPS = 10_000;

/** A geometric weight below this adds nothing to a sum of terms of size at most 1 (2⁻⁶⁰). */
const NEGLIGIBLE = 2 ** -60;

/** The validated model: P(alive) on the grid, the alive-weighted purchase rate, expected purchases. */
type ForecastModel = FoundModel<
  'probabilityAliveLater' | 'purchaseRateAliveLater' | 'conditionalExpectedPurchases'
>;

/** The horizon and its grid, in the fit's time units, and the per-step redemption chance. */
interface Grid {
  readonly horizon: number;
  readonly steps: number;
  /** Grid times s_k = k·horizon/steps, k = 0 … steps. */
  readonly times: Float64Array;
  /** The chance that an alive customer redeems everything at one grid time. */
  readonly chance: number;
  /** Validity of a credit in time units (Infinity: points never expire). */
  readonly validity: number;
  /** Length of a time unit in ms. */
  readonly unitMs: number;
}

/**
 * Forecasts a loyalty programme's points over a horizon, per customer and in total: the points to be
 * earned, redeemed and expired, from each customer's open lots (the first-in-first-out replay of
 * {@link pointsBalance}) and a purchase model's expected purchases and P(alive), and from them the expected
 * breakage, expired ÷ (opening + earned), that revenue accounting (IFRS 15) asks for instead of a guessed
 * fraction; `openingBreakage`, the share of today's points expected to expire, is the one to book today's
 * liability with (`liability`, or {@link pointsLiability}'s `expectedBreakage`). BG/NBD, MBG/NBD, Pareto/NBD, GGom/NBD and NBD fits, without covariates.
 *
 * The rules forecast (docs/decisions.md, "Points liability and breakage forecast", derives them):
 * - **earning**: each purchase earns e = (perPurchase + perCurrencyUnit × E[spend]) × the tier's
 *   multiplier, E[spend] the Gamma-Gamma conditional mean (`spendFit`) or `averageSpend`; the lot expires
 *   validityDays after the purchase. Earned = e × E[purchases in the horizon]. Points are not rounded: with
 *   `rounding: 'floor'` the real points earned are at most the forecast and more than it minus
 *   E[purchases] (`'ceil'`: the reverse; `'round'`: within E[purchases]/2). Occasion bonuses are not
 *   forecast.
 * - **redeeming**: the horizon is cut into `steps` equal steps of length Δ; at each grid time k·Δ a customer
 *   who is alive then redeems their whole available balance (all lots, oldest first) with probability
 *   q = 1 − (1 − redemptionRate)^Δ, so that the expected share of an alive customer's points redeemed per
 *   time unit is `redemptionRate`. A lot expiring at a grid time expires before that time's redemption.
 * - **expiring**: what is left of a lot at its expiry, when that falls in the horizon.
 *
 * The expectations are exact for this rule: a lot of size L whose redemption chances are the grid times
 * g₁ < … < gₘ survives them with probability Σₙ (1 − q)ⁿ P(alive at gₙ, dead at gₙ₊₁), P(alive at g) being
 * the model's P(alive at at + g | history) (so for BG/NBD, where dropout happens at a purchase, the chances
 * of a future lot are weighed with E[λ·1{alive at g}], the rate of purchases that leave the customer alive
 * at g). Checked against simulation from BG/NBD, MBG/NBD, Pareto/NBD and GGom/NBD fits (20,000 draws per
 * customer, within 4 standard errors).
 *
 * @param ledger - ledger entries of all customers, up to `at` and beyond (later entries are not yet in effect)
 * @param fit - a BG/NBD, MBG/NBD, Pareto/NBD, GGom/NBD or NBD fit (no covariates)
 * @param options - `at`, `horizon` (fit's time unit), `timeUnit`, `validityDays`, `earnRules`,
 *   `redemptionRate`, `customers`, `spendFit` or `averageSpend` (one is required when
 *   `earnRules.perCurrencyUnit` > 0), `steps`, `pointValue`, `withoutSummary`, `mode`
 * @returns totals, `breakage` (null for nothing opening or earned), `openingBreakage` (null for no
 *   opening points), `liability` (null without `pointValue`), per customer (summary rows and ledger
 *   customers, by id) and the rejected entries; an empty ledger with no customers gives zeros, breakages null
 * @throws PatronageError as {@link pointsBalance} for the ledger; `INVALID_FIT`; `UNSUPPORTED_MODEL` for a
 *   model without the alive path (BG/BB, CNBD-k, spend and contract models); `UNKNOWN_CUSTOMER` for a ledger
 *   customer without a summary row (unless `withoutSummary: 'lapsed'`); `DUPLICATE_CUSTOMER_ID` for two rows
 *   of one customer; `INVALID_SUMMARY_ROW` for an inconsistent row; `OUT_OF_RANGE` for a redemption rate
 *   outside [0, 1], a negative horizon or one past the Date range, steps beyond 10,000; `INVALID_ARGUMENT`
 *   for a missing spend, both `spendFit` and `averageSpend`, occasion bonuses, a bad tier or
 *   `withoutSummary`; `INVALID_OPTION` for an unknown option or earn-rule key; `NOT_FINITE` on overflow.
 *
 * @example
 * ```ts
 * import { pointsForecast } from 'patronage';
 *
 * // the CDNOW BG/NBD fit (Fader, Hardie & Lee 2005), in weeks
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const ledger = [
 *   { customerId: 'ann', at: '2025-03-01', kind: 'earn', points: 300 },
 *   { customerId: 'bo', at: '2025-06-01', kind: 'earn', points: 200 },
 * ] as const;
 * const forecast = pointsForecast(ledger, fit, {
 *   at: '2025-12-31',
 *   horizon: 52,
 *   timeUnit: 'week',
 *   validityDays: 365,
 *   earnRules: { perPurchase: 100 },
 *   redemptionRate: 0.02,
 *   customers: [
 *     { customerId: 'ann', frequency: 4, recency: 30, T: 40 },
 *     { customerId: 'bo', frequency: 1, recency: 10, T: 30 },
 *   ],
 * });
 * [forecast.opening, Math.round(forecast.earned), Math.round(forecast.expired)]; // => [500, 344, 437]
 * Math.round((forecast.breakage ?? 0) * 1000) / 1000; // => 0.518
 * ```
 *
 * @category Loyalty
 */
export function pointsForecast(
  ledger: readonly LedgerEntry[],
  fit: ModelSpec,
  options: PointsForecastOptions,
): PointsForecastResult {
  const record = requireOptions(FN, 'options', options, POINTS_FORECAST_OPTION_KEYS);
  const ledgerOptions = resolveLedgerOptions(FN, record, POINTS_FORECAST_OPTION_KEYS);
  const model: ForecastModel = requireModel(
    FN,
    fit,
    ['probabilityAliveLater', 'purchaseRateAliveLater', 'conditionalExpectedPurchases'],
    'continuous',
  );
  const grid = readGrid(record, ledgerOptions.at, ledgerOptions.validityMs);
  const earn = readEarnRules(record);
  const rows = readCustomers(record, model, earn);
  const withoutSummary = record['withoutSummary'] ?? 'error';
  if (withoutSummary !== 'error' && withoutSummary !== 'lapsed') {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: options.withoutSummary must be 'error' or 'lapsed', got ${describeValue(withoutSummary)}`,
      { argument: 'options.withoutSummary', value: withoutSummary },
    );
  }
  const pointValueGiven = record['pointValue'];
  const pointValue =
    pointValueGiven === undefined ? null : requireAtLeast(FN, 'options.pointValue', pointValueGiven, 0);
  const replay = replayLedger(FN, ledger, ledgerOptions);
  const lotsOf = new Map<string, PointsLot[]>();
  for (const customer of replay.customers) {
    if (!rows.has(customer.customerId) && withoutSummary === 'error') {
      throw new PatronageError(
        'UNKNOWN_CUSTOMER',
        `${FN}: ledger customer ${JSON.stringify(customer.customerId)} has no row in options.customers (withoutSummary: 'lapsed' forecasts such customers as no longer alive)`,
        { argument: 'options.customers', value: customer.customerId },
      );
    }
    lotsOf.set(customer.customerId, customer.lots);
  }
  const ids = [...new Set([...rows.keys(), ...lotsOf.keys()])].sort((left, right) =>
    left < right ? -1 : left > right ? 1 : 0,
  );
  const customers: CustomerPointsForecast[] = [];
  const totals = { opening: 0, earned: 0, redeemed: 0, expired: 0, closing: 0, openingExpired: 0 };
  for (const customerId of ids) {
    const lots = (lotsOf.get(customerId) ?? []).map((lot) => ({
      points: lot.points,
      // expiry relative to `at`, in time units
      expiresIn:
        lot.expiresAt === null ? Number.POSITIVE_INFINITY : (lot.expiresAt - ledgerOptions.at) / grid.unitMs,
    }));
    const row = rows.get(customerId) ?? null;
    const forecast = forecastCustomer(customerId, row, lots, model, grid);
    customers.push(forecast);
    totals.opening += forecast.opening;
    totals.earned += forecast.earned;
    totals.redeemed += forecast.redeemed;
    totals.expired += forecast.expired;
    totals.closing += forecast.closing;
    totals.openingExpired += forecast.openingExpired;
  }
  const base = totals.opening + totals.earned;
  const breakage = base === 0 ? null : totals.expired / base;
  const openingBreakage = totals.opening === 0 ? null : totals.openingExpired / totals.opening;
  const liability =
    pointValue === null
      ? null
      : finiteResult(FN, 'liability', pointValue * totals.opening * (1 - (openingBreakage ?? 0)));
  return {
    opening: totals.opening,
    earned: finiteResult(FN, 'points earned', totals.earned),
    redeemed: finiteResult(FN, 'points redeemed', totals.redeemed),
    expired: finiteResult(FN, 'points expired', totals.expired),
    closing: finiteResult(FN, 'closing points', totals.closing),
    openingExpired: totals.openingExpired,
    breakage,
    openingBreakage,
    liability,
    customers,
    rejected: replay.rejected,
  };
}

/** Reads the horizon, the time unit, the steps and the redemption rate into a {@link Grid}. */
function readGrid(record: Readonly<Record<string, unknown>>, at: number, validityMs: number | null): Grid {
  const unitDays = daysOf(FN, 'options.timeUnit', record['timeUnit']);
  const unitMs = unitDays * DAY_MS;
  const horizon = requireAtLeast(FN, 'options.horizon', record['horizon'], 0);
  if (!(at + horizon * unitMs <= MAX_EPOCH_MS)) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${FN}: options.horizon (${horizon}) reaches past the last representable date`,
      { argument: 'options.horizon', value: horizon, maximum: (MAX_EPOCH_MS - at) / unitMs },
    );
  }
  const stepsGiven = record['steps'];
  const steps =
    stepsGiven === undefined
      ? Math.min(MAX_STEPS, Math.max(1, Math.ceil(horizon)))
      : requirePositiveCount(FN, 'options.steps', stepsGiven);
  if (steps > MAX_STEPS) {
    throw new PatronageError('OUT_OF_RANGE', `${FN}: options.steps (${steps}) must be at most ${MAX_STEPS}`, {
      argument: 'options.steps',
      value: steps,
      maximum: MAX_STEPS,
    });
  }
  const rate = requireFraction(FN, 'options.redemptionRate', record['redemptionRate']);
  const times = new Float64Array(steps + 1);
  for (let k = 0; k <= steps; k++) times[k] = (k * horizon) / steps;
  // 1 − (1 − ρ)^Δ; ρ = 1 redeems everything at every grid time of a horizon above 0
  const chance = horizon === 0 ? 0 : rate === 1 ? 1 : -Math.expm1((horizon / steps) * Math.log1p(-rate));
  const validity = validityMs === null ? Number.POSITIVE_INFINITY : validityMs / unitMs;
  return { horizon, steps, times, chance, validity, unitMs };
}

/** The earn rules as the forecast uses them. */
interface ForecastEarnRules {
  readonly perPurchase: number;
  readonly perCurrencyUnit: number;
  readonly tierMultipliers: Readonly<Record<string, unknown>>;
  /** Each customer's expected spend per purchase, from the spend fit or the average (0 when unused). */
  readonly spend: (x: number, m: number) => number;
  /** Whether the spend needs each customer's monetaryValue. */
  readonly bySpendFit: boolean;
}

/** Reads `earnRules`, `spendFit` and `averageSpend`. */
function readEarnRules(record: Readonly<Record<string, unknown>>): ForecastEarnRules {
  const rules = requireOptions(FN, 'options.earnRules', record['earnRules'], EARN_RULE_KEYS);
  const nonNegative = (name: string): number =>
    rules[name] === undefined ? 0 : requireAtLeast(FN, `options.earnRules.${name}`, rules[name], 0);
  const perPurchase = nonNegative('perPurchase');
  const perCurrencyUnit = nonNegative('perCurrencyUnit');
  requireRounding(FN, 'options.earnRules.rounding', rules['rounding']);
  const tierMultipliers =
    rules['tierMultipliers'] === undefined
      ? {}
      : requireObject(FN, 'options.earnRules.tierMultipliers', rules['tierMultipliers']);
  const bonuses = rules['occasionBonuses'];
  if (
    bonuses !== undefined &&
    Object.keys(requireObject(FN, 'options.earnRules.occasionBonuses', bonuses)).length > 0
  ) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: options.earnRules.occasionBonuses cannot be forecast (each customer's occasions fall on their own dates); pass the rules without them`,
      { argument: 'options.earnRules.occasionBonuses', value: bonuses },
    );
  }
  const spendFit = record['spendFit'];
  const averageGiven = record['averageSpend'];
  if (spendFit !== undefined && averageGiven !== undefined) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: give options.spendFit or options.averageSpend, not both`,
      { argument: 'options.averageSpend', value: averageGiven },
    );
  }
  if (spendFit !== undefined) {
    const { params, predictions } = requireModel(FN, spendFit, ['expectedAverageSpend']);
    return {
      perPurchase,
      perCurrencyUnit,
      tierMultipliers,
      spend: (x, m) => finiteResult(FN, 'expected spend', predictions.expectedAverageSpend(params, x, m)),
      bySpendFit: true,
    };
  }
  if (averageGiven === undefined && perCurrencyUnit > 0) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${FN}: options.earnRules.perCurrencyUnit (${perCurrencyUnit}) needs options.spendFit or options.averageSpend`,
      { argument: 'options.spendFit', value: undefined },
    );
  }
  const average =
    averageGiven === undefined ? 0 : requireAtLeast(FN, 'options.averageSpend', averageGiven, 0);
  requireFinite(FN, 'options.averageSpend', average);
  return { perPurchase, perCurrencyUnit, tierMultipliers, spend: () => average, bySpendFit: false };
}

/** A customer's validated summary row, with the parameters and the points per purchase. */
interface ForecastRow {
  readonly x: number;
  readonly tx: number;
  readonly T: number;
  readonly pointsPerPurchase: number;
}

/** Reads `options.customers` into rows by customer id. */
function readCustomers(
  record: Readonly<Record<string, unknown>>,
  model: ForecastModel,
  earn: ForecastEarnRules,
): Map<string, ForecastRow> {
  const list = requireList(FN, 'options.customers', record['customers']);
  const rows = new Map<string, ForecastRow>();
  for (let i = 0; i < list.length; i++) {
    const name = `options.customers[${i}]`;
    const row = requireObject(FN, name, list[i]);
    const customerId = row['customerId'];
    if (typeof customerId !== 'string' || customerId === '') {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: ${name}.customerId must be a non-empty string, got ${describeValue(customerId)}`,
        { argument: `${name}.customerId`, value: customerId },
      );
    }
    if (rows.has(customerId)) {
      throw new PatronageError(
        'DUPLICATE_CUSTOMER_ID',
        `${FN}: ${name} repeats customer ${JSON.stringify(customerId)}`,
        { argument: `${name}.customerId`, index: i, value: customerId },
      );
    }
    const { x, tx, T } = requireCustomer(FN, name, row, model.definition.time ?? 'continuous');
    const tier = row['tier'];
    if (tier !== undefined && tier !== null && typeof tier !== 'string') {
      throw new PatronageError('INVALID_ARGUMENT', `${FN}: ${name}.tier must be a string or null`, {
        argument: `${name}.tier`,
        value: tier,
      });
    }
    const multiplier =
      typeof tier === 'string' && Object.hasOwn(earn.tierMultipliers, tier)
        ? requireAtLeast(FN, `options.earnRules.tierMultipliers.${tier}`, earn.tierMultipliers[tier], 0)
        : 1;
    let spend = 0;
    if (earn.perCurrencyUnit > 0) {
      let m = 0;
      if (earn.bySpendFit && x > 0) {
        m = requireFinite(FN, `${name}.monetaryValue`, row['monetaryValue']);
        if (!(m > 0)) {
          throw new PatronageError(
            'INVALID_SUMMARY_ROW',
            `${FN}: ${name}.monetaryValue (${m}) must be positive when frequency is above 0`,
            { argument: `${name}.monetaryValue`, value: m },
          );
        }
      }
      spend = earn.spend(x, m);
    }
    const pointsPerPurchase = finiteResult(
      FN,
      `points per purchase of ${name}`,
      (earn.perPurchase + earn.perCurrencyUnit * spend) * multiplier,
    );
    rows.set(customerId, { x, tx, T, pointsPerPurchase });
  }
  return rows;
}

/** An open lot at `at`: its points and its expiry in time units after `at` (Infinity: never). */
interface OpenLot {
  readonly points: number;
  readonly expiresIn: number;
}

/** The number of grid times s_1 … s_K strictly before `time` (grid times at or after it are not chances). */
function chancesBefore(times: Float64Array, steps: number, time: number): number {
  let low = 0; // s_low < time (s_0 = 0 is no chance; it stands for "none")
  let high = steps + 1; // the first index known not to be before time
  if (!(time > 0)) return 0;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if ((times[mid] as number) < time) low = mid;
    else high = mid;
  }
  return low;
}

/** The forecast of one customer (row null: lapsed, P(alive) = 0). */
function forecastCustomer(
  customerId: string,
  row: ForecastRow | null,
  lots: readonly OpenLot[],
  model: ForecastModel,
  grid: Grid,
): CustomerPointsForecast {
  const { steps, times, chance, validity, horizon } = grid;
  const keep = 1 - chance;
  const params: AnyParams = model.params;
  const { predictions } = model;
  // P(alive at s_k) and the alive-weighted rate at s_k, k = 1 … K (index 0: at `at`)
  const alive = new Float64Array(steps + 1);
  const rate = new Float64Array(steps + 1);
  const cumulative = new Float64Array(steps + 1);
  if (row !== null) {
    const { x, tx, T } = row;
    for (let k = 0; k <= steps; k++) {
      const time = times[k] as number;
      alive[k] = finiteResult(FN, 'P(alive)', predictions.probabilityAliveLater(params, x, tx, T, time));
      rate[k] = finiteResult(FN, 'purchase rate', predictions.purchaseRateAliveLater(params, x, tx, T, time));
      cumulative[k] = finiteResult(
        FN,
        'expected purchases',
        predictions.conditionalExpectedPurchases(params, x, tx, T, time),
      );
    }
  }
  // W_m = Σ_{n=1}^{m} (1 − q)^(n−1)·P(alive at s_n): an opening lot with m chances is redeemed with
  // probability q·W_m
  const redeemedBy = new Float64Array(steps + 1);
  let weight = 1;
  for (let n = 1; n <= steps; n++) {
    redeemedBy[n] = (redeemedBy[n - 1] as number) + weight * (alive[n] as number);
    weight *= keep;
  }
  let opening = 0;
  let redeemed = 0;
  let expired = 0;
  let closing = 0;
  for (const lot of lots) {
    opening += lot.points;
    const chances = chancesBefore(times, steps, lot.expiresIn);
    const taken = Math.min(1, chance * (redeemedBy[chances] as number));
    redeemed += lot.points * taken;
    if (lot.expiresIn <= horizon) expired += lot.points * (1 - taken);
    else closing += lot.points * (1 - taken);
  }
  let earnedPurchases = 0;
  let redeemedPurchases = 0;
  let expiredPurchases = 0;
  let closingPurchases = 0;
  if (row !== null && horizon > 0) {
    const cumulativeAt = (time: number): number =>
      finiteResult(
        FN,
        'expected purchases',
        predictions.conditionalExpectedPurchases(params, row.x, row.tx, row.T, time),
      );
    // a purchase in (u, w] of cell k earns a lot whose chances are s_k … s_last (those before its expiry
    // and within the horizon); within a cell they change only where purchase + validity crosses a grid time
    const part = (u: number, w: number, expectedInPart: number, cell: number): void => {
      if (!(w > u)) return;
      const middle = u + (w - u) / 2;
      const last = Math.min(steps, chancesBefore(times, steps, middle + validity));
      let sum = 0;
      let factor = 1;
      for (let j = cell; j <= last && factor > NEGLIGIBLE; j++) {
        sum += factor * (rate[j] as number);
        factor *= keep;
      }
      const taken = Math.min(expectedInPart, chance * (w - u) * sum);
      earnedPurchases += expectedInPart;
      redeemedPurchases += taken;
      if (middle + validity <= horizon) expiredPurchases += expectedInPart - taken;
      else closingPurchases += expectedInPart - taken;
    };
    for (let k = 1; k <= steps; k++) {
      const start = times[k - 1] as number;
      const end = times[k] as number;
      const whole = Math.max(0, (cumulative[k] as number) - (cumulative[k - 1] as number));
      // where a purchase's expiry crosses the next grid time: start + validity rounded up to the grid
      let split = Number.POSITIVE_INFINITY;
      if (Number.isFinite(validity)) {
        const next = chancesBefore(times, steps, start + validity) + 1;
        if (next <= steps) split = (times[next] as number) - validity;
      }
      if (split > start && split < end) {
        const first = Math.max(0, Math.min(whole, cumulativeAt(split) - (cumulative[k - 1] as number)));
        part(start, split, first, k);
        part(split, end, whole - first, k);
      } else {
        part(start, end, whole, k);
      }
    }
  }
  const perPurchase = row === null ? 0 : row.pointsPerPurchase;
  const earned = perPurchase * earnedPurchases;
  return {
    customerId,
    probabilityAlive: alive[0] as number,
    expectedPurchases: row === null ? 0 : (cumulative[steps] as number),
    pointsPerPurchase: perPurchase,
    opening,
    earned,
    redeemed: redeemed + perPurchase * redeemedPurchases,
    expired: expired + perPurchase * expiredPurchases,
    closing: closing + perPurchase * closingPurchases,
    openingExpired: expired,
  };
}
