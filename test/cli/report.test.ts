import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  acquisitionPayback,
  type CohortMode,
  type CohortRow,
  cohortRetention,
  contactBy,
  dataSuitability,
  fitBgNbd,
  fitGammaGamma,
  kaplanMeier,
  mixingDensities,
  periodTransactions,
  probabilityAliveHistory,
  rfmSummary,
  survivalFromPurchaseGaps,
} from '../../src/index';
import { cli, directory, file } from '../helpers/cli';
import { hasSharedData, SHARED_DATA, SKIP_MESSAGE } from '../helpers/sharedData';
import { expectWellFormed } from '../svg/wellFormed';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const AMOUNTS = [0.1, 0.2, 19.99, 5.05, 0.3, 12.7];

interface Row {
  readonly customer: string;
  readonly day: number;
  readonly cents: number;
}

/**
 * A shop of 80 customers over 280 days: customer i arrives on day 3·(i mod 60) and buys every 5 + (i mod 9)
 * days until day 40 + 3·i (so some buy once, some stop early, some stay), with amounts whose float sum is
 * not exact (0.1 + 0.2 …).
 */
function shop(): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < 80; i++) {
    const arrival = 3 * (i % 60);
    const gap = 5 + (i % 9);
    const leaves = i % 7 === 0 ? arrival : 40 + 3 * i;
    for (let day = arrival, k = 0; day <= Math.min(leaves, 279); day += gap, k++) {
      rows.push({
        customer: `c${i}`,
        day,
        cents: Math.round(100 * (AMOUNTS[(i + k) % AMOUNTS.length] as number)),
      });
    }
  }
  return rows;
}

function csvOf(rows: readonly Row[]): string {
  const lines = rows.map(
    (row) =>
      `${row.customer},${new Date(START + row.day * DAY).toISOString().slice(0, 10)},${(row.cents / 100).toFixed(2)}`,
  );
  return `customerId,at,amount\n${lines.join('\n')}\n`;
}

/** The page's text without its markup. */
function textOf(html: string): string {
  return html
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The rows as the library's transactions (the CSV's days at midnight UTC, its amounts). */
function transactionsOf(rows: readonly Row[]) {
  return rows.map((row) => ({
    customerId: row.customer,
    at: START + row.day * DAY,
    amount: row.cents / 100,
  }));
}

/** The part of the page under the heading `title`, up to the next heading. */
function sectionOf(html: string, title: string): string {
  return (html.split(`<h2>${title}</h2>`)[1] as string).split('<h2>')[0] as string;
}

/** The cells of each body row of the section's table, as text. */
function tableRows(section: string): string[][] {
  const body = (section.split('<tbody>')[1] as string).split('</tbody>')[0] as string;
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] as string).matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((cell) => cell[1] as string),
  );
}

/** The heatmap's expected marks: `cohort, period k` → ▲/▼, from the library's rows (the last 24 shown). */
function significantCells(rows: readonly CohortRow[]): string[] {
  const marks: string[] = [];
  for (const row of rows.slice(-24))
    row.intervals?.forEach((cell, k) => {
      if (cell?.direction != null)
        marks.push(`${row.cohort}, period ${k} ${cell.direction === 'higher' ? '▲' : '▼'}`);
    });
  return marks.sort();
}

/** The marks drawn in the report's cohort heatmap, read from each marked cell's tooltip and its glyph. */
function drawnMarks(html: string): string[] {
  const svg = (sectionOf(html, 'Monthly cohorts').match(/<svg[\s\S]*?<\/svg>/) as RegExpMatchArray)[0];
  const glyphs = svg.match(/>[▲▼]<\/text>/g) ?? [];
  const titled = [
    ...svg.matchAll(/<title>([^<]*?), period (\d+): [^<]*significantly (higher|lower)[^<]*<\/title>/g),
  ].map((match) => `${match[1]}, period ${match[2]} ${match[3] === 'higher' ? '▲' : '▼'}`);
  expect(glyphs).toHaveLength(titled.length);
  return titled.sort();
}

/** The three modes pooled by month since acquisition, as the report's table shows them, from cohortRetention. */
function expectedModes(rows: readonly Row[]): string[][] {
  const percent = (value: number): string => `${(100 * value).toFixed(1)}%`;
  const tables = (['return-on', 'return-on-or-after', 'recurring'] as CohortMode[]).map((mode) =>
    cohortRetention(transactionsOf(rows), { period: 'month', mode }),
  );
  const longest = Math.max(...(tables[0] as CohortRow[]).map((row) => row.counts.length));
  return Array.from({ length: longest }, (_, k) => {
    const pool = (table: readonly CohortRow[]) => {
      let reached = 0;
      let counted = 0;
      for (const row of table) {
        const value = row.counts[k];
        if (value === undefined || value === null) continue;
        reached += row.size;
        counted += value;
      }
      return { reached, counted };
    };
    const [on, after, every] = tables.map(pool) as [
      ReturnType<typeof pool>,
      ReturnType<typeof pool>,
      ReturnType<typeof pool>,
    ];
    return [
      `${k}`,
      `${on.reached}`,
      percent(on.counted / on.reached),
      percent(after.counted / after.reached),
      percent(every.counted / every.reached),
    ];
  });
}

async function report(
  path: string,
  ...options: string[]
): Promise<{ code: number; err: string; html: string }> {
  const out = join(directory, `report-${Math.random().toString(36).slice(2)}.html`);
  const result = await cli(['report', path, '--out', out, ...options]);
  return { code: result.code, err: result.err, html: result.code === 0 ? readFileSync(out, 'utf8') : '' };
}

describe('patronage report on a small shop (golden behaviour)', () => {
  const rows = shop();
  const path = file('shop.csv', csvOf(rows));

  it('has every section, each chart well-formed', async () => {
    const { code, html } = await report(path);
    expect(code).toBe(0);
    for (const title of [
      'The data',
      'Repeat purchase',
      'RFM segments',
      'Monthly cohorts',
      'Retention',
      'Retention modes',
      'New and returning revenue',
      'Time to the next purchase',
      'BG/NBD model',
      'Expected purchases and P(alive) by frequency and recency',
      'Before fitting: is the data suitable?',
      'Customer lifetime value',
      'Acquisition payback',
      'Valuable customers at risk',
      'Contact by',
      'Period transactions: model against data',
      'Calibration and holdout',
      'Calibration and holdout: repeat purchases per week',
      'Holdout purchases by calibration frequency',
      'Heterogeneity',
      'P(alive) history of a valuable customer',
      'Holdout purchases by calibration recency',
    ]) {
      expect(html).toContain(`<h2>${title}</h2>`);
    }
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    // segments, cohorts, retention, retention modes, gaps, heterogeneity, two matrices, P(alive) history, period
    // transactions, tracking (cumulative and per week), holdout by frequency and by recency (no spend fit here, so
    // no payback chart)
    expect(svgs.length).toBe(14);
    for (const svg of svgs) expectWellFormed(svg);
  }, 60_000);

  it('shows the three retention modes pooled over the base, as cohortRetention gives them on the same data', async () => {
    const { html } = await report(path);
    const section = sectionOf(html, 'Retention modes');
    expect(tableRows(section)).toEqual(expectedModes(rows));
    expect(textOf(section)).toContain('“on or after” the share who bought in month k or any later month');
    expect(section.match(/<svg/g)).toHaveLength(1);
  }, 60_000);

  it('draws the cohort heatmap with the intervals and marks of cohortRetention(…, { intervals: true })', async () => {
    const { html } = await report(path);
    const expected = significantCells(
      cohortRetention(transactionsOf(rows), { period: 'month', intervals: true }),
    );
    expect(drawnMarks(html)).toEqual(expected);
    const section = sectionOf(html, 'Monthly cohorts');
    expect(section).toMatch(/<title>\d{4}-\d{2}, period 0: 100\.0% \(interval \d+\.\d%–100\.0%\)<\/title>/);
    expect(textOf(section)).toContain(
      '▲ or ▼ marks a cell significantly higher or lower than the cohort before it',
    );
  }, 60_000);

  it('states the drift check of the holdout (trackingAlarm on the periods after the calibration end)', async () => {
    const { html } = await report(path);
    const text = textOf(html);
    expect(text).toMatch(
      /Drift check \((no alarm|alarm)\): (no refit due|refit due since week \d+): purchases \d+(\.\d)?% (below|above) the model over weeks \d+–\d+/,
    );
  }, 60_000);

  it('states the share who bought again within t days from first-to-second purchase, and the purchase-gap median by name', async () => {
    const { html } = await report(path);
    const text = textOf(html);
    // the expected figures, computed here from the rows, independently of the report's columnar code
    const days = new Map<string, number[]>();
    for (const row of rows)
      days.set(row.customer, [...new Set([...(days.get(row.customer) ?? []), row.day])]);
    const end = Math.max(...rows.map((row) => row.day));
    const gaps = survivalFromPurchaseGaps(
      rows.map((row) => ({ customerId: row.customer, at: START + row.day * DAY, amount: row.cents / 100 })),
    );
    const median = kaplanMeier(gaps).median as number;
    expect(median).toBeGreaterThan(0);
    let observed = 0;
    let repeated = 0;
    let oneTime = 0;
    for (const list of days.values()) {
      list.sort((a, b) => a - b);
      if (list.length === 1) oneTime++;
      if (end - (list[0] as number) < median) continue;
      observed++;
      if (list.length > 1 && (list[1] as number) - (list[0] as number) <= median) repeated++;
    }
    const percent = (value: number): string => `${(100 * value).toFixed(1)}%`;
    expect(text).toContain(
      `${percent(repeated / observed)} of customers bought again within ${median} days of their first purchase (${repeated} of the ${observed} customers first seen at least ${median} days before the end of the data`,
    );
    expect(observed).toBe(days.size); // every customer was observed that long
    expect(text).toContain(
      `${percent(oneTime / days.size)} of customers never bought again (${oneTime} of ${days.size}`,
    );
    expect(text).toContain(`The median purchase gap is ${median} days`);
    expect(text).not.toContain('Half of the customers buy again');
  }, 60_000);

  it('lists when to contact the customers still alive, as contactBy gives it from the same fit', async () => {
    const { html } = await report(path);
    const section = (html.split('<h2>Contact by</h2>')[1] as string).split('<h2>')[0] as string;
    const listed = [
      ...section.matchAll(/<tr><td[^>]*>(c\d+)<\/td>[\s\S]*?<td[^>]*>(\d{4}-\d{2}-\d{2})<\/td><\/tr>/g),
    ].map((match) => [match[1] as string, match[2] as string] as const);
    expect(listed.length).toBeGreaterThan(0);
    // the same summary and fit, made here with the library's row functions
    const end = START + Math.max(...rows.map((row) => row.day)) * DAY;
    const summary = rfmSummary(
      rows.map((row) => ({ customerId: row.customer, at: START + row.day * DAY, amount: row.cents / 100 })),
      { unit: 'week', observationEnd: end },
    );
    const fit = fitBgNbd(summary);
    const expected = summary
      .map((customer) => ({
        id: customer.customerId,
        ...contactBy(fit, customer, { threshold: 0.5, horizon: 13, at: end, timeUnit: 'week' }),
      }))
      .filter((row) => row.after !== null && row.after > 0)
      .sort((left, right) => (left.after as number) - (right.after as number));
    expect(listed.slice(0, 5)).toEqual(
      expected.slice(0, 5).map((row) => [String(row.id), (row.date as string).slice(0, 10)]),
    );
  }, 60_000);

  it('draws the heterogeneity and a valuable customer’s P(alive) history as the library gives them from the same fit', async () => {
    const { html } = await report(path);
    const end = START + Math.max(...rows.map((row) => row.day)) * DAY;
    const summary = rfmSummary(
      rows.map((row) => ({ customerId: row.customer, at: START + row.day * DAY, amount: row.cents / 100 })),
      { unit: 'week', observationEnd: end },
    );
    const fit = fitBgNbd(summary);
    const [lambda, p] = mixingDensities(fit);
    const heterogeneity = textOf(
      (html.split('<h2>Heterogeneity</h2>')[1] as string).split('<h2>')[0] as string,
    );
    expect(heterogeneity).toContain(
      `the purchase rate λ (per week) has mean ${Math.round((lambda?.mean as number) * 1e4) / 1e4}`,
    );
    expect(heterogeneity).toContain(
      `the dropout probability p after each purchase has mean ${Math.round((p?.mean as number) * 1e4) / 1e4}`,
    );
    const section = (html.split('<h2>P(alive) history of a valuable customer</h2>')[1] as string).split(
      '<h2>',
    )[0] as string;
    const id = /Customer (c\d+), the most valuable customer at risk/.exec(textOf(section))?.[1] as string;
    expect(id).toBeDefined();
    const days = [...new Set(rows.filter((row) => row.customer === id).map((row) => START + row.day * DAY))];
    const history = probabilityAliveHistory(fit, days, { until: end, timeUnit: 'week' });
    const now = history.points.at(-1)?.probabilityAlive as number;
    expect(now).toBeLessThan(0.5);
    expect(textOf(section)).toContain(`now ${(100 * now).toFixed(1)}%`);
    expect(section.match(/<circle /g)?.length).toBe(days.length);
    // the per-week tracking chart beside the cumulative one
    expect(html).toContain(
      'id="tracking-incremental-title">Repeat purchases per period: model and data</title>',
    );
  }, 60_000);

  it('shows the data checks and a new customer’s payback as the library gives them from the same fits', async () => {
    // the shop with spend that differs between customers (customer i spends 1 + i mod 5 times as much), so that
    // the Gamma-Gamma fit has a maximum
    const spread = rows.map((row) => ({
      ...row,
      cents: row.cents * (1 + (Number(row.customer.slice(1)) % 5)),
    }));
    const { code, html } = await report(file('spread.csv', csvOf(spread)));
    expect(code).toBe(0);
    const text = textOf(html);
    const end = START + Math.max(...spread.map((row) => row.day)) * DAY;
    const summary = rfmSummary(
      spread.map((row) => ({ customerId: row.customer, at: START + row.day * DAY, amount: row.cents / 100 })),
      { unit: 'week', observationEnd: end },
    );
    const check = dataSuitability(summary);
    expect(text).toContain(`one-time buyers ${(100 * check.oneTimeShare).toFixed(1)}%`);
    expect(text).toContain(`median age ÷ median gap ${(check.windowRatio as number).toFixed(1)}`);
    for (const warning of check.warnings) expect(text).toContain(`${warning.code}: ${warning.message}`);
    const fit = fitBgNbd(summary);
    const spend = fitGammaGamma(summary.filter((row) => row.frequency > 0 && row.monetaryValue > 0));
    expect(spend.converged).toBe(true);
    const options = { timeUnit: 'week', horizon: 13, margin: 1, discountRate: 0.1 } as const;
    const [whole] = acquisitionPayback(fit, spend, { ...options, acquisitionCost: 0 });
    const worth = whole?.breakEvenCost as number;
    expect(worth).toBeGreaterThan(0);
    expect(text).toContain(`expected to bring ${worth.toFixed(2)} of revenue over the next 13 weeks`);
    const [half] = acquisitionPayback(fit, spend, { ...options, acquisitionCost: worth / 2 });
    const section = (html.split('<h2>Acquisition payback</h2>')[1] as string).split('<h2>')[0] as string;
    expect(textOf(section)).toContain(`${(worth / 2).toFixed(2)} 50% ${half?.paybackTime}`);
  }, 60_000);

  it('shows the period-transactions check as periodTransactions gives it from the same fit, exact, with its chi-square', async () => {
    const { code, html } = await report(path);
    expect(code).toBe(0);
    const end = START + Math.max(...rows.map((row) => row.day)) * DAY;
    const summary = rfmSummary(
      rows.map((row) => ({ customerId: row.customer, at: START + row.day * DAY, amount: row.cents / 100 })),
      { unit: 'week', observationEnd: end },
    );
    const check = periodTransactions(fitBgNbd(summary), summary, { maxFrequency: 7 });
    const section = (html.split('<h2>Period transactions: model against data</h2>')[1] as string).split(
      '<h2>',
    )[0] as string;
    const text = textOf(section);
    for (const bin of check.bins) {
      const name = bin.orMore ? `${bin.frequency} or more` : String(bin.frequency);
      expect(text).toContain(`${name} ${bin.actual} ${Math.round(bin.expected * 10) / 10}`);
    }
    expect(text).toContain(`${check.chiSquare.statistic.toFixed(2)}`);
    expect(section).toContain('id="period-transactions-title"');
    expect(section.match(/<rect class="bar /g)?.length).toBe(16);
    expect(section).toContain(`χ² = ${Math.round(check.chiSquare.statistic * 100) / 100}`);
  }, 60_000);

  it('groups the holdout by calibration recency: the same customers and totals as by frequency', async () => {
    const { code, html } = await report(path);
    expect(code).toBe(0);
    const customersIn = (title: string): number => {
      const section = (html.split(`<h2>${title}</h2>`)[1] as string).split('<h2>')[0] as string;
      const body = (section.split('<tbody>')[1] as string).split('</tbody>')[0] as string;
      return [...body.matchAll(/<tr><td>[^<]*<\/td><td[^>]*>(\d+)<\/td>/g)].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
    };
    const byFrequency = customersIn('Holdout purchases by calibration frequency');
    expect(byFrequency).toBeGreaterThan(0);
    expect(customersIn('Holdout purchases by calibration recency')).toBe(byFrequency);
    expect(html).toContain('id="holdout-recency-title"');
    expect(html).toContain('recency in calibration (weeks from the first to the last purchase)');
  }, 60_000);

  it('says why there are no payback figures when the spend model has none', async () => {
    const { html } = await report(path);
    const section = (html.split('<h2>Acquisition payback</h2>')[1] as string).split('<h2>')[0] as string;
    expect(textOf(section)).toContain('No payback figures: they need the Gamma-Gamma spend model');
  }, 60_000);

  it('prints money exactly: totals of integer cents, never a float sum', async () => {
    const { html } = await report(path);
    const text = textOf(html);
    let cents = 0;
    let float = 0;
    for (const row of rows) {
      cents += row.cents;
      float += row.cents / 100;
    }
    const exact = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    expect(String(float)).not.toBe(exact); // the naive sum of these amounts is off
    expect(text).toContain(`revenue ${exact}.`);
    // no float residue anywhere in the text (such as 113270.78000000003)
    expect(text).not.toMatch(/\d\.\d*(0000|9999)\d/);
  }, 60_000);

  it('is readable at 420 px: viewport meta, tables that scroll, no fixed width above 420 px', async () => {
    const { html } = await report(path);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    const css = (html.match(/<style>([\s\S]*?)<\/style>/) as RegExpMatchArray)[1] as string;
    for (const match of css.matchAll(/(?:^|[;{\s])(min-width|width|max-width)\s*:\s*([\d.]+)px/g)) {
      expect(Number(match[2]), match[0]).toBeLessThanOrEqual(420);
    }
    expect(css).toMatch(/svg \{[^}]*max-width: 100%/);
    expect(css).toMatch(/\.table \{[^}]*overflow-x: auto/);
    const tables = html.match(/<table>/g) ?? [];
    expect(tables.length).toBeGreaterThan(0);
    expect(html.match(/<div class="table"><table>/g)).toHaveLength(tables.length);
    for (const svg of html.match(/<svg[^>]*>/g) ?? []) expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
  }, 60_000);

  it('takes --model, --unit, --horizon, --calibration-end and --holdout-end', async () => {
    const { code, html } = await report(
      path,
      '--model',
      'pareto-nbd',
      '--unit',
      'day',
      '--horizon',
      '30',
      '--calibration-end',
      '2024-06-30',
      '--holdout-end',
      '2024-09-30',
    );
    expect(code).toBe(0);
    const text = textOf(html);
    expect(text).toMatch(/Pareto\/NBD model/);
    expect(text).toContain('with days as the time unit');
    expect(text).toContain('Predictions are for the next 30 days');
    expect(text).toContain('calibration to 2024-06-30, holdout to 2024-09-30');
  }, 60_000);

  it('refuses a bad value of each option with exit 2 and the reason, before reading the input', async () => {
    const cases: [string[], RegExp][] = [
      [['--model', 'gamma-gamma'], /--model must be one of bg-nbd, mbg-nbd, pareto-nbd/],
      [['--model', 'bgnbd'], /did you mean bg-nbd/],
      [['--unit', 'year'], /--unit must be one of day, week, month/],
      [['--horizon', '0'], /--horizon must be a number above 0/],
      [['--horizon', 'soon'], /--horizon must be a number above 0/],
      [['--calibration-end', '30/06/2024'], /--calibration-end must be an ISO 8601 date/],
      [['--calibration-end', '2024-02-30'], /--calibration-end is not a valid date/],
      [
        ['--calibration-end', '2024-06-30', '--holdout-end', '2024-06-01'],
        /--holdout-end .* must come after --calibration-end/,
      ],
      [['--format', 'json'], /report has no option --format/],
    ];
    for (const [options, reason] of cases) {
      const result = await cli([
        'report',
        join(directory, 'no-such-file.csv'),
        '--out',
        join(directory, 'x.html'),
        ...options,
      ]);
      expect(result.code, options.join(' ')).toBe(2);
      expect(result.err).toMatch(reason);
    }
  });

  it('refuses a split outside the data with exit 2 and the reason', async () => {
    const after = await report(path, '--holdout-end', '2025-01-01');
    expect(after.code).toBe(2);
    const last = new Date(START + Math.max(...rows.map((row) => row.day)) * DAY).toISOString().slice(0, 10);
    expect(after.err).toContain(`--holdout-end 2025-01-01 is after the last transaction (${last})`);
    const before = await report(path, '--calibration-end', '2023-06-01');
    expect(before.code).toBe(2);
    expect(before.err).toMatch(
      /--calibration-end 2023-06-01 must fall on or after the first transaction \(2024-01-01\)/,
    );
  }, 60_000);
});

describe('patronage report on a fit that does not converge', () => {
  // every customer buys every 7 days and none drops out: no heterogeneity for the model to find, so r and
  // alpha run towards infinity (the r = 1.6 million of the issue)
  const rows: Row[] = [];
  for (let c = 0; c < 40; c++)
    for (let day = c % 10; day <= 140; day += 7) rows.push({ customer: `c${c}`, day, cents: 1000 });
  const path = file('regular.csv', csvOf(rows));

  it('shows the fit as not converged with its reason and draws nothing from it', async () => {
    const { code, html } = await report(path);
    expect(code).toBe(0);
    const text = textOf(html);
    expect(html).toContain('<h2>BG/NBD model: not converged</h2>');
    expect(text).toContain('did not converge: no interior maximum: r ran towards 0 or infinity');
    expect(text).toContain('nothing in this report is drawn from it');
    for (const title of [
      'Expected purchases and P(alive) by frequency and recency',
      'Probability alive',
      'Customer lifetime value',
      'Acquisition payback',
      'Valuable customers at risk',
      'Contact by',
      'Customers expected to buy most',
      'Period transactions: model against data',
      'Calibration and holdout',
      'Holdout purchases by calibration frequency',
      'Heterogeneity',
      'P(alive) history of a valuable customer',
      'Holdout purchases by calibration recency',
    ]) {
      expect(html).not.toContain(`<h2>${title}`);
    }
    expect(html).not.toContain('id="matrix-expected-title"');
    expect(html).not.toContain('id="tracking-title"');
    // the data sections are still there
    expect(html).toContain('<h2>Repeat purchase</h2>');
  }, 60_000);
});

describe('patronage report on cohorts that differ', () => {
  // three monthly cohorts of 60: 45 of January's come back in February, 12 of February's in March, 40 of
  // March's in April; one late customer in May ends the data
  const rows: Row[] = [];
  const firstOf = (month: number): number => (Date.UTC(2024, month, 1) - START) / DAY;
  [45, 12, 40].forEach((returned, month) => {
    for (let i = 0; i < 60; i++) {
      rows.push({ customer: `m${month}-${i}`, day: firstOf(month) + (i % 20), cents: 1000 });
      if (i < returned)
        rows.push({ customer: `m${month}-${i}`, day: firstOf(month + 1) + (i % 20), cents: 500 });
    }
  });
  rows.push({ customer: 'late', day: firstOf(4) + 3, cents: 100 });
  const path = file('differ.csv', csvOf(rows));

  it('marks February lower and March higher at month 1, exactly the cells the library finds significant', async () => {
    const { code, html } = await report(path);
    expect(code).toBe(0);
    const expected = significantCells(
      cohortRetention(transactionsOf(rows), { period: 'month', intervals: true }),
    );
    expect(expected).toEqual(['2024-02, period 1 ▼', '2024-03, period 1 ▲']);
    expect(drawnMarks(html)).toEqual(expected);
    expect(tableRows(sectionOf(html, 'Retention modes'))).toEqual(expectedModes(rows));
  }, 60_000);
});

describe('patronage demo (the default shop)', () => {
  it('shows the figures of docs/decisions.md, "Uncertainty in cohort tables": 8 marks, 5 along 2025-05, a wide last cohort', async () => {
    const out = join(directory, 'demo-default');
    const result = await cli(['demo', '--out-dir', out]);
    expect(result.code).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const marks = drawnMarks(html);
    expect(marks).toHaveLength(8);
    expect(marks.filter((mark) => mark.startsWith('2025-05,'))).toEqual(
      [7, 8, 9, 10, 11].map((k) => `2025-05, period ${k} ▲`).sort(),
    );
    expect(sectionOf(html, 'Monthly cohorts')).toContain(
      '<title>2025-07, period 1: 11.8% (interval 3.3%–34.3%)</title>',
    );
  }, 60_000);
});

describe('patronage report on a long history', () => {
  // 30 months of one new customer a month, each buying on the first of every month from then on
  const rows: Row[] = [];
  const firstOf = (month: number): number => (Date.UTC(2024, month, 1) - START) / DAY;
  for (let m = 0; m < 30; m++) {
    for (let k = m; k < 30; k++) rows.push({ customer: `m${m}`, day: firstOf(k), cents: 500 });
  }
  const path = file('long.csv', csvOf(rows));

  it('labels the cut when it shows only the latest cohorts', async () => {
    const { code, html } = await report(path);
    expect(code).toBe(0);
    const text = textOf(html);
    expect(text).toContain(
      'Showing the last 24 of 30 cohorts (2024-07 to 2026-06); the 6 earlier ones, from 2024-01, are left out',
    );
    expect(html).toContain('Cohort retention: the last 24 of 30 cohorts');
    // the heatmap has all 24 cohorts over their whole span, not 12 periods
    expect(html).toContain('24 cohorts over 24 periods');
    // the last cohort has not been observed for 30 days: it is left out of the repeat share, and said so
    expect(text).toContain('the 1 customer who arrived later is not counted');
  }, 60_000);

  it('shows the whole span when it fits', async () => {
    const short = file('short-history.csv', csvOf(rows.filter((row) => row.day < firstOf(20))));
    const { html } = await report(short);
    expect(textOf(html)).toContain('All 20 cohorts, each over every month it can be observed (up to 20).');
  }, 60_000);
});

describe.skipIf(!hasSharedData)(
  `patronage report on CDNOW_master (${hasSharedData ? 'published data' : SKIP_MESSAGE})`,
  () => {
    it('reproduces the issue’s figures: 29.6% bought again within 94 days, 51.1% never did, purchase-gap median 94 days', async () => {
      const { code, html } = await report(
        join(SHARED_DATA, 'CDNOW_master.txt'),
        '--delimiter',
        'whitespace',
        '--date-format',
        '%Y%m%d',
        '--customer',
        'customer_id',
        '--date',
        'date',
        '--amount',
        'dollar_value',
      );
      expect(code).toBe(0);
      const text = textOf(html);
      expect(text).toContain(
        '29.6% of customers bought again within 94 days of their first purchase (6986 of the 23570 customers',
      );
      expect(text).toContain(
        '51.1% of customers never bought again (12054 of 23570 have a single purchase day)',
      );
      expect(text).toContain('The median purchase gap is 94 days');
      expect(text).toContain(
        '69659 transactions of 23570 customers from 1997-01-01 to 1998-06-30, revenue 2500315.63.',
      );
      expect(html).toContain('<h2>BG/NBD model</h2>');
      // the figures of docs/decisions.md, "Uncertainty in cohort tables", and docs/cli.md
      const marks = drawnMarks(html);
      expect(marks).toHaveLength(15);
      expect(marks).toContain('1997-02, period 3 ▼');
      expect(marks).toContain('1997-03, period 3 ▲');
      const modes = tableRows(sectionOf(html, 'Retention modes'));
      expect(modes[1]).toEqual(['1', '23570', '14.9%', '45.9%', '14.9%']);
      expect(modes[6]).toEqual(['6', '23570', '8.1%', '33.3%', '0.4%']);
    }, 120_000);
  },
);
