import { PatronageError } from '../errors/PatronageError';
import { describeValue } from '../internal/describe';
import { requireList, requireObject } from '../internal/validate';

/**
 * Customer ids for {@link returnOnRelationshipFromIds}.
 *
 * @category Relationship
 */
export interface ReturnOnRelationshipIds {
  /** Customers helped in the window (duplicates are counted once). */
  readonly helped: Iterable<string>;
  /** Customers who came to you as a referral. */
  readonly referred: Iterable<string>;
  /** Repeat customers. */
  readonly repeat: Iterable<string>;
}

/**
 * What {@link returnOnRelationshipFromIds} returns.
 *
 * @category Relationship
 */
export interface ReturnOnRelationshipResult {
  /** `referredOrRepeat / helped`, from 0 to 1. */
  readonly ror: number;
  /** Distinct helped customers. */
  readonly helped: number;
  /** Distinct helped customers who are referred or repeat (each counted once). */
  readonly referredOrRepeat: number;
}

function idSet(fn: string, name: string, value: unknown): Set<string> {
  const list = requireList(fn, name, value);
  const set = new Set<string>();
  for (let index = 0; index < list.length; index++) {
    const id = list[index];
    if (typeof id !== 'string' || id.length === 0) {
      throw new PatronageError(
        'INVALID_ARGUMENT',
        `${fn}: ${name}[${index}] must be a non-empty string id, got ${describeValue(id)}`,
        {
          argument: `${name}[${index}]`,
          value: id,
        },
      );
    }
    set.add(id);
  }
  return set;
}

/**
 * Return on Relationship from customer ids: `|helped ∩ (referred ∪ repeat)| / |helped|` (docs/formulas.md §1.2,
 * corrected; see {@link returnOnRelationship}). A customer who is both referred and repeat counts once;
 * referred or repeat customers you did not help are not counted.
 *
 * @param ids - `helped`, `referred` and `repeat` customer ids (arrays, Sets or any iterables of strings)
 * @returns the ratio and the two distinct counts behind it
 * @throws PatronageError `INVALID_ARGUMENT` (a list that is not iterable, or an id that is not a non-empty
 *   string), `NO_HELPED_CUSTOMERS` when no customer was helped.
 *
 * @example
 * ```ts
 * import { returnOnRelationshipFromIds } from 'patronage';
 *
 * returnOnRelationshipFromIds({
 *   helped: ['ann', 'bao', 'chi', 'dan'],
 *   referred: ['bao', 'eve'],
 *   repeat: ['bao', 'chi'],
 * }); // => { ror: 0.5, helped: 4, referredOrRepeat: 2 }
 * ```
 *
 * @category Relationship
 */
export function returnOnRelationshipFromIds(ids: ReturnOnRelationshipIds): ReturnOnRelationshipResult {
  const fn = 'returnOnRelationshipFromIds';
  const record = requireObject(fn, 'ids', ids);
  const helped = idSet(fn, 'helped', record['helped']);
  const referred = idSet(fn, 'referred', record['referred']);
  const repeat = idSet(fn, 'repeat', record['repeat']);
  if (helped.size === 0) {
    throw new PatronageError(
      'NO_HELPED_CUSTOMERS',
      `${fn}: helped is empty; ROR is undefined without helped customers`,
      {
        argument: 'helped',
        value: 0,
      },
    );
  }
  let referredOrRepeat = 0;
  for (const id of helped) if (referred.has(id) || repeat.has(id)) referredOrRepeat++;
  return { ror: referredOrRepeat / helped.size, helped: helped.size, referredOrRepeat };
}
