import { describe, expect, it } from 'vitest';
import { calibrationHoldoutSummary, fitGgomNbd, fitParetoNbd } from '../../../src/index';
import { cdnowSampleTransactions, hasSharedData, SKIP_MESSAGE } from '../../helpers/sharedData';
import { logLikelihoodOf } from '../literatureHelpers';

const describeShared = describe.skipIf(!hasSharedData);
const label = hasSharedData ? 'shared data present' : SKIP_MESSAGE;

const relative = (value: number, reference: number) => Math.abs(value - reference) / Math.abs(reference);

describeShared(`CDNOW from the transaction log, exact times (${label})`, () => {
  const calibration = () =>
    calibrationHoldoutSummary(cdnowSampleTransactions(), {
      unit: 'week',
      calibrationEnd: '1997-09-30',
      observationEnd: '1998-06-30',
    });

  // CLVTools tests/testthat/test_correctness_ggomnbd.R (v0.12.1): r 0.55313, alpha 10.5758, b 0.0000011,
  // s 0.60682, beta 0.000013, LL −9594.9762 ("kkt2.true = FALSE": not an interior optimum); Bemmaor & Glady
  // (2012) table 2: r 0.553, alpha 10.578, b 0.0002, s 0.603, beta 0.0026, LL −9594.98. Both are points on
  // the way to b → 0 with beta/b fixed, GGom/NBD's Pareto/NBD limit, so b and beta themselves are not
  // reproducible; r, alpha, s, beta/b and the likelihood are.
  it('GGom/NBD matches CLVTools on CDNOW: r 0.55313, alpha 10.5758 and s 0.60682 to 1e−3, log-likelihood −9594.9762 ± 0.01', () => {
    const fit = fitGgomNbd(calibration());
    expect(relative(fit.params.r, 0.55313)).toBeLessThanOrEqual(1e-3);
    expect(relative(fit.params.alpha, 10.5758)).toBeLessThanOrEqual(1e-3);
    expect(relative(fit.params.s, 0.60682)).toBeLessThanOrEqual(1e-3);
    expect(Math.abs(logLikelihoodOf(fit) - -9594.9762)).toBeLessThanOrEqual(0.01);
  });

  it('GGom/NBD on CDNOW runs to its Pareto/NBD limit, as CLVTools and Bemmaor & Glady (2012) find: b → 0, beta/b → Pareto/NBD’s beta, reported as not converged', () => {
    const rows = calibration();
    const fit = fitGgomNbd(rows);
    const pareto = fitParetoNbd(rows);
    expect(fit.converged).toBe(false);
    expect(fit.reason).toContain('b');
    expect(fit.params.b).toBeLessThan(1e-4);
    expect(relative(fit.params.beta / fit.params.b, pareto.params.beta)).toBeLessThanOrEqual(1e-3);
    expect(Math.abs(logLikelihoodOf(fit) - logLikelihoodOf(pareto))).toBeLessThanOrEqual(1e-3);
  });
});
