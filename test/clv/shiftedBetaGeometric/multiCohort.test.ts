import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ContractCohort,
  fitBetaDiscreteWeibull,
  fitShiftedBetaGeometric,
  logLikelihoodAt,
  projectCohorts,
} from '../../../src/index';
import { survivorCounts } from '../arbitraries';
import { logLikelihoodOf } from '../literatureHelpers';

// Fader & Hardie, "Fitting the sBG Model to Multi-Cohort Data" (brucehardie.com, with
// multi-cohort_sBG_estimation.xls): cohorts of 10,000 acquired each year 2001–2005, observed to 2005, generated
// from an sBG with alpha 3.8, beta 15.2. The 2005 cohort has no renewal yet, so it adds nothing to the
// likelihood and is left out (a cohort needs two counts). Sheet "Full Information" (Excel's Solver):
// alpha 3.7971, beta 15.1875, LL −40,255.8373; scripts/reference/bdw_reference.py (mpmath): alpha
// 3.79812580791847, beta 15.191907937379, LL −40255.83728074067 (the spreadsheet's Solver stops ~1e−3 short).
const FADER_HARDIE: readonly ContractCohort[] = [
  { survivors: [10000, 8000, 6480, 5307, 4391] },
  { survivors: [10000, 8000, 6480, 5307] },
  { survivors: [10000, 8000, 6480] },
  { survivors: [10000, 8000] },
];

describe('contract fits across several acquisition cohorts', () => {
  it("sBG on Fader & Hardie's multi-cohort example: alpha 3.798, beta 15.192, LL −40,255.837 (mpmath to 1e−6)", () => {
    const fit = fitShiftedBetaGeometric({ cohorts: FADER_HARDIE });
    expect(fit.converged).toBe(true);
    expect(fit.n).toBe(40000);
    expect(Math.abs(fit.params.alpha - 3.79812580791847)).toBeLessThan(1e-6);
    expect(Math.abs(fit.params.beta - 15.191907937379)).toBeLessThan(1e-6);
    expect(Math.abs(logLikelihoodOf(fit) - -40255.83728074067)).toBeLessThan(1e-6);
    // the spreadsheet's Solver values to its own precision
    expect(Math.abs(fit.params.alpha - 3.7970727122831365)).toBeLessThan(5e-3);
    expect(Math.abs(logLikelihoodOf(fit) - -40255.83728220302)).toBeLessThan(1e-4);
  });

  it('BdW on the same cohorts: c 1.0004 (the data are sBG), LL −40,255.8372 (mpmath to 1e−6)', () => {
    const fit = fitBetaDiscreteWeibull({ cohorts: FADER_HARDIE });
    expect(Math.abs(fit.params.alpha - 3.77315641665047)).toBeLessThan(1e-6);
    expect(Math.abs(fit.params.beta - 15.0928107720499)).toBeLessThan(1e-6);
    expect(Math.abs(fit.params.c - 1.00040402557272)).toBeLessThan(1e-6);
    expect(Math.abs(logLikelihoodOf(fit) - -40255.83721108155)).toBeLessThan(1e-6);
  });

  it('one cohort is the single-cohort fit to the bit, for both models', () => {
    fc.assert(
      fc.property(survivorCounts, (survivors) => {
        expect(fitShiftedBetaGeometric({ cohorts: [{ survivors }] })).toEqual(
          fitShiftedBetaGeometric({ survivors }),
        );
        expect(fitBetaDiscreteWeibull({ cohorts: [{ survivors }] })).toEqual(
          fitBetaDiscreteWeibull({ survivors }),
        );
      }),
      { numRuns: 30 },
    );
  });

  it('the likelihood is the sum over the cohorts', () => {
    fc.assert(
      fc.property(fc.array(survivorCounts, { minLength: 1, maxLength: 5 }), (series) => {
        const cohorts = series.map((survivors) => ({ survivors }));
        for (const spec of [
          { model: 'shiftedBetaGeometric', params: { alpha: 0.8, beta: 2.5 } },
          { model: 'betaDiscreteWeibull', params: { alpha: 0.8, beta: 2.5, c: 1.3 } },
        ] as const) {
          const sum = series.reduce((total, survivors) => total + logLikelihoodAt(spec, { survivors }), 0);
          const joint = logLikelihoodAt(spec, { cohorts });
          expect(Math.abs(joint - sum)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(sum)));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('names the bad cohort, and refuses mixed, empty or unknown data', () => {
    const code = (run: () => unknown): unknown => {
      try {
        run();
      } catch (error) {
        return [(error as { code: string }).code, (error as Error).message];
      }
      return 'no error';
    };
    expect(code(() => fitShiftedBetaGeometric({ cohorts: [] }))).toEqual([
      'EMPTY_INPUT',
      'fitShiftedBetaGeometric: data.cohorts is empty; at least one value is needed',
    ]);
    expect(
      code(() => fitBetaDiscreteWeibull({ cohorts: [{ survivors: [100, 90] }, { survivors: [50] }] })),
    ).toEqual([
      'EMPTY_INPUT',
      'fitBetaDiscreteWeibull: data.cohorts[1].survivors needs the starting count and at least one more period',
    ]);
    expect(
      code(() => fitShiftedBetaGeometric({ cohorts: [{ survivors: [100, 90] }, { survivors: [50, 60] }] })),
    ).toEqual([
      'INVALID_SUMMARY_ROW',
      'fitShiftedBetaGeometric: data.cohorts[1].survivors[1] (60) exceeds data.cohorts[1].survivors[0] (50): survivors cannot grow',
    ]);
    expect(code(() => fitShiftedBetaGeometric({ cohorts: [{ survivor: [100, 90] }] } as never))).toEqual([
      'INVALID_OPTION',
      'fitShiftedBetaGeometric: data.cohorts[0] has no option "survivor"; did you mean "survivors"?',
    ]);
    expect(
      code(() =>
        fitShiftedBetaGeometric({ survivors: [100, 90], cohorts: [{ survivors: [100, 90] }] } as never),
      ),
    ).toEqual([
      'INVALID_ARGUMENT',
      'fitShiftedBetaGeometric: data has survivors and cohorts; give exactly one of survivors, lifetimes or cohorts',
    ]);
    expect(code(() => fitBetaDiscreteWeibull({ cohort: [] } as never))).toEqual([
      'INVALID_OPTION',
      'fitBetaDiscreteWeibull: data has no option "cohort"; did you mean "cohorts"?',
    ]);
  });
});

describe('projectCohorts', () => {
  it("projects Fader & Hardie's cohorts: the fitted curve beside the counts, and the survivors ahead", () => {
    const fit = fitShiftedBetaGeometric({ cohorts: FADER_HARDIE });
    const { cohorts, total } = projectCohorts(fit, { cohorts: FADER_HARDIE }, 3);
    expect(cohorts.map((cohort) => cohort.observedPeriods)).toEqual([4, 3, 2, 1]);
    // the data were generated from the model, so the fitted curve reproduces them to the count
    const first = cohorts[0] as (typeof cohorts)[number];
    expect(first.expected.slice(0, 5).map(Math.round)).toEqual([10000, 8000, 6480, 5307, 4391]);
    expect(first.expected).toHaveLength(8);
    // the youngest cohort, given its 8,000 survivors, follows the older cohorts' path
    expect((cohorts[3] as (typeof cohorts)[number]).projected.map(Math.round)).toEqual([6480, 5307, 4391]);
    for (let k = 0; k < 3; k++) {
      const sum = cohorts.reduce((s, cohort) => s + (cohort.projected[k] as number), 0);
      expect(total[k]).toBeCloseTo(sum, 9);
    }
    expect(total[0] as number).toBeGreaterThan(total[1] as number);
  });

  it('conditions on the last count: projected[k] = last·S(T + k)/S(T), from the expected curve', () => {
    const fit = { model: 'betaDiscreteWeibull', params: { alpha: 0.52, beta: 0.89, c: 1.2 } } as const;
    const { cohorts } = projectCohorts(fit, { cohorts: [{ survivors: [1000, 631, 468, 382, 326] }] }, 4);
    const { expected, projected } = cohorts[0] as (typeof cohorts)[number];
    for (let k = 1; k <= 4; k++) {
      const value = (326 * (expected[4 + k] as number)) / (expected[4] as number);
      expect(Math.abs((projected[k - 1] as number) - value)).toBeLessThan(1e-9);
    }
  });

  it('refuses a fit without a survival curve and bad cohorts', () => {
    const bg = { model: 'bgNbd', params: { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 } } as const;
    expect(() => projectCohorts(bg, { cohorts: FADER_HARDIE }, 2)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_MODEL' }),
    );
    const sbg = { model: 'shiftedBetaGeometric', params: { alpha: 1, beta: 2 } } as const;
    expect(() => projectCohorts(sbg, { cohorts: [] }, 2)).toThrow(
      expect.objectContaining({ code: 'EMPTY_INPUT' }),
    );
    expect(() => projectCohorts(sbg, { cohorts: [{ survivors: [10, 12] }] }, 2)).toThrow(
      expect.objectContaining({ code: 'INVALID_SUMMARY_ROW' }),
    );
  });
});
