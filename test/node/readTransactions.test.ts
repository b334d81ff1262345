import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rfmSummary, rfmSummaryColumns } from '../../src/index';
import {
  MAX_RECORD_LINES,
  type ReadTransactionsOptions,
  readTransactionBatches,
  readTransactions,
} from '../../src/node/index';
import { asyncCodeOf } from '../helpers/errors';
import { hasSharedData, SHARED_DATA, SKIP_MESSAGE } from '../helpers/sharedData';

const encoder = new TextEncoder();
const day = 86_400_000;

function plain(table: Awaited<ReturnType<typeof readTransactions>>) {
  return Array.from(table.columns.at, (at, i) => ({
    customerId: table.customerIds[table.columns.customerIndex[i] as number],
    at,
    amount: table.columns.amount[i],
  }));
}

describe('readTransactions: CSV', () => {
  it('reads the columns by header name, in file order, with ids in order of first appearance', async () => {
    const csv =
      'order,customerId,at,amount\n1,ann,2024-01-02,10.50\n2,bo,2024-01-05T10:30:00Z,5\n3,ann,2024-02-10 08:00:00,20.05\n';
    const table = await readTransactions([csv]);
    expect(table.customerIds).toEqual(['ann', 'bo']);
    expect(plain(table)).toEqual([
      { customerId: 'ann', at: Date.UTC(2024, 0, 2), amount: 10.5 },
      { customerId: 'bo', at: Date.UTC(2024, 0, 5, 10, 30), amount: 5 },
      { customerId: 'ann', at: Date.UTC(2024, 1, 10, 8), amount: 20.05 },
    ]);
    expect(table.records).toBe(3);
    expect(table.rejected).toEqual([]);
  });

  it('agrees with rfmSummary on the same rows', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => ({
      customerId: `c${(i * 7) % 60}`,
      at: new Date(Date.UTC(2024, 0, 1) + ((i * 37) % 300) * day).toISOString().slice(0, 10),
      amount: ((i * 13) % 9000) / 100,
    }));
    const csv = `customerId,at,amount\n${rows.map((row) => `${row.customerId},${row.at},${row.amount}`).join('\n')}\n`;
    const table = await readTransactions([csv]);
    const columns = rfmSummaryColumns(table.columns, { unit: 'week' });
    const expected = rfmSummary(rows, { unit: 'week' });
    const byId = new Map(expected.map((row) => [row.customerId, row]));
    expect(columns.customerIndex.length).toBe(expected.length);
    for (let k = 0; k < columns.customerIndex.length; k++) {
      const id = table.customerIds[columns.customerIndex[k] as number] as string;
      const row = byId.get(id);
      expect([columns.frequency[k], columns.recency[k], columns.T[k], columns.monetaryValue[k]]).toEqual([
        row?.frequency,
        row?.recency,
        row?.T,
        row?.monetaryValue,
      ]);
    }
  });

  it('lists every rejected record with file, line, column, field and code', async () => {
    const csv = [
      'customerId,at,amount',
      'ann,2024-01-02,10', // 2 ok
      ',2024-01-02,10', // 3 no id
      'bo,2024-02-30,1', // 4 not a calendar date
      'cy,1704153600,1', // 5 bare number
      'dee,2024-01-02,19.999', // 6 sub-cent
      'eve,2024-01-02,-1', // 7 negative
      'fay,2024-01-02', // 8 fields
      'gus,2024-01-02,1e20', // 9 too large
      'hal,2024-01-02,', // 10 empty amount
    ].join('\n');
    const table = await readTransactions([csv], { name: 'orders.csv' });
    expect(table.records).toBe(9);
    expect(table.columns.at.length).toBe(1);
    expect(table.rejected.map(({ line, column, field, code }) => [line, column, field, code])).toEqual([
      [3, 1, 'customerId', 'MISSING_FIELD'],
      [4, 4, 'at', 'INVALID_TIMESTAMP'],
      [5, 4, 'at', 'INVALID_TIMESTAMP'],
      [6, 16, 'amount', 'MONEY_PRECISION'],
      [7, 16, 'amount', 'INVALID_FIELD'],
      [8, 1, null, 'MALFORMED_RECORD'],
      [9, 16, 'amount', 'MONEY_PRECISION'],
      [10, 16, 'amount', 'MISSING_FIELD'],
    ]);
    expect(table.rejected.every((record) => record.file === 'orders.csv' && record.lines === 1)).toBe(true);
    expect(table.rejected[2]?.message).toContain('is a bare number; say how to read it: epoch s');
    expect(table.rejected[3]?.message).toBe(`"19.999" has more decimals than the currency's 2`);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks; columns count as written', async () => {
    const csv =
      'customerId;note;at;amount\n"x;1";"said ""hi""\nthen left";2024-01-01;2\nx;plain;2024-01-03;1\n"q";"n";bad;1\n';
    const table = await readTransactions([csv], { delimiter: ';' });
    expect(table.customerIds).toEqual(['x;1', 'x']);
    expect(table.rejected).toEqual([
      expect.objectContaining({ line: 5, column: 9, field: 'at', code: 'INVALID_TIMESTAMP', lines: 1 }),
    ]);
  });

  it('a stray quote costs its record only; the lines after it are read again', async () => {
    const lines = ['customerId,at,amount', 'ann,2024-01-02,10', '"bo,2024-01-03,5'];
    for (let i = 0; i < MAX_RECORD_LINES + 50; i++) lines.push(`c${i},2024-01-04,1`);
    const table = await readTransactions([`${lines.join('\n')}\n`]);
    expect(table.records).toBe(MAX_RECORD_LINES + 52);
    expect(table.columns.at.length).toBe(MAX_RECORD_LINES + 51);
    expect(table.rejected).toEqual([
      expect.objectContaining({
        line: 3,
        code: 'MALFORMED_RECORD',
        message: expect.stringContaining('not closed within 1000 lines'),
      }),
    ]);
    const atEnd = await readTransactions([
      'customerId,at,amount\nann,2024-01-02,1\n"bo,2024-01-03,5\ncy,2024-01-04,2',
    ]);
    expect(atEnd.customerIds).toEqual(['ann', 'cy']);
    expect(atEnd.rejected[0]).toMatchObject({
      line: 3,
      message: 'a quoted field opened here is never closed',
    });
  });

  it('rejects lines that are not UTF-8 and reads a byte-order mark', async () => {
    const latin1 = Uint8Array.from([...'M\u00fcller,2024-01-03,5\n'].map((char) => char.charCodeAt(0)));
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...encoder.encode('customerId,at,amount\r\nann,2024-01-02,10\r\n'),
      ...latin1,
      ...encoder.encode('Jos\u00e9,2024-01-05,3\r\n'),
    ]);
    const table = await readTransactions(bytes);
    expect(table.customerIds).toEqual(['ann', 'José']);
    expect(table.rejected).toEqual([expect.objectContaining({ line: 3, code: 'MALFORMED_RECORD' })]);
    expect(table.rejected[0]?.message).toContain('not valid UTF-8');
  });

  it('gives the same result however the bytes are cut into chunks', async () => {
    const text =
      'customerId,at,amount\r\nann,2024-01-02,10\n"b\no",2024-01-03,5.5\n\ncy,2024-01-04T10:00:00+02:00,1\nbad,x,1\n"open,2024-01-05,1\ndee,2024-01-06,2\n';
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...encoder.encode(text),
      0xff,
      10,
      ...encoder.encode('eve,2024-01-07,3'),
    ]);
    const whole = await readTransactions(bytes);
    expect(whole.customerIds).toEqual(['ann', 'b\no', 'cy', 'dee', 'eve']);
    // a byte-order mark cut between chunks is still one: the first customer keeps its id's bytes alone
    const headerless = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...encoder.encode('a 2024-01-01 1\na 2024-01-02 1\n'),
    ]);
    const options = { header: false, delimiter: 'whitespace', customer: 1, at: 2, amount: 3 } as const;
    const cut = await readTransactions(
      [headerless.slice(0, 1), headerless.slice(1, 2), headerless.slice(2)],
      options,
    );
    expect(cut.customerIds).toEqual(['a']);
    expect(cut).toEqual(await readTransactions(headerless, options));
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }),
        async (cuts) => {
          const sorted = [0, ...[...cuts].sort((a, b) => a - b), bytes.length];
          const chunks = sorted.slice(1).map((end, k) => bytes.slice(sorted[k], end));
          const table = await readTransactions(chunks);
          expect(table).toEqual(whole);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('batches add up to the whole read', async () => {
    const lines = ['customerId,at,amount'];
    for (let i = 0; i < 70_000; i++)
      lines.push(`c${i % 997},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${i % 50}`);
    lines.push('x,never,1');
    const text = `${lines.join('\n')}\n`;
    const whole = await readTransactions([text]);
    let rows = 0;
    let rejected = 0;
    let batches = 0;
    for await (const batch of readTransactionBatches([text])) {
      batches++;
      const ids = Array.from(batch.columns.customerIndex, (index) => batch.customerIds[index]);
      const expected = Array.from(
        whole.columns.customerIndex.subarray(rows, rows + ids.length),
        (index) => whole.customerIds[index],
      );
      expect(ids).toEqual(expected);
      expect(batch.columns.at).toEqual(whole.columns.at.subarray(rows, rows + ids.length));
      rows += batch.columns.at.length;
      rejected += batch.rejected.length;
    }
    expect(batches).toBeGreaterThan(1);
    expect(rows).toBe(70_000);
    expect(rejected).toBe(1);
  }, 30_000);
});

describe('readTransactions: the files users have', () => {
  it('whitespace-delimited files without a header, columns by position, %Y%m%d dates', async () => {
    const cdnow = '00001 19970101  1   11.77\r\n 00001 19970118  2   29.33\r\n00002 19970112  1   12.00\r\n';
    const options: ReadTransactionsOptions = {
      header: false,
      delimiter: 'whitespace',
      customer: 1,
      at: 2,
      amount: 4,
      dateFormat: '%Y%m%d',
    };
    const table = await readTransactions([cdnow], options);
    expect(plain(table)).toEqual([
      { customerId: '00001', at: Date.UTC(1997, 0, 1), amount: 11.77 },
      { customerId: '00001', at: Date.UTC(1997, 0, 18), amount: 29.33 },
      { customerId: '00002', at: Date.UTC(1997, 0, 12), amount: 12 },
    ]);
    const short = await readTransactions(['00001 1997011 1 1\n'], options);
    expect(short.rejected[0]).toMatchObject({ code: 'INVALID_TIMESTAMP', column: 7 });
  });

  it.each([
    ['%d/%m/%Y', '31/12/2024', Date.UTC(2024, 11, 31)],
    ['%d/%m/%Y', '1/2/2024', Date.UTC(2024, 1, 1)],
    ['%Y-%m-%d %H:%M:%S', '2024-03-15 10:30:05', Date.UTC(2024, 2, 15, 10, 30, 5)],
    ['%Y-%m-%dT%H:%M:%S.%f%z', '2024-03-15T10:30:05.25+01:00', Date.UTC(2024, 2, 15, 9, 30, 5, 250)],
    ['%Y%m%d%H%M', '202403151030', Date.UTC(2024, 2, 15, 10, 30)],
  ])('dateFormat %s reads %s', async (dateFormat, text, expected) => {
    const table = await readTransactions([`customerId\tat\tamount\nann\t${text}\t1\n`], {
      delimiter: '\t',
      dateFormat,
    });
    expect(table.rejected).toEqual([]);
    expect(table.columns.at[0]).toBe(expected);
  });

  it('refuses dates that do not match the format or the calendar', async () => {
    const table = await readTransactions(['customerId,at,amount\na,2024-13-01,1\nb,30/02/2024,1\n'], {
      dateFormat: '%d/%m/%Y',
    });
    expect(table.rejected.map((record) => record.message)).toEqual([
      '"2024-13-01" does not match the date format %d/%m/%Y',
      '"30/02/2024" is not a calendar date',
    ]);
  });

  it('epoch seconds and milliseconds, a decimal comma, amounts optional, another currency', async () => {
    const seconds = await readTransactions(['customerId,at,amount\na,1704153600,1\n'], { epoch: 's' });
    const millis = await readTransactions(['customerId,at,amount\na,1704153600000,1\n'], { epoch: 'ms' });
    expect(seconds.columns.at[0]).toBe(Date.UTC(2024, 0, 2));
    expect(millis.columns.at[0]).toBe(Date.UTC(2024, 0, 2));
    const comma = await readTransactions(['customerId;at;amount\na;2024-01-02;12,50\n'], {
      delimiter: ';',
      decimal: ',',
    });
    expect(comma.columns.amount[0]).toBe(12.5);
    const noAmount = await readTransactions(['date,id\n2014-03-08 00:00:00,0\n'], {
      customer: 'id',
      at: 'date',
      amount: null,
    });
    expect(plain(noAmount)).toEqual([{ customerId: '0', at: Date.UTC(2014, 2, 8), amount: 0 }]);
    const yen = await readTransactions(['customerId,at,amount\na,2024-01-02,1200\nb,2024-01-02,12.5\n'], {
      fractionDigits: 0,
    });
    expect(yen.rejected).toEqual([expect.objectContaining({ line: 3, code: 'MONEY_PRECISION' })]);
  });

  it('reads offset-less times in the time zone given', async () => {
    const table = await readTransactions(
      ['customerId,at,amount\na,2024-07-01,1\nb,2024-07-01 09:00:00,1\nc,2024-07-01T09:00:00Z,1\n'],
      {
        timeZone: 'Europe/Berlin',
      },
    );
    expect(Array.from(table.columns.at)).toEqual([
      Date.UTC(2024, 5, 30, 22),
      Date.UTC(2024, 6, 1, 7),
      Date.UTC(2024, 6, 1, 9),
    ]);
  });

  it('reads JSONL, with the same rules', async () => {
    const jsonl =
      '{"customerId":"a","at":"2024-01-01","amount":3}\n\n{"customerId":7,"at":1704153600,"amount":"4.5"}\n[1]\n{"customerId":"b","at":"2024-01-01","amount":0.001}\n';
    const table = await readTransactions([jsonl], { format: 'jsonl', epoch: 's' });
    expect(plain(table)).toEqual([
      { customerId: 'a', at: Date.UTC(2024, 0, 1), amount: 3 },
      { customerId: '7', at: Date.UTC(2024, 0, 2), amount: 4.5 },
    ]);
    expect(table.rejected.map(({ line, code }) => [line, code])).toEqual([
      [4, 'MALFORMED_RECORD'],
      [5, 'MONEY_PRECISION'],
    ]);
  });

  it('reads a path, a Node stream, a web ReadableStream and an iterable', async () => {
    const text = 'customerId,at,amount\nann,2024-01-02,10\n';
    const path = join(mkdtempSync(join(tmpdir(), 'patronage-read-')), 'orders.csv');
    writeFileSync(path, text);
    const expected = await readTransactions([text]);
    expect(await readTransactions(path)).toEqual({ ...expected });
    expect(await readTransactions(Readable.from([Buffer.from(text)]))).toEqual(expected);
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(text));
        controller.close();
      },
    });
    expect(await readTransactions(web)).toEqual(expected);
    const stopped = await readTransactions(['customerId,at,amount\na,x,1\nb,y,1\n'], {
      onRejected: () => false,
    });
    expect(stopped).toMatchObject({ stopped: true, records: 1, rejected: [] });
  });

  it('refuses bad options and unreadable sources with a PatronageError', async () => {
    expect(await asyncCodeOf(() => readTransactions(['a'], { delimitter: ';' } as never))).toBe(
      'INVALID_OPTION',
    );
    expect(await asyncCodeOf(() => readTransactions(['a'], { decimal: ',' }))).toBe('OUT_OF_RANGE');
    expect(await asyncCodeOf(() => readTransactions(['a'], { delimiter: '""' }))).toBe('OUT_OF_RANGE');
    expect(await asyncCodeOf(() => readTransactions(['a'], { dateFormat: '%Y-%q' }))).toBe('OUT_OF_RANGE');
    expect(await asyncCodeOf(() => readTransactions(['a'], { header: false, customer: 'id' }))).toBe(
      'OUT_OF_RANGE',
    );
    expect(await asyncCodeOf(() => readTransactions(['a'], { timeZone: 'Mars/Olympus' }))).toBe(
      'INVALID_TIME_ZONE',
    );
    expect(await asyncCodeOf(() => readTransactions(42 as never))).toBe('INVALID_ARGUMENT');
    expect(await asyncCodeOf(() => readTransactions(join(tmpdir(), 'no-such-file.csv')))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(await asyncCodeOf(() => readTransactions(['']))).toBe('INVALID_ARGUMENT');
    expect(await asyncCodeOf(() => readTransactions(['id,when,total\n']))).toBe('MISSING_FIELD');
  });
});

describe.skipIf(!hasSharedData)(
  `readTransactions on CDNOW (${hasSharedData ? 'published data' : SKIP_MESSAGE})`,
  () => {
    it('reads CDNOW_master.txt as it is: 69,659 rows, 23,570 customers, dates 1997-01-01 to 1998-06-30', async () => {
      const table = await readTransactions(join(SHARED_DATA, 'CDNOW_master.txt'), {
        delimiter: 'whitespace',
        customer: 'customer_id',
        at: 'date',
        amount: 'dollar_value',
        dateFormat: '%Y%m%d',
      });
      expect(table.rejected).toEqual([]);
      expect(table.columns.at.length).toBe(69_659);
      expect(table.customerIds.length).toBe(23_570);
      let first = Number.POSITIVE_INFINITY;
      let last = Number.NEGATIVE_INFINITY;
      for (const at of table.columns.at) {
        first = Math.min(first, at);
        last = Math.max(last, at);
      }
      expect([first, last]).toEqual([Date.UTC(1997, 0, 1), Date.UTC(1998, 5, 30)]);
    });

    it("reads lifetimes' example_transactions.csv, which has no amount column", async () => {
      const table = await readTransactions(join(SHARED_DATA, 'example_transactions.csv'), {
        customer: 'id',
        at: 'date',
        amount: null,
      });
      expect(table.rejected).toEqual([]);
      expect(table.columns.at.length).toBe(15_273);
      expect(table.customerIds.length).toBe(5000);
    });
  },
);

describe('readTransactions: onRejected', () => {
  it('is not called again after it returned false (an open quote ended by a line that is not UTF-8)', async () => {
    const bytes = new Uint8Array([
      ...encoder.encode('customerId,at,amount\nann,"open,1\n'),
      ...[0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72], // Latin-1 "Müller"
      ...encoder.encode(',2024-01-02,1\nbo,2024-01-03,2\n'),
    ]);
    const seen: number[] = [];
    const table = await readTransactions([bytes], {
      onRejected: (record) => {
        seen.push(record.line);
        return false;
      },
    });
    expect(seen).toEqual([2]);
    expect([table.stopped, table.records, table.columns.at.length]).toEqual([true, 1, 0]);
  });

  it('reads a path on this thread with the same results as a stream', async () => {
    const text =
      'customerId,at,amount\r\nann,2024-01-02,1\r\n"b\no",2024-01-03,2\r\nann,bad,3\r\n\r\nbo,2024-01-04, 4.5 ';
    const path = join(mkdtempSync(join(tmpdir(), 'patronage-read-')), 'log.csv');
    writeFileSync(path, `\uFEFF${text}`);
    const fromPath = await readTransactions(path, { name: 'log' });
    const fromStream = await readTransactions(Readable.from([encoder.encode(`\uFEFF${text}`)]), {
      name: 'log',
    });
    expect(fromPath).toEqual(fromStream);
    expect(fromPath.customerIds).toEqual(['ann', 'b\no', 'bo']);
    expect(fromPath.rejected.map((record) => record.line)).toEqual([5]);
  });
});

describe('readTransactions: a file larger than a block', () => {
  it('keeps a quoted field whose line break is the last one of a 4 MiB block', async () => {
    const block = 1 << 22;
    const rows: string[] = ['customerId,at,amount\n'];
    let size = rows[0]?.length ?? 0;
    for (let k = 0; size < block - 100; k++) {
      const line = `c${k},2024-01-02T10:00:00Z,${k % 100}.50\n`;
      rows.push(line);
      size += line.length;
    }
    // the line break inside the quotes falls 10 bytes before the end of the first block
    rows.push(`${'x'.repeat(block - 10 - 4 - size - 14)},2024-01-02,1\n`);
    rows.push('"two\nlines",2024-01-03,2\n');
    // and a second block at least as long, so that the next read covers the whole buffer
    for (let k = 0; k < 250_000; k++) rows.push(`d${k},2024-01-04,3\n`);
    const text = rows.join('');
    expect(text.indexOf('"two\nlines"') + 4).toBe(block - 10);
    const path = join(mkdtempSync(join(tmpdir(), 'patronage-block-')), 'log.csv');
    writeFileSync(path, text);
    const table = await readTransactions(path);
    expect(table.rejected).toEqual([]);
    expect(table.columns.at.length).toBe(rows.length - 1);
    // the quoted record, whole, and the rows on both sides of it
    const two = table.columns.customerIndex.indexOf(table.customerIds.indexOf('two\nlines'));
    expect(two).toBeGreaterThan(0);
    expect([table.columns.at[two], table.columns.amount[two]]).toEqual([Date.UTC(2024, 0, 3), 2]);
    expect(table.customerIds[table.columns.customerIndex[two - 1] as number]).toMatch(/^x+$/);
    expect(table.customerIds[table.columns.customerIndex[two + 1] as number]).toBe('d0');
  }, 60_000);
});

describe('readTransactions: the fast path', () => {
  it('skips blank lines, but a line of delimiters is a record of empty fields (tabs in a TSV, spaces)', async () => {
    for (const delimiter of ['\t', ' ']) {
      const csv = `${['customerId', 'at', 'amount'].join(delimiter)}\nann${delimiter}1706745600000${delimiter}5\n`;
      const table = await readTransactions(
        [`${csv}${delimiter}${delimiter}\n${delimiter === ' ' ? '\t' : '  '}\n`],
        {
          delimiter,
          epoch: 'ms',
        },
      );
      expect(plain(table)).toEqual([{ customerId: 'ann', at: 1706745600000, amount: 5 }]);
      // line 3 (delimiters only) is rejected, line 4 (blank) is skipped
      expect(table.records).toBe(2);
      expect(table.rejected.map((record) => [record.line, record.code, record.field])).toEqual([
        [3, 'MISSING_FIELD', 'customerId'],
      ]);
    }
    const commas = await readTransactions(['customerId,at,amount\n \t \nann,1706745600000,5\n'], {
      epoch: 'ms',
    });
    expect(commas.records).toBe(1);
    expect(commas.rejected).toEqual([]);
  });

  it('does not jump over a time field that holds the delimiter (a minus before an epoch time, delimiter -)', async () => {
    const csv = 'customerId-at-amount\nc1-1706745600000-5\nc2--170674560000-6\nc3-1706745600001-7\n';
    const table = await readTransactions([csv], { delimiter: '-', epoch: 'ms' });
    expect(plain(table)).toEqual([
      { customerId: 'c1', at: 1706745600000, amount: 5 },
      { customerId: 'c3', at: 1706745600001, amount: 7 },
    ]);
    expect(table.rejected.map((record) => [record.line, record.code])).toEqual([[3, 'MALFORMED_RECORD']]);
  });

  it('ends a jumped-over time field only where a field or a line ends (a CR alone is part of the field)', async () => {
    const csv =
      'customerId,at\nann,2024-01-02T10:00:00Z\r\nbo,2024-01-02T10:00:01Z\rx\nann,2024-01-02T10:00:02Z';
    const table = await readTransactions([csv], { amount: null });
    expect(plain(table).map((row) => [row.customerId, row.at])).toEqual([
      ['ann', Date.UTC(2024, 0, 2, 10)],
      ['ann', Date.UTC(2024, 0, 2, 10, 0, 2)],
    ]);
    expect(table.rejected.map((record) => [record.line, record.code])).toEqual([[3, 'INVALID_TIMESTAMP']]);
  });

  it('numbers customers by first appearance across numbered and other ids, batch by batch', async () => {
    const lines = Array.from({ length: 70_000 }, (_, k) =>
      k % 3 === 0 ? `c${(k * 7) % 5000},2024-01-02,1` : `n${k % 11},2024-01-02,1`,
    );
    const seen = new Map<string, number>();
    const order: number[] = [];
    for (const line of lines) {
      const id = line.slice(0, line.indexOf(','));
      if (!seen.has(id)) seen.set(id, seen.size);
      order.push(seen.get(id) as number);
    }
    const expected = [...seen.keys()];
    const csv = `customerId,at,amount\n${lines.join('\n')}\n`;
    const whole = await readTransactions([csv]);
    expect(whole.customerIds).toEqual(expected);
    expect(Array.from(whole.columns.customerIndex)).toEqual(order);
    const batched: number[] = [];
    let ids: readonly string[] = [];
    for await (const batch of readTransactionBatches([csv])) {
      batched.push(...batch.columns.customerIndex);
      // every number of a batch names an id the batch already has
      expect(Math.max(-1, ...batch.columns.customerIndex)).toBeLessThan(batch.customerIds.length);
      ids = batch.customerIds;
    }
    expect(batched).toEqual(order);
    expect(ids).toEqual(expected);
  });
});
