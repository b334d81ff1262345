import { describe, expect, it } from 'vitest';
import { acquisitionPayback, customerLifetimeValue } from '../../src/index';
import { codeOf } from '../helpers/errors';
import { expectClose } from '../helpers/numbers';

const FIT = { model: 'bgNbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } } as const;
const SPEND = { model: 'gammaGamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } } as const;
const OPTIONS = {
  timeUnit: 'week',
  horizon: 156,
  margin: 0.3,
  discountRate: 0.1,
  acquisitionCost: 10,
} as const;

describe('acquisitionPayback', () => {
  it('matches the mpmath payback of scripts/reference/posterior_means_new_customer.py (CDNOW BG/NBD + Gamma-Gamma)', () => {
    // mpmath: spend 35.21897810218978, cumulative margin reaches 10 in week 29 and 25 in week 140,
    // and is 26.270551248075407 at week 156
    const [row] = acquisitionPayback(FIT, SPEND, OPTIONS);
    expect(row?.group).toBeNull();
    expectClose(row?.spend as number, 35.21897810218978);
    expect(row?.paybackTime).toBe(29);
    expectClose(row?.breakEvenCost as number, 26.270551248075407, 1e-12);
    const [dear] = acquisitionPayback(FIT, SPEND, { ...OPTIONS, acquisitionCost: 25 });
    expect(dear?.paybackTime).toBe(140);
    const [never] = acquisitionPayback(FIT, SPEND, { ...OPTIONS, acquisitionCost: 27 });
    expect(never?.paybackTime).toBeNull();
  });

  it('keeps its digits over 5,000 weekly steps (z up to 0.9991: the connection formula about z = 1)', () => {
    // scripts/reference/posterior_means_new_customer.py, payback_long(): weeks 1,000 and 5,000 by mpmath
    const [row] = acquisitionPayback(FIT, SPEND, { ...OPTIONS, horizon: 5000 });
    expectClose(row?.cumulativeMargin[999] as number, 44.19698696353859, 1e-12);
    expectClose(row?.breakEvenCost as number, 46.1293761107349, 1e-12);
  });

  it("the break-even cost is customerLifetimeValue(fit, 'new') over the horizon, to the bit", () => {
    const [row] = acquisitionPayback(FIT, SPEND, OPTIONS);
    const { acquisitionCost: _, ...rest } = OPTIONS;
    expect(row?.breakEvenCost).toBe(customerLifetimeValue(FIT, 'new', { ...rest, spendModel: SPEND }));
    expect(row?.times.length).toBe(156);
    expect(row?.times[155]).toBe(156);
  });

  it('groups by their own fit, spend fit, covariates and cost, in the order of by', () => {
    const pareto = {
      model: 'paretoNbd',
      params: { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.669 },
    } as const;
    const covariateFit = {
      model: 'paretoNbd',
      params: pareto.params,
      coefficients: { purchase: { online: 0.5 }, dropout: { online: -0.2 } },
    } as const;
    const rows = acquisitionPayback(FIT, SPEND, {
      ...OPTIONS,
      by: {
        store: { fit: pareto },
        premium: {
          spendFit: { model: 'gammaGamma', params: { p: 6.25, q: 3.74, gamma: 30 } },
          acquisitionCost: 20,
        },
        online: { fit: covariateFit as never, covariates: { online: 1 } },
        offline: { fit: covariateFit as never, covariates: { online: 0 } },
      },
    });
    expect(rows.map((row) => row.group)).toEqual(['store', 'premium', 'online', 'offline']);
    const { acquisitionCost: _, ...rest } = OPTIONS;
    expect(rows[0]?.breakEvenCost).toBe(customerLifetimeValue(pareto, 'new', { ...rest, spendModel: SPEND }));
    expect(rows[1]?.acquisitionCost).toBe(20);
    expectClose(rows[1]?.spend as number, (6.25 * 30) / 2.74);
    // online = 0 is the plain model; online = 1 buys faster (λ's rate α·e^(−0.5)) and leaves later
    expectClose(rows[3]?.breakEvenCost as number, rows[0]?.breakEvenCost as number);
    expect(rows[2]?.breakEvenCost as number).toBeGreaterThan(rows[3]?.breakEvenCost as number);
  });

  it('a cost of 0 pays back at once; a horizon of 0 has no steps and a break-even cost of 0', () => {
    expect(acquisitionPayback(FIT, SPEND, { ...OPTIONS, acquisitionCost: 0 })[0]?.paybackTime).toBe(0);
    const [empty] = acquisitionPayback(FIT, SPEND, { ...OPTIONS, horizon: 0 });
    expect(empty?.times).toEqual([]);
    expect(empty?.breakEvenCost).toBe(0);
    expect(empty?.paybackTime).toBeNull();
  });

  it('refuses bad input with its codes', () => {
    const run = (options: object, fit: unknown = FIT, spend: unknown = SPEND) =>
      codeOf(() => acquisitionPayback(fit as never, spend as never, { ...OPTIONS, ...options } as never));
    expect(run({ by: {} })).toBe('INVALID_ARGUMENT');
    expect(run({ by: { a: { cost: 3 } } })).toBe('INVALID_OPTION');
    expect(run({ acquisitionCosts: 3 })).toBe('INVALID_OPTION');
    expect(run({ acquisitionCost: -1 })).toBe('OUT_OF_RANGE');
    expect(run({ acquisitionCost: Number.NaN })).toBe('NOT_FINITE');
    expect(run({ margin: 2 })).toBe('OUT_OF_RANGE');
    expect(run({}, FIT, { model: 'gammaGamma', params: { p: 6.25, q: 0.9, gamma: 15.44 } })).toBe(
      'UNDEFINED_PREDICTION',
    );
    expect(run({}, SPEND)).toBe('UNSUPPORTED_MODEL');
    const covariateFit = { ...FIT, coefficients: { purchase: { online: 0.5 }, dropout: {} } };
    expect(run({}, covariateFit)).toBe('MISSING_COVARIATE');
    const bgBb = { model: 'bgBb', params: { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 } };
    expect(run({ timeUnit: 'year', horizon: 2.5 }, bgBb)).toBe('NOT_AN_INTEGER');
  });
});
