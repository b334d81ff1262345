import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors';
import { currencyDigits, readInput } from '../input';
import { text } from '../options';
import { buildReport, ReportSettingsError } from '../report/buildReport';
import { REPORT_HELP, reportSettings } from '../report/settings';
import type { Command } from './command';

export const report: Command = {
  name: 'report',
  summary: 'a self-contained HTML report with charts (segments, cohorts, retention, survival, models)',
  help: REPORT_HELP,
  readsInput: true,
  options: {
    out: { type: 'string' },
    model: { type: 'string' },
    unit: { type: 'string' },
    horizon: { type: 'string' },
    'calibration-end': { type: 'string' },
    'holdout-end': { type: 'string' },
  },
  async run(context) {
    const { values } = context;
    // the report's options first, so that a bad one is a usage error before the input is read
    const settings = reportSettings(values);
    const target = text(values, 'out') ?? 'patronage-report.html';
    const input = await readInput(values, context.file, context.io);
    let page: string;
    try {
      page = buildReport({
        source: input.source,
        table: input.table,
        rejected: input.rejected,
        settings,
        fractionDigits: currencyDigits(values),
        timeZone: text(values, 'time-zone'),
      });
    } catch (error) {
      if (error instanceof ReportSettingsError) throw new UsageError(error.message);
      throw error;
    }
    writeFileSync(target, page);
    context.io.stderr.write(`patronage: wrote ${resolve(target)}\n`);
  },
};
