import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringOrder, topOrder } from '../../src/internal/stringOrder';

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
