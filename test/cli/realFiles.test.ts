// Issue 14's "done when": a new user runs every command on CDNOW_master's raw file and on lifetimes'
// example_transactions.csv as they are, without awk. The summaries are checked against a plain
// re-computation from the raw lines in this file (split on whitespace or commas, distinct days per
// customer), independent of patronage's reader and core.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, directory } from '../helpers/cli';
import { CDNOW_MASTER_OPTIONS, hasSharedData, SHARED_DATA, SKIP_MESSAGE } from '../helpers/sharedData';

const DAY = 86_400_000;

interface Expected {
  frequency: number;
  recency: number;
  T: number;
  monetaryValue: number;
}

/** lifetimes' summary_data_from_transaction_data, by hand: per customer the totals per distinct day. */
function summaryByHand(
  records: readonly { id: string; day: number; cents: number }[],
  unitDays: number,
): Map<string, Expected> {
  const days = new Map<string, Map<number, number>>();
  let end = -Infinity;
  for (const { id, day, cents } of records) {
    const own = days.get(id) ?? new Map<number, number>();
    own.set(day, (own.get(day) ?? 0) + cents);
    days.set(id, own);
    end = Math.max(end, day);
  }
  const result = new Map<string, Expected>();
  for (const [id, own] of days) {
    const sorted = [...own.keys()].sort((a, b) => a - b);
    const first = sorted[0] as number;
    const last = sorted[sorted.length - 1] as number;
    const repeatCents = sorted.slice(1).reduce((sum, day) => sum + (own.get(day) as number), 0);
    const frequency = sorted.length - 1;
    result.set(id, {
      frequency,
      recency: (last - first) / unitDays,
      T: (end - first) / unitDays,
      monetaryValue: frequency === 0 ? 0 : repeatCents / frequency / 100,
    });
  }
  return result;
}

function parseCsv(text: string): Record<string, string>[] {
  const [header = '', ...lines] = text.trim().split('\n');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [names[i], value])));
}

function expectSummary(out: string, expected: Map<string, Expected>): void {
  const rows = parseCsv(out);
  expect(rows.length).toBe(expected.size);
  // one assertion over all rows (23,570 expect calls take seconds): the rows that differ, with both sides
  const wrong: unknown[] = [];
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  for (const row of rows) {
    const want = expected.get(row['customerId'] as string);
    if (
      want === undefined ||
      Number(row['frequency']) !== want.frequency ||
      !close(Number(row['recency']), want.recency) ||
      !close(Number(row['T']), want.T) ||
      !close(Number(row['monetaryValue']), want.monetaryValue)
    )
      wrong.push({ row, want });
  }
  expect(wrong.slice(0, 5)).toEqual([]);
}

describe.skipIf(!hasSharedData)('every command on the raw public files, as a new user has them', () => {
  const cdnow = join(SHARED_DATA, 'CDNOW_master.txt');
  const cdnowOptions = CDNOW_MASTER_OPTIONS;
  const example = join(SHARED_DATA, 'example_transactions.csv');
  const exampleOptions = ['--customer', 'id', '--date', 'date', '--amount', 'none'];

  it('summary of CDNOW_master.txt equals the summary computed by hand from its lines (23,570 customers, weeks)', async () => {
    const records = readFileSync(cdnow, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [id = '', date = '', , dollars = ''] = line.trim().split(/\s+/);
        const day =
          Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))) / DAY;
        return { id, day, cents: Math.round(Number(dollars) * 100) };
      });
    const result = await cli(['summary', cdnow, ...cdnowOptions, '--unit', 'week']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const expected = summaryByHand(records, 7);
    expect(expected.size).toBe(23_570);
    expectSummary(result.out, expected);
  }, 60_000);

  it("summary of lifetimes' example_transactions.csv (no amount column) equals the summary by hand, in days", async () => {
    const records = parseCsv(readFileSync(example, 'utf8')).map((row) => ({
      id: row['id'] as string,
      day: Date.parse(`${(row['date'] as string).replace(' ', 'T')}Z`) / DAY,
      cents: 0,
    }));
    const result = await cli(['summary', example, ...exampleOptions]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expectSummary(result.out, summaryByHand(records, 1));
  }, 60_000);

  it('cohorts, retention, fit, predict and report run on both files with exit 0 and no stderr noise', async () => {
    for (const [path, options, customers] of [
      [cdnow, cdnowOptions, 23_570],
      [example, exampleOptions, 5_000],
    ] as const) {
      const cohorts = await cli(['cohorts', path, ...options, '--format', 'json']);
      expect(cohorts.code, cohorts.err).toBe(0);
      const table = JSON.parse(cohorts.out) as { size: number }[];
      expect(table.reduce((sum, cohort) => sum + cohort.size, 0)).toBe(customers);

      const retention = await cli(['retention', path, ...options]);
      expect(retention.code, retention.err).toBe(0);
      expect(parseCsv(retention.out).length).toBeGreaterThan(1);

      const fitFile = join(directory, `fit-${customers}.json`);
      const fit = await cli(['fit', path, ...options, '--out', fitFile]);
      expect(fit.code, fit.err).toBe(0);
      const predict = await cli(['predict', path, ...options, '--fit', fitFile]);
      expect(predict.code, predict.err).toBe(0);
      expect(parseCsv(predict.out).length).toBe(customers);

      const reportFile = join(directory, `report-${customers}.html`);
      const report = await cli(['report', path, ...options, '--out', reportFile]);
      expect(report.code, report.err).toBe(0);
      expect(readFileSync(reportFile, 'utf8')).toMatch(/^<!doctype html>/i);
    }
  }, 120_000);
});

if (!hasSharedData) console.warn(SKIP_MESSAGE);
