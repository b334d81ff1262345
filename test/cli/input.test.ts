import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rfmSummary } from '../../src/index';
import { MAX_RECORD_LINES } from '../../src/node/index';
import { cli, directory, file } from '../helpers/cli';

// What the command line does with the files users have (issue 14): epoch times, stray quotes, amounts the
// currency cannot hold, bytes that are not UTF-8, byte-order marks, per-command options.

const HEADER = 'customerId,at,amount';

describe('per-command options', () => {
  const path = file('orders.csv', `${HEADER}\nann,2024-01-02,10\nbo,2024-02-03,5\nann,2024-03-04,7\n`);

  it.each([
    [['cohorts', path, '--unit', 'week'], 'cohorts has no option --unit'],
    [['summary', path, '--period', 'week'], 'summary has no option --period'],
    [['report', path, '--format', 'json'], 'report has no option --format'],
    [['summary', path, '--unitt', 'week'], 'did you mean --unit?'],
    [['retention', path, '--active-within-days', '30'], 'did you mean --active-within?'],
    [['demo', '--customer', 'x'], 'demo has no option --customer'],
  ])('%j is a usage error: %s', async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.out).toBe('');
  });

  it('an unknown command names the nearest one; --version prints the package version', async () => {
    const result = await cli(['sumary', path]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('did you mean summary?');
    const version = await cli(['--version']);
    expect(version.code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));
    expect(version.out).toBe(`${pkg.version}\n`);
  });

  it('a bad option value suggests the nearest valid one', async () => {
    const result = await cli(['cohorts', path, '--period', 'mnth']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('(did you mean month?)');
  });
});

describe('epoch times', () => {
  // 2024-01-02T00:00:00Z and 2024-03-04T00:00:00Z in Unix seconds (CDNOW-style exports) and milliseconds
  const seconds = file('seconds.csv', `${HEADER}\nann,1704153600,10\nann,1709510400,7\n`);
  const millis = file('millis.csv', `${HEADER}\nann,1704153600000,10\nann,1709510400000,7\n`);
  const expected = rfmSummary(
    [
      { customerId: 'ann', at: '2024-01-02', amount: 10 },
      { customerId: 'ann', at: '2024-03-04', amount: 7 },
    ],
    {},
  );

  it('a bare number without --epoch is a bad row with a hint, never a guess', async () => {
    for (const path of [seconds, millis]) {
      const result = await cli(['summary', path]);
      expect(result.code).toBe(1);
      expect(result.err).toContain(`${path}:2:5: column "at":`);
      expect(result.err).toContain('is a bare number; say how to read it: epoch s (Unix seconds), epoch ms');
    }
  });

  it('--epoch s and --epoch ms read the same days', async () => {
    const fromSeconds = await cli(['summary', seconds, '--epoch', 's', '--format', 'json']);
    const fromMillis = await cli(['summary', millis, '--epoch', 'ms', '--format', 'json']);
    expect(fromSeconds.code).toBe(0);
    expect(JSON.parse(fromSeconds.out)).toEqual(expected);
    expect(JSON.parse(fromMillis.out)).toEqual(expected);
  });

  it('epoch seconds beyond the Date range are a bad row at their place', async () => {
    const far = file('far.csv', `${HEADER}\nann,1704153600,10\nbo,99999999999999,3\n`);
    const result = await cli(['summary', far, '--epoch', 's', '--skip-invalid', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(result.err).toContain(`${far}:3:4: column "at": "99999999999999" is outside the range of dates`);
    expect(JSON.parse(result.out)).toHaveLength(1);
  });
});

describe('bad rows stay rows', () => {
  it('an amount the currency cannot hold is a bad row with its line, not exit 4', async () => {
    const path = file('cents.csv', `${HEADER}\nann,2024-01-02,19.999\nbo,2024-01-03,1e20\ncy,2024-01-04,5\n`);
    const stop = await cli(['summary', path]);
    expect(stop.code).toBe(1);
    expect(stop.err).toContain(
      `${path}:2:16: column "amount": "19.999" has more decimals than the currency's 2`,
    );
    const skip = await cli(['summary', path, '--skip-invalid', '--format', 'json']);
    expect(skip.code).toBe(0);
    expect(skip.err).toContain('skipped 2 of 3 rows as invalid');
    expect(skip.err).toContain(`${path}:3:15: column "amount": "1e20" is too large to total exactly`);
    expect(JSON.parse(skip.out).map((row: { customerId: string }) => row.customerId)).toEqual(['cy']);
    const yen = await cli(['summary', path, '--currency-digits', '3', '--skip-invalid', '--format', 'json']);
    expect(yen.err).toContain('skipped 1 of 3 rows');
    expect((await cli(['summary', path, '--currency-digits', '7'])).code).toBe(2);
  });

  it('a stray quote loses only its record, reading stays linear, and the count says so', async () => {
    const lines = [HEADER, 'ann,2024-01-02,10', '"bo,2024-01-03,5'];
    for (let i = 0; i < 80_000; i++) lines.push(`c${i},2024-01-${String(1 + (i % 28)).padStart(2, '0')},1`);
    const path = file('stray.csv', `${lines.join('\n')}\n`);
    const started = performance.now();
    const result = await cli(['summary', path, '--skip-invalid', '--format', 'json']);
    const elapsed = performance.now() - started;
    expect(result.code).toBe(0);
    expect(result.err).toContain('skipped 1 of 80002 rows as invalid');
    expect(result.err).toContain(
      `${path}:3:1: row: a quoted field opened here is not closed within ${MAX_RECORD_LINES} lines`,
    );
    expect(JSON.parse(result.out)).toHaveLength(80_001);
    // a loose sanity bound, not a benchmark: the quadratic reader took 80 s on this file
    expect(elapsed).toBeLessThan(30_000);
    const stop = await cli(['summary', path]);
    expect(stop.code).toBe(1);
  }, 60_000);

  it('a quote never closed at the end of the file is one bad row; the lines after it are read', async () => {
    const path = file('open.csv', `${HEADER}\nann,2024-01-02,10\n"bo,2024-01-03,5\ncy,2024-01-04,2\n`);
    const result = await cli(['summary', path, '--skip-invalid', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(result.err).toContain(`${path}:3:1: row: a quoted field opened here is never closed`);
    expect(JSON.parse(result.out).map((row: { customerId: string }) => row.customerId)).toEqual([
      'ann',
      'cy',
    ]);
    const header = file('open-header.csv', `"customerId,at,amount\nann,2024-01-02,10\n`);
    expect((await cli(['summary', header])).code).toBe(3);
  });

  it('bytes that are not UTF-8 are a bad row: Latin-1 Müller and Möller never become one customer', async () => {
    const latin1 = (text: string): Uint8Array => Uint8Array.from([...text].map((char) => char.charCodeAt(0)));
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(`${HEADER}\nann,2024-01-02,10\n`),
      ...latin1('M\u00fcller,2024-01-03,5\nM\u00f6ller,2024-01-04,5\n'),
      ...new TextEncoder().encode('Jos\u00e9,2024-01-05,3\n'),
    ]);
    const path = file('latin1.csv', bytes);
    const stop = await cli(['summary', path]);
    expect(stop.code).toBe(1);
    expect(stop.err).toContain(`${path}:3:1: row: the line is not valid UTF-8`);
    const skip = await cli(['summary', path, '--skip-invalid', '--format', 'json']);
    expect(skip.err).toContain('skipped 2 of 4 rows as invalid');
    expect(JSON.parse(skip.out).map((row: { customerId: string }) => row.customerId)).toEqual([
      'José',
      'ann',
    ]);
  });

  it('reads a byte-order mark in CSV and JSONL, tab-separated files and CRLF line ends', async () => {
    const bom = '\uFEFF';
    const csv = file('bom.csv', `${bom}${HEADER}\r\nann,2024-01-02,10\r\n`);
    expect(JSON.parse((await cli(['summary', csv, '--format', 'json'])).out)).toHaveLength(1);
    const jsonl = file('bom.jsonl', `${bom}{"customerId":"ann","at":"2024-01-02","amount":1}\n`);
    expect(JSON.parse((await cli(['summary', jsonl, '--format', 'json'])).out)).toHaveLength(1);
    const tsv = file('orders.tsv', 'customerId\tat\tamount\nann\t2024-01-02\t10\n');
    expect(
      JSON.parse((await cli(['summary', tsv, '--delimiter', 'tab', '--format', 'json'])).out),
    ).toHaveLength(1);
  });

  it('--time-zone puts an order on its local calendar day', async () => {
    const path = file('late.csv', `${HEADER}\nann,2024-01-31T23:30:00Z,10\n`);
    const utc = await cli(['cohorts', path, '--format', 'json']);
    const tokyo = await cli(['cohorts', path, '--time-zone', 'Asia/Tokyo', '--format', 'json']);
    expect(JSON.parse(utc.out)[0].cohort).toBe('2024-01');
    expect(JSON.parse(tokyo.out)[0].cohort).toBe('2024-02');
    expect((await cli(['cohorts', path, '--time-zone', 'Mars/Olympus'])).code).toBe(2);
  });

  it('writes --out files in pieces that add up to the same table', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `c${i},2024-01-02,1`);
    const path = file('wide.csv', `${HEADER}\n${rows.join('\n')}\n`);
    const out = join(directory, 'wide-summary.csv');
    const written = await cli(['summary', path, '--out', out]);
    expect(written.code).toBe(0);
    const printed = await cli(['summary', path]);
    expect(readFileSync(out, 'utf8')).toBe(printed.out);
    expect(printed.out.split('\n')).toHaveLength(20_002);
  });
});
