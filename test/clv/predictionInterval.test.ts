// Prediction intervals (issue 16 item 5): the delta method against its definition, the bootstrap against
// the delta method on CDNOW, coverage on data simulated from known parameters, and the refusals.
import { describe, expect, it } from 'vitest';
import {
  bootstrapFits,
  customerLifetimeValue,
  discountedExpectedTransactions,
  expectedAverageSpend,
  expectedPurchases,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  type ModelSpec,
  predictionInterval,
  probabilityAlive,
  simulateCustomers,
} from '../../src/index';
import { normalQuantile } from '../../src/math/normal';
import { codeOf } from '../helpers/errors';
import { hasSharedData, readShared, SKIP_MESSAGE } from '../helpers/sharedData';

const ROWS = [
  { frequency: 0, recency: 0, T: 38, weight: 60 },
  { frequency: 1, recency: 4, T: 38, weight: 10 },
  { frequency: 1, recency: 30, T: 36, weight: 9 },
  { frequency: 2, recency: 10, T: 38, weight: 4 },
  { frequency: 2, recency: 33, T: 35, weight: 7 },
  { frequency: 6, recency: 35, T: 37, weight: 2 },
];
const FIT = fitBgNbd(ROWS);
const CUSTOMER = { frequency: 2, recency: 30, T: 38 };
const DELTA = { method: 'delta' } as const;

/** The CDNOW calibration summary of Fader, Hardie & Lee (2005): 2,357 customers, weeks. */
function cdnowRows(): { frequency: number; recency: number; T: number }[] {
  return readShared('cdnow_customers_summary.csv')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [, frequency, recency, T] = line.split(',').map(Number) as [number, number, number, number];
      return { frequency, recency, T };
    });
}

describe('the delta method', () => {
  it('for a parameter itself is the log-scale interval the fit reports, at its level', () => {
    expect(FIT.converged).toBe(true);
    const r = predictionInterval(FIT, (fit) => (fit.params as { r: number }).r, {
      method: 'delta',
      level: 0.95,
    });
    const se = (FIT.standardErrors as { r: number }).r;
    // central differences of a linear function: exact up to rounding
    expect(Math.abs(r.standardError / se - 1)).toBeLessThan(1e-9);
    const [lower, upper] = (FIT.confidenceIntervals as { r: readonly [number, number] }).r;
    // the fit's intervals use z = 1.96; the level 0.95 uses z = 1.959964
    const z = normalQuantile(0.975);
    expect(Math.abs(r.lower / (FIT.params.r * Math.exp((-z * se) / FIT.params.r)) - 1)).toBeLessThan(1e-9);
    expect(Math.abs(r.upper / (FIT.params.r * Math.exp((z * se) / FIT.params.r)) - 1)).toBeLessThan(1e-9);
    // the same interval up to the difference of z: 1.96 against 1.959964
    expect(Math.abs(r.lower / lower - 1)).toBeLessThan(1e-4);
    expect(Math.abs(r.upper / upper - 1)).toBeLessThan(1e-4);
  });

  it('is ∇gᵀ Σ ∇g with the fit covariance (a linear combination of the parameters is exact)', () => {
    const { matrix, parameters } = FIT.covariance;
    const weights = [2, -0.5, 1, 3];
    const g = (fit: ModelSpec): number => {
      const p = fit.params as unknown as Record<string, number>;
      return 100 + parameters.reduce((sum, name, i) => sum + (weights[i] as number) * (p[name] as number), 0);
    };
    let variance = 0;
    weights.forEach((wi, i) => {
      weights.forEach((wj, j) => {
        variance += wi * wj * ((matrix as number[][])[i]?.[j] as number);
      });
    });
    expect(predictionInterval(FIT, g, DELTA).standardError).toBeCloseTo(Math.sqrt(variance), 8);
  });

  it('gives every prediction the estimate it returns without intervals, inside its interval', () => {
    const cases = [
      [expectedPurchases(FIT, 10, CUSTOMER), expectedPurchases(FIT, 10, CUSTOMER, { intervals: DELTA })],
      [expectedPurchases(FIT, 10), expectedPurchases(FIT, 10, undefined, { intervals: DELTA })],
      [probabilityAlive(FIT, CUSTOMER), probabilityAlive(FIT, CUSTOMER, { intervals: DELTA })],
      [
        probabilityAlive(FIT, CUSTOMER, { horizon: 5 }),
        probabilityAlive(FIT, CUSTOMER, { horizon: 5, intervals: DELTA }),
      ],
      [
        discountedExpectedTransactions(FIT, CUSTOMER, { discountRate: 0.1, timeUnit: 'week' }),
        discountedExpectedTransactions(FIT, CUSTOMER, {
          discountRate: 0.1,
          timeUnit: 'week',
          intervals: DELTA,
        }),
      ],
    ] as const;
    for (const [point, range] of cases) {
      expect(range.estimate).toBe(point);
      expect(range.lower).toBeLessThan(point);
      expect(range.upper).toBeGreaterThan(point);
      expect(range.level).toBe(0.9);
    }
  });

  it('adds the spend fit’s variance to the purchase fit’s in the CLV (independent estimates)', () => {
    const spend = fitGammaGamma([
      { frequency: 1, monetaryValue: 20 },
      { frequency: 3, monetaryValue: 35 },
      { frequency: 2, monetaryValue: 80, weight: 2 },
      { frequency: 4, monetaryValue: 28 },
      { frequency: 1, monetaryValue: 55 },
      { frequency: 6, monetaryValue: 31 },
      { frequency: 2, monetaryValue: 44, weight: 3 },
    ]);
    const customer = { ...CUSTOMER, monetaryValue: 30 };
    const options = { timeUnit: 'week', horizon: 52, discountRate: 0.1, margin: 0.3 } as const;
    const both = customerLifetimeValue(FIT, customer, { ...options, spendModel: spend, intervals: DELTA });
    const purchaseOnly = predictionInterval(
      FIT,
      (fit) => customerLifetimeValue(fit, customer, { ...options, spendModel: spend }),
      DELTA,
    );
    const spendOnly = predictionInterval(
      spend,
      (s) => customerLifetimeValue(FIT, customer, { ...options, spendModel: s as ModelSpec<'gammaGamma'> }),
      DELTA,
    );
    expect(both.estimate).toBe(customerLifetimeValue(FIT, customer, { ...options, spendModel: spend }));
    expect(both.standardError ** 2).toBeCloseTo(
      purchaseOnly.standardError ** 2 + spendOnly.standardError ** 2,
      10,
    );
    const spendRange = expectedAverageSpend(spend, { frequency: 2, monetaryValue: 30 }, { intervals: DELTA });
    expect(spendRange.lower).toBeLessThan(spendRange.estimate);
  });

  it('widens with the level and keeps probabilities in [0, 1]', () => {
    let previous = 0;
    for (const level of [0.5, 0.8, 0.9, 0.95, 0.999]) {
      const range = probabilityAlive(
        FIT,
        { frequency: 6, recency: 10, T: 38 },
        { intervals: { method: 'delta', level } },
      );
      expect(range.upper - range.lower).toBeGreaterThan(previous);
      expect(range.lower).toBeGreaterThanOrEqual(0);
      expect(range.upper).toBeLessThanOrEqual(1);
      previous = range.upper - range.lower;
    }
    // P(alive) of a BG/NBD customer without repeat purchases is 1 at every parameter: no spread
    const certain = probabilityAlive(FIT, { frequency: 0, recency: 0, T: 38 }, { intervals: DELTA });
    expect([certain.lower, certain.estimate, certain.upper, certain.standardError]).toEqual([1, 1, 1, 0]);
  });
});

describe('the bootstrap', () => {
  it('is reproducible under a seed, differs under another, and refits from the rows’ customers', () => {
    const a = bootstrapFits(FIT, ROWS, { resamples: 20, seed: 5 });
    const b = bootstrapFits(FIT, ROWS, { resamples: 20, seed: 5 });
    const c = bootstrapFits(FIT, ROWS, { resamples: 20, seed: 6 });
    expect(a).toEqual(b);
    expect(a.params).not.toEqual(c.params);
    expect(a.params.length + a.failed).toBe(20);
    expect(a.n).toBe(92);
    // the same customers as one row each give the same refits as their histogram
    const raw = ROWS.flatMap(({ weight, ...row }) => Array.from({ length: weight }, () => row));
    expect(bootstrapFits(fitBgNbd(raw), raw, { resamples: 20, seed: 5 }).params).toEqual(a.params);
  });

  it.skipIf(!hasSharedData)(
    'agrees with the delta method on CDNOW, and contains the estimate',
    { timeout: 120_000 },
    () => {
      // skipped without ../shared/data: SKIP_MESSAGE
      const rows = cdnowRows();
      const fit = fitBgNbd(rows);
      const boot = bootstrapFits(fit, rows, { resamples: 300, seed: 11 });
      expect(boot.failed).toBe(0);
      const customer = { frequency: 2, recency: 30.43, T: 38.86 };
      const predictions: [
        string,
        (method: 'delta' | 'bootstrap') => ReturnType<typeof predictionInterval>,
      ][] = [
        [
          'E[Y(39) | 2, 30.43, 38.86]',
          (method) =>
            expectedPurchases(fit, 39, customer, {
              intervals: method === 'delta' ? DELTA : { method, bootstrap: boot },
            }),
        ],
        [
          'P(alive)',
          (method) =>
            probabilityAlive(fit, customer, {
              intervals: method === 'delta' ? DELTA : { method, bootstrap: boot },
            }),
        ],
        [
          'E[X(39)] of a new customer',
          (method) =>
            expectedPurchases(fit, 39, undefined, {
              intervals: method === 'delta' ? DELTA : { method, bootstrap: boot },
            }),
        ],
      ];
      for (const [, interval] of predictions) {
        const delta = interval('delta');
        const bootstrap = interval('bootstrap');
        expect(bootstrap.estimate).toBe(delta.estimate);
        expect(bootstrap.lower).toBeLessThan(bootstrap.estimate);
        expect(bootstrap.upper).toBeGreaterThan(bootstrap.estimate);
        // with 300 resamples a standard deviation is known to ±4% (1/√(2·300)); the two methods agree to 20%
        expect(bootstrap.standardError / delta.standardError).toBeGreaterThan(0.8);
        expect(bootstrap.standardError / delta.standardError).toBeLessThan(1.2);
      }
    },
  );
});

describe('coverage on data simulated from known parameters', () => {
  it('the 90% delta intervals cover the true predictions 85–95% of the time', { timeout: 300_000 }, () => {
    // CDNOW's BG/NBD estimates (Fader, Hardie & Lee 2005) as the truth; 300 data sets of 1,000 customers
    // observed 27 to 39 weeks; the predictions at the true parameters are the targets
    const truth = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
    const customer = { frequency: 2, recency: 30.43, T: 38.86 };
    const targets = [
      (fit: ModelSpec) => expectedPurchases(fit, 39, customer, { intervals: DELTA }),
      (fit: ModelSpec) => probabilityAlive(fit, customer, { intervals: DELTA }),
      (fit: ModelSpec) => expectedPurchases(fit, 39, undefined, { intervals: DELTA }),
    ];
    const values = [
      expectedPurchases(truth, 39, customer),
      probabilityAlive(truth, customer),
      expectedPurchases(truth, 39),
    ];
    const covered = [0, 0, 0];
    const sets = 300;
    const T = Array.from({ length: 1000 }, (_, i) => 27 + (12 * i) / 999);
    let fitted = 0;
    for (let set = 0; set < sets; set++) {
      const { summary } = simulateCustomers(truth, { customers: 1000, T, seed: 1000 + set });
      const fit = fitBgNbd(summary);
      if (fit.covariance.matrix === null) continue;
      fitted++;
      targets.forEach((target, i) => {
        const range = target(fit);
        if (range.lower <= (values[i] as number) && (values[i] as number) <= range.upper)
          covered[i] = (covered[i] as number) + 1;
      });
    }
    expect(fitted).toBeGreaterThanOrEqual(290);
    for (const count of covered) {
      expect(count / fitted).toBeGreaterThanOrEqual(0.85);
      expect(count / fitted).toBeLessThanOrEqual(0.95);
    }
  });
});

describe('refusals', () => {
  it('names what is wrong', () => {
    const bare = { model: 'bgNbd', params: FIT.params } as const;
    expect(codeOf(() => expectedPurchases(bare, 10, CUSTOMER, { intervals: DELTA }))).toBe('INVALID_FIT');
    expect(codeOf(() => probabilityAlive(FIT, CUSTOMER, { intervals: { method: 'delta', level: 1 } }))).toBe(
      'OUT_OF_RANGE',
    );
    // below 1, but too close to it for a finite z (the bounds were NaN before)
    expect(
      codeOf(() => probabilityAlive(FIT, CUSTOMER, { intervals: { method: 'delta', level: 1 - 2 ** -53 } })),
    ).toBe('OUT_OF_RANGE');
    expect(codeOf(() => probabilityAlive(FIT, CUSTOMER, { intervals: { method: 'exact' as never } }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => probabilityAlive(FIT, CUSTOMER, { intervals: { method: 'bootstrap' } }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(
      codeOf(() => probabilityAlive(FIT, CUSTOMER, { intervals: { method: 'delta', bogus: 1 } as never })),
    ).toBe('INVALID_OPTION');
    const boot = bootstrapFits(FIT, ROWS, { resamples: 5 });
    expect(
      codeOf(() => probabilityAlive(FIT, CUSTOMER, { intervals: { method: 'delta', bootstrap: boot } })),
    ).toBe('INVALID_ARGUMENT');
    const pareto = fitParetoNbd(ROWS);
    expect(
      codeOf(() =>
        probabilityAlive(pareto, CUSTOMER, { intervals: { method: 'bootstrap', bootstrap: boot } }),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => bootstrapFits(FIT, ROWS.slice(1)))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => bootstrapFits(FIT, ROWS, { resamples: 0 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => bootstrapFits(FIT, ROWS, { resamples: 2.5 }))).toBe('NOT_AN_INTEGER');
    expect(codeOf(() => bootstrapFits(FIT, ROWS, { seed: 0.5 }))).toBe('NOT_AN_INTEGER');
    expect(codeOf(() => bootstrapFits(FIT, ROWS, { resamples: 1e6 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => bootstrapFits({ ...FIT, model: 'shiftedBetaGeometric' } as never, ROWS))).toBe(
      'UNSUPPORTED_MODEL',
    );
    // a fit with covariates is refitted with them (test/clv/covariates/intervals.test.ts): empty
    // coefficients name none
    expect(codeOf(() => bootstrapFits({ ...FIT, coefficients: {} } as never, ROWS))).toBe('INVALID_FIT');
    expect(codeOf(() => predictionInterval(FIT, () => Number.NaN, DELTA))).toBe('NOT_FINITE');
  });
});

void SKIP_MESSAGE;
