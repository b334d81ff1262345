// A checkout handler: on each order, credit the points it earns, then answer with the customer's
// balance, tier and loyalty score. The "database" is in memory here; in an e-commerce back end the
// ledger, purchases and summary row come from your tables, and the loyalty reference is rebuilt by the
// nightly job (loyaltyReference over every customer's RFM summary) and cached.
//   node examples/checkout.mjs
import {
  isPatronageError,
  loyaltyReference,
  loyaltyScore,
  pointsBalance,
  pointsForPurchase,
  rfmSummary,
  tierHistory,
  upcomingOccasions,
} from 'patronage';

const DAY = 86_400_000;
const PROGRAMME = {
  earn: {
    perCurrencyUnit: 1,
    tierMultipliers: { silver: 1.25, gold: 1.5 },
    occasionBonuses: { birthday: { multiplier: 2, points: 100 }, firstPurchaseAnniversary: { points: 50 } },
  },
  validityDays: 365,
  tiers: {
    tiers: [
      { name: 'member', threshold: 0 },
      { name: 'silver', threshold: 500 },
      { name: 'gold', threshold: 1500 },
    ],
    metric: 'spend',
    windowDays: 365,
    graceDays: 30,
  },
  timeZone: 'Europe/Paris',
};

// --- an in-memory store: customers, their purchases and their points ledger
const customers = new Map([
  [
    'ann',
    { id: 'ann', occasions: { birthday: { month: 6, day: 12 } }, firstPurchaseAt: '2024-03-02T10:00:00Z' },
  ],
  ['bo', { id: 'bo', firstPurchaseAt: '2025-01-20T18:30:00Z' }],
]);
const purchases = [];
const ledger = [];
let nextEntry = 1;

// the nightly job's output: a reference population (here from a small synthetic base)
const base = [];
for (let i = 0; i < 400; i++) {
  const first = Date.UTC(2024, 0, 1) + ((i * 7919) % 500) * DAY;
  for (let k = 0; k <= i % 9; k++) {
    base.push({
      customerId: `c${i}`,
      at: first + k * ((i % 5) + 3) * 11 * DAY,
      amount: 20 + ((i * 31 + k * 17) % 150),
    });
  }
}
const reference = loyaltyReference(rfmSummary(base, { observationEnd: '2025-06-01', unit: 'day' }));

/** The handler: an order comes in, points are credited, the answer goes back to the checkout page. */
function checkout(order) {
  const customer = customers.get(order.customerId);
  const at = Date.parse(order.at);
  // what tier does the customer hold before this order, and which occasions fall today (Paris time)?
  const mine = purchases.filter((p) => p.customerId === order.customerId);
  const before = tierHistory(mine, { ...PROGRAMME.tiers, at })[0]?.tier ?? null;
  const today = upcomingOccasions([customer], { at, withinDays: 0, timeZone: PROGRAMME.timeZone }).map(
    (o) => o.occasion,
  );
  const earned = pointsForPurchase({ amount: order.amount, tier: before, occasions: today }, PROGRAMME.earn);
  // record the purchase and the points it earned (and a redemption, if the order used points)
  purchases.push({ customerId: order.customerId, at, amount: order.amount });
  mine.push({ customerId: order.customerId, at, amount: order.amount });
  if (order.redeem)
    ledger.push({
      id: `l${nextEntry++}`,
      customerId: order.customerId,
      at,
      kind: 'redeem',
      points: order.redeem,
    });
  ledger.push({
    id: `l${nextEntry++}`,
    customerId: order.customerId,
    at,
    kind: 'earn',
    points: earned.points,
  });

  const myLedger = ledger.filter((entry) => entry.customerId === order.customerId);
  const balance = pointsBalance(myLedger, { at, validityDays: PROGRAMME.validityDays });
  const tier = tierHistory(mine, { ...PROGRAMME.tiers, at })[0];
  const summary = rfmSummary(mine, { observationEnd: at, unit: 'day' })[0];
  const score = loyaltyScore({ ...summary, referrals: order.referrals ?? 0 }, reference);
  return {
    earned: earned.points,
    occasions: today,
    balance: balance.balance,
    tier: tier.tier,
    nextTier: tier.next,
    loyaltyScore: Math.round(score.score),
    why: score.components.map((c) => `${c.name} +${c.points.toFixed(1)}`).join(', '),
  };
}

const orders = [
  { customerId: 'ann', at: '2025-01-05T11:00:00Z', amount: 120 },
  { customerId: 'ann', at: '2025-03-02T09:00:00Z', amount: 340.5 },
  { customerId: 'bo', at: '2025-03-10T16:00:00Z', amount: 45 },
  { customerId: 'ann', at: '2025-06-11T22:30:00Z', amount: 80, redeem: 200 }, // 12 June in Paris: birthday
  { customerId: 'ann', at: '2025-09-14T13:00:00Z', amount: 1200, referrals: 2 },
];
for (const order of orders) {
  const answer = checkout(order);
  console.log(`${order.at} ${order.customerId} ${order.amount.toFixed(2)} →`, JSON.stringify(answer));
}

// a redemption above the balance is refused with a stable code, not silently clamped
try {
  pointsBalance(
    [...ledger, { id: 'too-much', customerId: 'bo', at: '2025-12-01', kind: 'redeem', points: 10_000 }],
    {
      at: '2025-12-31',
      validityDays: PROGRAMME.validityDays,
    },
  );
} catch (error) {
  if (!isPatronageError(error)) throw error;
  console.log(`redeeming 10,000 points for bo: ${error.code}`);
}
