import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODELS } from '../../../src/clv/registry';
import {
  type LedgerEntry,
  type PointsForecastOptions,
  pointsExpiring,
  pointsForecast,
} from '../../../src/index';
import { integrate } from '../../../src/math/quadrature';
import { closeTo } from '../../helpers/numbers';

const DAY = 86_400_000;
const AT = Date.UTC(2025, 11, 31);
const IDS = ['ann', 'bo', 'cy'] as const;

// published fits, in weeks: Fader, Hardie & Lee (2005) BG/NBD and Pareto/NBD on CDNOW; the same
// parameters for MBG/NBD; GGom/NBD and NBD at CDNOW-like values
const FITS = [
  { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } },
  { model: 'mbgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } },
  { model: 'paretoNbd', params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 } },
  { model: 'ggomNbd', params: { r: 0.55, alpha: 10.6, b: 0.01, s: 0.6, beta: 11.7 } },
  { model: 'nbd', params: { r: 0.385, alpha: 12.07 } },
] as const;

/** A consistent summary row: x repeat purchases, the last at t_x ≤ T (t_x = 0 exactly when x = 0). */
const summary = fc
  .record({
    x: fc.integer({ min: 0, max: 15 }),
    T: fc.double({ min: 1, max: 60, noNaN: true }),
    share: fc.double({ min: 0.01, max: 1, noNaN: true }),
    tier: fc.constantFrom(undefined, 'gold'),
  })
  .map(({ x, T, share, tier }) => ({
    frequency: x,
    recency: x === 0 ? 0 : T * share,
    T,
    ...(tier === undefined ? {} : { tier }),
  }));

/** Earn entries of the three customers in the validity before `at`. */
const earns = fc.array(
  fc.record({
    customerId: fc.constantFrom(...IDS),
    daysBefore: fc.integer({ min: 0, max: 29 }),
    points: fc.integer({ min: 1, max: 500 }),
  }),
  { maxLength: 8 },
);

const scenario = fc.record({
  fit: fc.constantFrom(...FITS),
  rows: fc.tuple(summary, summary, summary),
  entries: earns,
  validityDays: fc.integer({ min: 30, max: 400 }),
  horizon: fc.integer({ min: 0, max: 40 }),
  redemptionRate: fc.double({ min: 0, max: 1, noNaN: true }),
  perPurchase: fc.integer({ min: 0, max: 100 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

function ledgerOf(entries: Scenario['entries']): LedgerEntry[] {
  // each entry with its own id: two equal earns on one day are two purchases, not a duplicate
  return entries.map(({ customerId, daysBefore, points }, index) => ({
    id: `e${index}`,
    customerId,
    at: AT - daysBefore * DAY,
    kind: 'earn',
    points,
  }));
}

function optionsOf(s: Scenario, changes: Partial<PointsForecastOptions> = {}): PointsForecastOptions {
  return {
    at: AT,
    horizon: s.horizon,
    timeUnit: 'week',
    validityDays: s.validityDays + 30,
    earnRules: { perPurchase: s.perPurchase, tierMultipliers: { gold: 2 } },
    redemptionRate: s.redemptionRate,
    customers: s.rows.map((row, i) => ({ customerId: IDS[i] as string, ...row })),
    ...changes,
  };
}

/** later ≥ earlier, up to the rounding of sums taken in another order. */
function notBelow(later: number, earlier: number): boolean {
  return later >= earlier || closeTo(later, earlier, 1e-9) || earlier - later < 1e-9;
}

describe('pointsForecast laws', () => {
  it('the totals are the sums over the customers, and closing = opening + earned − redeemed − expired ≥ 0', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const forecast = pointsForecast(ledgerOf(s.entries), s.fit, optionsOf(s));
        for (const name of ['opening', 'earned', 'redeemed', 'expired', 'closing'] as const) {
          const sum = forecast.customers.reduce((total, customer) => total + customer[name], 0);
          expect(forecast[name]).toBe(sum);
        }
        for (const customer of forecast.customers) {
          expect(customer.closing).toBeGreaterThanOrEqual(0);
          expect(customer.redeemed).toBeGreaterThanOrEqual(0);
          expect(customer.expired).toBeGreaterThanOrEqual(0);
          const identity = customer.opening + customer.earned - customer.redeemed - customer.expired;
          expect(
            closeTo(customer.closing, identity, 1e-12) ||
              Math.abs(customer.closing - identity) < 1e-12 * (customer.opening + customer.earned),
          ).toBe(true);
        }
      }),
    );
  });

  it('redemptionRate 0 redeems nothing, and at least the opening points due in the horizon expire', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const ledger = ledgerOf(s.entries);
        const options = optionsOf(s, { redemptionRate: 0 });
        const forecast = pointsForecast(ledger, s.fit, options);
        expect(forecast.redeemed).toBe(0);
        const due = pointsExpiring(ledger, {
          at: AT,
          withinDays: s.horizon * 7,
          validityDays: options.validityDays as number,
        });
        expect(notBelow(forecast.expired, due.points)).toBe(true);
      }),
    );
  });

  it('a longer horizon on the same grid never lowers earned, redeemed or expired', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 30 }), (s, more) => {
        const ledger = ledgerOf(s.entries);
        // one grid point per week in both: the shorter grid is the start of the longer
        const short = pointsForecast(ledger, s.fit, optionsOf(s, { steps: Math.max(1, s.horizon) }));
        const long = pointsForecast(
          ledger,
          s.fit,
          optionsOf(s, { horizon: s.horizon + more, steps: s.horizon + more }),
        );
        if (s.horizon === 0) return; // a zero horizon has one grid point at 0, not the start of the longer grid
        for (const name of ['earned', 'redeemed', 'expired'] as const) {
          expect(notBelow(long[name], short[name]), `${name}: ${long[name]} < ${short[name]}`).toBe(true);
        }
      }),
    );
  });

  it('a higher redemption rate never raises the points expired', () => {
    fc.assert(
      fc.property(scenario, fc.double({ min: 0, max: 1, noNaN: true }), (s, other) => {
        const ledger = ledgerOf(s.entries);
        const [low, high] = [Math.min(s.redemptionRate, other), Math.max(s.redemptionRate, other)];
        const atLow = pointsForecast(ledger, s.fit, optionsOf(s, { redemptionRate: low }));
        const atHigh = pointsForecast(ledger, s.fit, optionsOf(s, { redemptionRate: high }));
        expect(notBelow(atLow.expired, atHigh.expired)).toBe(true);
      }),
    );
  });

  it('a customer with P(alive) near 0 earns and redeems about nothing, and their lots due in the horizon expire', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const ledger = ledgerOf(s.entries);
        // 40 purchases in the first week and silent for 59: BG/NBD P(alive) about 1e−30
        const lapsed = { frequency: 40, recency: 1, T: 60 };
        const options = optionsOf(s, {
          customers: IDS.map((customerId) => ({ customerId, ...lapsed })),
        });
        const forecast = pointsForecast(ledger, FITS[0], options);
        const due = pointsExpiring(ledger, {
          at: AT,
          withinDays: s.horizon * 7,
          validityDays: options.validityDays as number,
        });
        for (const customer of forecast.customers) expect(customer.probabilityAlive).toBeLessThan(1e-20);
        expect(forecast.earned).toBeLessThan(1e-15);
        expect(forecast.redeemed).toBeLessThan(1e-12);
        expect(
          closeTo(forecast.expired, due.points, 1e-12) || Math.abs(forecast.expired - due.points) < 1e-9,
        ).toBe(true);
      }),
    );
  });
});

describe('purchaseRateAliveLater', () => {
  it('integrates to the expected purchases where purchases do not end the life (Pareto/NBD, GGom/NBD, NBD)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(FITS[2], FITS[3], FITS[4]),
        summary,
        fc.double({ min: 0.5, max: 50, noNaN: true }),
        (fit, row, horizon) => {
          const predictions = MODELS[fit.model].predictions as Required<
            (typeof MODELS)['paretoNbd']['predictions']
          >;
          const params = fit.params as never;
          const { frequency: x, recency: tx, T } = row;
          // E[N(0, h]] = ∫₀ʰ E[λ·1{alive at s}] ds: a purchase at s is made by a customer alive at s
          const integral = integrate(0, horizon, (s) =>
            predictions.purchaseRateAliveLater(params, x, tx, T, s),
          );
          const expected = predictions.conditionalExpectedPurchases(params, x, tx, T, horizon);
          expect(closeTo(integral, expected, 1e-6), `${integral} ≉ ${expected}`).toBe(true);
        },
      ),
    );
  });

  it('is at most P(alive)·E[λ] and falls with g (BG/NBD, MBG/NBD)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(FITS[0], FITS[1]),
        summary,
        fc.double({ min: 0, max: 50, noNaN: true }),
        (fit, row, g) => {
          const predictions = MODELS[fit.model].predictions as Required<
            (typeof MODELS)['bgNbd']['predictions']
          >;
          const { frequency: x, recency: tx, T } = row;
          const rate = predictions.purchaseRateAliveLater(fit.params, x, tx, T, g);
          const later = predictions.purchaseRateAliveLater(fit.params, x, tx, T, g + 1);
          const ceiling =
            (predictions.probabilityAlive(fit.params, x, tx, T) * (fit.params.r + x)) /
            (fit.params.alpha + T);
          expect(rate).toBeLessThanOrEqual(ceiling);
          expect(later).toBeLessThanOrEqual(rate);
        },
      ),
    );
  });
});
