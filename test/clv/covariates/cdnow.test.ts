// The CDNOW section of docs/model-covariates.md: the 2,357 customers of CDNOW_sample.txt (Fader, Hardie & Lee
// 2005), calibration to 1997-09-30 in weeks, with the first day's spend as a static covariate of both
// processes. The plain fit is BTYD's (log-likelihood −9594.976); the covariate fit's likelihood is checked by
// an independent path (each customer's plain Pareto/NBD likelihood at its own α·e^(−γ·z), β·e^(−γ·z)); the
// guide's figures are what this computes.
import { describe, expect, it } from 'vitest';
import { fitBgNbd, fitParetoNbd, likelihoodRatioTest, logLikelihoodAt, rfmSummary } from '../../../src/index';
import { cdnowSampleTransactions, hasSharedData, SKIP_MESSAGE } from '../../helpers/sharedData';

/** Calibration rows with `firstSpend`: ln(1 + the first day's dollars), centred on its mean. */
function cdnowRows(): {
  frequency: number;
  recency: number;
  T: number;
  covariates: { firstSpend: number };
}[] {
  const calibration = cdnowSampleTransactions().filter((row) => row.at <= '1997-09-30');
  const summary = rfmSummary(calibration, { unit: 'week', observationEnd: '1997-09-30T23:59:59Z' });
  const firstDay = new Map<string, string>();
  for (const { customerId, at } of calibration) {
    const id = String(customerId);
    const day = firstDay.get(id);
    if (day === undefined || at < day) firstDay.set(id, at);
  }
  const spend = new Map<string, number>();
  for (const { customerId, at, amount } of calibration) {
    const id = String(customerId);
    if (at === firstDay.get(id)) spend.set(id, (spend.get(id) ?? 0) + amount);
  }
  const logs = summary.map((row) => Math.log1p(spend.get(String(row.customerId)) as number));
  const mean = logs.reduce((sum, value) => sum + value, 0) / logs.length;
  return summary.map((row, i) => ({
    frequency: row.frequency,
    recency: row.recency,
    T: row.T,
    covariates: { firstSpend: (logs[i] as number) - mean },
  }));
}

describe.skipIf(!hasSharedData)(
  'CDNOW with the first purchase as a covariate (docs/model-covariates.md)',
  () => {
    it('Pareto/NBD: the first spend raises the purchase rate, not the dropout; the guide’s figures', {
      timeout: 120_000,
    }, () => {
      const rows = cdnowRows();
      expect(rows.length).toBe(2357);
      const plain = fitParetoNbd(rows.map(({ covariates: _, ...row }) => row));
      expect(plain.logLikelihood as number).toBeCloseTo(-9594.976, 3); // BTYD on CDNOW
      const fit = fitParetoNbd(rows, { covariates: { purchase: ['firstSpend'], dropout: ['firstSpend'] } });
      expect(fit.converged).toBe(true);
      const { r, alpha, s, beta } = fit.params;
      const gp = fit.coefficients.purchase['firstSpend'] as number;
      const gd = fit.coefficients.dropout['firstSpend'] as number;
      // the same likelihood by another path: each customer's plain likelihood at its own parameters
      let direct = 0;
      for (const { covariates, ...row } of rows) {
        const z = covariates.firstSpend;
        const own = { r, alpha: alpha * Math.exp(-gp * z), s, beta: beta * Math.exp(-gd * z) };
        direct += logLikelihoodAt({ model: 'paretoNbd', params: own }, [row]);
      }
      expect(direct).toBeCloseTo(fit.logLikelihood as number, 6);
      // the guide's figures
      expect([r, alpha, s, beta].map((v) => Number(v.toFixed(3)))).toEqual([0.573, 11.276, 0.614, 12.029]);
      expect(Number(gp.toFixed(3))).toBe(0.365);
      expect(Number(gd.toFixed(3))).toBe(0.01);
      const errors = fit.coefficientStandardErrors;
      expect(errors).not.toBeNull();
      expect(
        Number(((errors as NonNullable<typeof errors>).purchase['firstSpend'] as number).toFixed(3)),
      ).toBe(0.062);
      expect(
        Number(((errors as NonNullable<typeof errors>).dropout['firstSpend'] as number).toFixed(3)),
      ).toBe(0.15);
      expect(Number((fit.logLikelihood as number).toFixed(3))).toBe(-9571.982);
      const test = likelihoodRatioTest(plain, fit);
      expect(test.degreesOfFreedom).toBe(2);
      expect(Number(test.statistic.toFixed(2))).toBe(45.99);
      expect(test.pValue).toBeLessThan(1e-9);
    });

    it('BG/NBD: the same covariate on the purchase rate and on a, b', { timeout: 120_000 }, () => {
      const fit = fitBgNbd(cdnowRows(), {
        covariates: { purchase: ['firstSpend'], dropout: ['firstSpend'] },
      });
      expect(fit.converged).toBe(true);
      expect(Number((fit.coefficients.purchase['firstSpend'] as number).toFixed(3))).toBe(0.481);
      expect(Number((fit.coefficients.dropout['firstSpend'] as number).toFixed(3))).toBe(0.312);
      expect(Number((fit.logLikelihood as number).toFixed(3))).toBe(-9559.5);
    });
  },
);

if (!hasSharedData) console.warn(`CDNOW covariates: ${SKIP_MESSAGE}`);
