// The source formulas of patronage in a plain Node ESM script.
// Run it from a project that has patronage installed (CI runs it against the packed tarball):
//   node examples/formulas.mjs
import {
  churnRate,
  customerSatisfactionScore,
  isPatronageError,
  lifetimeValueFromChurn,
  netPromoterScore,
  retentionProfitImpact,
  retentionRate,
  returnOnRelationship,
  vulnerabilityIndex,
} from 'patronage';

const quarter = { customersAtStart: 20, customersAtEnd: 24, newCustomers: 5 };
const rows = [
  ['retention rate (24 − 5) / 20', retentionRate(quarter)],
  ['churn rate', churnRate(quarter)],
  ['return on relationship, 130 of 400 helped', returnOnRelationship({ helped: 400, referredOrRepeat: 130 })],
  ['vulnerability index, 40 of 250 observed', vulnerabilityIndex({ observed: 250, vulnerable: 40 })],
  ['net promoter score', netPromoterScore([10, 9, 9, 8, 7, 6, 3, 10])],
  ['CSAT', customerSatisfactionScore([5, 4, 3, 5, 2])],
  [
    'lifetime value from churn, margin 30, churn 5%',
    lifetimeValueFromChurn({ marginPerPeriod: 30, churnRate: 0.05 }),
  ],
  [
    'lifetime profit from +5 points of retention',
    retentionProfitImpact({ retentionRate: 0.8, retentionIncrease: 0.05 }).profitIncrease,
  ],
];
for (const [label, value] of rows) console.log(`${label.padEnd(48)} ${Number(value.toFixed(4))}`);

try {
  retentionRate({ customersAtStart: 20, customersAtEnd: 30, newCustomers: 5 });
} catch (error) {
  if (!isPatronageError(error)) throw error;
  console.log(`inconsistent counts are reported, not clamped: ${error.code}`);
}
