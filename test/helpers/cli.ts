import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main';

/** A fresh folder for the files of one test file. */
export const directory: string = mkdtempSync(join(tmpdir(), 'patronage-cli-'));

/** Writes a file (text or bytes) in the folder; returns its path. */
export function file(name: string, content: string | Uint8Array): string {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
}

/** Runs the tool in-process; returns the exit code and everything written. */
export async function cli(
  args: string[],
  stdinText = '',
  tty = false,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  const stderr = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        err += String(chunk);
        done();
      },
    }),
    { isTTY: tty },
  );
  const code = await main(args, { stdout, stderr, stdin: Readable.from([stdinText]) });
  return { code, out, err };
}
