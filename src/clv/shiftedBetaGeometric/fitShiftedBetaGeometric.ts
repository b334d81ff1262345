import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { requireCount, requireList, requireObject } from '../../internal/validate';
import { fitModel } from '../core/fitCore';
import { type CompressedRows, compress } from '../core/rows';
import type { ShiftedBetaGeometricFit } from '../core/types';
import { SHIFTED_BETA_GEOMETRIC } from './definition';

/**
 * One customer's contract: how many periods they stayed, and whether they have churned or are still active.
 *
 * @category CLV models
 */
export interface ContractLifetime {
  /** Periods observed: renewals survived plus the first period (at least 1). */
  readonly periods: number;
  /** True when the customer churned at the end of `periods`; false when still active (censored). */
  readonly churned: boolean;
  /** How many customers share this lifetime (default 1). */
  readonly weight?: number;
}

/**
 * The data of {@link fitShiftedBetaGeometric}: a cohort's survivor counts, or per-customer lifetimes.
 *
 * @category CLV models
 */
export type ShiftedBetaGeometricData =
  | {
      /** Active customers at the start (index 0) and after each period: non-increasing whole numbers. */
      readonly survivors: readonly number[];
    }
  | {
      /** One entry per customer (or per group of identical customers with `weight`). */
      readonly lifetimes: readonly ContractLifetime[];
    };

function dataError(fn: string, message: string, argument: string, value: unknown): PatronageError {
  return new PatronageError('INVALID_SUMMARY_ROW', `${fn}: ${message}`, { argument, value });
}

/**
 * Churn counts by period (index t = churned at the end of period t, t ≥ 1) and censored counts by period,
 * and the same as rows (periods, churned 1 or active 0, weight), one per survivor step or lifetime.
 */
interface Tallies {
  readonly churned: Map<number, number>;
  readonly active: Map<number, number>;
  readonly rows: CompressedRows;
}

function tallies(fn: string, data: unknown): Tallies {
  const record = requireObject(fn, 'data', data);
  const churned = new Map<number, number>();
  const active = new Map<number, number>();
  const periodsOf: number[] = [];
  const churnedOf: number[] = [];
  const weightOf: number[] = [];
  const add = (periods: number, hasChurned: boolean, weight: number): void => {
    const target = hasChurned ? churned : active;
    target.set(periods, (target.get(periods) ?? 0) + weight);
    periodsOf.push(periods);
    churnedOf.push(hasChurned ? 1 : 0);
    weightOf.push(weight);
  };
  // the rows in the canonical order of `compress`, whatever the order of the lifetimes
  const rows = (): CompressedRows =>
    compress(
      Float64Array.from(periodsOf),
      Float64Array.from(churnedOf),
      new Float64Array(periodsOf.length),
      Float64Array.from(weightOf),
    );
  if (record['survivors'] !== undefined) {
    const survivors = requireList(fn, 'data.survivors', record['survivors']).map((value, t) =>
      requireCount(fn, `data.survivors[${t}]`, value),
    );
    if (survivors.length < 2) {
      throw new PatronageError(
        'EMPTY_INPUT',
        `${fn}: data.survivors needs the starting count and at least one more period`,
        {
          argument: 'data.survivors',
          value: survivors,
        },
      );
    }
    if ((survivors[0] as number) === 0)
      throw dataError(fn, 'data.survivors[0] is 0: the cohort is empty', 'data.survivors[0]', 0);
    for (let t = 1; t < survivors.length; t++) {
      const lost = (survivors[t - 1] as number) - (survivors[t] as number);
      if (lost < 0) {
        throw dataError(
          fn,
          `data.survivors[${t}] (${survivors[t]}) exceeds data.survivors[${t - 1}] (${survivors[t - 1]}): survivors cannot grow`,
          `data.survivors[${t}]`,
          survivors[t],
        );
      }
      if (lost > 0) add(t, true, lost);
    }
    const last = survivors[survivors.length - 1] as number;
    if (last > 0) add(survivors.length - 1, false, last);
    return { churned, active, rows: rows() };
  }
  if (record['lifetimes'] !== undefined) {
    const lifetimes = requireList(fn, 'data.lifetimes', record['lifetimes']);
    if (lifetimes.length === 0) {
      throw new PatronageError('EMPTY_INPUT', `${fn}: data.lifetimes is empty`, {
        argument: 'data.lifetimes',
        value: lifetimes,
      });
    }
    lifetimes.forEach((entry, i) => {
      const row = requireObject(fn, `data.lifetimes[${i}]`, entry);
      const periods = requireCount(fn, `data.lifetimes[${i}].periods`, row['periods']);
      if (periods === 0)
        throw dataError(
          fn,
          `data.lifetimes[${i}].periods is 0: every customer is observed for at least one period`,
          `data.lifetimes[${i}].periods`,
          0,
        );
      if (typeof row['churned'] !== 'boolean') {
        throw new PatronageError(
          'INVALID_ARGUMENT',
          `${fn}: data.lifetimes[${i}].churned must be a boolean, got ${describeValue(row['churned'])}`,
          {
            argument: `data.lifetimes[${i}].churned`,
            value: row['churned'],
          },
        );
      }
      let weight = 1;
      if (row['weight'] !== undefined) {
        weight =
          typeof row['weight'] === 'number' && Number.isFinite(row['weight']) ? row['weight'] : Number.NaN;
        if (!(weight > 0))
          throw dataError(
            fn,
            `data.lifetimes[${i}].weight (${describeValue(row['weight'])}) must be a positive number`,
            `data.lifetimes[${i}].weight`,
            row['weight'],
          );
      }
      add(periods, row['churned'] as boolean, weight);
    });
    return { churned, active, rows: rows() };
  }
  throw new PatronageError('INVALID_ARGUMENT', `${fn}: data must have survivors or lifetimes`, {
    argument: 'data',
    value: data,
  });
}

/**
 * Fits the shifted-beta-geometric model of contract renewals (Fader & Hardie 2007, "How to Project
 * Customer Retention"): each customer churns at the end of each period with probability θ ~ Beta(alpha,
 * beta), so P(T = t) = B(alpha+1, beta+t−1)/B(alpha, beta) and S(t) = B(alpha, beta+t)/B(alpha, beta).
 * Retention rises with tenure because the likeliest churners leave first.
 *
 * @param data - `{ survivors }`: active customers at the start and after each period (a cohort's survivor
 *   curve, for example `[1000, 869, 743, 653, 593, 551, 517, 491]`); or `{ lifetimes }`: per customer
 *   `{ periods, churned, weight? }`, with `churned: false` for customers still active (censored)
 * @returns the fit, with `params` `{ alpha, beta }`; `n` is the cohort size
 * @throws PatronageError `EMPTY_INPUT` for fewer than two survivor counts or no lifetimes; the field codes
 *   naming the entry; `INVALID_SUMMARY_ROW` for growing survivors, an empty cohort, a lifetime of 0
 *   periods or a weight that is not positive; `INVALID_ARGUMENT` without `survivors` or `lifetimes`.
 *
 * @example
 * ```ts
 * import { fitShiftedBetaGeometric } from 'patronage';
 *
 * const fit = fitShiftedBetaGeometric({ survivors: [1000, 869, 743, 653, 593, 551, 517, 491] });
 * fit.model; // => 'shiftedBetaGeometric'
 * fit.n; // => 1000
 * ```
 *
 * @category CLV models
 */
export function fitShiftedBetaGeometric(data: ShiftedBetaGeometricData): ShiftedBetaGeometricFit {
  const { churned, active, rows } = tallies('fitShiftedBetaGeometric', data);
  return fitModel(SHIFTED_BETA_GEOMETRIC, rows, tallyHint(churned, active));
}

/**
 * What in the tallies leaves alpha and beta unidentified, for the reason of a fit that is not: no churn,
 * everyone churning at the end of the first period, or a single renewal observed (one transition for two
 * parameters). Null when none applies.
 */
function tallyHint(churned: Map<number, number>, active: Map<number, number>): string | null {
  if (churned.size === 0) return 'no customer churned';
  if (active.size === 0 && churned.size === 1 && churned.has(1)) {
    return 'every customer churned at the end of the first period';
  }
  let longest = 0;
  for (const t of [...churned.keys(), ...active.keys()]) longest = Math.max(longest, t);
  if (longest < 2) return 'only the first renewal is observed: one transition for two parameters';
  return null;
}
