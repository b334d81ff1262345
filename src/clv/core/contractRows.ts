// The contract models' data (survivor counts, lifetimes or cohorts) read into the fit's rows, and the types
// of that data (public through the fits).

import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import {
  requireCount,
  requireKnownKeys,
  requireList,
  requireNonEmpty,
  requireObject,
  requireOptions,
} from '../../internal/validate';
import { type CompressedRows, compress } from './rows';

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
 * One acquisition cohort of {@link ContractData}'s `cohorts`.
 *
 * @category CLV models
 */
export interface ContractCohort {
  /**
   * Active customers of the cohort at its acquisition (index 0) and after each period since: at least two
   * non-increasing whole numbers, the first above 0. Cohorts may be observed for different numbers of
   * periods (a cohort acquired later has fewer counts).
   */
  readonly survivors: readonly number[];
}

/**
 * The data of the contract fits ({@link fitShiftedBetaGeometric}, {@link fitBetaDiscreteWeibull}): exactly
 * one of a cohort's survivor counts, per-customer lifetimes, or several acquisition cohorts sharing the
 * parameters.
 *
 * @category CLV models
 */
export type ContractData =
  | {
      /** Active customers at the start (index 0) and after each period: non-increasing whole numbers. */
      readonly survivors: readonly number[];
    }
  | {
      /** One entry per customer (or per group of identical customers with `weight`). */
      readonly lifetimes: readonly ContractLifetime[];
    }
  | {
      /**
       * Several acquisition cohorts, each with its survivor counts by period since its acquisition: the
       * likelihood is the sum over the cohorts at shared parameters (Fader & Hardie's multi-cohort fit).
       * One cohort gives exactly the fit of its `survivors`.
       */
      readonly cohorts: readonly ContractCohort[];
    };

function dataError(fn: string, message: string, argument: string, value: unknown): PatronageError {
  return new PatronageError('INVALID_SUMMARY_ROW', `${fn}: ${message}`, { argument, value });
}

/** The keys of the contract models' data, exactly one of which is given. */
const DATA_KEYS = ['survivors', 'lifetimes', 'cohorts'] as const;
/** The keys of one cohort of `data.cohorts`. */
const COHORT_KEYS = ['survivors'] as const;

/**
 * Reads one survivor series (active customers at the start, index 0, and after each period) at `name`,
 * adding a churned row per period with losses and a censored row for the last count.
 */
function addSurvivors(
  fn: string,
  name: string,
  value: unknown,
  add: (periods: number, hasChurned: boolean, weight: number) => void,
): void {
  addRows(readSurvivors(fn, name, value), add);
}

/** The rows of a validated survivor series: a churned row per period with losses, a censored row for the last count. */
function addRows(
  survivors: readonly number[],
  add: (periods: number, hasChurned: boolean, weight: number) => void,
): void {
  for (let t = 1; t < survivors.length; t++) {
    const lost = (survivors[t - 1] as number) - (survivors[t] as number);
    if (lost > 0) add(t, true, lost);
  }
  const last = survivors[survivors.length - 1] as number;
  if (last > 0) add(survivors.length - 1, false, last);
}

/**
 * `data.cohorts`, validated: a non-empty list of `{ survivors }` (no other key), each a survivor series as
 * {@link readSurvivors} reads it, naming the cohort in any error.
 */
export function readCohorts(fn: string, value: unknown): number[][] {
  const cohorts = requireNonEmpty(fn, 'data.cohorts', requireList(fn, 'data.cohorts', value));
  return cohorts.map((entry, i) => {
    const cohort = requireOptions(fn, `data.cohorts[${i}]`, entry, COHORT_KEYS);
    return readSurvivors(fn, `data.cohorts[${i}].survivors`, cohort['survivors']);
  });
}

/**
 * One survivor series at `name`, validated: at least two whole numbers, the first above 0, none above the
 * one before (`EMPTY_INPUT`, the count codes, `INVALID_SUMMARY_ROW` naming the entry).
 */
export function readSurvivors(fn: string, name: string, value: unknown): number[] {
  const survivors = requireList(fn, name, value).map((count, t) => requireCount(fn, `${name}[${t}]`, count));
  if (survivors.length < 2) {
    throw new PatronageError(
      'EMPTY_INPUT',
      `${fn}: ${name} needs the starting count and at least one more period`,
      {
        argument: name,
        value: survivors,
      },
    );
  }
  if ((survivors[0] as number) === 0)
    throw dataError(fn, `${name}[0] is 0: the cohort is empty`, `${name}[0]`, 0);
  for (let t = 1; t < survivors.length; t++) {
    const lost = (survivors[t - 1] as number) - (survivors[t] as number);
    if (lost < 0) {
      throw dataError(
        fn,
        `${name}[${t}] (${survivors[t]}) exceeds ${name}[${t - 1}] (${survivors[t - 1]}): survivors cannot grow`,
        `${name}[${t}]`,
        survivors[t],
      );
    }
  }
  return survivors;
}

/**
 * What in the tallies leaves a contract model with `parameters` parameters unidentified, for the reason of a
 * fit that is not: no churn, everyone churning at the end of the first period, or fewer renewals observed
 * than parameters (each renewal is one transition). Null when none applies.
 */
export function tallyHint(tallied: Tallies, parameters: number): string | null {
  const { churned, active } = tallied;
  if (churned.size === 0) return 'no customer churned';
  if (active.size === 0 && churned.size === 1 && churned.has(1)) {
    return 'every customer churned at the end of the first period';
  }
  let longest = 0;
  for (const t of [...churned.keys(), ...active.keys()]) longest = Math.max(longest, t);
  if (longest < parameters) {
    const words = ['no', 'one', 'two', 'three'];
    const seen =
      longest === 1 ? 'only the first renewal is observed' : `only ${longest} renewals are observed`;
    return `${seen}: ${words[longest] ?? longest} transition${longest === 1 ? '' : 's'} for ${words[parameters] ?? parameters} parameters`;
  }
  return null;
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
 * Reads `{ survivors }`, `{ lifetimes }` or `{ cohorts }` (the data of the contract fits), throwing a PatronageError
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
  const given = DATA_KEYS.filter((key) => record[key] !== undefined);
  if (given.length > 1) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: data has ${given.join(' and ')}; give exactly one of survivors, lifetimes or cohorts`,
      { argument: 'data', value: given },
    );
  }
  requireKnownKeys(fn, 'data', record, DATA_KEYS);
  if (record['survivors'] !== undefined) {
    addSurvivors(fn, 'data.survivors', record['survivors'], add);
    return { churned, active, rows: rows() };
  }
  if (record['cohorts'] !== undefined) {
    for (const survivors of readCohorts(fn, record['cohorts'])) addRows(survivors, add);
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
  throw new PatronageError('INVALID_ARGUMENT', `${fn}: data must have survivors, lifetimes or cohorts`, {
    argument: 'data',
    value: data,
  });
}
