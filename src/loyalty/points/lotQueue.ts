// The lots of one customer's balance, oldest first: credits join at the back, debits and expiries take
// from the front (first in, first out).

/**
 * A credit still on a customer's balance.
 *
 * @category Loyalty
 */
export interface PointsLot {
  /** When the points were credited, epoch ms. */
  readonly creditedAt: number;
  /** When what is left of them expires, epoch ms, or null when points do not expire. */
  readonly expiresAt: number | null;
  /** Points left. */
  readonly points: number;
}

/**
 * The lots of one customer, in three columns: credit time, expiry (Infinity for none) and points left,
 * room for `capacity` credits in all. The open lots are those from `head` to `tail` (excluded), oldest
 * first; the replay holds the two ends: a credit is written at `tail` (which then moves up by one), a debit
 * takes points from `head` on ({@link LotQueue.spend}), and an expiry drops the lot at `head`.
 */
export class LotQueue {
  readonly creditedAt: Float64Array;
  readonly expiresAt: Float64Array;
  readonly left: Float64Array;

  constructor(capacity: number) {
    this.creditedAt = new Float64Array(capacity);
    this.expiresAt = new Float64Array(capacity);
    this.left = new Float64Array(capacity);
  }

  /**
   * Takes `debit` points from the open lots, oldest (`head`) first; the caller has checked that they cover
   * it. Returns the new `head`: the first lot with points left.
   */
  spend(head: number, debit: number): number {
    const left = this.left;
    let first = head;
    let owed = debit;
    while (owed > 0) {
      const take = Math.min(owed, left[first] as number);
      left[first] = (left[first] as number) - take;
      owed -= take;
      if (left[first] === 0) first++;
    }
    return first;
  }

  /** The open lots `head` to `tail` (excluded), oldest first. */
  open(head: number, tail: number): PointsLot[] {
    const { creditedAt, expiresAt, left } = this;
    const lots: PointsLot[] = new Array(tail - head);
    for (let lot = head; lot < tail; lot++) {
      const expiry = expiresAt[lot] as number;
      lots[lot - head] = {
        creditedAt: creditedAt[lot] as number,
        expiresAt: expiry === Number.POSITIVE_INFINITY ? null : expiry,
        points: left[lot] as number,
      };
    }
    return lots;
  }
}
