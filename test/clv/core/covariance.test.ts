import { describe, expect, it } from 'vitest';
import { fitBgNbd, fitNbd, fitParetoNbd, logLikelihoodAt, type ModelFit } from '../../../src/index';

// An independent check of each fit's covariance: the delta method applied by hand. The log-likelihood
// (logLikelihoodAt) is differentiated twice in log-parameter space by central differences, the negative
// Hessian inverted, and the result mapped to the natural parameters, Cov(θi, θj) = θi θj Cov(ln θi, ln θj).

const ROWS = [
  { frequency: 0, recency: 0, T: 38, weight: 600 },
  { frequency: 0, recency: 0, T: 30, weight: 300 },
  { frequency: 1, recency: 4, T: 38, weight: 100 },
  { frequency: 1, recency: 30, T: 36, weight: 90 },
  { frequency: 2, recency: 10, T: 38, weight: 40 },
  { frequency: 2, recency: 33, T: 35, weight: 40 },
  { frequency: 4, recency: 20, T: 37, weight: 20 },
  { frequency: 6, recency: 35, T: 37, weight: 15 },
  { frequency: 12, recency: 36, T: 38, weight: 5 },
];

/** The inverse of a small symmetric positive definite matrix, by Gauss–Jordan elimination. */
function inverse(matrix: number[][]): number[][] {
  const n = matrix.length;
  const a = matrix.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    const pivot = a[col] as number[];
    const scale = pivot[col] as number;
    for (let j = 0; j < 2 * n; j++) pivot[j] = (pivot[j] as number) / scale;
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const target = a[row] as number[];
      const factor = target[col] as number;
      for (let j = 0; j < 2 * n; j++) target[j] = (target[j] as number) - factor * (pivot[j] as number);
    }
  }
  return a.map((row) => row.slice(n));
}

function deltaMethodCovariance(fit: ModelFit): number[][] {
  const names = fit.covariance.parameters;
  const params = fit.params as unknown as Record<string, number>;
  const logs = names.map((name) => Math.log(params[name] as number));
  const at = (u: number[]) => {
    const moved: Record<string, number> = {};
    names.forEach((name, i) => {
      moved[name] = Math.exp(u[i] as number);
    });
    return logLikelihoodAt({ model: fit.model, params: moved } as never, ROWS);
  };
  const h = 1e-3;
  const shifted = (i: number, di: number, j: number, dj: number) => {
    const u = [...logs];
    u[i] = (u[i] as number) + di;
    u[j] = (u[j] as number) + dj;
    return at(u);
  };
  const information = names.map((_, i) =>
    names.map(
      (_, j) =>
        -(shifted(i, h, j, h) - shifted(i, h, j, -h) - shifted(i, -h, j, h) + shifted(i, -h, j, -h)) /
        (4 * h * h),
    ),
  );
  const logCovariance = inverse(information);
  const natural = names.map((name) => params[name] as number);
  return logCovariance.map((row, i) =>
    row.map((value, j) => value * (natural[i] as number) * (natural[j] as number)),
  );
}

describe('the covariance is the delta method applied to the log-parameter covariance', () => {
  it.each([
    ['BG/NBD', fitBgNbd(ROWS)],
    ['Pareto/NBD', fitParetoNbd(ROWS)],
  ])('%s: variances to 1e−3 relative, correlations to 1e−3', (_, fit) => {
    const matrix = fit.covariance.matrix as number[][];
    const expected = deltaMethodCovariance(fit);
    const n = matrix.length;
    for (let i = 0; i < n; i++) {
      const variance = (matrix[i] as number[])[i] as number;
      const reference = (expected[i] as number[])[i] as number;
      expect(Math.abs(variance / reference - 1)).toBeLessThan(1e-3);
      for (let j = 0; j < n; j++) {
        const correlation =
          ((matrix[i] as number[])[j] as number) /
          Math.sqrt(variance * ((matrix[j] as number[])[j] as number));
        const referenceCorrelation =
          ((expected[i] as number[])[j] as number) /
          Math.sqrt(reference * ((expected[j] as number[])[j] as number));
        expect(Math.abs(correlation - referenceCorrelation)).toBeLessThan(1e-3);
      }
    }
  });
});

describe('the covariance belongs to the fit', () => {
  it('changing one fit’s parameter list changes neither the next fit nor the model', () => {
    const first = fitBgNbd(ROWS);
    (first.covariance.parameters as string[]).reverse();
    const second = fitBgNbd(ROWS);
    expect(second.covariance.parameters).toEqual(['r', 'alpha', 'a', 'b']);
    expect(Object.keys(second.params)).toEqual(['r', 'alpha', 'a', 'b']);
  });

  it('a covariance that overflows on the natural scale is no matrix, with the reason (never Infinity)', () => {
    // hostile-sweep seed 1391112325 (session 33): α runs to 1.5e156, so Var(α) = α²·Var(ln α) passes 1e308
    const fit = fitNbd([
      { frequency: 0, recency: 0, T: 38, weight: 60 },
      { frequency: 1, recency: 4, T: 38, weight: 10 },
      { frequency: 1, recency: 30, T: 7.170490708966341e150, weight: 740880984 },
      { frequency: 2, recency: 10, T: 38, weight: 4 },
      { frequency: 6, recency: 35, T: 37, weight: 2 },
    ]);
    expect(fit.converged).toBe(false);
    expect(fit.covariance.matrix).toBeNull();
    expect(fit.covariance.reason).toBe('the covariance overflows');
  });
});
