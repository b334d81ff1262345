import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { requireCount, requireList, requireObject } from '../../internal/validate';
import { numericGradient } from '../../math/optimize';
import { logBeta } from '../../math/special';
import { maximumLikelihood } from '../core/fitCore';
import type { ShiftedBetaGeometricFit } from '../core/types';

/** One customer's contract: how many periods they stayed, and whether they have churned or are still active. */
export interface ContractLifetime {
  /** Periods observed: renewals survived plus the first period (at least 1). */
  readonly periods: number;
  /** True when the customer churned at the end of `periods`; false when still active (censored). */
  readonly churned: boolean;
  /** How many customers share this lifetime (default 1). */
  readonly weight?: number;
}

/** The data of {@link fitShiftedBetaGeometric}: a cohort's survivor counts, or per-customer lifetimes. */
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

/** Churn counts by period (index t = churned at the end of period t, t ≥ 1) and censored counts by period. */
function tallies(fn: string, data: unknown): { churned: Map<number, number>; active: Map<number, number> } {
  const record = requireObject(fn, 'data', data);
  const churned = new Map<number, number>();
  const active = new Map<number, number>();
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
      if (lost > 0) churned.set(t, lost);
    }
    const last = survivors[survivors.length - 1] as number;
    if (last > 0) active.set(survivors.length - 1, last);
    return { churned, active };
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
      const target = row['churned'] ? churned : active;
      target.set(periods, (target.get(periods) ?? 0) + weight);
    });
    return { churned, active };
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
 * @category Models
 */
export function fitShiftedBetaGeometric(data: ShiftedBetaGeometricData): ShiftedBetaGeometricFit {
  const fn = 'fitShiftedBetaGeometric';
  const { churned, active } = tallies(fn, data);
  let total = 0;
  for (const count of churned.values()) total += count;
  for (const count of active.values()) total += count;
  const churnEntries = [...churned.entries()];
  const activeEntries = [...active.entries()];
  const objective = numericGradient((logParams) => {
    const alpha = Math.exp(logParams[0] as number);
    const beta = Math.exp(logParams[1] as number);
    const norm = logBeta(alpha, beta);
    let sum = 0;
    for (const [t, count] of churnEntries) sum += count * (logBeta(alpha + 1, beta + t - 1) - norm);
    for (const [t, count] of activeEntries) sum += count * (logBeta(alpha, beta + t) - norm);
    return -sum / total;
  });
  return maximumLikelihood('shiftedBetaGeometric', {
    names: ['alpha', 'beta'],
    starts: [
      [1, 1],
      [0.5, 3],
      [3, 0.5],
    ],
    objective,
    total,
    distinctRows: churnEntries.length + activeEntries.length,
  });
}
