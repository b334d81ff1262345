// The shifted beta-geometric's data (survivor counts or lifetimes) read into the fit's rows. Internal.

import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { requireCount, requireList, requireObject } from '../../internal/validate';
import { type CompressedRows, compress } from '../core/rows';

function dataError(fn: string, message: string, argument: string, value: unknown): PatronageError {
  return new PatronageError('INVALID_SUMMARY_ROW', `${fn}: ${message}`, { argument, value });
}

/**
 * Churn counts by period (index t = churned at the end of period t, t ≥ 1) and censored counts by period,
 * and the same as rows (periods, churned 1 or active 0, weight), one per survivor step or lifetime.
 */
export interface Tallies {
  readonly churned: Map<number, number>;
  readonly active: Map<number, number>;
  readonly rows: CompressedRows;
}

/**
 * Reads `{ survivors }` or `{ lifetimes }` (the data of fitShiftedBetaGeometric), throwing a PatronageError
 * naming the entry for anything invalid, into the tallies and the fit's rows.
 */
export function tallies(fn: string, data: unknown): Tallies {
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
