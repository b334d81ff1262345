// patronage demo: a year of a fictional shop's events, generated here (deterministic, seed 2024), parsed
// and turned into the loyalty and retention figures a CRM dashboard shows.
//   npm run demo
import {
  averageOrderValue,
  churnRate,
  customerEffortScore,
  customerSatisfactionScore,
  historicLifetimeValue,
  lifetimeValueFromChurn,
  meetsLoyaltyThreshold,
  netPromoterScore,
  parseEvents,
  periodLabel,
  purchaseFrequency,
  repeatPurchaseRate,
  retentionProfitImpact,
  retentionRate,
  returningRevenueShare,
  returnOnRelationshipFromIds,
  startOfPeriod,
  sumMoney,
  vulnerabilityIndex,
} from 'patronage';

// ---- 1. Generate the shop's event log -----------------------------------------------------------
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(2024);
const DAY = 86_400_000;
const YEAR_START = Date.UTC(2024, 0, 1);
const YEAR_END = Date.UTC(2025, 0, 1);
const CAMPAIGN_START = Date.UTC(2024, 6, 1); // a competitor's campaign in the north region from July
const iso = (ms) => new Date(ms).toISOString();
const cents = (low, high) => Math.round((low + random() * (high - low)) * 100) / 100;

const rows = [];
const region = new Map();
for (let index = 0; index < 800; index++) {
  const customerId = `C${String(index).padStart(4, '0')}`;
  region.set(customerId, random() < 0.35 ? 'north' : 'south');
  let at = YEAR_START + Math.floor(random() * 300) * DAY + Math.floor(random() * DAY);
  const ratePerDay = (0.2 + random() * 2) / 30; // heterogeneous buyers: 0.2 to 2.2 orders a month
  const dropOutPerOrder = 0.15 + random() * 0.25;
  const exposed = region.get(customerId) === 'north' && random() < 0.6;
  let alive = true;
  let orders = 0;
  while (alive && at < YEAR_END) {
    rows.push({
      type: 'purchase',
      customerId,
      at: iso(at),
      amount: cents(12, 140),
      channel: random() < 0.7 ? 'web' : 'store',
    });
    orders++;
    if (random() < 0.1)
      rows.push({
        type: 'support',
        customerId,
        at: iso(at + DAY),
        firstResponseAt: iso(at + DAY + random() * 8 * 3_600_000),
      });
    if (random() < 0.15)
      rows.push({
        type: 'survey',
        customerId,
        at: iso(at + 2 * DAY),
        metric: 'nps',
        score: Math.min(10, Math.floor(random() * 6) + (orders > 2 ? 5 : 3)),
      });
    if (random() < 0.1)
      rows.push({
        type: 'survey',
        customerId,
        at: iso(at + 2 * DAY),
        metric: 'csat',
        score: 1 + Math.floor(random() * 5),
      });
    if (random() < 0.05)
      rows.push({
        type: 'survey',
        customerId,
        at: iso(at + 2 * DAY),
        metric: 'ces',
        score: 2 + Math.floor(random() * 6),
      });
    if (random() < 0.04)
      rows.push({
        type: 'referral',
        customerId,
        at: iso(at),
        referredCustomerId: `C${String(Math.floor(random() * 800)).padStart(4, '0')}`,
      });
    alive = random() > dropOutPerOrder;
    // exposed customers in the north slow down once the competitor's campaign starts
    const slowdown = exposed && at > CAMPAIGN_START && random() < 0.5 ? 3 : 1;
    at += Math.ceil((-Math.log(1 - random()) / ratePerDay) * slowdown) * DAY;
  }
  if (exposed)
    rows.push({
      type: 'campaignExposure',
      customerId,
      at: iso(CAMPAIGN_START + 5 * DAY),
      competitor: 'Rival Co',
      campaign: 'summer switch',
    });
}
// A real export always has a few bad rows: patronage reports them instead of dropping them.
rows.push({ type: 'purchase', customerId: 'C0001', at: '31/12/2024', amount: 20 });
rows.push({ type: 'purchase', customerId: 'C0002', at: '2024-05-01', amount: -20 });
rows.push({ type: 'survey', customerId: 'C0003', at: '2024-05-01', metric: 'nps', score: 11 });

// ---- 2. Parse ---------------------------------------------------------------------------------
const { events, rejected } = parseEvents(rows);
console.log(
  `patronage demo: ${rows.length} generated rows, ${events.length} accepted, ${rejected.length} rejected`,
);
for (const row of rejected) console.log(`  rejected row ${row.index} (${row.code}): ${row.message}`);

const purchases = events.filter((event) => event.type === 'purchase');
const firstPurchase = new Map();
for (const event of purchases) {
  const first = firstPurchase.get(event.customerId);
  if (first === undefined || event.at < first) firstPurchase.set(event.customerId, event.at);
}

// ---- 3. Quarterly retention -------------------------------------------------------------------
// "Active customer" here = bought within the previous 90 days. N counts customers active at the end
// who were not active at the start (new or won back), so E − N is the number kept.
const WINDOW = 90 * DAY;
const activeAt = (time) => {
  const active = new Set();
  for (const event of purchases)
    if (event.at <= time && event.at > time - WINDOW) active.add(event.customerId);
  return active;
};
console.log('\nQuarterly retention (active = purchased in the last 90 days)');
console.log('  quarter    start    end    new/won back  retention  churn');
for (let quarter = 1; quarter < 4; quarter++) {
  const start = Date.UTC(2024, quarter * 3, 1);
  const end = Date.UTC(2024, quarter * 3 + 3, 1) - 1;
  const atStart = activeAt(start);
  const atEnd = activeAt(end);
  const newCustomers = [...atEnd].filter((id) => !atStart.has(id)).length;
  const counts = { customersAtStart: atStart.size, customersAtEnd: atEnd.size, newCustomers };
  console.log(
    `  ${periodLabel(start, 'quarter')}   ${String(atStart.size).padStart(5)}  ${String(atEnd.size).padStart(5)}  ${String(newCustomers).padStart(12)}  ${pct(retentionRate(counts))}     ${pct(churnRate(counts))}`,
  );
}

// ---- 4. Satisfaction ---------------------------------------------------------------------------
const surveyScores = (metric) =>
  events.filter((event) => event.type === 'survey' && event.metric === metric).map((event) => event.score);
console.log('\nSatisfaction');
console.log(
  `  NPS  ${netPromoterScore(surveyScores('nps')).toFixed(1)}  (${surveyScores('nps').length} answers)`,
);
console.log(
  `  CSAT ${pct(customerSatisfactionScore(surveyScores('csat')))} satisfied  (${surveyScores('csat').length} answers)`,
);
console.log(
  `  CES  ${customerEffortScore(surveyScores('ces')).toFixed(2)} of 7  (${surveyScores('ces').length} answers)`,
);

// ---- 5. Return on Relationship and the Vulnerability Index -------------------------------------
const ordersBy = new Map();
for (const event of purchases) ordersBy.set(event.customerId, (ordersBy.get(event.customerId) ?? 0) + 1);
const helped = new Set(
  [...purchases, ...events.filter((event) => event.type === 'support')].map((event) => event.customerId),
);
const ror = returnOnRelationshipFromIds({
  helped,
  referred: events.filter((event) => event.type === 'referral').map((event) => event.referredCustomerId),
  repeat: [...ordersBy].filter(([, count]) => count > 1).map(([id]) => id),
});
console.log('\nRelationships');
console.log(
  `  Return on Relationship: ${pct(ror.ror)} of ${ror.helped} helped customers are referred or repeat`,
);

// Vulnerable = exposed to the competitor and buying less in the 90 days after the campaign started
// than in the 90 days before; customers with no purchase before the campaign have no baseline and are
// left out of the Observation Set (the rule the library's event-level VI will make configurable).
const exposedIds = new Set(
  events.filter((event) => event.type === 'campaignExposure').map((event) => event.customerId),
);
const countIn = (id, from, to) =>
  purchases.filter((event) => event.customerId === id && event.at >= from && event.at < to).length;
const observed = [...exposedIds].filter((id) => countIn(id, CAMPAIGN_START - WINDOW, CAMPAIGN_START) > 0);
const vulnerable = observed.filter(
  (id) =>
    countIn(id, CAMPAIGN_START, CAMPAIGN_START + WINDOW) <
    countIn(id, CAMPAIGN_START - WINDOW, CAMPAIGN_START),
);
console.log(
  `  Vulnerability Index (Rival Co, north): ${vulnerabilityIndex({ observed: observed.length, vulnerable: vulnerable.length }).toFixed(1)} (${vulnerable.length} of ${observed.length} bought less)`,
);
const loyal = [...ordersBy.values()].filter((count) => meetsLoyaltyThreshold(count)).length;
console.log(`  Loyal customers (5+ purchases): ${loyal} of ${ordersBy.size}`);

// ---- 6. Revenue and lifetime value -------------------------------------------------------------
const revenue = sumMoney(purchases.map((event) => event.amount));
const aov = averageOrderValue({ revenue, orders: purchases.length });
const frequency = purchaseFrequency({ orders: purchases.length, customers: ordersBy.size });
const q4 = startOfPeriod('2024-10-01', 'quarter');
const q4Purchases = purchases.filter((event) => event.at >= q4);
const returning = sumMoney(
  q4Purchases.filter((event) => (firstPurchase.get(event.customerId) ?? 0) < q4).map((event) => event.amount),
);
const fresh = sumMoney(
  q4Purchases
    .filter((event) => (firstPurchase.get(event.customerId) ?? 0) >= q4)
    .map((event) => event.amount),
);
console.log('\nRevenue');
console.log(
  `  revenue ${revenue.toFixed(2)} (exact to the cent), AOV ${aov.toFixed(2)}, ${frequency.toFixed(2)} orders per customer`,
);
console.log(
  `  repeat purchase rate ${pct(repeatPurchaseRate({ customers: ordersBy.size, repeatCustomers: [...ordersBy.values()].filter((count) => count > 1).length }))}`,
);
console.log(
  `  Q4 revenue from returning customers: ${pct(returningRevenueShare({ returningRevenue: returning, newRevenue: fresh }))}`,
);
console.log(
  `  historic CLV (AOV × yearly frequency × 30% margin × 3 years): ${historicLifetimeValue({ averageOrderValue: aov, purchaseFrequency: frequency, grossMargin: 0.3, lifespan: 3 }).toFixed(2)}`,
);
console.log(
  `  CLV from churn (yearly margin ${(aov * frequency * 0.3).toFixed(2)}, churn 45%, discount 10%): ${lifetimeValueFromChurn({ marginPerPeriod: aov * frequency * 0.3, churnRate: 0.45, discountRate: 0.1 }).toFixed(2)}`,
);
console.log(
  `  +5 points of retention from 55% adds ${pct(retentionProfitImpact({ retentionRate: 0.55, retentionIncrease: 0.05 }).profitIncrease)} to lifetime profit`,
);

function pct(fraction) {
  return `${(fraction * 100).toFixed(1)}%`.padStart(6);
}
