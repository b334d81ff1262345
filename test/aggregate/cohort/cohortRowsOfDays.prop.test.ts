import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohortRowsOfDays } from '../../../src/aggregate/cohort/cohortRowsOfDays';
import { RFM_OPTION_KEYS, resolveRfmOptions } from '../../../src/aggregate/rfm/rfmOptions';
import { purchaseDays } from '../../../src/aggregate/shared/purchaseDays';
import { type CalendarPeriod, type CohortMode, cohortRetentionColumns } from '../../../src/index';

const DAY = 86_400_000;
const START = Date.UTC(2023, 10, 1);
const row = fc.record({
  customer: fc.integer({ min: 0, max: 12 }),
  at: fc.integer({ min: START, max: START + 400 * DAY }),
  cents: fc.integer({ min: 0, max: 20_000 }),
});

describe('cohortRowsOfDays', () => {
  it('the table from grouped purchase days equals cohortRetentionColumns on the transactions, in every mode and calendar', () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 80 }),
        fc.constantFrom<CalendarPeriod>('week', 'month', 'quarter'),
        fc.constantFrom<CohortMode>('return-on', 'return-on-or-after', 'recurring'),
        fc.constantFrom(undefined, 'Asia/Ho_Chi_Minh', 'America/New_York'),
        (rows, period, mode, timeZone) => {
          const columns = {
            customerIndex: rows.map((entry) => entry.customer),
            at: rows.map((entry) => entry.at),
            amount: rows.map((entry) => entry.cents / 100),
          };
          const calendar = timeZone === undefined ? {} : { timeZone };
          const resolved = resolveRfmOptions('test', { unit: 'week', ...calendar }, RFM_OPTION_KEYS);
          const days = purchaseDays('test', columns, resolved);
          const expected = cohortRetentionColumns(columns, { period, mode, ...calendar });
          const [table] = cohortRowsOfDays('test', days, period, 1, [{ mode, brackets: undefined }]);
          expect(table).toEqual(expected);
        },
      ),
    );
  });
});
