import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { fitBgNbd, rfmSummary } from '../../src/index';
import { cli, directory, file } from '../helpers/cli';
import { cdnowSampleTransactions, hasSharedData, SKIP_MESSAGE } from '../helpers/sharedData';

const ORDERS = `order,customer,ordered_at,total
1,ann,2024-01-02,10.00
2,bo,2024-01-05,5.50
3,ann,2024-02-10,20.00
4,cy,2024-03-01,7.25
5,ann,2024-03-20,12.00
6,bo,2024-04-02,3.00
`;
const MAP = ['--customer', 'customer', '--date', 'ordered_at', '--amount', 'total'];

describe('patronage command line', () => {
  it('summary prints the rfmSummary rows, as JSON and as CSV', async () => {
    const path = file('orders.csv', ORDERS);
    const json = await cli([
      'summary',
      path,
      ...MAP,
      '--unit',
      'week',
      '--observation-end',
      '2024-04-30',
      '--format',
      'json',
    ]);
    expect(json.code).toBe(0);
    const expected = rfmSummary(
      [
        { customerId: 'ann', at: '2024-01-02', amount: 10 },
        { customerId: 'bo', at: '2024-01-05', amount: 5.5 },
        { customerId: 'ann', at: '2024-02-10', amount: 20 },
        { customerId: 'cy', at: '2024-03-01', amount: 7.25 },
        { customerId: 'ann', at: '2024-03-20', amount: 12 },
        { customerId: 'bo', at: '2024-04-02', amount: 3 },
      ],
      { unit: 'week', observationEnd: '2024-04-30' },
    );
    expect(JSON.parse(json.out)).toEqual(expected);
    const csv = await cli(['summary', path, ...MAP, '--unit', 'week', '--observation-end', '2024-04-30']);
    const lines = csv.out.trim().split('\n');
    expect(lines[0]).toBe('customerId,frequency,recency,T,monetaryValue');
    expect(lines).toHaveLength(1 + expected.length);
    expect(lines[1]).toBe(
      [
        expected[0]?.customerId,
        expected[0]?.frequency,
        expected[0]?.recency,
        expected[0]?.T,
        expected[0]?.monetaryValue,
      ].join(','),
    );
  });

  it('a bad row stops the run with exit 1, naming file, line and column', async () => {
    const path = file('bad.csv', `${ORDERS}7,dee,not a date,4.00\n8,eve,2024-04-03,2\n`);
    const result = await cli(['summary', path, ...MAP]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${path}:8:7: column "ordered_at": "not a date" is not a date`);
    expect(result.out).toBe('');
  });

  it('--skip-invalid goes on, prints the count and the first examples', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => `${10 + i},x${i},2024-05-0${i + 1},-1`).join('\n');
    const path = file('skip.csv', `${ORDERS}${rows}\n`);
    const result = await cli(['summary', path, ...MAP, '--skip-invalid', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(result.err).toContain('skipped 7 of 13 rows as invalid; the first 5:');
    expect(result.err.match(/column "total": "-1" is negative; amounts are at least 0/g)).toHaveLength(5);
    expect(JSON.parse(result.out)).toHaveLength(3);
  });

  it('reads stdin with -, JSONL, quoted CSV fields with delimiters, quotes and line breaks', async () => {
    const jsonl =
      '{"customerId":"a","at":"2024-01-01","amount":3}\n\n{"customerId":"a","at":"2024-01-09","amount":4}\n';
    const fromStdin = await cli(['summary', '-', '--input-format', 'jsonl', '--format', 'json'], jsonl);
    expect(fromStdin.code).toBe(0);
    expect(JSON.parse(fromStdin.out)[0]).toMatchObject({ customerId: 'a', frequency: 1, recency: 8 });
    const quoted = file(
      'quoted.csv',
      'customerId;note;at;amount\n"x;1";"said ""hi""\nthen left";2024-01-01;2\nx;plain;2024-01-03;1\n',
    );
    const result = await cli(['summary', quoted, '--delimiter', ';', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).map((row: { customerId: string }) => row.customerId)).toEqual(['x', 'x;1']);
  });

  it('JSONL errors name the line; a missing column or file is exit 3; a bad option is exit 2', async () => {
    const jsonl = file('x.jsonl', '{"customerId":"a","at":"2024-01-01","amount":3}\n[1]\n');
    const bad = await cli(['summary', jsonl]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`${jsonl}:2:1: row: each line must be a JSON object`);
    const broken = await cli(['summary', file('y.jsonl', '{"customerId":\n')]);
    expect(broken.err).toContain('y.jsonl:1:1: row: not valid JSON');
    const noColumn = await cli(['summary', file('orders2.csv', ORDERS)]);
    expect(noColumn.code).toBe(3);
    expect(noColumn.err).toContain('the header has no column "customerId", "at", "amount"');
    expect((await cli(['summary', join(directory, 'missing.csv')])).code).toBe(3);
    expect((await cli(['summary', file('empty.csv', '')])).code).toBe(3);
    expect((await cli(['summary', file('o3.csv', ORDERS), ...MAP, '--unit', 'fortnight'])).code).toBe(2);
    expect((await cli(['summary', file('o4.csv', ORDERS), '--no-such-option'])).code).toBe(2);
    expect((await cli(['frobnicate', 'x'])).code).toBe(2);
    expect((await cli(['summary'])).code).toBe(2);
    expect((await cli(['summary', 'a', 'b'])).code).toBe(2);
    const badEnd = await cli(['summary', file('o5.csv', ORDERS), ...MAP, '--observation-end', 'soon']);
    expect(badEnd.code).toBe(2);
    expect(badEnd.err).toContain('INVALID_TIMESTAMP');
  });

  it('--help works for the tool and every command, and lists the exit codes', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    expect(top.out).toContain('Exit codes:');
    for (const command of ['summary', 'cohorts', 'retention', 'fit', 'predict', 'report', 'demo']) {
      const help = await cli([command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.out).toContain(`patronage ${command}`);
    }
    expect((await cli([])).code).toBe(2);
  });

  it('cohorts and retention print their tables', async () => {
    const path = file('orders3.csv', ORDERS);
    const cohorts = await cli(['cohorts', path, ...MAP]);
    expect(cohorts.out.split('\n')[0]).toBe('cohort,size,rate_0,rate_1,rate_2,rate_3');
    expect(cohorts.out).toContain('2024-01,2,1,0.5,0.5,0.5');
    const json = await cli(['cohorts', path, ...MAP, '--period', 'quarter', '--format', 'json']);
    expect(JSON.parse(json.out)[0]).toMatchObject({ cohort: '2024-Q1', size: 3 });
    const retention = await cli(['retention', path, ...MAP, '--period', 'quarter', '--active-within', '60']);
    expect(retention.code).toBe(0);
    expect(retention.out.split('\n')[0]).toContain('period,customersAtStart,customersAtEnd');
    expect((await cli(['retention', path, ...MAP, '--active-within', '-3'])).code).toBe(2);
  });

  it('fit writes a fit that predict reads back; predict can also fit on the spot', async () => {
    const lines = ['customerId,at,amount'];
    for (let c = 0; c < 200; c++) {
      const visits = c % 7 === 0 ? 4 : c % 3 === 0 ? 2 : 1;
      for (let v = 0; v < visits; v++)
        lines.push(`c${c},2024-${String(1 + ((c + 5 * v) % 9)).padStart(2, '0')}-1${v},${10 + v}`);
    }
    const path = file('many.csv', `${lines.join('\n')}\n`);
    const fitPath = join(directory, 'fit.json');
    const fitted = await cli(['fit', path, '--out', fitPath]);
    expect(fitted.code).toBe(0);
    const fit = JSON.parse(readFileSync(fitPath, 'utf8'));
    expect(fit).toMatchObject({ model: 'bgNbd', unit: 'week', customers: 200 });
    const direct = await cli(['summary', path, '--unit', 'week', '--format', 'json']);
    expect(fit.params).toEqual(fitBgNbd(JSON.parse(direct.out)).params);
    const predicted = await cli(['predict', path, '--fit', fitPath, '--horizon', '26', '--format', 'json']);
    expect(predicted.code).toBe(0);
    const rows = JSON.parse(predicted.out);
    expect(rows).toHaveLength(200);
    expect(
      rows.every(
        (row: { probabilityAlive: number }) => row.probabilityAlive >= 0 && row.probabilityAlive <= 1,
      ),
    ).toBe(true);
    const onTheSpot = await cli(['predict', path, '--horizon', '26', '--format', 'json']);
    expect(JSON.parse(onTheSpot.out)).toEqual(rows);
    expect((await cli(['predict', path, '--fit', fitPath, '--unit', 'day'])).code).toBe(2);
    expect((await cli(['predict', path, '--fit', join(directory, 'nope.json')])).code).toBe(3);
    const gammaGamma = await cli(['fit', path, '--model', 'gamma-gamma']);
    expect(JSON.parse(gammaGamma.out).model).toBe('gammaGamma');
    expect((await cli(['predict', path, '--model', 'gamma-gamma'])).code).toBe(2);
  });

  it('report writes a self-contained HTML page whose charts are valid SVG', async () => {
    const out = join(directory, 'report.html');
    const demo = await cli([
      'demo',
      '--out-dir',
      join(directory, 'demo'),
      '--customers',
      '400',
      '--seed',
      '3',
    ]);
    expect(demo.code).toBe(0);
    expect(demo.out).toContain('2 rows rejected');
    const data = join(directory, 'demo', 'transactions.csv');
    const report = await cli([
      'report',
      data,
      '--customer',
      'customer',
      '--date',
      'ordered_at',
      '--amount',
      'total',
      '--skip-invalid',
      '--out',
      out,
    ]);
    expect(report.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(7);
    for (const svg of svgs) expect(XMLValidator.validate(svg)).toBe(true);
    expect(html).toContain('BG/NBD model');
    // the demo is deterministic: the same seed writes the same data
    const again = await cli([
      'demo',
      '--out-dir',
      join(directory, 'demo2'),
      '--customers',
      '400',
      '--seed',
      '3',
    ]);
    expect(again.code).toBe(0);
    expect(readFileSync(join(directory, 'demo2', 'transactions.csv'), 'utf8')).toBe(
      readFileSync(data, 'utf8'),
    );
  }, 60_000);

  it('shows progress on a terminal only', async () => {
    const rows = Array.from(
      { length: 25_000 },
      (_, i) => `c${i % 500},2024-01-${String(1 + (i % 28)).padStart(2, '0')},1`,
    );
    const path = file('long.csv', `customerId,at,amount\n${rows.join('\n')}\n`);
    const quiet = await cli(['summary', path, '--format', 'json']);
    expect(quiet.err).toBe('');
    const shown = await cli(['summary', path, '--format', 'json'], '', true);
    expect(shown.err).toContain('25000 rows read');
  });

  it('a short report explains that the models need more history', async () => {
    const path = file('short.csv', ORDERS);
    const out = join(directory, 'short.html');
    const result = await cli(['report', path, ...MAP, '--out', out]);
    expect(result.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Too little history for the lifetime-value models');
  });
});

describe.skipIf(!hasSharedData)(
  `patronage fit on the CDNOW log (${hasSharedData ? 'published data' : SKIP_MESSAGE})`,
  () => {
    it('fit from the raw CDNOW sample log reproduces Fader, Hardie & Lee (2005): r 0.243, alpha 4.414, a 0.793, b 2.426, LL −9582.43', async () => {
      const lines = cdnowSampleTransactions().map((row) => `${row.customerId},${row.at},${row.amount}`);
      const path = file('cdnow.csv', `customer,date,amount\n${lines.join('\n')}\n`);
      const result = await cli([
        'fit',
        path,
        '--customer',
        'customer',
        '--date',
        'date',
        '--amount',
        'amount',
        '--unit',
        'week',
        '--observation-end',
        '1997-09-30',
      ]);
      expect(result.code).toBe(0);
      const fit = JSON.parse(result.out);
      expect(fit.customers).toBe(2357);
      const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
      for (const [name, value] of Object.entries(published))
        expect(fit.params[name].toFixed(3), name).toBe(value.toFixed(3));
      expect(fit.logLikelihood).toBeCloseTo(-9582.43, 1);
    });
  },
);
