// The HTML report of the command-line tool: what a loyalty analyst looks at first, from one transaction
// log. Pure apart from its input: the same transactions give the same page.

import {
  calibrationHoldoutSummary,
  cohortRetention,
  cumulativeTracking,
  fitBgNbd,
  kaplanMeier,
  periodRetention,
  rfmScores,
  rfmSummary,
  scoreCustomers,
  survivalFromPurchaseGaps,
} from '../index';
import { wilsonInterval } from '../math/proportion';
import type { TransactionTable } from '../node/index';
import {
  cohortHeatmapSvg,
  frequencyRecencyMatrixSvg,
  htmlReport,
  probabilityAliveMatrixSvg,
  type ReportSection,
  retentionCurvesSvg,
  segmentSizesSvg,
  survivalCurveSvg,
  trackingSvg,
} from '../svg/index';

/** A transaction of the report's input. */
export interface InputTransaction {
  readonly customerId: string;
  readonly at: number;
  readonly amount: number;
}

/** The table's rows as transaction objects (what the report's library calls take). */
export function transactionsOf(table: TransactionTable): InputTransaction[] {
  const { customerIndex, at, amount } = table.columns;
  const rows: InputTransaction[] = new Array(at.length);
  for (let i = 0; i < at.length; i++) {
    rows[i] = {
      customerId: table.customerIds[customerIndex[i] as number] as string,
      at: at[i] as number,
      amount: amount[i] as number,
    };
  }
  return rows;
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** What the report is about. */
export interface ReportInput {
  readonly source: string;
  readonly transactions: readonly InputTransaction[];
  readonly rejected: number;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Builds the report page. */
export function buildReport(input: ReportInput): string {
  const { transactions } = input;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let revenue = 0;
  for (const transaction of transactions) {
    first = Math.min(first, transaction.at);
    last = Math.max(last, transaction.at);
    revenue += transaction.amount;
  }
  const summary = rfmSummary(transactions, { unit: 'week' });
  const sections: ReportSection[] = [];
  const repeaters = summary.filter((row) => row.frequency > 0).length;
  sections.push({
    title: 'The data',
    paragraphs: [
      `${transactions.length} transactions of ${summary.length} customers from ${isoDay(first)} to ${isoDay(last)}, revenue ${revenue.toFixed(2)}${
        input.rejected > 0 ? `; ${input.rejected} rows were rejected and left out` : ''
      }.`,
      `${repeaters} customers (${((100 * repeaters) / summary.length).toFixed(1)}%) bought again after their first purchase day. Purchases on the same day count as one, as in lifetimes.`,
    ],
  });

  // segments
  const scored = rfmScores(summary.map((row) => ({ ...row, customerId: String(row.customerId) })));
  const counts: Record<string, number> = {};
  for (const row of scored) counts[row.segment] = (counts[row.segment] ?? 0) + 1;
  sections.push({
    title: 'RFM segments',
    paragraphs: [
      'Recency, frequency and monetary value scored 1–5 by quintile, then named by the documented 5×5 grid (docs/loyalty.md).',
    ],
    svg: segmentSizesSvg(counts, { idPrefix: 'segments' }),
  });

  // cohorts and retention
  const cohorts = cohortRetention(transactions, { period: 'month' });
  sections.push({
    title: 'Monthly cohorts',
    paragraphs: ['Share of each month’s new customers who bought again k months later.'],
    svg: cohortHeatmapSvg(cohorts, { idPrefix: 'cohorts', maxPeriods: 12 }),
  });
  let longest = 0;
  for (const row of cohorts) longest = Math.max(longest, row.rates.length);
  const points: { x: number; y: number; lower: number; upper: number }[] = [];
  for (let k = 0; k < longest; k++) {
    let customers = 0;
    let retained = 0;
    for (const row of cohorts) {
      const count = row.counts[k];
      if (count === null || count === undefined) continue;
      customers += row.size;
      retained += count;
    }
    if (customers > 0) {
      // 95% Wilson interval of a binomial share: stays inside [0, 1], sensible for small cohorts
      const { lower, upper } = wilsonInterval(retained, customers, 1.96);
      points.push({ x: k, y: retained / customers, lower, upper });
    }
  }
  const quarters = periodRetention(transactions, { period: 'quarter', activeWithin: 90 });
  sections.push({
    title: 'Retention',
    paragraphs: [
      'The cohort curve pools every cohort that has reached month k, with a 95% Wilson interval (wider where fewer customers have reached month k). The table counts a customer as active when they bought in the last 90 days.',
    ],
    svg: retentionCurvesSvg([{ name: 'all cohorts', points }], {
      idPrefix: 'retention',
      title: 'Share of a cohort buying k months after acquisition',
      xLabel: 'months since first purchase',
    }),
    table: {
      columns: ['quarter', 'active at start', 'active at end', 'new', 'retention', 'churn', 'revenue'],
      rows: quarters.map((row) => [
        row.period,
        row.customersAtStart,
        row.customersAtEnd,
        row.acquired,
        row.retention === null ? null : `${(100 * row.retention).toFixed(1)}%`,
        row.churn === null ? null : `${(100 * row.churn).toFixed(1)}%`,
        round(row.revenue, 2),
      ]),
    },
  });

  // time to the next purchase
  const gaps = survivalFromPurchaseGaps(transactions, { unit: 'day' });
  if (gaps.durations.length > 0) {
    const estimate = kaplanMeier(gaps);
    sections.push({
      title: 'Time to the next purchase',
      paragraphs: [
        `Kaplan–Meier estimate over ${gaps.durations.length} gaps between purchase days (the gap after a customer’s last purchase is censored). ${
          estimate.median === null
            ? 'Fewer than half the gaps end in a purchase within the data.'
            : `Half of the customers buy again within ${estimate.median} days.`
        }`,
      ],
      svg: survivalCurveSvg(estimate, {
        idPrefix: 'survival',
        title: 'Share not yet back, by days since the last purchase',
        xLabel: 'days since the last purchase',
      }),
    });
  }

  // the BG/NBD model, fitted on a calibration period and checked on the holdout
  const span = (last - first) / WEEK;
  const fit = span >= 8 && repeaters >= 10 ? fitBgNbd(summary) : null;
  if (fit !== null && fit.logLikelihood === null) {
    sections.push({ title: 'BG/NBD model', paragraphs: [`Not fitted: ${fit.reason ?? 'no likelihood'}.`] });
  }
  if (fit !== null && fit.logLikelihood !== null) {
    let T = 0;
    let maxFrequency = 5;
    for (const row of summary) {
      T = Math.max(T, row.T);
      maxFrequency = Math.max(maxFrequency, row.frequency);
    }
    maxFrequency = Math.min(20, maxFrequency);
    const paramRows = (['r', 'alpha', 'a', 'b'] as const).map((name) => [
      name,
      round(fit.params[name], 4),
      fit.standardErrors === null ? null : round(fit.standardErrors[name], 4),
    ]);
    sections.push({
      title: 'BG/NBD model',
      paragraphs: [
        `Fitted by maximum likelihood on all ${summary.length} customers (weeks as the time unit; log-likelihood ${fit.logLikelihood.toFixed(1)}${
          fit.converged ? '' : ', not converged'
        }). The matrices read for a customer first seen ${Math.round(T)} weeks ago.`,
      ],
      table: { columns: ['parameter', 'estimate', 'standard error'], rows: paramRows },
    });
    sections.push({
      title: 'Expected purchases and P(alive) by frequency and recency',
      svg: frequencyRecencyMatrixSvg(fit, {
        T,
        horizon: 13,
        maxFrequency,
        recencySteps: 13,
        idPrefix: 'matrix-expected',
        title: 'Purchases expected in the next 13 weeks',
      }),
    });
    sections.push({
      title: 'Probability alive',
      svg: probabilityAliveMatrixSvg(fit, {
        T,
        maxFrequency,
        recencySteps: 13,
        idPrefix: 'matrix-alive',
      }),
    });
    const calibrationEnd = first + ((last - first) * 2) / 3;
    const split = calibrationHoldoutSummary(transactions, {
      calibrationEnd,
      unit: 'week',
      observationEnd: last,
    });
    const calibrated = fitBgNbd(split);
    const weeks = Math.ceil(span);
    const births = split.map((row) => Math.max(0, (calibrationEnd - first) / WEEK - row.T));
    const times = Array.from({ length: weeks }, (_, k) => k + 1);
    // observed cumulative repeat purchases by week (purchase days after each customer's first one) of the
    // customers the calibration fit knows: those who first bought by the end of calibration
    const firstDay = new Map<string, number>();
    const days = new Set<string>();
    const sorted = [...transactions].sort((left, right) => left.at - right.at);
    const repeatWeeks: number[] = [];
    for (const transaction of sorted) {
      const day = Math.floor(transaction.at / DAY);
      const key = `${transaction.customerId}\u0000${day}`;
      if (days.has(key)) continue;
      days.add(key);
      if (!firstDay.has(transaction.customerId)) {
        firstDay.set(transaction.customerId, day);
        continue;
      }
      if ((firstDay.get(transaction.customerId) as number) * DAY <= calibrationEnd) {
        repeatWeeks.push((transaction.at - first) / WEEK);
      }
    }
    // repeatWeeks is ascending (the transactions were sorted): count them with one pointer
    let counted = 0;
    const actual = times.map((time) => {
      while (counted < repeatWeeks.length && (repeatWeeks[counted] as number) <= time) counted++;
      return counted;
    });
    // a calibration fit without a likelihood has no estimates to track
    const tracking =
      calibrated.logLikelihood === null ? null : cumulativeTracking(calibrated, { births, times, actual });
    if (tracking !== null)
      sections.push({
        title: 'Calibration and holdout',
        paragraphs: [
          `Fitted again on the first two thirds of the time span only (to ${isoDay(calibrationEnd)}), the model’s cumulative repeat purchases against the data${
            tracking.finalRelativeError === null
              ? ''
              : `: ${(100 * tracking.finalRelativeError).toFixed(1)}% off at the end of the holdout`
          }.`,
        ],
        svg: trackingSvg(tracking, {
          idPrefix: 'tracking',
          calibrationEnd: (calibrationEnd - first) / WEEK,
          xLabel: 'weeks since the first transaction',
        }),
      });
    const scores = scoreCustomers(fit, summary, { horizon: 13 });
    const ranked = summary
      .map((row, i) => ({
        row,
        alive: scores.probabilityAlive[i] as number,
        expected: scores.expectedPurchases[i] as number,
      }))
      .sort(
        (left, right) =>
          right.expected - left.expected || (left.row.customerId < right.row.customerId ? -1 : 1),
      )
      .slice(0, 15);
    sections.push({
      title: 'Customers expected to buy most in the next 13 weeks',
      table: {
        columns: [
          'customer',
          'repeat purchases',
          'recency (weeks)',
          'age (weeks)',
          'average spend',
          'P(alive)',
          'expected purchases',
        ],
        rows: ranked.map(({ row, alive, expected }) => [
          String(row.customerId),
          row.frequency,
          round(row.recency, 1),
          round(row.T, 1),
          round(row.monetaryValue, 2),
          round(alive, 3),
          round(expected, 2),
        ]),
      },
    });
  } else {
    sections.push({
      title: 'Models',
      paragraphs: [
        'Too little history for the lifetime-value models: they need at least 8 weeks and 10 repeat customers.',
      ],
    });
  }
  return htmlReport(sections, {
    title: 'Customer loyalty and retention report',
    subtitle: `${input.source}, ${isoDay(first)} to ${isoDay(last)}. Made with patronage.`,
  });
}
