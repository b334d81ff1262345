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
    process.stderr.write(`patronage: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 4;
  },
);
