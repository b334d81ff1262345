import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['./test/helpers/setup.ts'],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: { lines: 90, branches: 90, functions: 90, statements: 90 },
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'example',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.prop.test.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'property', include: ['test/**/*.prop.test.ts'], testTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: 'type',
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ['test/**/*.test-d.ts'],
            tsconfig: './tsconfig.json',
          },
        },
      },
    ],
  },
});
