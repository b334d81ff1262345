import { describe, expect, it } from 'vitest';
import {
  acquisitionRetentionCostRatio,
  averageOrderValue,
  grossRevenueRetention,
  historicLifetimeValue,
  lifetimeValueFromChurn,
  meetsLoyaltyThreshold,
  netRevenueRetention,
  purchaseFrequency,
  repeatPurchaseRate,
  retentionProfitImpact,
  returningRevenueShare,
  returningSpendUplift,
  returnOnInvestment,
} from '../../src/index';
import { codeOf } from '../helpers/errors';
import { expectClose } from '../helpers/numbers';

const movements = { startingRevenue: 100_000, expansion: 15_000, contraction: 3_000, churned: 7_000 };

describe('purchase metrics', () => {
  it('repeatPurchaseRate is repeat / customers', () => {
    expect(repeatPurchaseRate({ customers: 1200, repeatCustomers: 330 })).toBe(0.275);
  });

  it('repeatPurchaseRate reports more repeat buyers than buyers', () => {
    expect(codeOf(() => repeatPurchaseRate({ customers: 3, repeatCustomers: 4 }))).toBe(
      'REPEAT_EXCEED_CUSTOMERS',
    );
  });

  it('repeatPurchaseRate reports zero customers with NO_CUSTOMERS', () => {
    expect(codeOf(() => repeatPurchaseRate({ customers: 0, repeatCustomers: 0 }))).toBe('NO_CUSTOMERS');
  });

  it('purchaseFrequency is orders per customer', () => {
    expect(purchaseFrequency({ orders: 3400, customers: 1000 })).toBe(3.4);
  });

  it('purchaseFrequency reports zero customers with NO_CUSTOMERS', () => {
    expect(codeOf(() => purchaseFrequency({ orders: 3, customers: 0 }))).toBe('NO_CUSTOMERS');
  });

  it('averageOrderValue is revenue per order', () => {
    expect(averageOrderValue({ revenue: 12_500, orders: 250 })).toBe(50);
  });

  it('averageOrderValue reports zero orders with NO_ORDERS', () => {
    expect(codeOf(() => averageOrderValue({ revenue: 0, orders: 0 }))).toBe('NO_ORDERS');
  });

  it('averageOrderValue rejects negative revenue rather than returning a negative average', () => {
    expect(codeOf(() => averageOrderValue({ revenue: -5, orders: 1 }))).toBe('OUT_OF_RANGE');
  });
});

describe('lifetime value', () => {
  it('historicLifetimeValue is AOV × frequency × margin × lifespan', () => {
    expectClose(
      historicLifetimeValue({ averageOrderValue: 50, purchaseFrequency: 4, grossMargin: 0.3, lifespan: 3 }),
      180,
    );
  });

  it('historicLifetimeValue rejects a margin above 1', () => {
    expect(
      codeOf(() =>
        historicLifetimeValue({ averageOrderValue: 1, purchaseFrequency: 1, grossMargin: 1.2, lifespan: 1 }),
      ),
    ).toBe('OUT_OF_RANGE');
  });

  it('historicLifetimeValue reports an overflowing product as NOT_FINITE instead of returning Infinity', () => {
    expect(
      codeOf(() =>
        historicLifetimeValue({
          averageOrderValue: 1e200,
          purchaseFrequency: 1e200,
          grossMargin: 1,
          lifespan: 1,
        }),
      ),
    ).toBe('NOT_FINITE');
  });

  it('lifetimeValueFromChurn without discounting is margin / churn', () => {
    expect(lifetimeValueFromChurn({ marginPerPeriod: 30, churnRate: 0.05 })).toBe(600);
  });

  it('lifetimeValueFromChurn with discounting is m (1 + d) / (d + c)', () => {
    expectClose(lifetimeValueFromChurn({ marginPerPeriod: 30, churnRate: 0.05, discountRate: 0.01 }), 505);
  });

  it('lifetimeValueFromChurn reports zero churn without discounting as ZERO_CHURN', () => {
    expect(codeOf(() => lifetimeValueFromChurn({ marginPerPeriod: 30, churnRate: 0 }))).toBe('ZERO_CHURN');
  });

  it('lifetimeValueFromChurn with zero churn but a discount rate is finite: m (1 + d) / d', () => {
    expectClose(lifetimeValueFromChurn({ marginPerPeriod: 10, churnRate: 0, discountRate: 0.1 }), 110);
  });

  it('retentionProfitImpact: +5 points from 80% at a 10% discount rate adds 20% lifetime profit', () => {
    const impact = retentionProfitImpact({ retentionRate: 0.8, retentionIncrease: 0.05, discountRate: 0.1 });
    expectClose(impact.profitIncrease, 0.2);
    expectClose(impact.improvedValue / impact.baselineValue - 1, impact.profitIncrease);
  });

  it('retentionProfitImpact uses a 10% discount rate by default', () => {
    expect(retentionProfitImpact({ retentionRate: 0.8, retentionIncrease: 0.05 })).toEqual(
      retentionProfitImpact({ retentionRate: 0.8, retentionIncrease: 0.05, discountRate: 0.1 }),
    );
  });

  it('retentionProfitImpact reports retention above 1', () => {
    expect(codeOf(() => retentionProfitImpact({ retentionRate: 0.98, retentionIncrease: 0.05 }))).toBe(
      'RETENTION_ABOVE_ONE',
    );
  });

  it('retentionProfitImpact reports perfect retention without discounting as ZERO_CHURN', () => {
    expect(
      codeOf(() => retentionProfitImpact({ retentionRate: 0.95, retentionIncrease: 0.05, discountRate: 0 })),
    ).toBe('ZERO_CHURN');
  });
});

describe('revenue metrics', () => {
  it('returnOnInvestment of $8.71 back per dollar is 7.71', () => {
    expectClose(returnOnInvestment({ gain: 8.71, cost: 1 }), 7.71);
  });

  it('returnOnInvestment is −1 when nothing came back', () => {
    expect(returnOnInvestment({ gain: 0, cost: 50 })).toBe(-1);
  });

  it('returnOnInvestment reports zero cost with ZERO_COST', () => {
    expect(codeOf(() => returnOnInvestment({ gain: 5, cost: 0 }))).toBe('ZERO_COST');
  });

  it('netRevenueRetention counts expansion', () => {
    expectClose(netRevenueRetention(movements), 1.05);
  });

  it('grossRevenueRetention leaves expansion out', () => {
    expect(grossRevenueRetention(movements)).toBe(0.9);
  });

  it('revenue retention reports losses above the starting revenue', () => {
    expect(codeOf(() => netRevenueRetention({ ...movements, churned: 98_000 }))).toBe('LOSSES_EXCEED_START');
  });

  it('revenue retention reports zero starting revenue with NO_REVENUE', () => {
    expect(
      codeOf(() => grossRevenueRetention({ ...movements, startingRevenue: 0, contraction: 0, churned: 0 })),
    ).toBe('NO_REVENUE');
  });

  it('returningRevenueShare is returning / total', () => {
    expect(returningRevenueShare({ returningRevenue: 64_000, newRevenue: 36_000 })).toBe(0.64);
  });

  it('returningRevenueShare reports no revenue at all', () => {
    expect(codeOf(() => returningRevenueShare({ returningRevenue: 0, newRevenue: 0 }))).toBe('NO_REVENUE');
  });

  it('returningSpendUplift of 83.5 against 50 is the quoted 67%', () => {
    expectClose(returningSpendUplift({ returningAverageSpend: 83.5, newAverageSpend: 50 }), 0.67);
  });

  it('returningSpendUplift reports zero new-customer spend', () => {
    expect(codeOf(() => returningSpendUplift({ returningAverageSpend: 1, newAverageSpend: 0 }))).toBe(
      'NO_REVENUE',
    );
  });

  it('acquisitionRetentionCostRatio is acquisition / retention cost', () => {
    expect(acquisitionRetentionCostRatio({ acquisitionCost: 120, retentionCost: 15 })).toBe(8);
  });

  it('acquisitionRetentionCostRatio reports zero retention cost', () => {
    expect(codeOf(() => acquisitionRetentionCostRatio({ acquisitionCost: 1, retentionCost: 0 }))).toBe(
      'ZERO_COST',
    );
  });
});

describe('meetsLoyaltyThreshold', () => {
  it('treats five purchases as loyal by default (docs/formulas.md §1.4)', () => {
    expect([4, 5, 6].map((count) => meetsLoyaltyThreshold(count))).toEqual([false, true, true]);
  });

  it('uses a configured threshold', () => {
    expect(meetsLoyaltyThreshold(2, { threshold: 2 })).toBe(true);
  });

  it('rejects a zero threshold', () => {
    expect(codeOf(() => meetsLoyaltyThreshold(2, { threshold: 0 }))).toBe('OUT_OF_RANGE');
  });

  it('rejects a fractional purchase count', () => {
    expect(codeOf(() => meetsLoyaltyThreshold(2.5))).toBe('NOT_AN_INTEGER');
  });
});
