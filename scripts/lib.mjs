// Shared by the smoke scripts: pack the package as npm would publish it and install the tarball into a
// scratch project, offline (patronage has no dependencies, so no registry is needed).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');
export const smokeDir = join(root, '.smoke');

export function run(command, args, options = {}) {
  return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...options });
}

/** Packs the package (building first) and installs the tarball into .smoke/consumer; returns that folder. */
export function installPackedPackage() {
  run('npm', ['run', 'build', '--silent'], { cwd: root });
  rmSync(smokeDir, { recursive: true, force: true });
  mkdirSync(smokeDir, { recursive: true });
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', smokeDir], { cwd: root }));
  const tarball = join(smokeDir, packed.filename);
  const consumer = join(smokeDir, 'consumer');
  mkdirSync(consumer);
  writeFileSync(
    join(consumer, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, dependencies: { patronage: `file:${tarball}` } }, null, 2)}\n`,
  );
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
    cwd: consumer,
  });
  return { consumer, tarball, files: packed.files.map((file) => file.path) };
}
