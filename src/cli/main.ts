// The `patronage` command: RFM summaries, cohorts, retention, model fits, predictions and an HTML report
// from a transaction log in CSV or JSONL, streamed from a file or stdin.

import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createCohortAccumulator,
  createPeriodAccumulator,
  createRfmAccumulator,
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  isPatronageError,
  type ModelFit,
  type ModelSpec,
  type RfmRow,
  scoreCustomers,
} from '../index';
import { demoCsvLines } from './demoData';
import { type BadRow, InputError, type InputTransaction, readTransactions } from './read';
import { buildReport } from './report';

/** Exit codes, documented in `patronage --help` and docs/cli.md. */
export const EXIT = { ok: 0, badData: 1, usage: 2, input: 3, failed: 4 } as const;

class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A computation that gave no result, such as a fit whose likelihood could not be evaluated (exit code 4). */
class ComputationError extends Error {
  override readonly name = 'ComputationError';
}

const COMMANDS: Readonly<Record<string, string>> = {
  summary: 'per-customer RFM summary: frequency, recency, T, monetaryValue (lifetimes-compatible)',
  cohorts: 'cohort retention table: share of each cohort buying k periods after acquisition',
  retention: 'retention and churn per period, with new and returning revenue',
  fit: 'fit a model (bg-nbd, mbg-nbd, pareto-nbd, gamma-gamma) to the RFM summary; prints JSON',
  predict: 'P(alive) and expected purchases per customer, from a fit (--fit FILE) or fitted on the spot',
  report: 'a self-contained HTML report with charts (segments, cohorts, retention, survival, models)',
  demo: 'generate a realistic shop data set and write the report on it',
};

const INPUT_HELP = `Input (FILE, or - for stdin):
  --input-format csv|jsonl   default: from the file name (.jsonl/.ndjson), else csv
  --delimiter CHAR           CSV field delimiter (default ,)
  --customer COL             column of the customer id (default customerId)
  --date COL                 column of the time: ISO 8601 or epoch ms (default at)
  --amount COL               column of the amount in major units, >= 0 (default amount)
  --skip-invalid             report bad rows (count and first examples) and go on without them;
                             by default the first bad row stops the run with exit code 1`;

const EXIT_HELP = `Exit codes:
  0  success
  1  a bad input row (file:line:column on stderr); use --skip-invalid to go on without it
  2  usage error (unknown command or option, bad option value)
  3  the input cannot be read (no such file, no header, missing columns)
  4  the computation failed (for example a model that cannot be fitted to these data)`;

const HELP: Readonly<Record<string, string>> = {
  summary: `patronage summary FILE [options]
  Prints one row per customer: customerId, frequency, recency, T, monetaryValue.
  --unit day|week|month      unit of recency and T (default day)
  --observation-end DATE     end of observation (default: the last transaction)
  --format csv|json          output format (default csv)
  --out FILE                 write to FILE instead of stdout`,
  cohorts: `patronage cohorts FILE [options]
  --period day|week|month|quarter|year   cohort period (default month)
  --format csv|json          (default csv)
  --out FILE`,
  retention: `patronage retention FILE [options]
  --period day|week|month|quarter|year   reporting period (default month)
  --active-within DAYS       a customer is active if they bought within this many days (default 90)
  --format csv|json          (default csv)
  --out FILE`,
  fit: `patronage fit FILE [options]
  --model bg-nbd|mbg-nbd|pareto-nbd|gamma-gamma   (default bg-nbd)
  --unit day|week|month      time unit of the model (default week)
  --observation-end DATE
  --out FILE                 write the fit as JSON (input of predict --fit)`,
  predict: `patronage predict FILE [options]
  --fit FILE                 a fit written by 'patronage fit' (default: fit BG/NBD now)
  --model bg-nbd|mbg-nbd|pareto-nbd   model to fit when --fit is not given (default bg-nbd)
  --unit day|week|month      must be the unit of the fit (default week)
  --horizon N                purchases expected in the next N units (default 52)
  --observation-end DATE
  --format csv|json          (default csv)
  --out FILE`,
  report: `patronage report FILE [options]
  --out FILE                 the HTML file to write (default patronage-report.html)`,
  demo: `patronage demo [options]
  Generates a shop's orders (CSV with two malformed rows) and writes the report on them.
  --out-dir DIR              where to write transactions.csv and report.html (default patronage-demo)
  --customers N              customers to simulate (default 3000)
  --seed N                   random seed (default 7)`,
};

function usage(): string {
  return `patronage: customer loyalty and retention metrics from a transaction log

Usage: patronage <command> [FILE] [options]      patronage <command> --help

Commands:
${Object.entries(COMMANDS)
  .map(([name, text]) => `  ${name.padEnd(10)} ${text}`)
  .join('\n')}

${INPUT_HELP}

${EXIT_HELP}
`;
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  'input-format': { type: 'string' },
  delimiter: { type: 'string' },
  customer: { type: 'string' },
  date: { type: 'string' },
  amount: { type: 'string' },
  'skip-invalid': { type: 'boolean' },
  unit: { type: 'string' },
  'observation-end': { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  period: { type: 'string' },
  'active-within': { type: 'string' },
  model: { type: 'string' },
  fit: { type: 'string' },
  horizon: { type: 'string' },
  'out-dir': { type: 'string' },
  customers: { type: 'string' },
  seed: { type: 'string' },
} as const;

type Values = {
  [K in keyof typeof OPTIONS]?:
    | ((typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string)
    | undefined;
};

function choice<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

function positive(name: string, value: string | undefined, fallback: number, whole = false): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!(Number.isFinite(number) && number > 0) || (whole && !Number.isInteger(number))) {
    throw new UsageError(
      `--${name} must be a ${whole ? 'whole ' : ''}number above 0, got ${JSON.stringify(value)}`,
    );
  }
  return number;
}

/** The streams and clock the tool uses, replaceable in tests. */
export interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
}

/** Reads the input named on the command line, applying the bad-row policy. */
async function readInput(
  values: Values,
  file: string | undefined,
  io: Io,
): Promise<{ transactions: InputTransaction[]; rejected: number; source: string }> {
  if (file === undefined) throw new UsageError('no input: give a FILE, or - to read stdin');
  const format = choice(
    'input-format',
    values['input-format'],
    ['csv', 'jsonl'],
    /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv',
  );
  const delimiter = values.delimiter ?? ',';
  if (delimiter === '' || delimiter === '"' || /[\r\n]/.test(delimiter)) {
    throw new UsageError(
      `--delimiter must be a character other than a quote or a line break, got ${JSON.stringify(delimiter)}`,
    );
  }
  const skip = values['skip-invalid'] === true;
  const examples: BadRow[] = [];
  let rejected = 0;
  const transactions: InputTransaction[] = [];
  const progress = io.stderr.isTTY === true;
  let lastReport = Date.now();
  const where = (row: BadRow): string =>
    `${row.file}:${row.line}:${row.column}: ${row.field === null ? 'row' : `column ${JSON.stringify(row.field)}`}: ${row.message}`;
  const { rows, stopped } = await readTransactions(
    {
      path: file,
      format,
      delimiter,
      columns: {
        customer: values.customer ?? 'customerId',
        date: values.date ?? 'at',
        amount: values.amount ?? 'amount',
      },
      onBadRow: (row) => {
        rejected++;
        if (!skip) {
          io.stderr.write(`patronage: bad row: ${where(row)}\n`);
          return false;
        }
        if (examples.length < 5) examples.push(row);
        return true;
      },
      onProgress: progress
        ? (count) => {
            if (count % 10_000 === 0 && Date.now() - lastReport > 500) {
              lastReport = Date.now();
              io.stderr.write(`\rpatronage: ${count} rows read`);
            }
          }
        : undefined,
    },
    (transaction) => transactions.push(transaction),
    io.stdin as never,
  );
  if (progress && rows >= 10_000) io.stderr.write(`\rpatronage: ${rows} rows read\n`);
  if (stopped) {
    io.stderr.write('patronage: stopped at the first bad row; --skip-invalid goes on without bad rows\n');
    throw new BadDataStop();
  }
  if (rejected > 0) {
    io.stderr.write(
      `patronage: skipped ${rejected} of ${rows} rows as invalid; the first ${examples.length}:\n`,
    );
    for (const row of examples) io.stderr.write(`  ${where(row)}\n`);
  }
  if (transactions.length === 0) throw new InputError(`${file}: no valid transactions to work on`);
  return { transactions, rejected, source: file === '-' ? 'stdin' : file };
}

class BadDataStop extends Error {}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function writeOutput(values: Values, io: Io, text: string): void {
  if (values.out === undefined) io.stdout.write(text);
  else writeFileSync(values.out, text);
}

function table(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  return `${[columns.join(','), ...rows.map((row) => columns.map((column) => csvCell(row[column])).join(','))].join('\n')}\n`;
}

function modelName(
  value: string | undefined,
  allowGammaGamma: boolean,
): 'bgNbd' | 'mbgNbd' | 'paretoNbd' | 'gammaGamma' {
  const names = allowGammaGamma
    ? (['bg-nbd', 'mbg-nbd', 'pareto-nbd', 'gamma-gamma'] as const)
    : (['bg-nbd', 'mbg-nbd', 'pareto-nbd'] as const);
  const name = choice('model', value, names, 'bg-nbd');
  return name === 'bg-nbd'
    ? 'bgNbd'
    : name === 'mbg-nbd'
      ? 'mbgNbd'
      : name === 'pareto-nbd'
        ? 'paretoNbd'
        : 'gammaGamma';
}

function summaryOf(
  values: Values,
  transactions: readonly InputTransaction[],
  defaultUnit: 'day' | 'week',
): RfmRow[] {
  const unit = choice('unit', values.unit, ['day', 'week', 'month'], defaultUnit);
  const accumulator = createRfmAccumulator({
    unit,
    ...(values['observation-end'] === undefined ? {} : { observationEnd: values['observation-end'] }),
  });
  for (const transaction of transactions) accumulator.add(transaction);
  return accumulator.result();
}

function fitModel(model: ReturnType<typeof modelName>, rows: readonly RfmRow[]): ModelFit {
  const fit =
    model === 'gammaGamma'
      ? fitGammaGamma(rows.filter((row) => row.frequency > 0))
      : model === 'mbgNbd'
        ? fitMbgNbd(rows)
        : model === 'paretoNbd'
          ? fitParetoNbd(rows)
          : fitBgNbd(rows);
  // a fit without a likelihood holds its starting point, not estimates: nothing to print or score
  if (fit.logLikelihood === null)
    throw new ComputationError(`cannot fit ${model} to these data: ${fit.reason}`);
  return fit;
}

async function run(command: string, values: Values, file: string | undefined, io: Io): Promise<void> {
  const format = (): 'csv' | 'json' => choice('format', values.format, ['csv', 'json'], 'csv');
  switch (command) {
    case 'summary': {
      const chosen = format();
      const { transactions } = await readInput(values, file, io);
      const rows = summaryOf(values, transactions, 'day');
      writeOutput(
        values,
        io,
        chosen === 'json'
          ? `${JSON.stringify(rows)}\n`
          : table(rows as never, ['customerId', 'frequency', 'recency', 'T', 'monetaryValue']),
      );
      return;
    }
    case 'cohorts': {
      const chosen = format();
      const period = choice('period', values.period, ['day', 'week', 'month', 'quarter', 'year'], 'month');
      const { transactions } = await readInput(values, file, io);
      const accumulator = createCohortAccumulator({ period });
      for (const transaction of transactions) accumulator.add(transaction);
      const rows = accumulator.result();
      if (chosen === 'json') {
        writeOutput(values, io, `${JSON.stringify(rows)}\n`);
      } else {
        const periods = Math.max(...rows.map((row) => row.rates.length));
        const columns = ['cohort', 'size', ...Array.from({ length: periods }, (_, k) => `rate_${k}`)];
        const flat = rows.map((row) => ({
          cohort: row.cohort,
          size: row.size,
          ...Object.fromEntries(row.rates.map((rate, k) => [`rate_${k}`, rate])),
        }));
        writeOutput(values, io, table(flat, columns));
      }
      return;
    }
    case 'retention': {
      const chosen = format();
      const period = choice('period', values.period, ['day', 'week', 'month', 'quarter', 'year'], 'month');
      const activeWithin = positive('active-within', values['active-within'], 90, true);
      const { transactions } = await readInput(values, file, io);
      const accumulator = createPeriodAccumulator({ period, activeWithin });
      for (const transaction of transactions) accumulator.add(transaction);
      const rows = accumulator.result();
      writeOutput(
        values,
        io,
        chosen === 'json'
          ? `${JSON.stringify(rows)}\n`
          : table(rows as never, [
              'period',
              'customersAtStart',
              'customersAtEnd',
              'acquired',
              'reactivated',
              'retained',
              'lost',
              'retention',
              'churn',
              'revenue',
              'newRevenue',
              'returningRevenue',
            ]),
      );
      return;
    }
    case 'fit': {
      const model = modelName(values.model, true);
      const { transactions } = await readInput(values, file, io);
      const rows = summaryOf(values, transactions, 'week');
      const fit = fitModel(model, rows);
      const unit = values.unit ?? 'week';
      writeOutput(values, io, `${JSON.stringify({ ...fit, unit, customers: rows.length }, null, 2)}\n`);
      return;
    }
    case 'predict': {
      const chosen = format();
      const horizon = positive('horizon', values.horizon, 52);
      let fit: ModelSpec | null = null;
      if (values.fit !== undefined) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(readFileSync(values.fit, 'utf8'));
        } catch (error) {
          throw new InputError(`${values.fit}: cannot read the fit (${(error as Error).message})`);
        }
        const unit = (parsed as { unit?: unknown }).unit;
        if (unit !== undefined && values.unit !== undefined && unit !== values.unit) {
          throw new UsageError(`--unit ${values.unit} differs from the fit's unit ${String(unit)}`);
        }
        fit = parsed as ModelSpec;
        if (typeof unit === 'string') values = { ...values, unit };
      }
      const { transactions } = await readInput(values, file, io);
      const rows = summaryOf(values, transactions, 'week');
      const spec = fit ?? fitModel(modelName(values.model, false), rows);
      const scores = scoreCustomers(spec, rows, { horizon });
      const out = rows.map((row, i) => ({
        ...row,
        probabilityAlive: scores.probabilityAlive[i],
        expectedPurchases: scores.expectedPurchases[i],
      }));
      writeOutput(
        values,
        io,
        chosen === 'json'
          ? `${JSON.stringify(out)}\n`
          : table(out as never, [
              'customerId',
              'frequency',
              'recency',
              'T',
              'monetaryValue',
              'probabilityAlive',
              'expectedPurchases',
            ]),
      );
      return;
    }
    case 'report': {
      const input = await readInput(values, file, io);
      const target = values.out ?? 'patronage-report.html';
      writeFileSync(target, buildReport(input));
      io.stderr.write(`patronage: wrote ${resolve(target)}\n`);
      return;
    }
    case 'demo': {
      const directory = values['out-dir'] ?? 'patronage-demo';
      const customers = positive('customers', values.customers, 3000, true);
      const seed = positive('seed', values.seed, 7, true);
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
        { ...values, customer: 'customer', date: 'ordered_at', amount: 'total', 'skip-invalid': true },
        data,
        io,
      );
      const report = join(directory, 'report.html');
      writeFileSync(report, buildReport(input));
      const rows = summaryOf({}, input.transactions, 'week');
      io.stdout.write(
        `patronage demo: ${input.transactions.length} transactions of ${rows.length} customers, ${input.rejected} rows rejected\n` +
          `  report: ${resolve(report)}\n` +
          `  try:    patronage summary ${data} --customer customer --date ordered_at --amount total --unit week --skip-invalid --format csv | head\n`,
      );
      return;
    }
    default:
      throw new UsageError(
        `unknown command ${JSON.stringify(command)}; commands: ${Object.keys(COMMANDS).join(', ')}`,
      );
  }
}

/** Runs the tool with `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; args: string[] }>
  >;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr.write(`patronage: ${(error as Error).message}\nRun 'patronage --help' for the options.\n`);
    return EXIT.usage;
  }
  const values = parsed.values as Values;
  const [command, file, ...extra] = parsed.positionals;
  if (command === undefined || (values.help === true && command === undefined) || command === 'help') {
    io.stdout.write(usage());
    return command === undefined && values.help !== true ? EXIT.usage : EXIT.ok;
  }
  if (values.help === true) {
    const text = HELP[command];
    if (text === undefined) {
      io.stderr.write(`patronage: unknown command ${JSON.stringify(command)}\n`);
      return EXIT.usage;
    }
    io.stdout.write(`${text}\n\n${command === 'demo' ? '' : `${INPUT_HELP}\n\n`}${EXIT_HELP}\n`);
    return EXIT.ok;
  }
  if (extra.length > 0) {
    io.stderr.write(
      `patronage: one input at a time; unexpected ${extra.map((value) => JSON.stringify(value)).join(' ')}\n`,
    );
    return EXIT.usage;
  }
  try {
    await run(command, values, file, io);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof BadDataStop) return EXIT.badData;
    if (error instanceof UsageError) {
      io.stderr.write(`patronage: ${error.message}\nRun 'patronage ${command} --help' for the options.\n`);
      return EXIT.usage;
    }
    if (error instanceof InputError) {
      io.stderr.write(`patronage: ${error.message}\n`);
      return EXIT.input;
    }
    if (error instanceof ComputationError) {
      io.stderr.write(`patronage: ${error.message}\n`);
      return EXIT.failed;
    }
    if (isPatronageError(error)) {
      io.stderr.write(`patronage: ${error.code}: ${error.message}\n`);
      return error.code === 'OUT_OF_RANGE' ||
        error.code === 'INVALID_ARGUMENT' ||
        error.code === 'INVALID_TIMESTAMP'
        ? EXIT.usage
        : EXIT.failed;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      io.stderr.write(`patronage: ${(error as Error).message}\n`);
      return EXIT.input;
    }
    throw error;
  }
}
