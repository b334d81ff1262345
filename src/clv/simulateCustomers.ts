import { PatronageError } from '../errors/PatronageError';
import { optionKeys, requireList, requireOptions } from '../internal/validate';
import { seededUniform } from '../math/random';
import { MAX_OPPORTUNITIES, requireBoundedCount, requireDuration } from './core/inputs';
import type { CustomerHistory, DiscreteHistory, ModelName, ModelSpec } from './core/types';
import { requireModel } from './registry';

/**
 * Options of {@link simulateCustomers}.
 *
 * @category CLV models
 */
export interface SimulateCustomersOptions {
  /** How many customers to draw, from 1 to 10⁷. */
  readonly customers: number;
  /**
   * How long each customer is observed after their first purchase, in the fit's time unit (BG/BB: whole
   * opportunities, at most 100,000): one length for all, or one per customer (then `customers` long).
   */
  readonly T: number | readonly number[];
  /** The seed, a whole number from 0 to 2³² − 1 (default 0): the same seed gives the same customers everywhere. */
  readonly seed?: number;
}

const SIMULATE_CUSTOMERS_OPTION_KEYS = /* @__PURE__ */ optionKeys<SimulateCustomersOptions>()([
  'customers',
  'T',
  'seed',
]);

/**
 * One simulated transaction.
 *
 * @category CLV models
 */
export interface SimulatedTransaction {
  /** The customer, `c1`, `c2`, … in the order they were drawn. */
  readonly customerId: string;
  /**
   * When, in the fit's time unit since the customer's first purchase (which is at 0); BG/BB: the
   * opportunity, 0 for the first transaction.
   */
  readonly time: number;
}

/**
 * One simulated customer's summary: the row the model's fit reads, `{ frequency, recency, T }` (BG/BB:
 * `{ frequency, recency, periods }`; BG/CNBD-k and MBG/CNBD-k: with `meanLogInterval`, the mean log gap, null
 * without a repeat purchase), with the customer's id.
 *
 * @typeParam M - the model simulated
 *
 * @category CLV models
 */
export type SimulatedSummaryRow<M extends ModelName = ModelName> = (M extends 'bgBb'
  ? DiscreteHistory
  : M extends 'bgCnbd' | 'mbgCnbd'
    ? CustomerHistory & {
        /** The mean log gap between purchases (the CNBD-k fits' input); null without a repeat purchase. */
        readonly meanLogInterval: number | null;
      }
    : CustomerHistory) & {
  /** The customer, as in the transactions. */
  readonly customerId: string;
};

/**
 * What {@link simulateCustomers} returns.
 *
 * @typeParam M - the model simulated
 *
 * @category CLV models
 */
export interface SimulatedCustomers<M extends ModelName = ModelName> {
  /** Every customer's transactions, the first one at time 0 included, by customer and then by time. */
  readonly transactions: readonly SimulatedTransaction[];
  /** One summary row per customer, in the same order. */
  readonly summary: readonly SimulatedSummaryRow<M>[];
}

/** The mean of ln(gap) over the gaps between 0 and the purchase times, or null without one. */
function meanLogGap(times: readonly number[]): number | null {
  if (times.length === 0) return null;
  let sum = 0;
  let previous = 0;
  for (const time of times) {
    sum += Math.log(time - previous);
    previous = time;
  }
  return sum / times.length;
}

/** The most transactions one call may draw, so that an extreme fit cannot exhaust the memory. */
const MAX_TRANSACTIONS = 10_000_000;

const FN = 'simulateCustomers';

/**
 * Draws synthetic customers from a fitted purchase model, seeded and reproducible: each customer's rates
 * come from the fit's mixing distributions and their purchases from the model's process, observed for `T`
 * after the first purchase (lifetimes' `generate_data`, BTYDplus' `*.GenerateData`). BG/NBD: λ ~ Gamma(r, α),
 * p ~ Beta(a, b), purchases at rate λ, each followed by a dropout with probability p (MBG/NBD: also at time 0);
 * Pareto/NBD: λ ~ Gamma(r, α), an exponential lifetime of rate μ ~ Gamma(s, β); BG/BB: p ~ Beta(α, β),
 * θ ~ Beta(γ, δ), at each opportunity a dropout with probability θ, else a transaction with probability p.
 * Fitting the summary rows recovers the parameters within their standard errors; the transactions are the
 * log the rows summarise. Times are in the fit's unit (uniforms from mulberry32, Gamma draws by Marsaglia &
 * Tsang 2000), so the same seed gives the same customers on every machine.
 *
 * @param fit - a BG/NBD, MBG/NBD, Pareto/NBD or BG/BB fit
 * @param options - `customers`, `T` and `seed`
 * @returns the transactions and the summary rows
 * @throws PatronageError `INVALID_FIT`, `UNSUPPORTED_MODEL` (Gamma-Gamma, shifted beta-geometric), the
 *   field codes for `customers`, `T` and `seed`, `INVALID_ARGUMENT` for a list of `T` whose length is not
 *   `customers`, `OUT_OF_RANGE` when the draws would exceed 10⁷ transactions, `INVALID_OPTION` for an
 *   unknown option key (naming the nearest valid one).
 *
 * @example
 * ```ts
 * import { fitBgNbd, simulateCustomers } from 'patronage';
 *
 * const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
 * const { transactions, summary } = simulateCustomers(fit, { customers: 2000, T: 39, seed: 7 });
 * summary.length; // => 2000
 * transactions.length === summary.reduce((sum, row) => sum + row.frequency + 1, 0); // => true
 * // refitted, the parameters come back within their standard errors
 * const refit = fitBgNbd(summary);
 * Math.abs(refit.params.r - 0.243) < 3 * (refit.standardErrors?.r ?? 0); // => true
 * ```
 *
 * @category CLV models
 */
export function simulateCustomers<M extends ModelName>(
  fit: ModelSpec<M>,
  options: SimulateCustomersOptions,
): SimulatedCustomers<M> {
  const { definition, params, predictions } = requireModel(FN, fit, ['simulateCustomer']);
  const record = requireOptions(FN, 'options', options, SIMULATE_CUSTOMERS_OPTION_KEYS);
  const customers = requireBoundedCount(FN, 'options.customers', record['customers'], 10_000_000);
  if (customers === 0) {
    throw new PatronageError('OUT_OF_RANGE', `${FN}: options.customers must be at least 1, got 0`, {
      argument: 'options.customers',
      value: 0,
    });
  }
  const discrete = definition.time === 'discrete';
  // the Erlang-k fits read the mean log inter-purchase time too
  const withGaps = definition.name === 'bgCnbd' || definition.name === 'mbgCnbd';
  const length = (name: string, value: unknown): number =>
    discrete
      ? requireBoundedCount(FN, name, value, MAX_OPPORTUNITIES)
      : requireDuration(FN, name, value, 'continuous');
  const given = record['T'];
  let ages: number[];
  if (typeof given === 'object' && given !== null) {
    const list = requireList(FN, 'options.T', given);
    if (list.length !== customers) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${FN}: options.T lists ${list.length} lengths for ${customers} customers`,
        { argument: 'options.T', value: list.length },
      );
    }
    ages = list.map((value, index) => length(`options.T[${index}]`, value));
  } else {
    ages = new Array<number>(customers).fill(length('options.T', given));
  }
  const seed =
    record['seed'] === undefined ? 0 : requireBoundedCount(FN, 'options.seed', record['seed'], 2 ** 32 - 1);
  const uniform = seededUniform(seed);
  const transactions: SimulatedTransaction[] = [];
  const summary: object[] = [];
  const times: number[] = [];
  for (let i = 0; i < customers; i++) {
    const customerId = `c${i + 1}`;
    const T = ages[i] as number;
    times.length = 0;
    predictions.simulateCustomer(params, T, uniform, times, MAX_TRANSACTIONS - transactions.length);
    if (transactions.length + 1 + times.length > MAX_TRANSACTIONS) {
      throw new PatronageError(
        'OUT_OF_RANGE',
        `${FN}: the draws exceed ${MAX_TRANSACTIONS} transactions; simulate fewer customers or a shorter T`,
        { argument: 'options.customers', value: customers, maximum: MAX_TRANSACTIONS },
      );
    }
    transactions.push({ customerId, time: 0 });
    for (const time of times) transactions.push({ customerId, time });
    const frequency = times.length;
    const recency = frequency === 0 ? 0 : (times[frequency - 1] as number);
    if (discrete) summary.push({ customerId, frequency, recency, periods: T });
    else if (withGaps)
      summary.push({ customerId, frequency, recency, T, meanLogInterval: meanLogGap(times) });
    else summary.push({ customerId, frequency, recency, T });
  }
  return { transactions, summary: summary as unknown as SimulatedSummaryRow<M>[] };
}
