import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliShardTesting } from '../../src/cli/shards';
import { cli, file } from '../helpers/cli';
import { useBuiltCliWorker } from '../helpers/cliWorker';

beforeAll(useBuiltCliWorker);
afterEach(() => {
  cliShardTesting.shardBytes = 0;
  cliShardTesting.minBytes = null;
});

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/** A time-ordered log: customers buying on days spread over a few months, several rows a day. */
function orderedLog(customers: number, rows: number): string {
  const lines = ['customerId,at,amount'];
  for (let row = 0; row < rows; row++) {
    const day = Math.floor((row * 120) / rows);
    const customer = (row * 7919 + day * 31) % customers;
    lines.push(
      `c${customer},${new Date(START + day * DAY + (row % 997) * 1000).toISOString()},${(row % 50) + 0.25}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The command on one thread and in tiny shards: the same exit code, output and messages. */
async function same(args: string[]): Promise<void> {
  const one = await cli([...args, '--threads', '1']);
  cliShardTesting.shardBytes = 97;
  const many = await cli(args);
  cliShardTesting.shardBytes = 0;
  expect(many).toEqual(one);
}

describe('a file read in shards', () => {
  const path = file('ordered.csv', orderedLog(40, 600));
  for (const args of [
    ['summary'],
    ['summary', '--unit', 'week'],
    ['cohorts', '--period', 'week'],
    ['cohorts'],
    ['retention'],
    ['retention', '--period', 'week', '--active-within', '10'],
  ]) {
    it(`${args.join(' ')} gives what one thread gives`, async () => {
      await same([args[0] as string, path, ...args.slice(1)]);
    });
  }
});
