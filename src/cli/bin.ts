// The `patronage` executable: runs the command line and exits with its code (see docs/cli.md).
import { main } from './main';

main(process.argv.slice(2), process).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`patronage: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 4;
  },
);
