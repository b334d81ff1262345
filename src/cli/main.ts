// The `patronage` command: RFM summaries, cohorts, retention, model fits, predictions and an HTML report
// from a transaction log in CSV or JSONL, streamed from a file or stdin. This file parses the command line
// and looks the command up; each command lives in commands/<name>.ts.

import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { isPatronageError } from '../index';
import { nearestKey } from '../internal/validate';
import type { Command } from './commands/command';
import { COMMANDS } from './commands/index';
import { BadDataStop, ComputationError, EXIT, InputError, UsageError } from './errors';
import type { Io } from './input';
import { EXIT_HELP, INPUT_HELP, INPUT_OPTIONS, type OptionSpec, type Values } from './options';

export { EXIT } from './errors';
export type { Io } from './input';

function usage(): string {
  return `patronage ${version}: customer loyalty and retention metrics from a transaction log

Usage: patronage <command> [FILE] [options]      patronage <command> --help      patronage --version

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`).join('\n')}

${INPUT_HELP}

${EXIT_HELP}
`;
}

function commandHelp(command: Command): string {
  return `${command.help}\n\n${command.readsInput ? `${INPUT_HELP}\n\n` : ''}${EXIT_HELP}\n`;
}

/** The options a command takes: its own, the input options when it reads a log, and --help. */
function optionsOf(command: Command): Record<string, OptionSpec> {
  return {
    ...command.options,
    ...(command.readsInput ? INPUT_OPTIONS : {}),
    help: { type: 'boolean', short: 'h' },
  };
}

/** Parses a command's arguments; an option the command does not take is a usage error naming the nearest. */
function parseCommandLine(
  command: Command,
  args: readonly string[],
): { values: Values; positionals: string[] } {
  const options = optionsOf(command);
  const loose = parseArgs({ args: [...args], options, allowPositionals: true, strict: false, tokens: true });
  for (const token of loose.tokens ?? []) {
    if (token.kind !== 'option' || token.name in options) continue;
    const near = nearestKey(token.name, Object.keys(options));
    throw new UsageError(
      `${command.name} has no option ${token.rawName}${near === null ? '' : `; did you mean --${near}?`}`,
    );
  }
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: parsed.values as Values, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Runs the tool with `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`${version}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    const names = COMMANDS.map((candidate) => candidate.name);
    const near = name.startsWith('-') ? null : nearestKey(name, names);
    io.stderr.write(
      `patronage: ${name.startsWith('-') ? `give the command before its options, got ${JSON.stringify(name)}` : `unknown command ${JSON.stringify(name)}${near === null ? '' : `; did you mean ${near}?`}`}\nCommands: ${names.join(', ')}. Run 'patronage --help' for more.\n`,
    );
    return EXIT.usage;
  }
  try {
    const { values, positionals } = parseCommandLine(command, rest);
    if (values['help'] === true) {
      io.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    const [file, ...extra] = positionals;
    if (!command.readsInput && file !== undefined) {
      throw new UsageError(`${command.name} reads no input file; unexpected ${JSON.stringify(file)}`);
    }
    if (extra.length > 0) {
      throw new UsageError(
        `one input at a time; unexpected ${extra.map((value) => JSON.stringify(value)).join(' ')}`,
      );
    }
    await command.run({ values, file, io });
    return EXIT.ok;
  } catch (error) {
    return report(error, command, io);
  }
}

/** The exit code and the one line on standard error for what ended a run (no stack trace). */
function report(error: unknown, command: Command, io: Io): number {
  if (error instanceof BadDataStop) return EXIT.badData;
  if (error instanceof UsageError) {
    io.stderr.write(`patronage: ${error.message}\nRun 'patronage ${command.name} --help' for the options.\n`);
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
    // data problems became bad rows in the reader; what reaches here comes from the options
    io.stderr.write(`patronage: ${error.code}: ${error.message}\n`);
    const usage = [
      'OUT_OF_RANGE',
      'INVALID_ARGUMENT',
      'INVALID_OPTION',
      'INVALID_TIMESTAMP',
      'INVALID_TIME_ZONE',
      'INVALID_PERIOD',
    ];
    return usage.includes(error.code) ? EXIT.usage : EXIT.failed;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    io.stderr.write(`patronage: ${(error as Error).message}\n`);
    return EXIT.input;
  }
  throw error;
}
