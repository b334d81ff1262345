import { PatronageError } from '../errors/PatronageError';
import { requireAtLeast, requireObject } from '../internal/validate';

/**
 * Recurring revenue movements of the customers who were there at the start of a period, in major units.
 * New customers' revenue is not part of any of these.
 *
 * @category Revenue
 */
export interface RevenueMovements {
  /** Recurring revenue of the starting customers at the start, above 0. */
  readonly startingRevenue: number;
  /** Added by those customers during the period (upgrades, cross-sells), at least 0. */
  readonly expansion: number;
  /** Lost to downgrades by customers who stayed, at least 0. */
  readonly contraction: number;
  /** Lost with customers who left, at least 0. */
  readonly churned: number;
}

/** Validates the movements (losses may not exceed the starting revenue) and returns the revenue kept. */
export function revenueMovements(
  fn: string,
  movements: unknown,
): { startingRevenue: number; expansion: number; kept: number } {
  const record = requireObject(fn, 'movements', movements);
  const startingRevenue = requireAtLeast(fn, 'startingRevenue', record['startingRevenue'], 0);
  const expansion = requireAtLeast(fn, 'expansion', record['expansion'], 0);
  const contraction = requireAtLeast(fn, 'contraction', record['contraction'], 0);
  const churned = requireAtLeast(fn, 'churned', record['churned'], 0);
  if (startingRevenue === 0) {
    throw new PatronageError('NO_REVENUE', `${fn}: startingRevenue is 0; revenue retention is undefined`, {
      argument: 'startingRevenue',
      value: 0,
    });
  }
  const losses = contraction + churned;
  if (losses > startingRevenue) {
    throw new PatronageError(
      'LOSSES_EXCEED_START',
      `${fn}: contraction + churned (${losses}) exceeds startingRevenue (${startingRevenue})`,
      { argument: 'churned', value: churned, contraction, startingRevenue },
    );
  }
  // start − (contraction + churned) with the validated sum cannot round below 0, unlike subtracting the
  // two losses one after the other.
  return { startingRevenue, expansion, kept: startingRevenue - losses };
}
