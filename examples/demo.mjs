// patronage demo: a year of a fictional shop's events, generated here (deterministic, seed 2024), parsed
// and turned into the loyalty and retention figures a CRM dashboard shows.
//   npm run demo
import {
  averageOrderValue,
  cohortRetention,
  customerEffortScore,
  customerSatisfactionScore,
  fitBgNbd,
  historicLifetimeValue,
  lifetimeValueFromChurn,
  loyalCustomers,
  loyaltyReference,
  loyaltyScore,
  netPromoterScore,
  parseEvents,
  periodRetention,
  probabilityAlive,
  purchaseFrequency,
  relationshipTypes,
  repeatPurchaseRate,
  retentionProfitImpact,
  returnOnRelationshipFromEvents,
  rfmScores,
  rfmSummary,
  sumMoney,
  supportResponseTimes,
  vulnerabilityFromEvents,
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

// ---- 3. Retention per quarter: active = purchased in the last 90 days ----------------------------
console.log('\nQuarterly retention (active = purchased in the last 90 days)');
console.log(
  '  quarter  start    end  acquired reactivated  retention  churn   new revenue  returning revenue',
);
for (const row of periodRetention(purchases, { period: 'quarter', activeWithin: 90 })) {
  if (row.customersAtStart === 0) continue;
  console.log(
    `  ${row.period}  ${String(row.customersAtStart).padStart(5)}  ${String(row.customersAtEnd).padStart(5)}  ${String(row.acquired).padStart(8)} ${String(row.reactivated).padStart(11)}     ${pct(row.retention)}  ${pct(row.churn)}  ${row.newRevenue.toFixed(2).padStart(12)}  ${row.returningRevenue.toFixed(2).padStart(17)}`,
  );
}

console.log('\nMonthly cohorts: share still buying k months after the first purchase');
for (const row of cohortRetention(purchases, { period: 'month' }).slice(0, 6)) {
  const cells = row.rates
    .slice(0, 7)
    .map((rate) => (rate === null ? '     ' : pct(rate)))
    .join(' ');
  console.log(`  ${row.cohort}  n=${String(row.size).padStart(3)}  ${cells}`);
}

// ---- 4. Satisfaction and service --------------------------------------------------------------
const surveyScores = (metric) =>
  events.filter((event) => event.type === 'survey' && event.metric === metric).map((event) => event.score);
const support = supportResponseTimes(events, { withinHours: 4 });
console.log('\nSatisfaction and service');
console.log(
  `  NPS  ${netPromoterScore(surveyScores('nps')).toFixed(1)}  (${surveyScores('nps').length} answers)`,
);
console.log(
  `  CSAT ${pct(customerSatisfactionScore(surveyScores('csat')))} satisfied  (${surveyScores('csat').length} answers)`,
);
console.log(
  `  CES  ${customerEffortScore(surveyScores('ces')).toFixed(2)} of 7  (${surveyScores('ces').length} answers)`,
);
console.log(
  `  support: ${support.tickets} tickets, median first response ${support.medianFirstResponseHours?.toFixed(1)} h, p90 ${support.p90FirstResponseHours?.toFixed(1)} h, ${pct(support.shareAnsweredWithin)} answered within 4 h`,
);

// ---- 5. Relationships ---------------------------------------------------------------------------
const ror = returnOnRelationshipFromEvents(events, { windowMonths: 12 });
const north = [...region].filter(([, name]) => name === 'north').map(([id]) => id);
const vi = vulnerabilityFromEvents(events, {
  competitor: 'Rival Co',
  campaignStart: CAMPAIGN_START,
  observationEnd: CAMPAIGN_START + 90 * DAY,
  baselineDays: 90,
  customers: north,
});
const types = relationshipTypes(events);
const countType = (type) => types.filter((entry) => entry.types.includes(type)).length;
console.log('\nRelationships');
console.log(
  `  Return on Relationship: ${pct(ror.ror)} of ${ror.helped} helped customers are referred or repeat`,
);
console.log(
  `  Vulnerability Index (Rival Co, north): ${vi.index?.toFixed(1)} (${vi.vulnerable.length} of ${vi.observed.length} bought less; ${vi.withoutBaseline.length} without baseline)`,
);
console.log(
  `  Loyal customers (5+ purchase days): ${loyalCustomers(events).length}; current ${countType('current')}, prospective ${countType('prospective')}, loyal and referring ${countType('loyal')}`,
);

// ---- 6. Revenue and lifetime value -------------------------------------------------------------
const revenue = sumMoney(purchases.map((event) => event.amount));
const buyers = new Set(purchases.map((event) => event.customerId)).size;
const aov = averageOrderValue({ revenue, orders: purchases.length });
const frequency = purchaseFrequency({ orders: purchases.length, customers: buyers });
const summary = rfmSummary(purchases, { unit: 'week' });
console.log('\nRevenue and lifetime value');
console.log(
  `  revenue ${revenue.toFixed(2)} (exact to the cent), AOV ${aov.toFixed(2)}, ${frequency.toFixed(2)} orders per customer`,
);
console.log(
  `  repeat purchase rate ${pct(repeatPurchaseRate({ customers: summary.length, repeatCustomers: summary.filter((row) => row.frequency > 0).length }))}`,
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

console.log('\nRFM segments and loyalty');
const segments = new Map();
for (const row of rfmScores(summary)) segments.set(row.segment, (segments.get(row.segment) ?? 0) + 1);
console.log(
  `  ${[...segments]
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => `${name} ${count}`)
    .join(', ')}`,
);
const fit = fitBgNbd(summary);
console.log(
  `  BG/NBD fit (weeks): r ${fit.params.r.toFixed(3)}, alpha ${fit.params.alpha.toFixed(3)}, a ${fit.params.a.toFixed(3)}, b ${fit.params.b.toFixed(3)}${fit.converged ? '' : ` (not converged: ${fit.reason})`}`,
);
const reference = loyaltyReference(summary);
const best = summary
  .map((row) => ({ row, score: loyaltyScore(row, reference, fit.converged ? { fit } : {}) }))
  .sort((a, b) => b.score.score - a.score.score)[0];
if (best !== undefined) {
  console.log(
    `  most loyal: ${best.row.customerId}, score ${best.score.score.toFixed(1)} (${best.score.components.map((c) => `${c.name} +${c.points.toFixed(1)}`).join(', ')})${fit.converged ? `, P(alive) ${probabilityAlive(fit, best.row).toFixed(3)}` : ''}`,
  );
}

function pct(fraction) {
  return fraction === null ? '   n/a' : `${(fraction * 100).toFixed(1)}%`.padStart(6);
}
