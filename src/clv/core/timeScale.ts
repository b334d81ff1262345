// Rescaling time for the continuous-time fits. Internal.

import type { CompressedRows } from './rows';

/**
 * The factor by which times are divided before fitting, so that the largest T becomes 10: the optimiser
 * then starts from scale-free values whatever the unit (days, weeks, seconds). The scale parameters
 * (alpha, beta) are multiplied back afterwards; the log-likelihood shifts by −Σ w·x·ln(scale).
 */
export function timeScaleOf(rows: CompressedRows): number {
  const ages = rows.third;
  let maximum = 0;
  for (let i = 0; i < ages.length; i++) maximum = Math.max(maximum, ages[i] as number);
  return maximum > 0 ? maximum / 10 : 1;
}

/** The rows with recency and T divided by `scale`. */
export function scaleTimes(rows: CompressedRows, scale: number): CompressedRows {
  if (scale === 1) return rows;
  const divided = (column: Float64Array): Float64Array => {
    const out = new Float64Array(column.length);
    for (let i = 0; i < column.length; i++) out[i] = (column[i] as number) / scale;
    return out;
  };
  return { ...rows, second: divided(rows.second), third: divided(rows.third) };
}

/** Σ w·x, the total repeat purchases: the log-likelihood's shift under a time rescaling is −Σ w·x·ln(scale). */
export function totalPurchases(rows: CompressedRows): number {
  let sum = 0;
  for (let i = 0; i < rows.first.length; i++) sum += (rows.first[i] as number) * (rows.weight[i] as number);
  return sum;
}
