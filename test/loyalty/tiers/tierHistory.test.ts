import { describe, expect, it } from 'vitest';
import { tierHistory } from '../../../src/index';
import { codeOf } from '../../helpers/errors';

const ACTIVITY = [
  { customerId: 'ann', at: '2025-01-15', amount: 600 },
  { customerId: 'ann', at: '2025-03-01', amount: 450 },
];
const TIERS = [
  { name: 'member', threshold: 0 },
  { name: 'gold', threshold: 1000 },
];
const OPTIONS = { metric: 'spend', windowDays: 365, at: '2025-06-01' } as const;

describe('tierHistory with hostile tier lists (issue 15 item 9)', () => {
  it('a sparse tier list is INVALID_ARGUMENT naming the hole, not a TypeError', () => {
    const sparse = Object.assign([], { 0: TIERS[0], 2: TIERS[1] }); // a hole at 1
    expect(codeOf(() => tierHistory(ACTIVITY, { ...OPTIONS, tiers: sparse as never }))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('an Array subclass with a lying map is read by index', () => {
    class LyingTiers extends Array<unknown> {
      override map<U>(): U[] {
        return [Number.NaN] as U[];
      }
    }
    const lying = new LyingTiers();
    lying[0] = TIERS[0];
    lying[1] = TIERS[1];
    const expected = tierHistory(ACTIVITY, { ...OPTIONS, tiers: TIERS });
    expect(tierHistory(ACTIVITY, { ...OPTIONS, tiers: lying as never })).toEqual(expected);
    // the memo of read tier lists holds what was read, not what the lying map returns
    expect(tierHistory(ACTIVITY, { ...OPTIONS, tiers: lying as never })).toEqual(expected);
  });
});
