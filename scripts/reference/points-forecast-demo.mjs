// The worked example of docs/decisions.md, "Points liability and breakage forecast": the demo shop of
// `patronage demo` (3000 customers, seed 7) run as a points programme, forecast with pointsForecast.
// Run after `npx tsup --silent` and `node dist/cli.js demo --out-dir /tmp/demo`:
// node scripts/reference/points-forecast-demo.mjs /tmp/demo/transactions.csv

import { readFileSync } from 'node:fs';
import {
  breakageRate,
  fitBgNbd,
  fitGammaGamma,
  pointsForecast,
  pointsLiability,
  pointsStatement,
  rfmSummary,
} from '../../dist/index.js';

const DAY = 86_400_000;
const VALIDITY_DAYS = 180;
const AT = '2026-06-30';

// the demo's orders; the two malformed rows (a day-first date, a negative total) are left out
const orders = [];
for (const line of readFileSync(process.argv[2], 'utf8').trim().split('\n')) {
  const [, customer, at, total] = line.split(',');
  if (customer === 'customer' || !/^\d{4}-/.test(at) || Number(total) < 0) continue;
  orders.push({ customerId: customer, at, amount: Number(total) });
}

// the programme: 1 point per currency unit (floored), valid 180 days; a member with 250 points or more
// after an order redeems a 200-point voucher (first in, first out, as the ledger does)
const ledger = [];
const lots = new Map();
for (const order of orders) {
  const time = Date.parse(order.at);
  const queue = lots.get(order.customerId) ?? [];
  lots.set(order.customerId, queue);
  while (queue.length > 0 && queue[0].expires <= time) queue.shift();
  const points = Math.floor(order.amount);
  if (points > 0) {
    ledger.push({ customerId: order.customerId, at: time, kind: 'earn', points });
    queue.push({ expires: time + VALIDITY_DAYS * DAY, left: points });
  }
  let balance = queue.reduce((sum, lot) => sum + lot.left, 0);
  if (balance >= 250) {
    ledger.push({ customerId: order.customerId, at: time, kind: 'redeem', points: 200 });
    let owed = 200;
    while (owed > 0) {
      const take = Math.min(owed, queue[0].left);
      queue[0].left -= take;
      owed -= take;
      if (queue[0].left === 0) queue.shift();
    }
    balance -= 200;
  }
}

const rows = rfmSummary(orders, { unit: 'week', observationEnd: AT });
const fit = fitBgNbd(rows);
const spendFit = fitGammaGamma(rows.filter((row) => row.frequency > 0));
const history = breakageRate(ledger, { at: AT, validityDays: VALIDITY_DAYS });
console.log('orders', orders.length, 'entries', ledger.length, 'customers', rows.length);
console.log('bgNbd', JSON.stringify(fit.params), 'gammaGamma', JSON.stringify(spendFit.params));
console.log('history', JSON.stringify({ ...history, rejected: history.rejected.length }));
for (const redemptionRate of [0.02, 0.04, 0.1]) {
  const forecast = pointsForecast(ledger, fit, {
    at: AT,
    horizon: 52,
    timeUnit: 'week',
    validityDays: VALIDITY_DAYS,
    earnRules: { perCurrencyUnit: 1 },
    redemptionRate,
    customers: rows,
    spendFit,
    pointValue: 0.01,
  });
  const booked = pointsLiability(ledger, { at: AT, validityDays: VALIDITY_DAYS, pointValue: 0.01 });
  const { customers, rejected, ...totals } = forecast;
  console.log('rate', redemptionRate, JSON.stringify(totals), 'gross', booked.grossLiability);
}
const sample = ['C00007', 'C00011', 'C00042'];
console.log(JSON.stringify(rows.filter((row) => sample.includes(row.customerId))));
console.log(
  JSON.stringify(
    ledger.filter(
      (entry) => sample.includes(entry.customerId) && entry.at > Date.parse(AT) - VALIDITY_DAYS * DAY,
    ),
  ),
);

// backtest: forecast from the end of week 52 for the 26 weeks to AT and compare with what the ledger did
const START = '2025-12-31';
const before = orders.filter((order) => Date.parse(order.at) <= Date.parse(START));
const rowsThen = rfmSummary(before, { unit: 'week', observationEnd: START });
const fitThen = fitBgNbd(rowsThen);
const spendThen = fitGammaGamma(rowsThen.filter((row) => row.frequency > 0));
const then = breakageRate(ledger, { at: START, validityDays: VALIDITY_DAYS });
const now = breakageRate(ledger, { at: AT, validityDays: VALIDITY_DAYS });
const horizon = (Date.parse(AT) - Date.parse(START)) / (7 * DAY);
console.log('backtest fit', JSON.stringify(fitThen.params), 'horizon', horizon);
console.log(
  'actual',
  JSON.stringify({
    opening: then.outstanding,
    earned: now.earned - then.earned,
    redeemed: now.redeemed - then.redeemed,
    expired: now.expired - then.expired,
    closing: now.outstanding,
  }),
);
// the opening lots all expire or are redeemed within the 181 days (validity 180): an expiry in the first 180
// days after START is of a lot credited by START
let openingExpired = 0;
for (const customerId of new Set(ledger.map((entry) => entry.customerId))) {
  for (const line of pointsStatement(ledger, customerId, { at: AT, validityDays: VALIDITY_DAYS }).lines) {
    const time = line.at;
    if (
      line.kind === 'expire' &&
      time > Date.parse(START) &&
      time <= Date.parse(START) + VALIDITY_DAYS * DAY
    ) {
      openingExpired -= line.points;
    }
  }
}
console.log(
  'actual opening expired',
  openingExpired,
  'of',
  then.outstanding,
  openingExpired / then.outstanding,
);
for (const redemptionRate of [0.02, 0.04, 0.05, 0.06, 0.08, 0.1]) {
  const { customers, rejected, ...totals } = pointsForecast(ledger, fitThen, {
    at: START,
    horizon,
    timeUnit: 'week',
    validityDays: VALIDITY_DAYS,
    earnRules: { perCurrencyUnit: 1 },
    redemptionRate,
    customers: rowsThen,
    spendFit: spendThen,
  });
  console.log('backtest rate', redemptionRate, JSON.stringify(totals));
}
