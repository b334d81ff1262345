import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('docs/errors.md', () => {
  it('lists every code of the PatronageErrorCode union', () => {
    const source = readFileSync(new URL('../../src/errors/PatronageError.ts', import.meta.url), 'utf8');
    const union = source.slice(
      source.indexOf('export type PatronageErrorCode'),
      source.indexOf(';', source.indexOf('export type PatronageErrorCode')),
    );
    const codes = [...union.matchAll(/'([A-Z_]+)'/g)].map((match) => match[1] as string);
    expect(codes.length).toBeGreaterThan(40);
    const docs = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const missing = codes.filter((code) => !docs.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });
});
