import { PatronageError } from '../errors/PatronageError';
import { requireAtLeast, requireFinite, requireObject } from '../internal/validate';

/**
 * Inputs of {@link returnOnInvestment}.
 *
 * @category Revenue
 */
export interface InvestmentReturn {
  /** What the investment brought back (for a CRM: the gain attributed to it), major units. */
  readonly gain: number;
  /** What it cost, major units, above 0. */
  readonly cost: number;
}

/**
 * Return on investment: `ROI = (gain − cost) / cost` as a fraction (docs/formulas.md §1.7: CRM returns on
 * average $8.71 per dollar spent, an ROI of 7.71).
 *
 * @param investment - `gain` (any finite amount, may be negative) and `cost` (above 0)
 * @returns the net return per unit of cost; negative for a loss, −1 when nothing came back
 * @throws PatronageError `ZERO_COST` when `cost` is 0, `OUT_OF_RANGE` for a negative cost, `NOT_FINITE`
 *   (also when the result overflows), `INVALID_ARGUMENT`.
 *
 * @example
 * ```ts
 * import { returnOnInvestment } from 'patronage';
 *
 * returnOnInvestment({ gain: 8.71, cost: 1 }); // => 7.71
 * ```
 *
 * @category Revenue
 */
export function returnOnInvestment(investment: InvestmentReturn): number {
  const fn = 'returnOnInvestment';
  const record = requireObject(fn, 'investment', investment);
  const gain = requireFinite(fn, 'gain', record['gain']);
  const cost = requireAtLeast(fn, 'cost', record['cost'], 0);
  if (cost === 0) {
    throw new PatronageError('ZERO_COST', `${fn}: cost is 0; ROI is undefined`, {
      argument: 'cost',
      value: 0,
    });
  }
  return requireFinite(fn, 'result', (gain - cost) / cost);
}
