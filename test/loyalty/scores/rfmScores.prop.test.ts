import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRfmSegment, rfmScores } from '../../../src/index';
import { codeOf } from '../../helpers/errors';
import { summaryRow } from './summaryRow';

describe('RFM score laws', () => {
  it('scores are whole numbers 1–5, ties share a score, and the segment is the documented map', () => {
    fc.assert(
      fc.property(fc.array(summaryRow, { minLength: 1, maxLength: 40 }), (rows) => {
        const scored = rfmScores(rows);
        scored.forEach((row, i) => {
          for (const score of [row.r, row.f, row.m]) expect([1, 2, 3, 4, 5]).toContain(score);
          expect(row.segment).toBe(defaultRfmSegment(row.r, row.f, row.m));
          rows.forEach((other, j) => {
            if (other.frequency === rows[i]?.frequency) expect(scored[j]?.f).toBe(row.f);
            if ((other.frequency ?? 0) > (rows[i]?.frequency ?? 0))
              expect(scored[j]?.f).toBeGreaterThanOrEqual(row.f);
            const since = (row_: typeof other) => row_.T - row_.recency;
            if (since(other) < since(rows[i] as typeof other))
              expect(scored[j]?.r).toBeGreaterThanOrEqual(row.r);
          });
        });
        // the lowest value scores 1
        expect(Math.min(...scored.map((row) => row.f))).toBe(1);
      }),
    );
  });

  it('row order does not change any customer’s scores', () => {
    fc.assert(
      fc.property(fc.array(summaryRow, { minLength: 1, maxLength: 40 }), (rows) => {
        const tagged = rows.map((row, i) => ({ ...row, customerId: `c${i}` }));
        const forward = rfmScores(tagged);
        const backward = rfmScores([...tagged].reverse()).reverse();
        expect(backward).toEqual(forward);
      }),
    );
  });

  it('a custom segment map is used, and one returning a non-string is INVALID_ARGUMENT', () => {
    const rows = [{ frequency: 1, recency: 1, T: 2, monetaryValue: 5 }];
    expect(rfmScores(rows, { segment: (r, f, m) => `${r}${f}${m}` })[0]?.segment).toBe('111');
    expect(codeOf(() => rfmScores(rows, { segment: () => 5 as unknown as string }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => rfmScores([{ frequency: 1, recency: 3, T: 2, monetaryValue: 5 }]))).toBe(
      'INVALID_SUMMARY_ROW',
    );
  });
});
