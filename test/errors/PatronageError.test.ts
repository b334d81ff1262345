import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { isPatronageError, PatronageError, retentionRate } from '../../src/index';

describe('PatronageError', () => {
  it('has name PatronageError, a code and details with the offending argument', () => {
    try {
      retentionRate({ customersAtStart: 10, customersAtEnd: 5, newCustomers: 7 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PatronageError);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({
        name: 'PatronageError',
        code: 'NEW_EXCEED_END',
        details: { argument: 'newCustomers', value: 7, customersAtEnd: 5 },
      });
    }
  });

  it('defaults details to an empty object', () => {
    expect(new PatronageError('EMPTY_INPUT', 'x').details).toEqual({});
  });
});

describe('isPatronageError', () => {
  it('recognises an error from another copy of the class (the other module format)', () => {
    const foreign = Object.assign(new Error('retentionRate: ...'), {
      name: 'PatronageError',
      code: 'NO_CUSTOMERS_AT_START',
    });
    expect(foreign instanceof PatronageError).toBe(false);
    expect(isPatronageError(foreign)).toBe(true);
  });

  const builtCjs = new URL('../../dist/index.cjs', import.meta.url);
  // CI sets PATRONAGE_REQUIRE_BUILD=1 after building, so there a missing bundle fails instead of skipping
  it.skipIf(!existsSync(builtCjs) && process.env['PATRONAGE_REQUIRE_BUILD'] !== '1')(
    'recognises an error thrown by the built CJS copy (skipped until npm run build)',
    () => {
      const cjs = createRequire(import.meta.url)(builtCjs.pathname) as {
        retentionRate: typeof retentionRate;
      };
      let thrown: unknown;
      try {
        cjs.retentionRate({ customersAtStart: 0, customersAtEnd: 0, newCustomers: 0 });
      } catch (error) {
        thrown = error;
      }
      expect(thrown instanceof PatronageError).toBe(false);
      expect(isPatronageError(thrown)).toBe(true);
    },
  );

  it('rejects look-alikes without a string code, and non-objects', () => {
    expect(isPatronageError(Object.assign(new Error('x'), { name: 'PatronageError' }))).toBe(false);
    expect(isPatronageError({ name: 'PatronageError', code: 1, message: 'x' })).toBe(false);
    expect(isPatronageError(new TypeError('x'))).toBe(false);
    expect(isPatronageError(null)).toBe(false);
    expect(isPatronageError('PatronageError')).toBe(false);
  });
});

describe('PatronageError construction', () => {
  it('accepts a non-string message without a TypeError (a Symbol is written out)', () => {
    expect(new PatronageError('EMPTY_INPUT', Symbol('why') as unknown as string).message).toBe('Symbol(why)');
  });
});
