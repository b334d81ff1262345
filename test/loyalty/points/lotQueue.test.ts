import { describe, expect, it } from 'vitest';
import { LotQueue } from '../../../src/loyalty/points/lotQueue';

describe('LotQueue', () => {
  it('spends the oldest lots first and keeps what is left of a lot it spent in part', () => {
    const lots = new LotQueue(4);
    lots.creditedAt.set([1, 2]);
    lots.expiresAt.set([11, Number.POSITIVE_INFINITY]);
    lots.left.set([30, 50]);
    const head = lots.spend(0, 40);
    expect(head).toBe(1);
    expect(lots.open(head, 2)).toEqual([{ creditedAt: 2, expiresAt: null, points: 40 }]);
  });

  it('spends a lot exactly and moves past it', () => {
    const lots = new LotQueue(4);
    lots.left.set([30, 5]);
    expect(lots.spend(0, 30)).toBe(1);
    expect(lots.spend(1, 2)).toBe(1);
    expect(lots.open(1, 2)).toEqual([{ creditedAt: 0, expiresAt: 0, points: 3 }]);
  });

  it('has no open lots between equal ends', () => {
    expect(new LotQueue(4).open(2, 2)).toEqual([]);
  });
});
