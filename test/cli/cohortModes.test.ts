import { describe, expect, it } from 'vitest';
import { cohortRetention } from '../../src/index';
import { cli, file } from '../helpers/cli';

// ann buys in months 0, 1 and 2 of her cohort, bo in months 0 and 3, cy once
const ORDERS = `order,customer,ordered_at,total
1,ann,2024-01-02,10.00
2,bo,2024-01-05,5.50
3,ann,2024-02-10,20.00
4,cy,2024-03-01,7.25
5,ann,2024-03-20,12.00
6,bo,2024-04-02,3.00
`;
const MAP = ['--customer', 'customer', '--date', 'ordered_at', '--amount', 'total'];
const LOG = [
  { customerId: 'ann', at: '2024-01-02', amount: 10 },
  { customerId: 'bo', at: '2024-01-05', amount: 5.5 },
  { customerId: 'ann', at: '2024-02-10', amount: 20 },
  { customerId: 'cy', at: '2024-03-01', amount: 7.25 },
  { customerId: 'ann', at: '2024-03-20', amount: 12 },
  { customerId: 'bo', at: '2024-04-02', amount: 3 },
];

describe('patronage cohorts --mode', () => {
  it('prints the table of each mode, as cohortRetention computes it', async () => {
    const path = file('modes.csv', ORDERS);
    for (const mode of ['return-on', 'return-on-or-after', 'recurring'] as const) {
      const result = await cli(['cohorts', path, ...MAP, '--mode', mode, '--format', 'json']);
      expect(result.code, result.err).toBe(0);
      expect(JSON.parse(result.out)).toEqual(cohortRetention(LOG, { mode }));
    }
    const csv = await cli(['cohorts', path, ...MAP, '--mode', 'return-on-or-after']);
    expect(csv.out.split('\n').slice(0, 2)).toEqual([
      'cohort,size,rate_0,rate_1,rate_2,rate_3',
      '2024-01,2,1,1,1,0.5',
    ]);
  });

  it('--mode brackets takes --brackets and names its columns by bracket', async () => {
    const path = file('brackets.csv', ORDERS);
    const result = await cli(['cohorts', path, ...MAP, '--mode', 'brackets', '--brackets', '1-2,3']);
    expect(result.code, result.err).toBe(0);
    expect(result.out.split('\n').slice(0, 2)).toEqual([
      'cohort,size,rate_1_2,rate_3_3',
      '2024-01,2,0.5,0.5',
    ]);
    const json = await cli([
      'cohorts',
      path,
      ...MAP,
      '--mode',
      'brackets',
      '--brackets',
      '1-2,3',
      '--format',
      'json',
    ]);
    expect(JSON.parse(json.out)).toEqual(
      cohortRetention(LOG, {
        mode: 'brackets',
        brackets: [
          [1, 2],
          [3, 3],
        ],
      }),
    );
  });

  it('refuses a bad mode, bad or missing brackets, and --threads with a mode that is not streamed (exit 2)', async () => {
    const path = file('bad.csv', ORDERS);
    const runs = [
      ['--mode', 'rolling'],
      ['--mode', 'brackets'],
      ['--mode', 'brackets', '--brackets', '1-7,x'],
      ['--mode', 'brackets', '--brackets', '8-30,1-7'],
      ['--brackets', '1-7'],
      ['--mode', 'recurring', '--threads', '2'],
    ];
    for (const extra of runs) {
      const result = await cli(['cohorts', path, ...MAP, ...extra]);
      expect(result.code, extra.join(' ')).toBe(2);
      expect(result.out, extra.join(' ')).toBe('');
    }
  });
});
