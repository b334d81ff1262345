// Shared by the golden tests of the models (test/clv/<model>/literature.test.ts).
import { expect } from 'vitest';
import type { CustomerSummaryRow, DiscreteWeightedRow, ModelFit } from '../../src/index';
import { readShared } from '../helpers/sharedData';

/**
 * A value matches a printed figure when it rounds to it: |value − printed| ≤ half a unit of the last
 * printed digit (plus the float error of the printed decimal). For 3 printed decimals this is 5e−4 absolute,
 * within the 1e−3 relative bar for every parameter printed with at least one digit before the point.
 */
export function expectPrinted(value: number, printed: number, decimals: number): void {
  const halfUnit = 0.5 * 10 ** -decimals + 1e-9;
  expect(Math.abs(value - printed), `${value} does not round to ${printed}`).toBeLessThanOrEqual(halfUnit);
}

/**
 * Parameters match a published fit when they round to the printed figures, or, where the reference's own
 * optimiser stopped short of the optimum (our log-likelihood is then higher than theirs), agree within the
 * issue's bar of 1e−3 relative error.
 */
export function expectParams(fit: ModelFit, printed: Record<string, number>, decimals: number): void {
  expect(fit.converged).toBe(true);
  for (const [name, value] of Object.entries(printed)) {
    const estimate = (fit.params as unknown as Record<string, number>)[name] as number;
    const halfUnit = 0.5 * 10 ** -decimals + 1e-9;
    const relative = Math.abs(estimate - value) / value;
    expect(
      Math.abs(estimate - value) <= halfUnit || relative <= 1e-3,
      `${name} ${estimate} neither rounds to ${value} nor is within 1e-3 of it`,
    ).toBe(true);
  }
}

/** The log-likelihood of a fit that evaluated it (fails the test on null). */
export function logLikelihoodOf(fit: ModelFit): number {
  expect(fit.logLikelihood, `${fit.model}: ${fit.reason}`).not.toBeNull();
  return fit.logLikelihood as number;
}

/** A shared CSV file's rows after the header, as numbers. */
export function csv(name: string): number[][] {
  return readShared(name)
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(',').map(Number));
}

/** CDNOW's calibration summary as the shared file prints it (2 decimals): x, t_x, T of the 2,357 customers. */
export function cdnowCalibrationRows(): CustomerSummaryRow[] {
  return csv('cdnow_customers_summary.csv').map(([, frequency, recency, T]) => ({
    frequency: frequency as number,
    recency: recency as number,
    T: T as number,
  }));
}

/** The donations table of Fader, Hardie & Shang (2010): the 22 (x, t_x, n = 6) rows with their donor counts. */
export function donationsRows(): DiscreteWeightedRow[] {
  return csv('donations.csv').map(([frequency, recency, periods, weight]) => ({
    frequency: frequency as number,
    recency: recency as number,
    periods: periods as number,
    weight: weight as number,
  }));
}
