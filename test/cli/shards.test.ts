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
  cliShardTesting.shardBytes = 1009;
  const sent = cliShardTesting.sent;
  const many = await cli(args);
  cliShardTesting.shardBytes = 0;
  expect(many).toEqual(one);
  expect(cliShardTesting.sent - sent).toBeGreaterThan(5);
}

describe('a file read in shards', { timeout: 60_000 }, () => {
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

describe('other inputs read in shards', { timeout: 60_000 }, () => {
  const lines = orderedLog(40, 500).trimEnd().split('\n').slice(1);
  const jsonl = file(
    'ordered.jsonl',
    `${lines
      .map((line) => {
        const [customerId, at, amount] = line.split(',');
        return JSON.stringify({ customerId, at, amount: Number(amount) });
      })
      .join('\n')}\n`,
  );
  const headless = file('headless.csv', `${lines.join('\r\n')}\r\n`);

  it('JSONL gives what one thread gives', async () => {
    await same(['summary', jsonl]);
    await same(['retention', jsonl, '--period', 'week']);
  });

  it('a CSV without a header (CRLF) gives what one thread gives', async () => {
    await same(['cohorts', headless, '--no-header', '--customer', '1', '--date', '2', '--amount', '3']);
    await same(['summary', headless, '--no-header', '--customer', '1', '--date', '2', '--amount', '3']);
  });
});

describe('the workers of a read in shards', { timeout: 60_000 }, () => {
  const path = file(
    'bad.csv',
    `${orderedLog(30, 400).trimEnd()}\nc1,not a time,1\n${orderedLog(30, 400).split('\n').slice(1).join('\n')}`,
  );

  it('stop at the first bad row as one thread does (exit 1, the same messages)', async () => {
    await same(['summary', path]);
    await same(['cohorts', path]);
    await same(['retention', path, '--skip-invalid']);
  });

  it('a worker that fails ends the command with its error, not a hang', async () => {
    const broken = file('broken.mjs', "throw new Error('the worker broke');\n");
    const saved = cliShardTesting.worker;
    cliShardTesting.worker = broken;
    cliShardTesting.shardBytes = 1009;
    try {
      // a broken worker is a bug: the tool's unexpected-failure path reports it
      await expect(cli(['summary', path])).rejects.toThrow('the worker broke');
    } finally {
      cliShardTesting.worker = saved;
    }
  });

  it('--threads takes a whole number from 1 to 64', async () => {
    const result = await cli(['summary', path, '--threads', '0']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--threads must be a whole number from 1 to 64');
  });

  it('a file under the size threshold is read on one thread', async () => {
    const sent = cliShardTesting.sent;
    const result = await cli(['summary', path, '--skip-invalid', '--threads', '2']);
    expect(result.code).toBe(0);
    expect(cliShardTesting.sent).toBe(sent);
  });
});
