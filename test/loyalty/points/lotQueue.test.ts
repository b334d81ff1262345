import { describe, expect, it } from 'vitest';
import { LotQueue } from '../../../src/loyalty/points/lotQueue';

describe('LotQueue', () => {
  it('spends the oldest lots first and keeps what is left of a lot it spent in part', () => {
    const lots = new LotQueue(4);
    lots.credit(1, 11, 30);
    lots.credit(2, Number.POSITIVE_INFINITY, 50);
    lots.spend(40);
    expect(lots.open()).toEqual([{ creditedAt: 2, expiresAt: null, points: 40 }]);
  });

  it('reports the first expiry, Infinity when nothing is open, and drops lots oldest first', () => {
    const lots = new LotQueue(4);
    expect(lots.firstExpiry()).toBe(Number.POSITIVE_INFINITY);
    lots.credit(1, 11, 30);
    lots.credit(2, 12, 5);
    expect(lots.firstExpiry()).toBe(11);
    expect(lots.dropFirst()).toBe(30);
    expect(lots.firstExpiry()).toBe(12);
    lots.clear();
    expect(lots.open()).toEqual([]);
    expect(lots.firstExpiry()).toBe(Number.POSITIVE_INFINITY);
  });
});
