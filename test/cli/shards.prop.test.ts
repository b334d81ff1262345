import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliShardTesting } from '../../src/cli/shards';
import { cli, file } from '../helpers/cli';
import { useBuiltCliWorker } from '../helpers/cliWorker';

beforeAll(useBuiltCliWorker);
afterEach(() => {
  cliShardTesting.shardBytes = 0;
});

let files = 0;

// a small log: a few customers, days over a few months (same-day repeats, customers out of day order by
// chance), with bad rows, quoted fields (some with line breaks), CRLF and a byte-order mark
const customer = fc.constantFrom('ann', 'bo', 'c1', 'dee', 'eve', '"fay"', '"g,h"', '"two\nlines"');
// ids of one prefix and digits are numbered by their values (sent between threads and written from them)
const numberedCustomer = fc.constantFrom('c1', 'c2', 'c9', 'c10', 'c25', 'c100');
const day = fc.integer({ min: 0, max: 130 });
const amount = fc.constantFrom('10', '10.50', '0.5', '0', '3.25', '19.999', '-1', 'x');
const rowOf = (customer: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 12,
      arbitrary: fc
        .tuple(customer, day, fc.integer({ min: 0, max: 86_399 }), amount)
        .map(
          ([who, d, second, money]) =>
            `${who},${new Date(Date.UTC(2024, 0, 1) + d * 86_400_000 + second * 1000).toISOString().slice(0, 19)}Z,${money}`,
        ),
    },
    { weight: 1, arbitrary: fc.constantFrom('', 'a,b', 'bo,2024-13-01,1', '"open', 'a,2024-01-01,1,extra') },
  );
const row = fc.oneof(rowOf(customer), rowOf(numberedCustomer));
const log = fc.record({
  bom: fc.boolean(),
  crlf: fc.boolean(),
  // mostly in day order, as real logs, sometimes shuffled
  sorted: fc.boolean(),
  rows: fc.oneof(
    fc.array(row, { minLength: 1, maxLength: 60 }),
    fc.array(rowOf(numberedCustomer), { minLength: 1, maxLength: 60 }),
  ),
  shardBytes: fc.integer({ min: 1, max: 400 }),
});

const commands = fc.constantFrom(
  ['summary'],
  ['summary', '--unit', 'week', '--format', 'json'],
  ['summary', '--unit', 'month', '--observation-end', '2024-03-01'],
  ['cohorts'],
  ['cohorts', '--period', 'week', '--format', 'json'],
  ['cohorts', '--period', 'day'],
  ['retention'],
  ['retention', '--period', 'week', '--active-within', '10'],
  ['retention', '--period', 'day', '--active-within', '3', '--format', 'json'],
);

describe('commands on a file read in shards', () => {
  it('give the output, messages and exit code of one thread, cut anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(log, commands, fc.boolean(), async (input, command, skip) => {
        const rows = input.sorted
          ? [...input.rows].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))
          : input.rows;
        const newline = input.crlf ? '\r\n' : '\n';
        const text = `${input.bom ? '\uFEFF' : ''}customerId,at,amount${newline}${rows.join(newline)}${newline}`;
        const path = file(`shards${files++}.csv`, text);
        const args = [command[0] as string, path, ...command.slice(1), ...(skip ? ['--skip-invalid'] : [])];
        const one = await cli([...args, '--threads', '1']);
        cliShardTesting.shardBytes = input.shardBytes;
        const many = await cli(args);
        cliShardTesting.shardBytes = 0;
        expect(many).toEqual(one);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});

/** The time field of a row, for sorting rows by time (bad rows anywhere). */
function sortKey(line: string): string {
  const match = /\d{4}-\d\d-\d\dT[\d:]+Z/.exec(line);
  return match === null ? '' : match[0];
}
