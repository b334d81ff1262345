// Completes package-lock.json with the platform packages the registry mirror of this project's machines
// does not serve (macOS, Windows, Android, BSD, musl builds of esbuild, rollup, biome, deno...).
//
// Why: npm lists every optionalDependency of a locked package in the ideal tree, so `npm ci` refuses a
// lockfile without them ("Missing: @biomejs/cli-darwin-arm64@ from lock file", npm/cli#8320). npm cannot
// write those entries here because the mirror answers 404 for them. Each added entry carries the
// platform (os, cpu, libc) read from the package name, so npm skips it on every machine it does not fit,
// exactly as it skips a real entry; where it fits (a developer's Mac), npm fetches it by name and version.
//
// Run after any dependency change: `npm install && node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const path = join(import.meta.dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;

const OS = [
  'aix',
  'android',
  'darwin',
  'freebsd',
  'linux',
  'netbsd',
  'openbsd',
  'sunos',
  'win32',
  'openharmony',
  'cygwin',
];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'mips64el', 'ppc64', 'riscv64', 's390x', 'wasm32'];

function platformOf(name) {
  const base = name.split('/').pop() ?? name;
  const parts = base.split('-');
  const os =
    parts.find((part) => OS.includes(part)) ??
    (parts.includes('win') ? 'win32' : parts.includes('sunos') ? 'sunos' : undefined);
  const cpu =
    parts.find((part) => CPU.includes(part)) ??
    (parts.includes('64') && parts.includes('linux') ? 'x64' : undefined);
  const platform = {};
  if (os !== undefined) platform.os = [os];
  if (cpu !== undefined) platform.cpu = [cpu];
  if (parts.includes('musl')) platform.libc = ['musl'];
  else if (parts.includes('gnu') || parts.includes('glibc') || (os === 'linux' && !parts.includes('wasm32')))
    platform.libc = ['glibc'];
  if (parts.includes('msvc') || parts.includes('gnu')) {
    // rollup's win32 builds: msvc and gnu share os and cpu; libc does not apply to Windows.
    if (os === 'win32') delete platform.libc;
  }
  return platform;
}

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const parent = location === '' ? 'node_modules' : `${location}/node_modules`;
    const nested = `${parent}/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[nested] !== undefined || packages[hoisted]?.version === version) continue;
    const platform = platformOf(name);
    if (platform.os === undefined && platform.cpu === undefined) continue; // not a platform package
    const target = packages[hoisted] === undefined ? hoisted : nested;
    packages[target] = { version, dev: entry.dev === true ? true : undefined, optional: true, ...platform };
    if (packages[target].dev === undefined) delete packages[target].dev;
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries the registry mirror does not serve`);
