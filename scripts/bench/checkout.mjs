// The checkout ledger and purchases the loyalty-checkout tasks replay (task.mjs) and whose instructions
// instructions.mjs counts.

// one customer's history for the checkout task: a purchase a week, each with its ledger entry (an earn, or
// every fifth a redemption)
export function checkoutHistory(purchaseCount = 100) {
  const day = 86_400_000;
  const start = Date.UTC(2024, 0, 1);
  const ledger = [];
  const purchases = [];
  let balance = 0;
  for (let i = 0; i < purchaseCount; i++) {
    const at = start + i * 7 * day;
    const amount = 20 + ((i * 37) % 180);
    purchases.push({ customerId: 'c1', at, amount });
    if (i % 5 === 4 && balance >= 50) {
      ledger.push({ id: `r${i}`, customerId: 'c1', at, kind: 'redeem', points: 50 });
      balance -= 50;
    } else {
      ledger.push({ id: `e${i}`, customerId: 'c1', at, kind: 'earn', points: amount });
      balance += amount;
    }
  }
  return { ledger, purchases, at: start + purchaseCount * 7 * day };
}

// the tiers the checkout evaluates at `at`
export function checkoutTierOptions(at) {
  return {
    tiers: [
      { name: 'member', threshold: 0 },
      { name: 'silver', threshold: 2000 },
      { name: 'gold', threshold: 5000 },
    ],
    metric: 'spend',
    windowDays: 365,
    graceDays: 30,
    at,
  };
}
