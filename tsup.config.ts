import { defineConfig } from 'tsup';

// Options kept to the subset tsdown also understands (see TOOLCHAIN.md). `npm run build` empties dist
// first; the two builds run side by side, so neither cleans.
export default defineConfig([
  {
    // the library: the dependency-free core and the SVG charts, for every runtime
    entry: { index: 'src/index.ts', svg: 'src/svg/index.ts' },
    tsconfig: 'tsconfig.src.json',
    format: ['esm', 'cjs'],
    target: 'es2022',
    platform: 'neutral',
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    sourcemap: false,
    clean: false,
    minify: false,
    splitting: false,
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
