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
 * The open lots of one customer, oldest first, in three columns: credit time, expiry (Infinity for none)
 * and points left. Room for `capacity` credits in all; {@link LotQueue.clear} empties it for the next
 * customer.
 */
export class LotQueue {
  private readonly creditedAt: Float64Array;
  private readonly expiresAt: Float64Array;
  private readonly left: Float64Array;
  private head = 0;
  private tail = 0;

  constructor(capacity: number) {
    this.creditedAt = new Float64Array(capacity);
    this.expiresAt = new Float64Array(capacity);
    this.left = new Float64Array(capacity);
  }

  /** Removes every lot. */
  clear(): void {
    this.head = 0;
    this.tail = 0;
  }

  /** Adds a lot of `points` credited at `at`, expiring at `expiresAt` (Infinity: never). */
  credit(at: number, expiresAt: number, points: number): void {
    const tail = this.tail;
    this.creditedAt[tail] = at;
    this.expiresAt[tail] = expiresAt;
    this.left[tail] = points;
    this.tail = tail + 1;
  }

  /** When the oldest open lot expires: Infinity when it never does or no lot is open. */
  firstExpiry(): number {
    return this.head < this.tail ? (this.expiresAt[this.head] as number) : Number.POSITIVE_INFINITY;
  }

  /** Removes the oldest open lot (there is one) and returns the points it still held. */
  dropFirst(): number {
    const points = this.left[this.head] as number;
    this.head++;
    return points;
  }

  /** Takes `debit` points from the oldest lots first; the caller has checked that the lots cover it. */
  spend(debit: number): void {
    const left = this.left;
    let first = this.head;
    let owed = debit;
    while (owed > 0) {
      const take = Math.min(owed, left[first] as number);
      left[first] = (left[first] as number) - take;
      owed -= take;
      if (left[first] === 0) first++;
    }
    this.head = first;
  }

  /** The open lots, oldest first. */
  open(): PointsLot[] {
    const { creditedAt, expiresAt, left, head, tail } = this;
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
