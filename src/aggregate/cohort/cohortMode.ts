import { PatronageError } from '../../errors/PatronageError';
import { describeValue } from '../../internal/describe';
import { requireAtLeast, requireCount, requireList } from '../../internal/validate';

/**
 * What a cell of a cohort table counts: the `mode` option of `cohortRetention`.
 *
 * For a cohort's customers and k periods after acquisition (docs/tables.md, "What a cell counts"):
 * - `'return-on'` (the default): active in period k;
 * - `'return-on-or-after'` (unbounded retention): active in period k or any later period up to the end of
 *   observation;
 * - `'recurring'` (compounded retention): active in every period 1, 2, …, k;
 * - `'brackets'`: one cell per bracket of periods (the `brackets` option): active in at least one of its
 *   periods.
 *
 * @category Tables
 */
export type CohortMode = 'return-on' | 'return-on-or-after' | 'recurring' | 'brackets';

/** The modes, in the order the documentation gives them. */
export const COHORT_MODES: readonly CohortMode[] = [
  'return-on',
  'return-on-or-after',
  'recurring',
  'brackets',
];

/**
 * A bracket of periods since acquisition, `[first, last]`, both included: `[8, 30]` with `period: 'day'` is
 * the 8th to the 30th day after the acquisition day.
 *
 * @category Tables
 */
export type CohortBracket = readonly [first: number, last: number];

/** The mode of a cohort table as validated: the brackets only in `'brackets'` mode. */
export interface ResolvedCohortMode {
  readonly mode: CohortMode;
  readonly brackets: readonly CohortBracket[] | undefined;
}

/** The default: one cell per period, active in it. */
export const RETURN_ON: ResolvedCohortMode = { mode: 'return-on', brackets: undefined };

/** Reads the `brackets` option: a non-empty list of `[first, last]` whole numbers, increasing, not overlapping. */
function requireBrackets(fn: string, value: unknown): CohortBracket[] {
  const list = requireList(fn, 'options.brackets', value);
  requireAtLeast(fn, 'options.brackets.length', list.length, 1);
  const brackets: CohortBracket[] = [];
  let previous = -1;
  list.forEach((item, index) => {
    const name = `options.brackets[${index}]`;
    const pair = Array.isArray(item) ? requireList(fn, name, item) : undefined;
    if (pair?.length !== 2) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${fn}: ${name} must be a pair [first, last], got ${describeValue(item)}`,
        { argument: name, value: item },
      );
    }
    const first = requireCount(fn, `${name}[0]`, pair[0]);
    const last = requireCount(fn, `${name}[1]`, pair[1]);
    if (last < first) {
      throw new PatronageError('OUT_OF_RANGE', `${fn}: ${name} ends (${last}) before it starts (${first})`, {
        argument: name,
        value: [first, last],
      });
    }
    if (first <= previous) {
      throw new PatronageError(
        'OUT_OF_RANGE',
        `${fn}: ${name} starts at ${first}, not after the previous bracket's end (${previous})`,
        { argument: name, value: [first, last], previousLast: previous },
      );
    }
    previous = last;
    brackets.push([first, last]);
  });
  return brackets;
}

/**
 * Reads the `mode` and `brackets` options of a cohort table: `brackets` is required in `'brackets'` mode and
 * refused in the others, and `maxPeriods` (which cuts rows of periods) is refused with brackets.
 */
export function resolveCohortMode(
  fn: string,
  mode: unknown,
  brackets: unknown,
  maxPeriods: number | undefined,
): ResolvedCohortMode {
  if (mode !== undefined && !(COHORT_MODES as readonly unknown[]).includes(mode)) {
    throw new PatronageError(
      'OUT_OF_RANGE',
      `${fn}: options.mode must be one of ${COHORT_MODES.map((name) => `'${name}'`).join(', ')}, got ${describeValue(mode)}`,
      { argument: 'options.mode', value: mode },
    );
  }
  const checked = (mode ?? 'return-on') as CohortMode;
  if (checked !== 'brackets') {
    if (brackets !== undefined) {
      throw new PatronageError('INVALID_ARGUMENT', `${fn}: options.brackets needs mode 'brackets'`, {
        argument: 'options.brackets',
        value: brackets,
      });
    }
    return checked === 'return-on' ? RETURN_ON : { mode: checked, brackets: undefined };
  }
  if (brackets === undefined) {
    throw new PatronageError('INVALID_ARGUMENT', `${fn}: mode 'brackets' needs options.brackets`, {
      argument: 'options.brackets',
      value: brackets,
    });
  }
  if (maxPeriods !== undefined) {
    throw new PatronageError(
      'INVALID_ARGUMENT',
      `${fn}: options.maxPeriods does not apply with mode 'brackets'`,
      { argument: 'options.maxPeriods', value: maxPeriods },
    );
  }
  return { mode: 'brackets', brackets: requireBrackets(fn, brackets) };
}

/**
 * The serialisable form of a mode, for an accumulator's state: nothing for the default; the brackets as new
 * frozen arrays (a state's options are frozen, and `toJSON` copies them one level deep).
 */
export function plainCohortMode(resolved: ResolvedCohortMode): Record<string, unknown> {
  if (resolved.mode === 'return-on') return {};
  if (resolved.brackets === undefined) return { mode: resolved.mode };
  const brackets = Object.freeze(resolved.brackets.map(([first, last]) => Object.freeze([first, last])));
  return { mode: resolved.mode, brackets };
}
