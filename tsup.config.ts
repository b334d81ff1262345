import { defineConfig, type Options } from 'tsup';

// Options kept to the subset tsdown also understands (see TOOLCHAIN.md). `npm run build` empties dist
// first; the builds run side by side, so none cleans.
const library: Options = {
  tsconfig: 'tsconfig.src.json',
  format: ['esm', 'cjs'],
  target: 'es2022',
  platform: 'neutral',
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  sourcemap: false,
  clean: false,
  minify: false,
  splitting: false,
};

export default defineConfig([
  // the dependency-free core, for every runtime
  { ...library, entry: { index: 'src/index.ts' } },
  // the SVG charts: built on their own, so each entry's declarations are one self-contained file
  { ...library, entry: { svg: 'src/svg/index.ts' } },
  // the SQL generators: dependency-free, their own entry
  { ...library, entry: { sql: 'src/sql/index.ts' } },
  // the Node entry (files and streams): Node built-ins, so its own platform and type config
  {
    ...library,
    entry: { node: 'src/node/index.ts' },
    platform: 'node',
    tsconfig: 'tsconfig.node.json',
    dts: { compilerOptions: { ignoreDeprecations: '6.0', types: ['node'] } },
    // the CommonJS build finds the reading worker beside itself through import.meta.url
    shims: true,
  },
  // the worker of readTransactions({ workers }): one ES module beside node.js and node.cjs, loaded by URL
  {
    ...library,
    entry: { readWorker: 'src/node/readWorker.ts' },
    format: ['esm'],
    platform: 'node',
    tsconfig: 'tsconfig.node.json',
    dts: false,
  },
  // the worker of the command-line tool's reads in shards (src/cli/shards.ts), beside cli.js
  {
    ...library,
    entry: { cliWorker: 'src/cli/shardWorker.ts' },
    format: ['esm'],
    platform: 'node',
    tsconfig: 'tsconfig.json',
    target: 'node18',
    dts: false,
  },
  {
    // the command-line tool: Node only
    entry: { cli: 'src/cli/bin.ts' },
    tsconfig: 'tsconfig.json',
    format: ['esm'],
    target: 'node18',
    platform: 'node',
    dts: false,
    sourcemap: false,
    clean: false,
    minify: false,
    splitting: false,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
