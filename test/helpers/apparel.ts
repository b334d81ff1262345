import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readShared, SHARED_DATA } from './sharedData';

/** Whether CLVTools' apparel files are in ../shared/data. */
export const hasApparel: boolean =
  existsSync(join(SHARED_DATA, 'apparelTrans.csv')) && existsSync(join(SHARED_DATA, 'apparelStaticCov.csv'));
export const APPAREL_SKIP =
  'skipped: ../shared/data/apparelTrans.csv and apparelStaticCov.csv are not beside this checkout';

if (!hasApparel) console.warn(APPAREL_SKIP);

const DAY = 86_400_000;

/** apparelTrans.csv's transaction days (ms) by customer, and the first day in the data. */
function transactionDays(): { days: Map<string, Set<number>>; start: number } {
  const days = new Map<string, Set<number>>();
  let start = Number.POSITIVE_INFINITY;
  for (const line of readShared('apparelTrans.csv').split(/\r?\n/).slice(1)) {
    if (line.trim() === '') continue;
    const [id = '', date = ''] = line.split(',');
    const at = Date.parse(`${date}T00:00:00Z`);
    start = Math.min(start, at);
    const key = id.replaceAll('"', '');
    const set = days.get(key) ?? new Set<number>();
    set.add(at);
    days.set(key, set);
  }
  return { days, start };
}

/**
 * CLVTools' apparel data as `clvdata(apparelTrans, time.unit = "week", estimation.split = weeks)` summarises
 * it: transactions of one customer on one day count once; the estimation period runs from the first date in
 * the data for `weeks` weeks; x, t_x and T.cal per customer in weeks; `covariates` from apparelStaticCov.csv.
 */
export function apparelSummary(weeks = 40): {
  customerId: string;
  frequency: number;
  recency: number;
  T: number;
  covariates: { Gender: number; Channel: number };
}[] {
  const { days, start } = transactionDays();
  const end = start + weeks * 7 * DAY;
  const covariates = new Map<string, { Gender: number; Channel: number }>();
  for (const line of readShared('apparelStaticCov.csv').split(/\r?\n/).slice(1)) {
    if (line.trim() === '') continue;
    const [id = '', gender = '', channel = ''] = line.split(',');
    covariates.set(id.replaceAll('"', ''), { Gender: Number(gender), Channel: Number(channel) });
  }
  const rows = [];
  for (const [customerId, set] of days) {
    const dates = [...set].filter((at) => at <= end).sort((a, b) => a - b);
    const first = dates[0];
    if (first === undefined) continue;
    const last = dates[dates.length - 1] as number;
    const cov = covariates.get(customerId);
    if (cov === undefined) throw new Error(`no covariates for ${customerId}`);
    rows.push({
      customerId,
      frequency: dates.length - 1,
      recency: (last - first) / (7 * DAY),
      T: (end - first) / (7 * DAY),
      covariates: cov,
    });
  }
  return rows;
}

/** Whether CLVTools' apparel data with time-varying covariates is in ../shared/data. */
export const hasApparelDynamic: boolean =
  existsSync(join(SHARED_DATA, 'apparelTrans.csv')) && existsSync(join(SHARED_DATA, 'apparelDynCov.csv'));
export const APPAREL_DYNAMIC_SKIP =
  'skipped: ../shared/data/apparelTrans.csv and apparelDynCov.csv are not beside this checkout';

/**
 * CLVTools' apparel data with its time-varying covariates (`SetDynamicCovariates` on apparelDynCov.csv:
 * High.Season, Gender and Channel per customer per week) as covariate-path rows: the summary of
 * {@link apparelSummary}, the repeat purchases' times in weeks since the first (one per day), and the
 * weekly periods of apparelDynCov.csv from each customer's first purchase to `until` weeks after the
 * start of the data (default the estimation period; every customer's first purchase is on its first day).
 */
export function apparelPaths(
  weeks = 40,
  until = weeks,
): {
  customerId: string;
  frequency: number;
  recency: number;
  T: number;
  purchaseTimes: number[];
  covariatePath: { start: number; end: number; covariates: Record<string, number> }[];
}[] {
  const { days, start } = transactionDays();
  const week = 7 * DAY;
  const periods = new Map<string, { start: number; end: number; covariates: Record<string, number> }[]>();
  for (const line of readShared('apparelDynCov.csv').split(/\r?\n/).slice(1)) {
    if (line.trim() === '') continue;
    const [id = '', date = '', season = '', gender = '', channel = ''] = line.split(',');
    const key = id.replaceAll('"', '');
    const list = periods.get(key) ?? [];
    const from = (Date.parse(`${date}T00:00:00Z`) - start) / week;
    list.push({
      start: from,
      end: from + 1,
      covariates: { 'High.Season': Number(season), Gender: Number(gender), Channel: Number(channel) },
    });
    periods.set(key, list);
  }
  const end = start + weeks * week;
  const rows = [];
  for (const [customerId, set] of days) {
    const dates = [...set].filter((at) => at <= end).sort((a, b) => a - b);
    const first = dates[0];
    if (first === undefined) continue;
    const last = dates[dates.length - 1] as number;
    const path = (periods.get(customerId) ?? [])
      .map((period) => ({
        ...period,
        start: period.start - (first - start) / week,
        end: period.end - (first - start) / week,
      }))
      .filter((period) => period.start < until - (first - start) / week);
    rows.push({
      customerId,
      frequency: dates.length - 1,
      recency: (last - first) / week,
      T: (end - first) / week,
      purchaseTimes: dates.slice(1).map((at) => (at - first) / week),
      covariatePath: path,
    });
  }
  return rows;
}
