// The demo data set: a year and a half of a fictional shop's orders, simulated from the BG/NBD story
// (each customer buys at their own Poisson rate and may drop out after any purchase) with Gamma-Gamma
// spend, and two malformed rows so the demo shows how bad input is reported. Deterministic.

import { exponentialDraw, gammaDraw, seededUniform } from '../math/random';

const DAY = 86_400_000;

/** Options of the demo data. */
export interface DemoOptions {
  readonly customers: number;
  readonly seed: number;
}

/**
 * The demo orders as CSV lines (header first): `order_id,customer,ordered_at,total`, customers acquired
 * over the first 26 weeks of 78, in time order, with two malformed rows near the end.
 */
export function* demoCsvLines(options: DemoOptions): Generator<string> {
  const random = seededUniform(options.seed);
  const start = Date.UTC(2025, 0, 1);
  const end = start + 78 * 7 * DAY;
  const orders: { at: number; customer: number; total: number }[] = [];
  for (let customer = 0; customer < options.customers; customer++) {
    const rate = gammaDraw(random, 0.6) / 4; // purchases per week, mean 0.15
    const dropout = (() => {
      const x = gammaDraw(random, 0.8);
      return x / (x + gammaDraw(random, 2.5));
    })();
    const meanSpend = (3 * 25) / gammaDraw(random, 3) + 10;
    let at = start + random() * 26 * 7 * DAY;
    for (;;) {
      const total = Math.round(100 * meanSpend * (gammaDraw(random, 6) / 6)) / 100;
      orders.push({ at, customer, total: Math.max(1, total) });
      if (random() < dropout) break;
      at += (exponentialDraw(random) / rate) * 7 * DAY;
      if (at >= end) break;
    }
  }
  orders.sort((left, right) => left.at - right.at);
  yield 'order_id,customer,ordered_at,total';
  let id = 1000;
  for (const order of orders) {
    id++;
    yield `${id},C${String(order.customer).padStart(5, '0')},${new Date(Math.floor(order.at / 1000) * 1000).toISOString()},${order.total.toFixed(2)}`;
  }
  // what real exports contain now and then
  yield `${id + 1},C00007,31/12/2026,19.90`;
  yield `${id + 2},C00011,2026-06-29T10:00:00Z,-5.00`;
}
