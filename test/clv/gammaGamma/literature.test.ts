import { describe, expect, it } from 'vitest';
import { fitGammaGamma } from '../../../src/index';
import { hasSharedData, SKIP_MESSAGE } from '../../helpers/sharedData';
import { csv, expectParams } from '../literatureHelpers';

const describeShared = describe.skipIf(!hasSharedData);
const label = hasSharedData ? 'shared data present' : SKIP_MESSAGE;

describeShared(`CDNOW spend, Fader, Hardie & Lee (2005) "RFM and CLV" (${label})`, () => {
  it('Gamma-Gamma matches Fader & Hardie (2013): p 6.25, q 3.74, gamma 15.44 on the 946 repeat buyers', () => {
    const rows = csv('cdnow_customers_summary_with_transactions.csv')
      .filter(([, x]) => (x as number) > 0)
      .map(([, frequency, , , monetaryValue]) => ({
        frequency: frequency as number,
        monetaryValue: monetaryValue as number,
      }));
    expect(rows).toHaveLength(946);
    expectParams(fitGammaGamma(rows), { p: 6.25, q: 3.74, gamma: 15.44 }, 2);
  });
});
