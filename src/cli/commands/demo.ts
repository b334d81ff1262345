import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { demoCsvLines } from '../demoData';
import { readInput } from '../input';
import { positive, text } from '../options';
import { buildReport } from '../report/buildReport';
import { reportSettings } from '../report/settings';
import type { Command } from './command';

export const demo: Command = {
  name: 'demo',
  summary: 'generate a realistic shop data set and write the report on it',
  help: `patronage demo [options]
  Generates a shop's orders (CSV with two malformed rows) and writes the report on them.
  --out-dir DIR              where to write transactions.csv and report.html (default patronage-demo)
  --customers N              customers to simulate (default 3000)
  --seed N                   random seed (default 7)`,
  readsInput: false,
  options: { 'out-dir': { type: 'string' }, customers: { type: 'string' }, seed: { type: 'string' } },
  async run(context) {
    const { values, io } = context;
    const directory = text(values, 'out-dir') ?? 'patronage-demo';
    const customers = positive(values, 'customers', 3000, true);
    const seed = positive(values, 'seed', 7, true);
    mkdirSync(directory, { recursive: true });
    const data = join(directory, 'transactions.csv');
    await new Promise<void>((done, fail) => {
      const stream = createWriteStream(data);
      stream.on('error', fail);
      for (const line of demoCsvLines({ customers, seed })) stream.write(`${line}\n`);
      stream.end(done);
    });
    io.stderr.write(`patronage: generated ${data} (${customers} customers, two malformed rows)\n`);
    const input = await readInput(
      { customer: 'customer', date: 'ordered_at', amount: 'total', 'skip-invalid': true },
      data,
      io,
    );
    const target = join(directory, 'report.html');
    writeFileSync(
      target,
      buildReport({
        source: input.source,
        table: input.table,
        rejected: input.rejected,
        settings: reportSettings({}),
        fractionDigits: 2,
      }),
    );
    const customerCount = input.table.customerIds.length;
    io.stdout.write(
      `patronage demo: ${input.table.columns.at.length} transactions of ${customerCount} customers, ${input.rejected} rows rejected\n` +
        `  report: ${resolve(target)}\n` +
        `  try:    patronage summary ${data} --customer customer --date ordered_at --amount total --unit week --skip-invalid --format csv | head\n`,
    );
  },
};
