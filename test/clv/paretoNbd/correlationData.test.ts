// The correlated Pareto/NBD on CLVTools' apparel data (600 customers, 40 weeks of estimation) and on the
// CDNOW sample (2,357 customers, weeks, estimation to 1997-09-30), against CLVTools 0.12.1 with
// use.cor = TRUE: scripts/reference/clvtools-correlation.R, run on the same files (its output is quoted in
// each test). On both, patronage's maximum is higher than the point where CLVTools stops, so the comparison
// is of both parameter sets evaluated by one function, logLikelihoodAt: at CLVTools' estimates it gives
// CLVTools' log-likelihood (to 0.01), and the fit is above it.
import { describe, expect, it } from 'vitest';
import { fitParetoNbd, likelihoodRatioTest, logLikelihoodAt, rfmSummary } from '../../../src/index';
import { APPAREL_SKIP, apparelSummary, hasApparel } from '../../helpers/apparel';
import { closeTo } from '../../helpers/numbers';
import { cdnowSampleTransactions, hasSharedData, SKIP_MESSAGE } from '../../helpers/sharedData';

/** A spec from CLVTools' coefficients: ω from its Cor(life,trans) = ω c₁c₂ √(rs)/((α+1)(β+1)). */
function clvtoolsSpec(r: number, alpha: number, s: number, beta: number, correlation: number) {
  const c1c2 = (alpha / (alpha + 1)) ** r * (beta / (beta + 1)) ** s;
  const omega = (correlation * (alpha + 1) * (beta + 1)) / (c1c2 * Math.sqrt(r * s));
  return { model: 'paretoNbd', params: { r, alpha, s, beta }, correlation: { omega } } as const;
}

/** The CDNOW sample's calibration summary in weeks, as CLVTools' clvdata makes it (T 38.857 for 1997-01-01). */
function cdnowRows() {
  const calibration = cdnowSampleTransactions().filter((row) => row.at <= '1997-09-30');
  return rfmSummary(calibration, { unit: 'week', observationEnd: '1997-09-30T23:59:59Z' }).map((row) => ({
    frequency: row.frequency,
    recency: row.recency,
    T: row.T,
  }));
}

const SLOW = 180_000;

describe.skipIf(!hasSharedData)('CDNOW: the correlated Pareto/NBD against CLVTools', () => {
  // CLVTools `pnbd(clv.cdnow, use.cor = TRUE)`: r 0.54318313651, alpha 10.10014234880, s 0.50884825019,
  // beta 9.17911999074, Cor(life,trans) 0.08611985605 (se 0.1399086), logLik −9591.76590724; the plain
  // pnbd: logLik −9594.9761809
  const clvtools = clvtoolsSpec(0.54318313651, 10.1001423488, 0.50884825019, 9.17911999074, 0.08611985605);

  it('our likelihood at CLVTools’ estimates is CLVTools’ log-likelihood (to 0.01)', () => {
    expect(Math.abs(logLikelihoodAt(clvtools, cdnowRows()) - -9591.76590724)).toBeLessThan(0.01);
  });

  it(
    'the fit is at least as high, with ω at its upper bound (Cor 0.088) and the test against the plain fit at 1 df',
    () => {
      const rows = cdnowRows();
      const fit = fitParetoNbd(rows, { correlation: true });
      const plain = fitParetoNbd(rows);
      const ours = fit.logLikelihood as number;
      expect(ours).toBeGreaterThanOrEqual(logLikelihoodAt(clvtools, rows));
      expect(ours - -9591.76590724).toBeLessThan(0.2);
      expect(Math.abs((plain.logLikelihood as number) - -9594.9761809)).toBeLessThan(0.01);
      // the maximum is where the mixing density touches 0: said, not hidden
      expect(fit.converged).toBe(false);
      expect(fit.reason).toMatch(/omega ran to its upper bound/);
      expect(closeTo(fit.correlation.omega, fit.correlation.omegaBounds[1], 1e-3)).toBe(true);
      expect(fit.correlation.estimate).toBeGreaterThan(0.08);
      expect(fit.correlation.estimate).toBeLessThan(0.1);
      const test = likelihoodRatioTest(plain, fit);
      expect(test.degreesOfFreedom).toBe(1);
      expect(test.statistic).toBeGreaterThan(6);
    },
    SLOW,
  );
});

describe.skipIf(!hasApparel)('apparel: the correlated Pareto/NBD against CLVTools', () => {
  // CLVTools `pnbd(clv.apparel, use.cor = TRUE)` (the same with Nelder-Mead): r 1.4022586164030, alpha
  // 49.8499730549081, s 0.2692885717935, beta 18.5463771159799, Cor(life,trans) −0.0006182510159 (se
  // 0.00464699), logLik −2612.72901208; its plain pnbd fails (NA coefficients)
  const clvtools = clvtoolsSpec(
    1.402258616403,
    49.8499730549081,
    0.2692885717935,
    18.5463771159799,
    -0.0006182510159,
  );

  it('our likelihood at CLVTools’ estimates is CLVTools’ log-likelihood (to 0.01)', () => {
    expect(Math.abs(logLikelihoodAt(clvtools, apparelSummary(40)) - -2612.72901208)).toBeLessThan(0.01);
  });

  it(
    'the fit is higher, with no correlation left to estimate (the dropout rate loses its heterogeneity)',
    () => {
      const rows = apparelSummary(40);
      const fit = fitParetoNbd(rows, { correlation: true });
      expect(fit.logLikelihood as number).toBeGreaterThan(logLikelihoodAt(clvtools, rows) + 0.5);
      expect(fit.converged).toBe(false);
      expect(Math.abs(fit.correlation.estimate)).toBeLessThan(1e-6);
    },
    SLOW,
  );
});

if (!hasSharedData) console.warn(SKIP_MESSAGE);
if (!hasApparel) console.warn(APPAREL_SKIP);
