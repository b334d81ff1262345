import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loyaltyReference, loyaltyScore, probabilityAlive } from '../../../src/index';
import { codeOf } from '../../helpers/errors';
import { summaryRow } from './summaryRow';

describe('loyalty score laws', () => {
  const population = fc.array(summaryRow, { minLength: 1, maxLength: 30 });
  const extras = fc.record({
    referrals: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
    npsScore: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  });

  it('the score is in [0, 100] and is the sum of its components, whose shares sum to 1', () => {
    fc.assert(
      fc.property(population, summaryRow, extras, (rows, customer, extra) => {
        const result = loyaltyScore({ ...customer, ...extra }, loyaltyReference(rows));
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        const sum = result.components.reduce((total, c) => total + c.points, 0);
        expect(Math.abs(sum - result.score)).toBeLessThan(1e-9);
        expect(Math.abs(result.components.reduce((total, c) => total + c.share, 0) - 1)).toBeLessThan(1e-12);
        for (const c of result.components) {
          expect(c.value).toBeGreaterThanOrEqual(0);
          expect(c.value).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('more purchases, more spend or a more recent purchase never lower the score', () => {
    fc.assert(
      fc.property(population, summaryRow, fc.integer({ min: 1, max: 10 }), (rows, customer, more) => {
        const reference = loyaltyReference(rows);
        const base = loyaltyScore(customer, reference).score;
        expect(
          loyaltyScore({ ...customer, frequency: customer.frequency + more }, reference).score,
        ).toBeGreaterThanOrEqual(base - 1e-12);
        expect(
          loyaltyScore({ ...customer, monetaryValue: customer.monetaryValue + more }, reference).score,
        ).toBeGreaterThanOrEqual(base - 1e-12);
        expect(
          loyaltyScore({ ...customer, recency: Math.min(customer.T, customer.recency + more) }, reference)
            .score,
        ).toBeGreaterThanOrEqual(base - 1e-12);
      }),
    );
  });

  it('scaling every weight by the same factor leaves the score unchanged', () => {
    fc.assert(
      fc.property(
        population,
        summaryRow,
        extras,
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (rows, customer, extra, factor) => {
          const reference = loyaltyReference(rows);
          const weights = {
            recency: 1,
            frequency: 2,
            monetary: 3,
            referrals: 1,
            nps: 1,
            probabilityAlive: 1,
          };
          const scaled = Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, v * factor]));
          const a = loyaltyScore({ ...customer, ...extra }, reference, { weights }).score;
          const b = loyaltyScore({ ...customer, ...extra }, reference, { weights: scaled }).score;
          expect(Math.abs(a - b)).toBeLessThan(1e-9);
        },
      ),
    );
  });

  it('adds P(alive) from a fit as a component', () => {
    const reference = loyaltyReference([{ frequency: 2, recency: 10, T: 20, monetaryValue: 5 }]);
    const fit = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
    const result = loyaltyScore({ frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 5 }, reference, {
      fit,
    });
    const alive = result.components.find((c) => c.name === 'probabilityAlive');
    expect(alive?.value).toBe(probabilityAlive(fit, { frequency: 2, recency: 30.43, T: 38.86 }));
    expect(alive?.value).toBeGreaterThan(0.5);
    expect(alive?.value).toBeLessThan(1);
  });
});

describe('loyalty reference tables', () => {
  it('are frozen by loyaltyReference and checked once; an unfrozen copy is checked on every call', () => {
    const rows = [
      { frequency: 0, recency: 0, T: 40, monetaryValue: 0 },
      { frequency: 2, recency: 20, T: 45, monetaryValue: 30 },
      { frequency: 6, recency: 48, T: 50, monetaryValue: 60 },
    ];
    const reference = loyaltyReference(rows);
    expect(Object.isFrozen(reference.frequency)).toBe(true);
    const customer = { frequency: 2, recency: 20, T: 45, monetaryValue: 30 };
    const first = loyaltyScore(customer, reference).score;
    expect(loyaltyScore(customer, reference).score).toBe(first);
    const copy = JSON.parse(JSON.stringify(reference));
    expect(loyaltyScore(customer, copy).score).toBe(first);
    copy.frequency[50] = Number.NaN;
    expect(codeOf(() => loyaltyScore(customer, copy))).toBe('INVALID_ARGUMENT');
    copy.frequency[50] = reference.frequency[50];
    copy.frequency[60] = -1;
    expect(codeOf(() => loyaltyScore(customer, copy))).toBe('INVALID_ARGUMENT');
  });
});
