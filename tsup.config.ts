import { defineConfig } from 'tsup';

// Options kept to the subset tsdown also understands (see TOOLCHAIN.md).
export default defineConfig({
  entry: { index: 'src/index.ts' },
  tsconfig: 'tsconfig.src.json',
  format: ['esm', 'cjs'],
  target: 'es2022',
  platform: 'neutral',
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  sourcemap: false,
  clean: true,
  minify: false,
  splitting: false,
});
