import { describe, expect, it } from 'vitest';
import {
  type LedgerEntry,
  pointsBalance,
  pointsExpiring,
  pointsForecast,
  pointsLiability,
  probabilityAlive,
} from '../../../src/index';
import { betaDraw, exponentialDraw, gammaDraw, seededUniform } from '../../../src/math/random';
import { codeOf } from '../../helpers/errors';
import { expectClose } from '../../helpers/numbers';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
// Fader, Hardie & Lee (2005): the CDNOW BG/NBD fit and its Gamma-Gamma spend fit, in weeks
const BG = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
const MBG = { model: 'mbgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
// Fader, Hardie & Lee (2005, "RFM and CLV"): Pareto/NBD on CDNOW, in weeks
const PARETO = { model: 'paretoNbd', params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 } } as const;
// GGom/NBD at CDNOW-like values (the Pareto/NBD rates with a Gompertz ageing b)
const GGOM = {
  model: 'ggomNbd',
  params: { r: 0.553, alpha: 10.578, b: 0.05, s: 0.606, beta: 11.669 },
} as const;
const SPEND = { model: 'gammaGamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } } as const;
const AT = Date.UTC(2025, 11, 31);

// three customers with open lots of different ages; ann's redemption in November took from her oldest lot
const LEDGER: LedgerEntry[] = [
  { customerId: 'ann', at: '2025-10-01', kind: 'earn', points: 400 },
  { customerId: 'ann', at: '2025-11-01', kind: 'redeem', points: 150 },
  { customerId: 'ann', at: '2025-12-10', kind: 'earn', points: 120 },
  { customerId: 'bo', at: '2025-10-20', kind: 'earn', points: 90 },
  { customerId: 'cy', at: '2025-12-20', kind: 'earn', points: 500 },
];
const CUSTOMERS = [
  { customerId: 'ann', frequency: 4, recency: 30, T: 40, monetaryValue: 60, tier: 'gold' },
  { customerId: 'bo', frequency: 0, recency: 0, T: 20 },
  { customerId: 'cy', frequency: 9, recency: 20, T: 40, monetaryValue: 25 },
  { customerId: 'di', frequency: 2, recency: 5, T: 6, monetaryValue: 40 },
];
// validity 100 days (14.29 weeks, not a multiple of the 2-week grid): earned lots expire within the horizon
const OPTIONS = {
  at: AT,
  horizon: 52,
  timeUnit: 'week',
  validityDays: 100,
  earnRules: { perPurchase: 10, perCurrencyUnit: 1, tierMultipliers: { gold: 1.5 } },
  redemptionRate: 0.05,
  customers: CUSTOMERS,
  spendFit: SPEND,
  steps: 26,
} as const;

type Draw = (uniform: () => number) => { rate: number; death: (purchases: number[]) => number };

/**
 * One customer's future from a fitted model given their history, drawn from the posterior: alive at T with
 * the model's P(alive); if alive, the rates from their conjugate posteriors given alive (BG/NBD and
 * MBG/NBD λ ~ Gamma(r+x, α+T), p ~ Beta(a, b+x+shift), dying right after a purchase with probability p;
 * Pareto/NBD λ as above and an exponential lifetime of rate μ ~ Gamma(s, β+T)).
 */
function bgDraw(
  params: { r: number; alpha: number; a: number; b: number },
  x: number,
  T: number,
  shift: number,
): Draw {
  return (uniform) => {
    const rate = gammaDraw(uniform, params.r + x) / (params.alpha + T);
    const p = betaDraw(uniform, params.a, params.b + x + shift);
    // the purchase after which the customer drops out: each purchase ends the life with probability p
    return { rate, death: (purchases) => purchases.find(() => uniform() < p) ?? Number.POSITIVE_INFINITY };
  };
}
function paretoDraw(
  params: { r: number; alpha: number; s: number; beta: number },
  x: number,
  T: number,
): Draw {
  return (uniform) => {
    const rate = gammaDraw(uniform, params.r + x) / (params.alpha + T);
    const mu = gammaDraw(uniform, params.s) / (params.beta + T);
    const lifetime = exponentialDraw(uniform) / mu;
    return { rate, death: () => lifetime };
  };
}

/**
 * GGom/NBD: given alive at T, η ~ Gamma(s, β + e^(bT) − 1) and the residual lifetime g solves
 * η(e^(b(T+g)) − e^(bT)) = E for E ~ Exp(1) (the lifetime's survival is exp(−η(e^(bt) − 1)), Bemmaor &
 * Glady 2012).
 */
function ggomDraw(
  params: { r: number; alpha: number; b: number; s: number; beta: number },
  x: number,
  T: number,
): Draw {
  return (uniform) => {
    const rate = gammaDraw(uniform, params.r + x) / (params.alpha + T);
    const eta = gammaDraw(uniform, params.s) / (params.beta + Math.expm1(params.b * T));
    const lifetime = Math.log(Math.exp(params.b * T) + exponentialDraw(uniform) / eta) / params.b - T;
    return { rate, death: () => lifetime };
  };
}

interface Sample {
  readonly mean: number;
  readonly standardError: number;
}

/**
 * Simulates the customer's points over the horizon `draws` times, applying the rules exactly: purchases at
 * rate λ until death, each earning (perPurchase + perCurrencyUnit × a Gamma-Gamma spend drawn from the
 * customer's posterior) × tier points in a lot expiring `validity` weeks later; at each grid time a customer
 * alive then redeems everything open with probability 1 − (1 − ρ)^Δ, after the lots due by then expire.
 */
function simulate(
  draw: Draw,
  aliveNow: number,
  customer: { frequency: number; monetaryValue?: number; tier?: string },
  lots: readonly { points: number; expiresIn: number }[],
  draws: number,
  seed: number,
): { earned: Sample; redeemed: Sample; expired: Sample } {
  const uniform = seededUniform(seed);
  const { horizon, steps, redemptionRate } = OPTIONS;
  const validity = 100 / 7;
  const step = horizon / steps;
  const chance = 1 - (1 - redemptionRate) ** step;
  const multiplier = customer.tier === 'gold' ? 1.5 : 1;
  const { p, q, gamma } = SPEND.params;
  const x = customer.frequency;
  const sums = { earned: [0, 0], redeemed: [0, 0], expired: [0, 0] };
  for (let d = 0; d < draws; d++) {
    const alive = uniform() < aliveNow;
    const purchases: number[] = [];
    let death = 0;
    const open = lots.map((lot) => ({ credited: 0, expires: lot.expiresIn, left: lot.points }));
    let earned = 0;
    if (alive) {
      const { rate, death: deathOf } = draw(uniform);
      // Gamma-Gamma: ν | x, m̄ ~ Gamma(q + p·x, γ + x·m̄), each spend Gamma(p, ν)
      const nu = gammaDraw(uniform, q + p * x) / (gamma + x * (customer.monetaryValue ?? 0));
      for (let t = exponentialDraw(uniform) / rate; t <= horizon; t += exponentialDraw(uniform) / rate) {
        purchases.push(t);
      }
      death = deathOf(purchases);
      for (const t of purchases) {
        if (t > death) break;
        const points = (10 + gammaDraw(uniform, p) / nu) * multiplier;
        earned += points;
        open.push({ credited: t, expires: t + validity, left: points });
      }
    }
    let redeemed = 0;
    let expired = 0;
    for (let k = 1; k <= steps; k++) {
      const time = (k * horizon) / steps;
      for (const lot of open) {
        if (lot.credited < time && lot.expires <= time) {
          expired += lot.left;
          lot.left = 0;
        }
      }
      if (alive && time < death && uniform() < chance) {
        for (const lot of open) {
          if (lot.credited < time) {
            redeemed += lot.left;
            lot.left = 0;
          }
        }
      }
    }
    for (const lot of open) if (lot.expires <= horizon) expired += lot.left;
    for (const [name, value] of [
      ['earned', earned],
      ['redeemed', redeemed],
      ['expired', expired],
    ] as const) {
      sums[name][0] = (sums[name][0] as number) + value;
      sums[name][1] = (sums[name][1] as number) + value * value;
    }
  }
  const sample = ([sum, squares]: number[]): Sample => {
    const mean = (sum as number) / draws;
    const variance = ((squares as number) - draws * mean * mean) / (draws - 1);
    return { mean, standardError: Math.sqrt(Math.max(0, variance) / draws) };
  };
  return { earned: sample(sums.earned), redeemed: sample(sums.redeemed), expired: sample(sums.expired) };
}

/** The open lots of each customer at AT, their expiry in weeks after AT. */
function openLots(): Map<string, { points: number; expiresIn: number }[]> {
  const balance = pointsBalance(LEDGER, { at: AT, validityDays: 100 });
  return new Map(
    balance.customers.map((customer) => [
      customer.customerId,
      customer.lots.map((lot) => ({ points: lot.points, expiresIn: ((lot.expiresAt ?? 0) - AT) / WEEK })),
    ]),
  );
}

const DRAWS = 20_000;

describe('pointsForecast against simulation from the fitted model', () => {
  const lots = openLots();
  const cases = [
    ['BG/NBD', BG, (c: (typeof CUSTOMERS)[number]) => bgDraw(BG.params, c.frequency, c.T, 0)],
    ['MBG/NBD', MBG, (c: (typeof CUSTOMERS)[number]) => bgDraw(MBG.params, c.frequency, c.T, 1)],
    ['Pareto/NBD', PARETO, (c: (typeof CUSTOMERS)[number]) => paretoDraw(PARETO.params, c.frequency, c.T)],
    ['GGom/NBD', GGOM, (c: (typeof CUSTOMERS)[number]) => ggomDraw(GGOM.params, c.frequency, c.T)],
  ] as const;
  for (const [name, fit, drawOf] of cases) {
    // tolerance: 4 standard errors of the simulated mean (20,000 draws per customer, seeded)
    it(`${name}: earned, redeemed and expired are within 4 standard errors of 20,000 simulated futures`, () => {
      const forecast = pointsForecast(LEDGER, fit, OPTIONS);
      CUSTOMERS.forEach((customer, index) => {
        const own = forecast.customers.find((entry) => entry.customerId === customer.customerId);
        if (own === undefined) throw new Error(`no forecast for ${customer.customerId}`);
        const alive = probabilityAlive(fit, customer);
        const simulated = simulate(
          drawOf(customer),
          alive,
          customer,
          lots.get(customer.customerId) ?? [],
          DRAWS,
          1000 + index,
        );
        for (const measure of ['earned', 'redeemed', 'expired'] as const) {
          const { mean, standardError } = simulated[measure];
          const gap = Math.abs(own[measure] - mean);
          expect(
            gap <= 4 * standardError,
            `${name} ${customer.customerId} ${measure}: forecast ${own[measure]}, simulated ${mean} ± ${standardError}`,
          ).toBe(true);
        }
      });
    });
  }
});

describe('pointsForecast', () => {
  it('reads the opening balance from the ledger replay (pointsBalance) and keeps the identity', () => {
    const forecast = pointsForecast(LEDGER, BG, OPTIONS);
    const balance = pointsBalance(LEDGER, { at: AT, validityDays: 100 });
    expect(forecast.opening).toBe(balance.customers.reduce((sum, customer) => sum + customer.balance, 0));
    for (const customer of forecast.customers) {
      expectClose(
        customer.closing,
        customer.opening + customer.earned - customer.redeemed - customer.expired,
        1e-12,
      );
    }
  });

  it('with redemptionRate 0 and a lapsed customer, the opening lots due in the horizon expire (pointsExpiring)', () => {
    const forecast = pointsForecast(LEDGER, BG, {
      ...OPTIONS,
      customers: [],
      withoutSummary: 'lapsed',
      redemptionRate: 0,
    });
    const due = pointsExpiring(LEDGER, { at: AT, withinDays: 52 * 7, validityDays: 100 });
    expect(forecast.expired).toBe(due.points);
    expect(forecast.openingExpired).toBe(due.points);
    expect([forecast.earned, forecast.redeemed]).toEqual([0, 0]);
  });

  it('breakage is expired ÷ (opening + earned) and liability is pointsLiability at the opening breakage', () => {
    const forecast = pointsForecast(LEDGER, BG, { ...OPTIONS, pointValue: 0.01 });
    expectClose(forecast.breakage ?? Number.NaN, forecast.expired / (forecast.opening + forecast.earned));
    expectClose(forecast.openingBreakage ?? Number.NaN, forecast.openingExpired / forecast.opening);
    const booked = pointsLiability(LEDGER, {
      at: AT,
      validityDays: 100,
      pointValue: 0.01,
      expectedBreakage: forecast.openingBreakage ?? 0,
    });
    expectClose(forecast.liability ?? Number.NaN, booked.liability);
  });

  it('NBD customers never drop out: earned = points per purchase × (r+x)/(α+T) × horizon', () => {
    const nbd = { model: 'nbd', params: { r: 0.385, alpha: 12.07 } } as const;
    const forecast = pointsForecast([], nbd, {
      at: AT,
      horizon: 52,
      timeUnit: 'week',
      earnRules: { perPurchase: 10 },
      redemptionRate: 0,
      customers: [{ customerId: 'ann', frequency: 4, recency: 30, T: 40 }],
    });
    expectClose(forecast.earned, (10 * 52 * (0.385 + 4)) / (12.07 + 40));
    expect(forecast.expired).toBe(0);
  });

  it('refuses a ledger customer without a summary row, naming them (UNKNOWN_CUSTOMER)', () => {
    const call = (): unknown => pointsForecast(LEDGER, BG, { ...OPTIONS, customers: CUSTOMERS.slice(0, 2) });
    expect(codeOf(call)).toBe('UNKNOWN_CUSTOMER');
    expect(call).toThrow(/"cy"/);
  });

  it('refuses models without the alive path (UNSUPPORTED_MODEL)', () => {
    const bgBb = { model: 'bgBb', params: { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.78 } } as const;
    expect(codeOf(() => pointsForecast(LEDGER, bgBb, OPTIONS))).toBe('UNSUPPORTED_MODEL');
    expect(codeOf(() => pointsForecast(LEDGER, SPEND, OPTIONS))).toBe('UNSUPPORTED_MODEL');
  });

  it('reports bad options with their codes', () => {
    const { spendFit: _spendFit, ...withoutSpend } = OPTIONS;
    expect(codeOf(() => pointsForecast(LEDGER, BG, withoutSpend))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => pointsForecast(LEDGER, BG, { ...OPTIONS, averageSpend: 30 }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => pointsForecast(LEDGER, BG, { ...OPTIONS, redemptionRate: 1.5 }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(codeOf(() => pointsForecast(LEDGER, BG, { ...OPTIONS, horizon: -1 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => pointsForecast(LEDGER, BG, { ...OPTIONS, steps: 10_001 }))).toBe('OUT_OF_RANGE');
    expect(
      codeOf(() =>
        pointsForecast(LEDGER, BG, {
          ...OPTIONS,
          earnRules: { perPurchase: 1, occasionBonuses: { birthday: { points: 50 } } },
        }),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(
      codeOf(() =>
        pointsForecast(LEDGER, BG, { ...OPTIONS, customers: [...CUSTOMERS, ...CUSTOMERS.slice(0, 1)] }),
      ),
    ).toBe('DUPLICATE_CUSTOMER_ID');
    expect(
      codeOf(() =>
        pointsForecast(LEDGER, BG, { ...OPTIONS, redemptionRat: 0.1 } as unknown as typeof OPTIONS),
      ),
    ).toBe('INVALID_OPTION');
  });
});
