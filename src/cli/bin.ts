// The `patronage` executable: runs the command line and exits with its code (see docs/cli.md).
import { main } from './main';

// `patronage summary big.csv | head`: the reader went away; stop quietly, as Unix tools do
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2), process).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // a bug of patronage, not of the input: one line for the user, the stack only when asked for
    const detail =
      process.env['PATRONAGE_DEBUG'] === '1' ? ((error as Error).stack ?? String(error)) : String(error);
    process.stderr.write(
      `patronage: unexpected failure: ${detail}\nThis is a bug; please report it (PATRONAGE_DEBUG=1 shows the stack).\n`,
    );
    process.exitCode = 4;
  },
);
