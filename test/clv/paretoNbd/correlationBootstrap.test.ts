// Bootstrap intervals of the correlated Pareto/NBD: bootstrapFits refits ω on every resample (warm-started at
// the fit's estimates), and the intervals' spread agrees with the delta method's where the delta method
// applies. On the CDNOW sample itself (2,357 customers, weeks, estimation to 1997-09-30) the correlated
// maximum is on ω's upper bound (test/clv/paretoNbd/correlationData.test.ts), where the information matrix is
// singular and no delta interval exists; so the comparison is made on customers simulated from the
// correlated model in the CDNOW design (2,357 customers, 39 weeks), with an interior ω, and on CDNOW itself
// the bootstrap is checked to work where the delta method cannot.
import { describe, expect, it } from 'vitest';
import { omegaBounds } from '../../../src/clv/paretoNbd/correlation';
import {
  bootstrapFits,
  expectedPurchases,
  fitParetoNbd,
  type PredictionIntervalOptions,
  probabilityAlive,
  rfmSummary,
  simulateCustomers,
} from '../../../src/index';
import { cdnowSampleTransactions, hasSharedData, SKIP_MESSAGE } from '../../helpers/sharedData';

const SLOW = 300_000;
const customer = { frequency: 2, recency: 30.43, T: 38.86 };

describe('bootstrap intervals of a correlated fit against the delta method', () => {
  // λ ~ Gamma(1, 2), μ ~ Gamma(1, 2) per week (ω ranges over about [−2.25, 4.5]), ω = 1.5
  const truth = {
    model: 'paretoNbd',
    params: { r: 1, alpha: 2, s: 1, beta: 2 },
    correlation: { omega: 1.5 },
  } as const;

  it(
    'on 2,357 simulated customers, 200 resamples give standard errors within 20% of the delta method’s',
    () => {
      const { summary } = simulateCustomers(truth, { customers: 2357, T: 39, seed: 3 });
      const fit = fitParetoNbd(summary, { correlation: true });
      expect(fit.converged).toBe(true);
      expect(fit.covariance.matrix).not.toBeNull();
      const boot = bootstrapFits(fit, summary, { resamples: 200, seed: 11 });
      expect(boot.failed).toBe(0);
      expect(boot.omega?.length).toBe(200);
      const predictions = [
        (intervals: PredictionIntervalOptions) => probabilityAlive(fit, customer, { intervals }),
        (intervals: PredictionIntervalOptions) => expectedPurchases(fit, 39, customer, { intervals }),
        (intervals: PredictionIntervalOptions) => expectedPurchases(fit, 39, undefined, { intervals }),
      ];
      for (const prediction of predictions) {
        const delta = prediction({ method: 'delta' });
        const bootstrap = prediction({ method: 'bootstrap', bootstrap: boot });
        expect(bootstrap.estimate).toBe(delta.estimate);
        expect(bootstrap.lower).toBeLessThan(bootstrap.estimate);
        expect(bootstrap.upper).toBeGreaterThan(bootstrap.estimate);
        // with 200 resamples a standard deviation is known to ±5% (1/√(2·200)); the two methods agree to 20%
        expect(bootstrap.standardError / delta.standardError).toBeGreaterThan(0.8);
        expect(bootstrap.standardError / delta.standardError).toBeLessThan(1.2);
      }
      // and ω's own spread over the refits is its delta standard error's, to 20%
      const omegas = boot.omega as readonly number[];
      const mean = omegas.reduce((sum, value) => sum + value, 0) / omegas.length;
      const spread = Math.sqrt(
        omegas.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (omegas.length - 1),
      );
      const ratio = spread / (fit.correlation.omegaStandardError as number);
      expect(ratio).toBeGreaterThan(0.8);
      expect(ratio).toBeLessThan(1.2);
    },
    SLOW,
  );
});

describe.skipIf(!hasSharedData)('CDNOW: bootstrap intervals where the delta method has none', () => {
  it(
    'refits ω on every resample, within its range, and gives an interval around the estimate',
    () => {
      const calibration = cdnowSampleTransactions().filter((row) => row.at <= '1997-09-30');
      const rows = rfmSummary(calibration, { unit: 'week', observationEnd: '1997-09-30T23:59:59Z' }).map(
        (row) => ({ frequency: row.frequency, recency: row.recency, T: row.T }),
      );
      const fit = fitParetoNbd(rows, { correlation: true });
      // ω on its upper bound: no covariance, so no delta interval
      expect(fit.covariance.matrix).toBeNull();
      expect(() => probabilityAlive(fit, customer, { intervals: { method: 'delta' } })).toThrow(
        expect.objectContaining({ code: 'INVALID_FIT' }),
      );
      const boot = bootstrapFits(fit, rows, { resamples: 50, seed: 2 });
      expect(boot.failed).toBe(0);
      boot.params.forEach((params, b) => {
        const { lower, upper } = omegaBounds(params);
        expect(boot.omega?.[b]).toBeGreaterThanOrEqual(lower);
        expect(boot.omega?.[b]).toBeLessThanOrEqual(upper);
      });
      const interval = probabilityAlive(fit, customer, {
        intervals: { method: 'bootstrap', bootstrap: boot },
      });
      expect(interval.lower).toBeLessThan(interval.estimate);
      expect(interval.upper).toBeGreaterThan(interval.estimate);
    },
    SLOW,
  );
});

if (!hasSharedData) console.warn(SKIP_MESSAGE);
