import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readInput } from '../input';
import { text } from '../options';
import { buildReport, transactionsOf } from '../report';
import type { Command } from './command';

export const report: Command = {
  name: 'report',
  summary: 'a self-contained HTML report with charts (segments, cohorts, retention, survival, models)',
  help: `patronage report FILE [options]
  --out FILE                 the HTML file to write (default patronage-report.html)`,
  readsInput: true,
  options: { out: { type: 'string' } },
  async run(context) {
    const input = await readInput(context.values, context.file, context.io);
    const transactions = transactionsOf(input.table);
    const target = text(context.values, 'out') ?? 'patronage-report.html';
    writeFileSync(target, buildReport({ source: input.source, transactions, rejected: input.rejected }));
    context.io.stderr.write(`patronage: wrote ${resolve(target)}\n`);
  },
};
