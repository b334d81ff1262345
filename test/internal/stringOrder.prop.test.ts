import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  digitCountOfKey,
  digitValueOfKey,
  keyedOrder,
  numberedIds,
  numberedKeys,
  stringOrder,
  topOrder,
} from '../../src/internal/stringOrder';

/** The order a comparison sort gives: by UTF-16 code unit, equal strings by position. */
function comparedOrder(strings: readonly string[]): number[] {
  return Array.from(strings.keys()).sort((a, b) => {
    const left = strings[a] as string;
    const right = strings[b] as string;
    return left < right ? -1 : left > right ? 1 : a - b;
  });
}

function orderOf(strings: readonly string[]): number[] {
  return Array.from(stringOrder(strings.length, (position) => strings[position] as string));
}

// units chosen to meet every branch: U+0000 (the same key as a missing unit), a shared prefix, units above
// 0xff (the four-unit keys), lone and paired surrogates, strings longer than the eight packed units
const unit = fc.constantFrom('\u0000', 'a', 'b', 'c', '0', '9', 'é', '\u00ff', 'Ω', '\ud83d', '\ude00', '~');
const text = fc.array(unit, { maxLength: 12 }).map((units) => units.join(''));

describe('stringOrder', () => {
  it('orders as a comparison sort does, equal strings by position, on lists past the radix threshold', () => {
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 2100, maxLength: 2600 }),
        fc.constantFrom('', 'c', 'customer-', 'Ω'),
        (tails, prefix) => {
          const strings = tails.map((tail) => `${prefix}${tail}`);
          expect(orderOf(strings)).toEqual(comparedOrder(strings));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('orders short lists (the comparison sort) the same way', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 60 }), (strings) => {
        expect(orderOf(strings)).toEqual(comparedOrder(strings));
      }),
    );
  });

  it('orders numbered ids as strings, not as numbers', () => {
    const strings = Array.from({ length: 5000 }, (_, k) => `c${(k * 7919) % 5000}`);
    const order = orderOf(strings);
    expect(order.slice(0, 4).map((position) => strings[position])).toEqual(['c0', 'c1', 'c10', 'c100']);
    expect(order).toEqual(comparedOrder(strings));
  });

  it('puts a string before every longer string it begins', () => {
    const strings = Array.from({ length: 3000 }, (_, k) => 'x'.repeat(k % 30) + (k >= 2990 ? '\u0000' : ''));
    expect(orderOf(strings)).toEqual(comparedOrder(strings));
  });

  it('gives nothing for nothing', () => {
    expect(orderOf([])).toEqual([]);
  });
});

describe('topOrder', () => {
  it('gives the first k places of a full sort by value descending, then by string', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ value: fc.constantFrom(-1, -0, 0, 0.5, 2, 2, 7, 1e300), name: text }), {
          maxLength: 3000,
        }),
        fc.integer({ min: 0, max: 3100 }),
        (entries, k) => {
          const full = Array.from(entries.keys()).sort((a, b) => {
            const difference = (entries[b]?.value as number) - (entries[a]?.value as number);
            if (difference !== 0) return difference;
            const left = entries[a]?.name as string;
            const right = entries[b]?.name as string;
            return left < right ? -1 : left > right ? 1 : a - b;
          });
          const top = topOrder(
            entries.length,
            (p) => entries[p]?.value as number,
            (p) => entries[p]?.name as string,
            k,
          );
          expect(top).toEqual(full.slice(0, k));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('numberedIds and keyedOrder', () => {
  const digits = fc.array(fc.constantFrom('0', '1', '2', '5', '9'), { minLength: 1, maxLength: 7 });
  const prefix = fc.constantFrom('', 'c', 'cust-', 'Ω', 'a1b');

  it('order ids of one prefix and 1-7 digits as stringOrder does, and give back their digits', () => {
    fc.assert(
      fc.property(
        prefix,
        fc.uniqueArray(
          digits.map((units) => units.join('')),
          { maxLength: 3000 },
        ),
        (head, tails) => {
          const ids = tails.map((tail) => `${head}${tail}`);
          const numbered = numberedIds(ids);
          if (ids.length === 0) {
            expect(numbered).toBeNull();
            return;
          }
          expect(numbered?.prefix).toBe(ids[0]?.replace(/[0-9]+$/, ''));
          const keys = numbered?.keys as Uint32Array;
          const { order, keys: sorted } = keyedOrder(ids.length, (position) => keys[position] as number);
          expect(Array.from(order)).toEqual(comparedOrder(ids));
          for (let k = 0; k < ids.length; k++) {
            const key = sorted[k] as number;
            const id = ids[order[k] as number] as string;
            const tail = String(digitValueOfKey(key)).padStart(digitCountOfKey(key), '0');
            expect(`${numbered?.prefix}${tail}`).toBe(id);
          }
        },
      ),
    );
  });

  it('gives the keys of ids from their values as from their strings', () => {
    fc.assert(
      fc.property(
        prefix,
        fc.array(fc.nat({ max: 9_999_999 }), { minLength: 1, maxLength: 200 }),
        fc.constantFrom(0, 7),
        (head, values, width) => {
          const ids = values.map((value) => `${head}${String(value).padStart(width, '0')}`);
          expect(numberedKeys(values, width)).toEqual(numberedIds(ids)?.keys);
        },
      ),
    );
  });

  it('is null for ids that are not one prefix and 1-7 digits', () => {
    for (const ids of [['c1', 'd2'], ['c1', 'c12345678'], ['c1', 'c'], ['c1', 'c1x'], ['c1', 'c-1'], ['x']])
      expect(numberedIds(ids)).toBeNull();
  });
});
