// What can end a run of the command line, and the exit code each gives (docs/cli.md, `patronage --help`).

/** Exit codes, documented in `patronage --help` and docs/cli.md. */
export const EXIT = { ok: 0, badData: 1, usage: 2, input: 3, failed: 4 } as const;

/** A command line that cannot be run as written: unknown command or option, a bad option value (exit 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** An input that cannot be read at all: missing file, no header, mapped columns missing (exit 3). */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** A computation that gave no result, such as a fit whose likelihood could not be evaluated (exit 4). */
export class ComputationError extends Error {
  override readonly name = 'ComputationError';
}

/** The first bad row stopped the run (exit 1); its place is already on standard error. */
export class BadDataStop extends Error {
  override readonly name = 'BadDataStop';
}
