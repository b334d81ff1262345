import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  createCohortAccumulator,
  createPeriodAccumulator,
  createRfmAccumulator,
  type RfmAccumulator,
  rfmSummary,
} from '../../../src/index';
import { codeOf } from '../../helpers/errors';

const first = { customerId: 1, at: '2024-01-01', amount: 10 };
const second = { customerId: 1, at: '2024-01-15', amount: 30 };

describe('merging accumulators across copies of the library', () => {
  it('merges an accumulator it did not create (another copy of patronage) through its toJSON', () => {
    const shard = createRfmAccumulator({ unit: 'week' }).add(second);
    const foreign = { toJSON: () => shard.toJSON() } as unknown as RfmAccumulator; // what another copy's object offers
    const merged = createRfmAccumulator({ unit: 'week' }).add(first).merge(foreign);
    expect(merged.result()).toEqual(rfmSummary([first, second], { unit: 'week' }));
  });

  it('merges a plain JSON state', () => {
    const state = JSON.parse(JSON.stringify(createCohortAccumulator().add(second)));
    expect(createCohortAccumulator().add(first).merge(state).result()[0]?.counts).toEqual([1]);
  });

  it('refuses an accumulator of another kind with INVALID_STATE', () => {
    expect(
      codeOf(() => createRfmAccumulator().merge(createCohortAccumulator() as unknown as RfmAccumulator)),
    ).toBe('INVALID_STATE');
    expect(codeOf(() => createPeriodAccumulator().merge(createRfmAccumulator() as never))).toBe(
      'INVALID_STATE',
    );
  });

  const builtCjs = new URL('../../../dist/index.cjs', import.meta.url);
  // CI sets PATRONAGE_REQUIRE_BUILD=1 after building, so there a missing bundle fails instead of skipping
  it.skipIf(!existsSync(builtCjs) && process.env['PATRONAGE_REQUIRE_BUILD'] !== '1')(
    'merges an accumulator made by the built CJS copy (skipped until npm run build)',
    () => {
      const cjs = createRequire(import.meta.url)(builtCjs.pathname) as {
        createRfmAccumulator: typeof createRfmAccumulator;
      };
      const other = cjs.createRfmAccumulator({ unit: 'week' }).add(second);
      const merged = createRfmAccumulator({ unit: 'week' }).add(first).merge(other);
      expect(merged.result()).toEqual(rfmSummary([first, second], { unit: 'week' }));
    },
  );
});
