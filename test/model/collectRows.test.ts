import { describe, expect, it } from 'vitest';
import { collectRows } from '../../src/model/collectRows';
import { RowError } from '../../src/model/rowReader';

describe('collectRows', () => {
  it('lists every row as accepted or rejected, both in input order', () => {
    const { accepted, rejected } = collectRows([1, -2, 3, -4], (row, index) => {
      if ((row as number) < 0) throw new RowError('INVALID_FIELD', `demo: row ${index}: negative`, 'value');
      return (row as number) * 10;
    });
    expect(accepted).toEqual([10, 30]);
    expect(rejected).toEqual([
      { index: 1, code: 'INVALID_FIELD', field: 'value', message: 'demo: row 1: negative' },
      { index: 3, code: 'INVALID_FIELD', field: 'value', message: 'demo: row 3: negative' },
    ]);
  });

  it('gives a rejected row a field only when the RowError names one', () => {
    const { rejected } = collectRows([null], () => {
      throw new RowError('NOT_AN_OBJECT', 'demo: row 0 must be an object');
    });
    expect(rejected).toEqual([{ index: 0, code: 'NOT_AN_OBJECT', message: 'demo: row 0 must be an object' }]);
    expect(Object.hasOwn(rejected[0] as object, 'field')).toBe(false);
  });

  it('lets any other exception through (a bug or a bad argument is not a rejected row)', () => {
    expect(() =>
      collectRows([1], () => {
        throw new TypeError('boom');
      }),
    ).toThrow(TypeError);
  });

  it('calls read once per row in order, so it may keep state across rows', () => {
    const seen = new Set<unknown>();
    const calls: number[] = [];
    const { accepted, rejected } = collectRows(['a', 'b', 'a'], (row, index) => {
      calls.push(index);
      if (seen.has(row)) throw new RowError('DUPLICATE_EVENT_ID', `demo: row ${index}: repeat`, 'id');
      seen.add(row);
      return row;
    });
    expect(calls).toEqual([0, 1, 2]);
    expect(accepted).toEqual(['a', 'b']);
    expect(rejected.map((row) => row.index)).toEqual([2]);
  });

  it('gives two empty lists for no rows', () => {
    expect(collectRows([], () => 1)).toEqual({ accepted: [], rejected: [] });
  });
});
