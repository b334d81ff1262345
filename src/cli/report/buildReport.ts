// The HTML report of the command-line tool: what a loyalty analyst looks at first, from one transaction
// log held as columns (patronage/node's readTransactions). Pure apart from its input: the same columns
// give the same page. Every pass over the transactions is a columnar library function or one pass over
// each customer's purchase days; no transaction becomes an object and no array is spread into a call.
// Money is summed in integer minor units and formatted at the end.

import { cohortRowsOfDays } from '../../aggregate/cohort/cohortRowsOfDays';
import { nDayRows, resolveNDayOptions } from '../../aggregate/nDayRetention';
import { RFM_OPTION_KEYS, resolveRfmOptions } from '../../aggregate/rfm/rfmOptions';
import { type PurchaseDays, purchaseDays, repeatCounts } from '../../aggregate/shared/purchaseDays';
import {
  acquisitionPayback,
  type CohortRow,
  cohortRetentionColumns,
  contactBy,
  cumulativeTracking,
  customerLifetimeValue,
  dataSuitability,
  expectedAverageSpend,
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  holdoutByRecency,
  holdoutComparison,
  type ModelFit,
  mixingDensities,
  type PeriodTransactionsChiSquare,
  periodRetentionColumns,
  periodTransactions,
  probabilityAliveHistory,
  rfmScores,
  scoreCustomers,
  wilsonInterval,
} from '../../index';
import { topOrder } from '../../internal/stringOrder';
import { DAY_MS, unitLength } from '../../model/time';
import type { TransactionTable } from '../../node/index';
import { kaplanMeierOfCounts } from '../../survival/kaplanMeier';
import {
  cohortHeatmapSvg,
  frequencyRecencyMatrixSvg,
  holdoutByGroupSvg,
  htmlReport,
  mixingDensitySvg,
  periodTransactionsSvg,
  probabilityAliveHistorySvg,
  probabilityAliveMatrixSvg,
  type ReportSection,
  retentionCurvesSvg,
  segmentSizesSvg,
  survivalCurveSvg,
  trackingSvg,
} from '../../svg/index';
import { driftOf, holdoutCounts } from '../drift';
import { count, formatMinor, isoDay, minorOf, rounded, share } from './format';
import type { ReportSettings } from './settings';

/** What the report is about. */
export interface ReportInput {
  /** The file name, or `stdin`. */
  readonly source: string;
  /** The transactions as columns, with the customer ids. */
  readonly table: TransactionTable;
  /** Bad rows skipped. */
  readonly rejected: number;
  readonly settings: ReportSettings;
  /** Digits of the currency's minor unit. */
  readonly fractionDigits: number;
  /** IANA time zone of the calendar days and periods (absent: UTC). */
  readonly timeZone?: string | undefined;
}

/** The split or a choice of the options that does not fit the data: the command makes it exit 2. */
export class ReportSettingsError extends Error {
  override readonly name = 'ReportSettingsError';
}

const FN = 'report';
/** Monthly cohorts beyond this many: the heatmap shows the latest ones and says so. */
export const MAX_COHORTS = 24;
/** Customers the models are fitted on: all up to this many, else a sample chosen by a hash of the id. */
export const FIT_SAMPLE = 100_000;
/** Rows of the customer tables. */
const TOP = 15;
/** Repeat-purchase counts of the period-transactions check and the holdout groups: 0 … 7 or more. */
const TOP_FREQUENCY = 7;
/** Bins of calibration recency of the holdout check by recency. */
const RECENCY_BINS = 10;
const MODEL_NAMES = { bgNbd: 'BG/NBD', mbgNbd: 'MBG/NBD', paretoNbd: 'Pareto/NBD' } as const;

/** FNV-1a of a string, for choosing the model sample independently of the order of the file. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/** A fit the report may draw from: a likelihood, converged, and the reason otherwise. */
function usable(fit: ModelFit): { ok: true } | { ok: false; reason: string } {
  if (fit.logLikelihood === null)
    return { ok: false, reason: fit.reason ?? 'the likelihood could not be evaluated' };
  if (!fit.converged) return { ok: false, reason: fit.reason ?? 'the optimiser did not converge' };
  return { ok: true };
}

function fitPurchases(
  model: ReportSettings['model'],
  rows: readonly { frequency: number; recency: number; T: number }[],
): ModelFit {
  return model === 'paretoNbd' ? fitParetoNbd(rows) : model === 'mbgNbd' ? fitMbgNbd(rows) : fitBgNbd(rows);
}

/** One month since acquisition of the retention modes, pooled over every cohort that has reached it. */
export interface PooledModes {
  /** Months since acquisition. */
  readonly k: number;
  /** Customers of the cohorts that have reached month k. */
  readonly reached: number;
  /** Of them: active in month k ('return-on'), in k or later ('return-on-or-after'), in every month 1 … k ('recurring'). */
  readonly returnOn: number;
  readonly onOrAfter: number;
  readonly recurring: number;
}

/** Sums `counts[k]` and the sizes of the rows that have a cell k: pooled counts by k. */
function pooled(rows: readonly CohortRow[]): { reached: number[]; counted: number[] } {
  const reached: number[] = [];
  const counted: number[] = [];
  for (const row of rows) {
    row.counts.forEach((value, k) => {
      if (value === null) return;
      reached[k] = (reached[k] ?? 0) + row.size;
      counted[k] = (counted[k] ?? 0) + value;
    });
  }
  return { reached, counted };
}

/**
 * The three retention modes of the monthly cohort table, pooled over the cohorts by month since acquisition:
 * 'return-on' from the table already built, the other two from the purchase days already grouped (the
 * transactions are not read again).
 */
export function pooledRetentionModes(days: PurchaseDays, returnOn: readonly CohortRow[]): PooledModes[] {
  const [onOrAfter, recurring] = cohortRowsOfDays(FN, days, 'month', 1, [
    { mode: 'return-on-or-after', brackets: undefined },
    { mode: 'recurring', brackets: undefined },
  ]) as [CohortRow[], CohortRow[]];
  const on = pooled(returnOn);
  const after = pooled(onOrAfter);
  const every = pooled(recurring);
  return on.reached.map((reached, k) => ({
    k,
    reached,
    returnOn: on.counted[k] as number,
    onOrAfter: after.counted[k] as number,
    recurring: every.counted[k] as number,
  }));
}

/** Builds the report page. */
export function buildReport(input: ReportInput): string {
  const { table, settings, fractionDigits } = input;
  const { columns } = table;
  const ids = table.customerIds;
  const calendar = input.timeZone === undefined ? {} : { timeZone: input.timeZone };
  const unitName = settings.unit;
  const resolved = resolveRfmOptions(FN, { unit: unitName, fractionDigits, ...calendar }, RFM_OPTION_KEYS);
  const unitMs = resolved.unitMs;
  const days = purchaseDays(FN, columns, resolved);
  const { offsets, keys, minor, customerCount } = days.grouped;
  const { keyer, endKey } = days;
  const idOf = (c: number): string =>
    ids[days.original === undefined ? c : (days.original[c] as number)] as string;

  // the span, in a loop over the column (a spread of ten million values overflows the call stack)
  const at = columns.at;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < at.length; i++) {
    const time = at[i] as number;
    if (time < first) first = time;
    if (time > last) last = time;
  }
  const firstKey = keyer.keyOf(first);
  const endStart = keyer.startOf(endKey);

  // each customer's totals, its RFM entry (by the library's one formula) and its purchase gaps
  const present: number[] = [];
  for (let c = 0; c < customerCount; c++)
    if ((offsets[c + 1] as number) > (offsets[c] as number)) present.push(c);
  const customers = present.length;
  const revenue = new Float64Array(customers); // minor units
  const frequency = new Float64Array(customers);
  const recency = new Float64Array(customers);
  const age = new Float64Array(customers);
  const monetaryValue = new Float64Array(customers);
  const lastDay = new Float64Array(customers);
  let totalMinor = 0;
  let gapCount = 0;
  for (let j = 0; j < customers; j++) {
    const c = present[j] as number;
    const from = offsets[c] as number;
    const to = offsets[c + 1] as number;
    let repeatMinor = 0;
    for (let k = from + 1; k < to; k++) repeatMinor += minor[k] as number;
    const spent = (minor[from] as number) + repeatMinor;
    revenue[j] = spent;
    totalMinor += spent;
    const firstStart = keyer.startOf(keys[from] as number);
    const lastStart = keyer.startOf(keys[to - 1] as number);
    frequency[j] = to - from - 1;
    recency[j] = (lastStart - firstStart) / unitMs;
    age[j] = (endStart - firstStart) / unitMs;
    monetaryValue[j] = to - from > 1 ? repeatMinor / (to - from - 1) / resolved.scale : 0;
    lastDay[j] = keys[to - 1] as number;
    gapCount += to - from;
  }
  const repeaters = customers - repeatCounts(days, 1).oneTime;
  const sections: ReportSection[] = [];
  const money = (minorUnits: number): string => formatMinor(minorUnits, fractionDigits);
  sections.push({
    title: 'The data',
    paragraphs: [
      `${at.length} transactions of ${customers} customers from ${isoDay(first)} to ${isoDay(last)}, revenue ${money(totalMinor)}${
        input.rejected > 0 ? `; ${count(input.rejected, 'row was', 'rows were')} rejected and left out` : ''
      }.`,
      `Purchases on the same calendar day count as one, as in lifetimes: ${gapCount} purchase days in all.`,
    ],
  });

  // repeat purchase: the share of customers who came back within t days, and the purchase-gap median
  // tallied by whole calendar days (ten million gaps fit in a few hundred counts)
  const spanDays = Math.max(0, endKey - firstKey);
  const eventsByDay = new Float64Array(spanDays + 1);
  const censoredByDay = new Float64Array(spanDays + 1);
  for (let j = 0; j < customers; j++) {
    const c = present[j] as number;
    const from = offsets[c] as number;
    const to = offsets[c + 1] as number;
    for (let k = from; k + 1 < to; k++) {
      const gap = (keys[k + 1] as number) - (keys[k] as number);
      eventsByDay[gap] = (eventsByDay[gap] as number) + 1;
    }
    const open = endKey - (keys[to - 1] as number);
    censoredByDay[open] = (censoredByDay[open] as number) + 1;
  }
  const gapTimes: number[] = [];
  const gapEvents: number[] = [];
  const gapCensored: number[] = [];
  for (let day = 0; day <= spanDays; day++) {
    if ((eventsByDay[day] as number) + (censoredByDay[day] as number) === 0) continue;
    gapTimes.push(day);
    gapEvents.push(eventsByDay[day] as number);
    gapCensored.push(censoredByDay[day] as number);
  }
  const gaps = kaplanMeierOfCounts({ times: gapTimes, events: gapEvents, censored: gapCensored });
  const within = gaps.median ?? 90;
  const repeat = repeatCounts(days, within);
  const windows = [...new Set([30, 90, 180, 365, within])].sort((a, b) => a - b);
  const repeatRows = windows.map((t) => {
    const counts = repeatCounts(days, t);
    return [
      t,
      counts.observed,
      counts.repeated,
      counts.observed === 0 ? null : share(counts.repeated / counts.observed),
    ];
  });
  sections.push({
    title: 'Repeat purchase',
    paragraphs: [
      repeat.observed === 0
        ? `No customer was observed for ${within} days after their first purchase, so the share who bought again within ${within} days is not known.`
        : `${share(repeat.repeated / repeat.observed)} of customers bought again within ${within} days of their first purchase (${repeat.repeated} of the ${repeat.observed} customers first seen at least ${within} days before the end of the data; measured from each customer's first to second purchase day${
            repeat.customers > repeat.observed
              ? `; the ${count(repeat.customers - repeat.observed, 'customer')} who arrived later ${repeat.customers - repeat.observed === 1 ? 'is' : 'are'} not counted, as they could not yet have been seen to return in time`
              : ''
          }).`,
      `${share(repeat.oneTime / repeat.customers)} of customers never bought again (${repeat.oneTime} of ${repeat.customers} have a single purchase day).`,
      gaps.median === null
        ? `Fewer than half the gaps between purchases end in a purchase within the data (Kaplan–Meier over ${gapCount} gaps).`
        : `The median purchase gap is ${gaps.median} days: half of the gaps between one purchase and the next end within ${gaps.median} days (Kaplan–Meier over ${gapCount} gaps between purchase days, the open gap after each customer's last purchase censored). This is a median over gaps, not customers: frequent buyers, with many short gaps, weigh most, which is why it differs from the share above.`,
    ],
    table: {
      columns: ['within (days)', 'customers observed that long', 'bought again within', 'share'],
      rows: repeatRows,
    },
  });

  // segments, and the revenue of each
  const scoreInput = new Array<{ frequency: number; recency: number; T: number; monetaryValue: number }>(
    customers,
  );
  for (let j = 0; j < customers; j++) {
    scoreInput[j] = {
      frequency: frequency[j] as number,
      recency: recency[j] as number,
      T: age[j] as number,
      monetaryValue: monetaryValue[j] as number,
    };
  }
  const scored = rfmScores(scoreInput);
  const segmentOf = new Array<string>(customers);
  const segmentCounts: Record<string, number> = {};
  const segmentRevenue = new Map<string, number>();
  for (let j = 0; j < customers; j++) {
    const segment = (scored[j] as { segment: string }).segment;
    segmentOf[j] = segment;
    segmentCounts[segment] = (segmentCounts[segment] ?? 0) + 1;
    segmentRevenue.set(segment, (segmentRevenue.get(segment) ?? 0) + (revenue[j] as number));
  }
  const segmentNames = Object.keys(segmentCounts).sort(
    (left, right) =>
      (segmentRevenue.get(right) as number) - (segmentRevenue.get(left) as number) || (left < right ? -1 : 1),
  );
  sections.push({
    title: 'RFM segments',
    paragraphs: [
      'Recency, frequency and monetary value scored 1–5 by quintile, then named by the documented 5×5 grid (docs/loyalty.md). The table gives each segment’s revenue so far.',
    ],
    svg: segmentSizesSvg(segmentCounts, { idPrefix: 'segments' }),
    table: {
      columns: ['segment', 'customers', 'revenue', 'share of revenue'],
      rows: segmentNames.map((name) => [
        name,
        segmentCounts[name] as number,
        money(segmentRevenue.get(name) as number),
        totalMinor > 0 ? share((segmentRevenue.get(name) as number) / totalMinor) : null,
      ]),
    },
  });

  // cohorts: the whole span, or the latest MAX_COHORTS with a label saying so
  const moneyOptions = { fractionDigits, ...calendar };
  const cohorts = cohortRetentionColumns(columns, { period: 'month', ...moneyOptions, intervals: true });
  const shown: CohortRow[] =
    cohorts.length > MAX_COHORTS ? cohorts.slice(cohorts.length - MAX_COHORTS) : cohorts;
  let longest = 0;
  for (const row of cohorts) if (row.rates.length > longest) longest = row.rates.length;
  sections.push({
    title: 'Monthly cohorts',
    paragraphs: [
      `Share of each month’s new customers who bought again k months later. ${
        shown.length < cohorts.length
          ? `Showing the last ${shown.length} of ${cohorts.length} cohorts (${(shown[0] as CohortRow).cohort} to ${(shown.at(-1) as CohortRow).cohort}); the ${cohorts.length - shown.length} earlier ones, from ${(cohorts[0] as CohortRow).cohort}, are left out of the picture but counted in the retention curve below.`
          : `All ${cohorts.length} cohorts, each over every month it can be observed (up to ${longest}).`
      }`,
      'Each cell’s tooltip gives its 95% Wilson interval; ▲ or ▼ marks a cell significantly higher or lower than the cohort before it in the same month since acquisition (two-proportion z-test at 5%), so a change of colour without a mark may well be noise.',
    ],
    svg: cohortHeatmapSvg(shown, {
      intervals: true,
      idPrefix: 'cohorts',
      title:
        shown.length < cohorts.length
          ? `Cohort retention: the last ${shown.length} of ${cohorts.length} cohorts`
          : 'Cohort retention',
    }),
  });
  const points: { x: number; y: number; lower: number; upper: number }[] = [];
  for (let k = 0; k < longest; k++) {
    let reached = 0;
    let retained = 0;
    for (const row of cohorts) {
      const counted = row.counts[k];
      if (counted === null || counted === undefined) continue;
      reached += row.size;
      retained += counted;
    }
    if (reached > 0) {
      const { lower, upper } = wilsonInterval(retained, reached);
      points.push({ x: k, y: retained / reached, lower, upper });
    }
  }
  const quarters = periodRetentionColumns(columns, { period: 'quarter', activeWithin: 90, ...moneyOptions });
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
        row.retention === null ? null : share(row.retention),
        row.churn === null ? null : share(row.churn),
        money(minorOf(row.revenue, fractionDigits)),
      ]),
    },
  });

  // retention modes: the three ways of counting a cohort's month k, pooled over the whole base
  const modes = pooledRetentionModes(days, cohorts);
  const modeShare = (counted: number, reached: number): number => counted / reached;
  sections.push({
    title: 'Retention modes',
    paragraphs: [
      'Three ways to count a cohort’s month k, pooled over every cohort that has reached it: “return on” is the share who bought in month k (the heatmap above); “on or after” the share who bought in month k or any later month (unbounded retention: not yet lost for good, never rising with k); “recurring” the share who bought in every month from 1 to k (compounded retention: an unbroken monthly habit, at most “return on”).',
    ],
    svg: retentionCurvesSvg(
      [
        {
          name: 'return on',
          points: modes.map((row) => ({ x: row.k, y: modeShare(row.returnOn, row.reached) })),
        },
        {
          name: 'on or after',
          points: modes.map((row) => ({ x: row.k, y: modeShare(row.onOrAfter, row.reached) })),
        },
        {
          name: 'recurring',
          points: modes.map((row) => ({ x: row.k, y: modeShare(row.recurring, row.reached) })),
        },
      ],
      {
        idPrefix: 'modes',
        title: 'Share of a cohort retained k months after acquisition, three ways',
        xLabel: 'months since first purchase',
      },
    ),
    table: {
      columns: ['month', 'customers reached', 'return on', 'on or after', 'recurring'],
      rows: modes.map((row) => [
        row.k,
        row.reached,
        share(modeShare(row.returnOn, row.reached)),
        share(modeShare(row.onOrAfter, row.reached)),
        share(modeShare(row.recurring, row.reached)),
      ]),
    },
  });

  // Day-N retention from exact times: 24-hour windows after the first purchase, eligible customers only
  // (nDayRetentionColumns without its validation: purchaseDays has checked these columns above)
  const nDays = nDayRows(
    resolveNDayOptions(FN, { days: [1, 7, 30, 90] }),
    columns.customerIndex,
    ids.length,
    at,
    at.length,
  );
  sections.push({
    title: 'Day-N retention',
    paragraphs: [
      'Day N is the 24 hours from 24·N hours after a customer’s first purchase, as product analytics tools count it. Only the customers whose day N is over by the last transaction are counted (“eligible”); those who arrived later are left out rather than counted as lost.',
    ],
    table: {
      columns: ['day', 'eligible', 'bought on that day', 'retention'],
      rows: nDays.map((row) => [
        `Day ${row.day}`,
        row.eligible,
        row.retained,
        row.rate === null ? null : share(row.rate),
      ]),
    },
  });

  // new versus returning revenue, by quarter, summed in minor units
  let newTotal = 0;
  let returningTotal = 0;
  const revenueRows = quarters.map((row) => {
    const fresh = minorOf(row.newRevenue, fractionDigits);
    const returning = minorOf(row.returningRevenue, fractionDigits);
    newTotal += fresh;
    returningTotal += returning;
    return [
      row.period,
      money(fresh),
      money(returning),
      fresh + returning > 0 ? share(returning / (fresh + returning)) : null,
    ];
  });
  sections.push({
    title: 'New and returning revenue',
    paragraphs: [
      `Revenue from customers in their first quarter (new) and from customers who first bought in an earlier quarter (returning). Over the whole data, returning customers brought ${
        newTotal + returningTotal > 0 ? share(returningTotal / (newTotal + returningTotal)) : 'none'
      } of the revenue (${money(returningTotal)} of ${money(newTotal + returningTotal)}).`,
    ],
    table: { columns: ['quarter', 'new', 'returning', 'returning share'], rows: revenueRows },
  });

  // time to the next purchase
  if (gaps.times.length > 0) {
    sections.push({
      title: 'Time to the next purchase',
      paragraphs: [
        `Kaplan–Meier estimate over ${gapCount} gaps between purchase days; the gap after a customer’s last purchase is censored. Median purchase gap: ${
          gaps.median === null ? 'not reached' : `${gaps.median} days`
        }.`,
      ],
      svg: survivalCurveSvg(gaps, {
        idPrefix: 'survival',
        title: 'Share of gaps not yet ended by a purchase, by days since the last purchase',
        xLabel: 'days since the last purchase',
      }),
    });
  }

  sections.push(
    ...modelSections({
      input,
      present,
      idOf,
      revenue,
      frequency,
      recency,
      age,
      monetaryValue,
      lastDay,
      segmentOf,
      segmentNames,
      segmentCounts,
      segmentRevenue,
      days,
      first,
      firstKey,
      repeaters,
      money,
    }),
  );
  return htmlReport(sections, {
    title: 'Customer loyalty and retention report',
    subtitle: `${input.source}, ${isoDay(first)} to ${isoDay(last)}. Made with patronage.`,
  });
}

interface ModelContext {
  readonly input: ReportInput;
  readonly present: readonly number[];
  readonly idOf: (c: number) => string;
  readonly revenue: Float64Array;
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly age: Float64Array;
  readonly monetaryValue: Float64Array;
  readonly lastDay: Float64Array;
  readonly segmentOf: readonly string[];
  readonly segmentNames: readonly string[];
  readonly segmentCounts: Readonly<Record<string, number>>;
  /** Revenue so far of each segment, in minor units. */
  readonly segmentRevenue: ReadonlyMap<string, number>;
  readonly days: ReturnType<typeof purchaseDays>;
  readonly first: number;
  readonly firstKey: number;
  readonly repeaters: number;
  readonly money: (minorUnits: number) => string;
}

/** The sections drawn from the purchase model: only from a fit that converged. */
function modelSections(context: ModelContext): ReportSection[] {
  const { input, present, idOf, frequency, recency, age, monetaryValue, days, money } = context;
  const { settings } = input;
  const unit = settings.unit;
  const horizon = settings.horizon;
  const name = MODEL_NAMES[settings.model];
  const customers = present.length;
  const { keyer, endKey } = days;
  const spanDays = endKey - context.firstKey;
  if (spanDays < 56 || context.repeaters < 10) {
    return [
      {
        title: 'Models',
        paragraphs: [
          'Too little history for the lifetime-value models: they need at least 8 weeks and 10 repeat customers.',
        ],
      },
    ];
  }
  const sections: ReportSection[] = [];
  // the customers the models are fitted on: all, or a sample chosen by a hash of the id (not the file order)
  const limit = customers <= FIT_SAMPLE ? 2 ** 32 : Math.floor((2 ** 32 * FIT_SAMPLE) / customers);
  const sample: number[] = [];
  for (let j = 0; j < customers; j++) if (hashOf(idOf(present[j] as number)) < limit) sample.push(j);
  const sampled = sample.length < customers;
  const who = sampled
    ? `a sample of ${sample.length} of the ${customers} customers (chosen by a hash of the customer id)`
    : `all ${customers} customers`;
  const rows = sample.map((j) => ({
    frequency: frequency[j] as number,
    recency: recency[j] as number,
    T: age[j] as number,
    monetaryValue: monetaryValue[j] as number,
  }));
  sections.push(suitabilitySection(rows, who, unit));
  const fit = fitPurchases(settings.model, rows);
  const verdict = usable(fit);
  const paramNames = Object.keys(fit.params) as (keyof typeof fit.params)[];
  const paramRows = paramNames.map((param) => [
    String(param),
    rounded(fit.params[param] as number, 4),
    fit.standardErrors === null ? null : rounded(fit.standardErrors[param] as number, 4),
  ]);
  if (!verdict.ok) {
    sections.push({
      title: `${name} model: not converged`,
      paragraphs: [
        `The ${name} fit on ${who} did not converge: ${verdict.reason}. Its numbers are not estimates, so nothing in this report is drawn from it (no matrices, no lifetime values, no tracking, no customer tables). Try another --model or --unit, or more history.`,
      ],
      table: {
        columns: ['parameter', 'value where the optimiser stopped', 'standard error'],
        rows: paramRows,
      },
    });
    return sections;
  }
  const T = Math.max(1, Math.round(spanDays / unitOfDays(unit)));
  sections.push({
    title: `${name} model`,
    paragraphs: [
      `Fitted by maximum likelihood on ${who}, with ${unit}s as the time unit (log-likelihood ${(fit.logLikelihood as number).toFixed(1)}, converged). Predictions are for the next ${horizon} ${unit}s; the matrices read for a customer first seen ${T} ${unit}s ago.`,
    ],
    table: { columns: ['parameter', 'estimate', 'standard error'], rows: paramRows },
  });
  sections.push(heterogeneitySection(fit, name, unit));
  let maxFrequency = 5;
  for (let j = 0; j < customers; j++)
    if ((frequency[j] as number) > maxFrequency) maxFrequency = frequency[j] as number;
  maxFrequency = Math.min(20, maxFrequency);
  sections.push({
    title: 'Expected purchases and P(alive) by frequency and recency',
    svg: frequencyRecencyMatrixSvg(fit, {
      T,
      horizon,
      maxFrequency,
      recencySteps: 13,
      idPrefix: 'matrix-expected',
      title: `Purchases expected in the next ${horizon} ${unit}s`,
    }),
  });
  sections.push({
    title: 'Probability alive',
    svg: probabilityAliveMatrixSvg(fit, { T, maxFrequency, recencySteps: 13, idPrefix: 'matrix-alive' }),
  });

  // every customer scored from the columns
  const scores = scoreCustomers(fit, { frequency, recency, T: age }, { horizon });

  // CLV with Gamma-Gamma spend, by segment
  const spenders = rows.filter((row) => row.frequency > 0 && row.monetaryValue > 0);
  const spend = spenders.length >= 10 ? fitGammaGamma(spenders) : null;
  const spendVerdict =
    spend === null
      ? ({ ok: false, reason: 'fewer than 10 repeat customers with spend' } as const)
      : usable(spend);
  const step = horizon / Math.min(13, Math.max(1, Math.ceil(horizon)));
  // Gamma-Gamma needs a positive mean spend: a customer whose repeat purchases were all worth 0 gets the
  // population mean (the model's spend for a customer without repeat purchases), and the text says so
  let zeroSpend = 0;
  const clvOf = (j: number): number => {
    const x = frequency[j] as number;
    const m = monetaryValue[j] as number;
    if (x > 0 && !(m > 0)) zeroSpend++;
    const averageSpend = expectedAverageSpend(
      spend as ModelFit<'gammaGamma'>,
      x > 0 && m > 0 ? { frequency: x, monetaryValue: m } : { frequency: 0, monetaryValue: 0 },
    );
    return customerLifetimeValue(
      fit,
      { frequency: x, recency: recency[j] as number, T: age[j] as number },
      { timeUnit: unit, horizon, discountRate: 0.1, margin: 1, averageSpend, step },
    );
  };
  if (spend === null || !spendVerdict.ok) {
    const reason = spendVerdict.ok ? '' : spendVerdict.reason;
    sections.push(
      {
        title: 'Customer lifetime value',
        paragraphs: [
          `No lifetime values: the Gamma-Gamma spend model gives none here (${reason}); nothing is drawn from it.`,
        ],
      },
      {
        title: 'Acquisition payback',
        paragraphs: [
          `No payback figures: they need the Gamma-Gamma spend model, which gives none here (${reason}).`,
        ],
      },
    );
  } else {
    const clvSum = new Map<string, number>();
    const clvCount = new Map<string, number>();
    let clvTotal = 0;
    for (const j of sample) {
      const value = clvOf(j);
      const segment = context.segmentOf[j] as string;
      clvSum.set(segment, (clvSum.get(segment) ?? 0) + value);
      clvCount.set(segment, (clvCount.get(segment) ?? 0) + 1);
      clvTotal += value;
    }
    const params = spend.params as { p: number; q: number; gamma: number };
    sections.push({
      title: 'Customer lifetime value',
      paragraphs: [
        `Expected revenue over the next ${horizon} ${unit}s, discounted at 10% a year (margin 1: revenue, not profit): the ${name} purchases times the Gamma-Gamma spend (p ${rounded(params.p, 3)}, q ${rounded(params.q, 3)}, γ ${rounded(params.gamma, 3)}, fitted on ${spenders.length} repeat customers). ${
          sampled
            ? `Means over the ${sample.length} sampled customers of each segment; totals are the mean times the segment’s size. `
            : ''
        }Mean CLV over all: ${(clvTotal / sample.length).toFixed(2)}.${
          zeroSpend > 0
            ? ` ${count(zeroSpend, 'customer', 'customers')} whose repeat purchases were all worth 0 ${zeroSpend === 1 ? 'is' : 'are'} valued at the population’s mean spend (Gamma-Gamma needs a positive spend).`
            : ''
        }`,
      ],
      table: {
        columns: ['segment', 'customers', 'revenue so far', 'mean CLV', 'expected revenue (CLV total)'],
        rows: context.segmentNames.map((segment) => {
          const counted = clvCount.get(segment) ?? 0;
          const mean = counted === 0 ? null : (clvSum.get(segment) as number) / counted;
          const size = context.segmentCounts[segment] as number;
          const spent = context.segmentRevenue.get(segment) as number;
          return [
            segment,
            size,
            money(spent),
            mean === null ? null : mean.toFixed(2),
            mean === null ? null : (mean * size).toFixed(2),
          ];
        }),
      },
    });
    sections.push(paybackSection(fit, spend, unit, horizon));
  }

  // the most valuable customers at risk: the top 1% by revenue so far (at least 100), P(alive) below 50%
  const candidates = topOrder(
    customers,
    (j) => context.revenue[j] as number,
    (j) => idOf(present[j] as number),
    Math.max(100, Math.ceil(customers / 100)),
  );
  // who a row of the two win-back tables is: id, revenue so far, purchase days, last purchase, P(alive)
  const customerCells = (j: number): (string | number)[] => [
    idOf(present[j] as number),
    money(context.revenue[j] as number),
    (frequency[j] as number) + 1,
    isoDay(keyer.startOf(context.lastDay[j] as number)),
    share(scores.probabilityAlive[j] as number),
  ];
  const atRisk = candidates.filter((j) => (scores.probabilityAlive[j] as number) < 0.5).slice(0, TOP);
  sections.push({
    title: 'Valuable customers at risk',
    paragraphs: [
      atRisk.length === 0
        ? `None of the ${candidates.length} customers with the most revenue so far has a P(alive) below 50%.`
        : `Among the ${candidates.length} customers with the most revenue so far, those the ${name} model gives a P(alive) below 50%, by revenue: worth a win-back before they are gone.`,
    ],
    ...(atRisk.length === 0
      ? {}
      : {
          table: {
            columns: [
              'customer',
              'revenue so far',
              'purchase days',
              'last purchase',
              'P(alive)',
              `expected purchases (${horizon} ${unit}s)`,
            ],
            rows: atRisk.map((j) => [...customerCells(j), rounded(scores.expectedPurchases[j] as number, 2)]),
          },
        }),
  });

  // the P(alive) path of the most valuable customer at risk (else of the most valuable one), from the same fit
  const watched = atRisk[0] ?? candidates[0];
  if (watched !== undefined) {
    sections.push(
      aliveHistorySection(context, fit, watched, atRisk[0] === undefined ? 'top' : 'atRisk', {
        name,
        probabilityAlive: scores.probabilityAlive[watched] as number,
      }),
    );
  }

  // when to contact the valuable customers still above one half: contactBy's date if they stay silent
  const observationEnd = keyer.startOf(endKey);
  const schedule: { j: number; after: number; date: string }[] = [];
  for (const j of candidates) {
    if ((scores.probabilityAlive[j] as number) < 0.5) continue;
    const { after, date } = contactBy(
      fit,
      { frequency: frequency[j] as number, recency: recency[j] as number, T: age[j] as number },
      { threshold: 0.5, horizon, at: observationEnd, timeUnit: unit },
    );
    if (after !== null && date !== null) schedule.push({ j, after, date });
  }
  // soonest first; the same moment by revenue, then id (a stable order whatever the file order)
  schedule.sort(
    (left, right) =>
      left.after - right.after ||
      (context.revenue[right.j] as number) - (context.revenue[left.j] as number) ||
      (idOf(present[left.j] as number) < idOf(present[right.j] as number) ? -1 : 1),
  );
  sections.push({
    title: 'Contact by',
    paragraphs: [
      schedule.length === 0
        ? `None of the ${candidates.length} customers with the most revenue so far whose P(alive) is still 50% or more falls below 50% within the next ${horizon} ${unit}s if they buy nothing more.`
        : `Among the ${candidates.length} customers with the most revenue so far, those whose P(alive) is still 50% or more but falls below it within the next ${horizon} ${unit}s if they buy nothing more (by contactBy, ${count(schedule.length, 'customer', 'customers')}), soonest first: the date to send a win-back message${schedule.length > TOP ? ` (the first ${TOP})` : ''}. A purchase before then resets the date.`,
    ],
    ...(schedule.length === 0
      ? {}
      : {
          table: {
            columns: [
              'customer',
              'revenue so far',
              'purchase days',
              'last purchase',
              'P(alive) now',
              'contact by',
            ],
            rows: schedule.slice(0, TOP).map(({ j, date }) => [...customerCells(j), date.slice(0, 10)]),
          },
        }),
  });

  // the customers expected to buy most
  const ranked = topOrder(
    customers,
    (j) => scores.expectedPurchases[j] as number,
    (j) => idOf(present[j] as number),
    TOP,
  );
  sections.push({
    title: `Customers expected to buy most in the next ${horizon} ${unit}s`,
    table: {
      columns: [
        'customer',
        'repeat purchases',
        `recency (${unit}s)`,
        `age (${unit}s)`,
        'average spend',
        'P(alive)',
        'expected purchases',
      ],
      rows: ranked
        .slice(0, TOP)
        .map((j) => [
          idOf(present[j] as number),
          frequency[j] as number,
          rounded(recency[j] as number, 1),
          rounded(age[j] as number, 1),
          rounded(monetaryValue[j] as number, 2),
          rounded(scores.probabilityAlive[j] as number, 3),
          rounded(scores.expectedPurchases[j] as number, 2),
        ]),
    },
  });

  // the period-transactions check: the repeat-purchase histogram of the model against the data's, exact
  const check = periodTransactions(
    fit,
    sample.map((j) => ({
      frequency: frequency[j] as number,
      recency: recency[j] as number,
      T: age[j] as number,
    })),
    { maxFrequency: TOP_FREQUENCY },
  );
  sections.push({
    title: 'Period transactions: model against data',
    paragraphs: [
      `Repeat purchases of ${who} against the number of customers the fitted ${name} model expects with each count, each customer observed for their own time (periodTransactions: Σ P(X(T) = x) over the customers; lifetimes’ plot_period_transactions). Where the two differ the model misdescribes the data.`,
      chiSquareSentence(check.chiSquare),
    ],
    svg: periodTransactionsSvg(check, {
      idPrefix: 'period-transactions',
      xLabel: `repeat purchases (${TOP_FREQUENCY}+ = ${TOP_FREQUENCY} or more)`,
    }),
    table: {
      columns: ['repeat purchases', 'customers (data)', 'customers (model)'],
      rows: check.bins.map((bin) => [
        bin.orMore ? `${bin.frequency} or more` : String(bin.frequency),
        bin.actual,
        rounded(bin.expected, 1),
      ]),
    },
  });

  sections.push(...holdoutSections(context, sample, name, who));
  return sections;
}

/** The chi-square test of the period-transactions check, in words. */
function chiSquareSentence(test: PeriodTransactionsChiSquare): string {
  const groups = test.groups.length;
  if (test.degreesOfFreedom === null || test.pValue === null) {
    return `Pearson’s chi-square over the ${groups} groups with at least 5 expected customers is ${test.statistic.toFixed(2)}; with the model’s ${test.parameters} parameters that leaves no degree of freedom, so there is no test.`;
  }
  const p = test.pValue < 0.001 ? test.pValue.toExponential(1) : test.pValue.toFixed(3);
  const verdict =
    test.pValue < 0.05
      ? 'the model’s histogram differs from the data’s by more than chance at the 5% level'
      : 'no difference beyond chance at the 5% level';
  return `Pearson’s chi-square over ${groups} groups (neighbouring counts merged until the model expects at least 5 customers in each): ${test.statistic.toFixed(2)} on ${test.degreesOfFreedom} degree${test.degreesOfFreedom === 1 ? '' : 's'} of freedom (groups − 1 − ${test.parameters} parameters), p = ${p}: ${verdict}. With many customers small misfits are significant; read the chart for their size.`;
}

/** What makes the models fit badly on these rows (dataSuitability), before they are fitted. */
function suitabilitySection(
  rows: readonly { frequency: number; recency: number; T: number; monetaryValue: number }[],
  who: string,
  unit: ReportSettings['unit'],
): ReportSection {
  const check = dataSuitability(rows);
  const figure = (value: number | null, digits: number): string | null =>
    value === null ? null : value.toFixed(digits);
  return {
    title: 'Before fitting: is the data suitable?',
    paragraphs: [
      `What makes the models fit badly, checked on ${who} (dataSuitability): ${
        check.warnings.length === 0
          ? 'nothing found.'
          : `${count(check.warnings.length, 'warning', 'warnings')}, read the model sections with them in mind.`
      }`,
      ...check.warnings.map((warning) => `${warning.code}: ${warning.message}`),
    ],
    table: {
      columns: ['figure', 'value'],
      rows: [
        ['customers', check.customers],
        ['repeat customers', check.repeatCustomers],
        ['one-time buyers', share(check.oneTimeShare)],
        [`median age (${unit}s)`, rounded(check.medianAge, 1)],
        [`median purchase gap (${unit}s)`, figure(check.medianPurchaseGap, 1)],
        ['median age ÷ median gap', figure(check.windowRatio, 1)],
        ['frequency–spend correlation (repeat customers)', figure(check.frequencySpendCorrelation, 3)],
        ['repeat customers with spend 0 or less', check.nonPositiveSpend],
        ['extreme customers', check.extremeCustomers],
        ['their share of repeat purchases', share(check.extremePurchaseShare)],
      ],
    },
  };
}

/** A new customer's expected discounted revenue over the horizon, and when a given acquisition cost pays back. */
function paybackSection(
  fit: ModelFit,
  spend: ModelFit<'gammaGamma'>,
  unit: ReportSettings['unit'],
  horizon: number,
): ReportSection {
  const title = 'Acquisition payback';
  const common = { timeUnit: unit, horizon, margin: 1, discountRate: 0.1 } as const;
  if (!((spend.params as { q: number }).q > 1)) {
    return {
      title,
      paragraphs: [
        'No payback figures: the Gamma-Gamma fit has q ≤ 1, so a new customer’s mean spend is not defined.',
      ],
    };
  }
  const [whole] = acquisitionPayback(fit, spend, { ...common, acquisitionCost: 0 });
  const worth = (whole as { breakEvenCost: number }).breakEvenCost;
  const fractions = [0.25, 0.5, 0.75] as const;
  const groups = Object.fromEntries(
    fractions.map((f) => [`${f * 100}%`, { acquisitionCost: worth * f }] as const),
  );
  const rows = acquisitionPayback(fit, spend, { ...common, acquisitionCost: 0, by: groups });
  const curve = whole as { times: readonly number[]; cumulativeMargin: readonly number[] };
  return {
    title,
    paragraphs: [
      `A customer acquired today is expected to bring ${worth.toFixed(2)} of revenue over the next ${horizon} ${unit}s from the purchases after the first, discounted at 10% a year (acquisitionPayback: the purchase model’s expected purchases of a new customer times the Gamma-Gamma mean spend; the first purchase, which acquired them, is not counted). That is the most an acquisition may cost to pay back within the horizon (margin 1: apply your margin to both). The table gives when a smaller cost pays back.`,
    ],
    svg: retentionCurvesSvg(
      [
        {
          name: 'new customer',
          points: curve.times.map((t, k) => ({ x: t, y: curve.cumulativeMargin[k] as number })),
        },
      ],
      {
        idPrefix: 'payback',
        title: 'Cumulative discounted revenue of a new customer',
        xLabel: `${unit}s since acquisition`,
        yLabel: 'revenue',
        percent: false,
      },
    ),
    table: {
      columns: ['acquisition cost', 'share of the break-even cost', `pays back after (${unit}s)`],
      rows: rows.map((row) => [
        row.acquisitionCost.toFixed(2),
        row.group,
        row.paybackTime === null ? null : rounded(row.paybackTime, 1),
      ]),
    },
  };
}

function unitOfDays(unit: ReportSettings['unit']): number {
  return unitLength(FN, unit) / DAY_MS;
}

/** The mixing densities of the full fit: how purchase and dropout rates vary across customers. */
function heterogeneitySection(fit: ModelFit, name: string, unit: ReportSettings['unit']): ReportSection {
  const densities = mixingDensities(fit);
  const described = densities.map((density) => {
    const spread = Math.sqrt(density.variance) / density.mean;
    return `${density.name === 'lambda' ? `the purchase rate λ (per ${unit})` : density.name === 'mu' ? `the dropout rate μ (per ${unit})` : `the dropout probability ${density.name} after each purchase`} has mean ${rounded(density.mean, 4)} and coefficient of variation ${rounded(spread, 2)}`;
  });
  return {
    title: 'Heterogeneity',
    paragraphs: [
      `How the customers differ, in the ${name} fit above (mixingDensities): ${described.join('; ')}. A coefficient of variation above 1 (a gamma shape below 1) puts most customers near 0 and a long tail far above the mean.`,
    ],
    svg: mixingDensitySvg(densities, {
      idPrefix: 'heterogeneity',
      title: `${name}: the distributions of the individual rates`,
      labels: {
        lambda: `λ: purchases per ${unit}`,
        ...(densities.some((density) => density.name === 'mu') ? { mu: `μ: dropouts per ${unit}` } : {}),
      },
    }),
  };
}

/** One customer's P(alive) over the data's span with the purchase days marked (probabilityAliveHistory). */
function aliveHistorySection(
  context: ModelContext,
  fit: ModelFit,
  j: number,
  why: 'atRisk' | 'top',
  model: { readonly name: string; readonly probabilityAlive: number },
): ReportSection {
  const { days, present, idOf } = context;
  const { keyer, endKey } = days;
  const { offsets, keys } = days.grouped;
  const unit = context.input.settings.unit;
  const c = present[j] as number;
  const purchases: number[] = [];
  for (let k = offsets[c] as number; k < (offsets[c + 1] as number); k++)
    purchases.push(keyer.startOf(keys[k] as number));
  const until = keyer.startOf(endKey);
  const span = (until - (purchases[0] as number)) / (unitOfDays(unit) * DAY_MS);
  // at most about 1,000 grid points, whatever the span and unit
  const step = Math.max(1, Math.ceil(span / 1000));
  const history = probabilityAliveHistory(fit, purchases, {
    until,
    timeUnit: unit,
    step,
    maxPoints: 1_000_000,
  });
  const id = idOf(c);
  const lowest = history.points.reduce((low, point) => Math.min(low, point.probabilityAlive), 1);
  return {
    title: 'P(alive) history of a valuable customer',
    paragraphs: [
      `${why === 'atRisk' ? `Customer ${id}, the most valuable customer at risk` : `Customer ${id}, the customer with the most revenue so far (none of the most valuable is at risk)`}: revenue so far ${context.money(context.revenue[j] as number)} over ${count(history.purchases.length, 'purchase day')}, the last on ${isoDay(keyer.startOf(context.lastDay[j] as number))}. The ${model.name} model’s P(alive) after each purchase and as each silence grew (probabilityAliveHistory, lifetimes’ plot_history_alive), ${step === 1 ? `${unit} by ${unit}` : `every ${step} ${unit}s`}: now ${share(model.probabilityAlive)}, lowest ${share(lowest)}.`,
    ],
    svg: probabilityAliveHistorySvg(history, {
      idPrefix: 'alive-history',
      customer: id,
      xLabel: `${unit}s since the customer’s first purchase`,
    }),
  };
}

/** The calibration/holdout split: a second fit on the calibration period, checked on the holdout. */
function holdoutSections(
  context: ModelContext,
  sample: readonly number[],
  name: string,
  who: string,
): ReportSection[] {
  const { input, present, days } = context;
  const { settings } = input;
  const { keyer, endKey } = days;
  const { keys } = days.grouped;
  const unit = settings.unit;
  const unitMs = unitOfDays(unit) * DAY_MS;
  const firstStart = keyer.startOf(context.firstKey);
  const holdoutKey = settings.holdoutEnd === undefined ? endKey : keyer.keyOf(settings.holdoutEnd);
  const calibrationKey =
    settings.calibrationEnd === undefined
      ? context.firstKey + Math.floor(((endKey - context.firstKey) * 2) / 3)
      : keyer.keyOf(settings.calibrationEnd);
  if (holdoutKey > endKey) {
    throw new ReportSettingsError(
      `--holdout-end ${isoDay(keyer.startOf(holdoutKey))} is after the last transaction (${isoDay(keyer.startOf(endKey))})`,
    );
  }
  if (!(calibrationKey >= context.firstKey && calibrationKey < holdoutKey)) {
    throw new ReportSettingsError(
      `--calibration-end ${isoDay(keyer.startOf(calibrationKey))} must fall on or after the first transaction (${isoDay(firstStart)}) and before the end of the holdout (${isoDay(keyer.startOf(holdoutKey))})`,
    );
  }
  const calibrationStart = keyer.startOf(calibrationKey);
  const holdoutStart = keyer.startOf(holdoutKey);
  const durationHoldout = (holdoutStart - calibrationStart) / unitMs;
  // the sampled customers first seen by the end of calibration: their calibration summary and holdout days
  const rows: {
    frequency: number;
    recency: number;
    T: number;
    frequencyHoldout: number;
    durationHoldout: number;
  }[] = [];
  const counts = holdoutCounts(
    days,
    (function* () {
      for (const j of sample) yield present[j] as number;
    })(),
    { first: context.firstKey, calibration: calibrationKey, holdout: holdoutKey },
    unitMs,
    (_, from, split, end) => {
      const start = keyer.startOf(keys[from] as number);
      rows.push({
        frequency: split - from - 1,
        recency: (keyer.startOf(keys[split - 1] as number) - start) / unitMs,
        T: (calibrationStart - start) / unitMs,
        frequencyHoldout: end - split,
        durationHoldout,
      });
    },
  );
  const split = `calibration to ${isoDay(calibrationStart)}, holdout to ${isoDay(holdoutStart)}`;
  const repeatersInCalibration = rows.filter((row) => row.frequency > 0).length;
  if (rows.length === 0 || repeatersInCalibration < 10) {
    return [
      {
        title: 'Calibration and holdout',
        paragraphs: [`Too few repeat customers in the calibration period (${split}) to fit the model again.`],
      },
    ];
  }
  const calibrated = fitPurchases(settings.model, rows);
  const verdict = usable(calibrated);
  if (!verdict.ok) {
    return [
      {
        title: 'Calibration and holdout: not converged',
        paragraphs: [
          `The ${name} fit on the calibration period (${split}) did not converge: ${verdict.reason}. Nothing is drawn from it: no tracking chart and no holdout comparison.`,
        ],
      },
    ];
  }
  const { births, times, actual } = counts;
  const tracking = cumulativeTracking(calibrated, { births, times, actual });
  const drift = driftOf(calibrated, counts, (calibrationStart - firstStart) / unitMs, unit);
  const comparison = holdoutComparison(calibrated, rows, { maxFrequency: TOP_FREQUENCY });
  const byRecency = holdoutByRecency(calibrated, rows, { bins: RECENCY_BINS });
  const groups = comparison.groups;
  return [
    {
      title: 'Calibration and holdout',
      paragraphs: [
        `Fitted again on the calibration period only (${split}), on the ${rows.length} customers first seen by its end (of ${who}); the model’s cumulative repeat purchases against the data${
          tracking.finalRelativeError === null
            ? ''
            : `: ${share(tracking.finalRelativeError)} off at the end of the holdout`
        }.`,
        drift,
      ],
      svg: trackingSvg(tracking, {
        idPrefix: 'tracking',
        calibrationEnd: (calibrationStart - firstStart) / unitMs,
        xLabel: `${unit}s since the first transaction`,
      }),
    },
    {
      title: `Calibration and holdout: repeat purchases per ${unit}`,
      paragraphs: [
        `The same comparison ${unit} by ${unit} (incremental tracking, Fader, Hardie & Lee 2005 figure 3): the repeat purchases of each ${unit} against the calibration fit’s expectation. A model that drifts shows here as a gap in the latest ${unit}s, which the cumulative curve spreads over the whole holdout.`,
      ],
      svg: trackingSvg(tracking, {
        idPrefix: 'tracking-incremental',
        mode: 'incremental',
        calibrationEnd: (calibrationStart - firstStart) / unitMs,
        xLabel: `${unit}s since the first transaction`,
      }),
    },
    {
      title: 'Holdout purchases by calibration frequency',
      paragraphs: [
        `Mean purchases in the holdout (${rounded(durationHoldout, 1)} ${unit}s) of the customers with each number of repeat purchases in calibration, against the calibration fit’s conditional expectation (holdoutComparison; lifetimes’ plot_calibration_purchases_vs_holdout_purchases, BTYD’s PlotFreqVsConditionalExpectedFrequency). In all: ${comparison.actualTotal} actual, ${comparison.predictedTotal.toFixed(1)} predicted.`,
      ],
      svg: holdoutByGroupSvg(comparison, {
        idPrefix: 'holdout',
        title: 'Mean holdout purchases by calibration repeat purchases',
        xLabel: `repeat purchases in calibration (${TOP_FREQUENCY} = ${TOP_FREQUENCY} or more)`,
      }),
      table: {
        columns: ['calibration repeat purchases', 'customers', 'mean actual', 'mean predicted'],
        rows: groups.map((group) => [
          group.orMore ? `${group.frequency} or more` : String(group.frequency),
          group.customers,
          rounded(group.actual, 3),
          rounded(group.predicted, 3),
        ]),
      },
    },
    {
      title: 'Holdout purchases by calibration recency',
      paragraphs: [
        `The same customers grouped by the time of their last purchase in calibration (recency, ${unit}s after their first purchase; ${byRecency.groups[0]?.exact === true ? 'one group per recency' : `${RECENCY_BINS} equal bins from 0 to the longest calibration age`}): mean purchases in the holdout against the calibration fit’s conditional expectation (holdoutByRecency; BTYD’s PlotRecVsConditionalExpectedFrequency). Customers whose last purchase is long ago are where a model’s dropout shows: the model should expect little of them, and they should buy little.`,
      ],
      svg: holdoutByGroupSvg(byRecency, {
        idPrefix: 'holdout-recency',
        title: 'Mean holdout purchases by calibration recency',
        xLabel: `recency in calibration (${unit}s from the first to the last purchase)`,
      }),
      table: {
        columns: [`calibration recency (${unit}s)`, 'customers', 'mean actual', 'mean predicted'],
        rows: byRecency.groups.map((group) => [
          group.exact ? rounded(group.from, 1) : `${rounded(group.from, 1)} to ${rounded(group.to, 1)}`,
          group.customers,
          rounded(group.actual, 3),
          rounded(group.predicted, 3),
        ]),
      },
    },
  ];
}
