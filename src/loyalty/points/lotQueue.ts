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
 * The open lots of one customer, oldest first: per lot its credit time, expiry (Infinity for none) and
 * points left, side by side in one array (lot k at 3k, 3k + 1 and 3k + 2). Room for `capacity` credits in
 * all; {@link LotQueue.clear} empties it for the next customer.
 */
export class LotQueue {
  private readonly lots: Float64Array;
  private head = 0;
  private tail = 0;

  constructor(capacity: number) {
    this.lots = new Float64Array(3 * capacity);
  }

  /** Removes every lot. */
  clear(): void {
    this.head = 0;
    this.tail = 0;
  }

  /** Adds a lot of `points` credited at `at`, expiring at `expiresAt` (Infinity: never). */
  credit(at: number, expiresAt: number, points: number): void {
    const { lots, tail } = this;
    lots[tail] = at;
    lots[tail + 1] = expiresAt;
    lots[tail + 2] = points;
    this.tail = tail + 3;
  }

  /** When the oldest open lot expires: Infinity when it never does or no lot is open. */
  firstExpiry(): number {
    return this.head < this.tail ? (this.lots[this.head + 1] as number) : Number.POSITIVE_INFINITY;
  }

  /** Removes the oldest open lot (there is one) and returns the points it still held. */
  dropFirst(): number {
    const head = this.head;
    this.head = head + 3;
    return this.lots[head + 2] as number;
  }

  /** Takes `debit` points from the oldest lots first; the caller has checked that the lots cover it. */
  spend(debit: number): void {
    const lots = this.lots;
    let left = this.head + 2; // where the oldest open lot's points are
    let owed = debit;
    while (owed > 0) {
      const held = lots[left] as number;
      const take = Math.min(owed, held);
      lots[left] = held - take;
      owed -= take;
      if (take === held) left += 3;
    }
    this.head = left - 2;
  }

  /** The open lots, oldest first. */
  open(): PointsLot[] {
    const { lots, head, tail } = this;
    const open: PointsLot[] = new Array((tail - head) / 3);
    for (let lot = head; lot < tail; lot += 3) {
      const expiry = lots[lot + 1] as number;
      open[(lot - head) / 3] = {
        creditedAt: lots[lot] as number,
        expiresAt: expiry === Number.POSITIVE_INFINITY ? null : expiry,
        points: lots[lot + 2] as number,
      };
    }
    return open;
  }
}
